#pragma once
// One operator type: its attribute validation and shape inference, a naive FP32 reference implementation
// (the slow twin every fast path is tested against, also used for constant folding and as the engine's
// fallback), and its quantization traits. The oneDNN lowering is not part of Op: it lives in
// core/engine/dnnl_lower_*.cpp, registered by op type in core/engine/dnnl_lowerings.cpp, so that only
// core/engine/dnnl_* files include oneDNN; an op type without one, or a node its lowering declines, runs
// the reference kernel. Each operator (or close family) has its own file in core/ops, named after it, and
// one registration line (a loop over the types of a family) in op_registry.cpp.

#include "core/ir/graph.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace qs {

// How values flow through an operator in the int8 engine. The quantization plan builder, the int8 lowering,
// the derived calibration statistics and layerFacts() (core/quant) read these and nothing else: no code
// outside core/ops compares op-type strings to decide how a value is quantized.
enum class QuantRole {
    None,         // runs in FP32; an integer value entering it is dequantized first
    IntegerLayer, // runs on int8 kernels with its own settings: quantizes its input, weights (weightInputs) to s8
    PassThrough,  // takes integers and keeps their scale and zero point (pooling, views)
    Requantizing, // combines integer inputs into a quantization of its own (Concat, Add of two integer values)
};

struct OpQuantTraits {
    QuantRole role = QuantRole::None;
    bool quantizable = false;      // has per-layer settings in a Distiller config (conv, gemm, add, pool, activations...)
    std::vector<int> weightInputs; // inputs holding weights (quantized to bits_weights)
    int weightOutputAxis = 0;      // axis of the weights that indexes output channels (per-channel scales)
    // With weightOutputAxis > 0: the leading axis splits into this many groups, each with weightOutputAxis's
    // channels of its own (ConvTranspose's [C_in, C_out/group, k...]: output channel g * C_out/group + j).
    int64_t weightGroups = 1;
    int biasInput = -1;            // input holding the bias (added in the 32-bit accumulator)
    std::string noIntegerKernel;   // why this node has no int8 kernel when the reason is more than its role (attributes, operands)
    bool fusesAfterIntegerLayer = false; // runs as a post-op on an integer layer's scaled accumulator (ReLU, LeakyReLU, Clip)
    // The input holding per-channel values the post-op reads (PRelu's slope): it fuses only when that input is a
    // constant with one value, or one per channel of the layer's output (channel axis 1).
    int channelOperand = -1;
    bool fusesAfterIntegerAdd = false;   // runs as a clamp on an integer Add's result (ReLU, Clip: they commute with the shift)
    bool residualAdd = false;      // can run as a sum post-op inside the integer layer that produces one operand (Add)
    // Requantizing: quantizes float inputs itself as well (Concat); without it the node runs in FP32 unless every
    // input is integers already (Add).
    bool quantizesFloatInputs = false;
    bool view = false;             // the input's numbers in another shape, possibly aliasing its buffer (Flatten, Reshape...)
    bool reluOfInput = false;      // output = max(input, 0): its statistics follow from the input's (ReLU)
    bool commutesWithRelu = false; // op(max(x, 0)) = max(op(x), 0) (max pooling)
    // Output range implied by the operator whatever its input (ReLU >= 0, Sigmoid in [0,1]...).
    std::optional<float> outputMin;
    std::optional<float> outputMax;
};

// What graph preparation (core/transforms) needs to know about an operator.
struct OpPrepareTraits {
    bool identityAtInference = false;  // its first output equals its first input at inference (Identity, Dropout)
    bool channelNormalization = false; // per-channel (x - mean) * scale / sqrt(var + eps) + shift (BatchNormalization)
    bool absorbsChannelAffine = false; // a per-output-channel scale and shift folds into its weights and bias
    // A per-output-channel constant added to its output (channel axis 1) folds into its bias (input 2): Conv,
    // ConvTranspose (exporters such as paddle2onnx add a transposed conv's bias as a separate Add).
    bool absorbsChannelShift = false;
    bool sumsInputs = false; // output = input 0 + input 1, broadcast (Add)
    // Weights (input 1) laid out [O, I/group, k...] multiply the input's channels: a per-input-channel scale of
    // the input folds into them (Conv). Cross-layer equalization moves scales into such layers.
    bool scalesByInputChannel = false;
    // f(s * x) = s * f(x) for every s > 0, element-wise: a per-channel scale passes through unchanged (Relu,
    // LeakyRelu; not Clip's upper bound, not Sigmoid).
    bool positivelyHomogeneous = false;
};

struct InferContext {
    Node& node;                                // may be normalised (e.g. auto_pad resolved to explicit pads)
    std::vector<const ValueInfo*> inputs;      // nullptr for an omitted optional input
    std::vector<const Tensor*> constants;      // the value of constant inputs, nullptr otherwise
    int64_t opset = 13;
    std::vector<ValueInfo> outputs;            // to fill: dtype and shape of each output
    std::optional<std::vector<Tensor>> values; // optional: outputs known from shapes alone (Shape)

    const ValueInfo& in(std::size_t i) const;       // throws if omitted
    const Tensor& constantInput(std::size_t i, const char* what) const; // throws if not constant
    bool has(std::size_t i) const { return i < inputs.size() && inputs[i]; }
};

class Op {
public:
    virtual ~Op() = default;
    virtual const char* type() const = 0;
    // Validates attributes and inputs, fills ctx.outputs. Throws qs::Error (node context added by the caller).
    virtual void infer(InferContext& ctx) const = 0;
    // The reference implementation; `inputs` holds nullptr for omitted optional inputs.
    virtual std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& inputs) const = 0;
    virtual OpQuantTraits quantTraits(const Node&) const { return {}; }
    virtual OpPrepareTraits prepareTraits(const Node&) const { return {}; }
    // Multiply-accumulates of one run with these input and output shapes: the compute an int8 kernel saves.
    // 0 for operators without a dot-product core (elementwise, pooling, data movement).
    virtual int64_t multiplyAccumulates(const std::vector<Shape>& /*inputs*/, const Shape& /*output*/) const { return 0; }
    // False for operators whose result must not be folded even with constant inputs (none so far).
    virtual bool foldable() const { return true; }
};

// The registered operator for an ONNX op type (default domain), or nullptr.
const Op* findOp(const std::string& opType);
// The preparation traits of a node's operator; none for unknown or custom-domain operators.
OpPrepareTraits prepareTraitsOf(const Node& node);
std::vector<std::string> supportedOpTypes();

} // namespace qs
