#pragma once
// One operator type: its attribute validation and shape inference, a naive FP32 reference implementation
// (the slow twin every fast path is tested against, also used for constant folding and as the engine's
// fallback), and its quantization traits. The oneDNN lowering lives in core/engine/dnnl_* so that only
// those files include oneDNN. Operators are registered by one line each in op_registry.cpp.

#include "core/ir/graph.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace qs {

// What quantization needs to know about an operator.
struct OpQuantTraits {
    bool quantizable = false;      // a layer the user can configure (conv, gemm, add, pool, activations...)
    std::vector<int> weightInputs; // inputs holding weights (quantized to bits_weights)
    int biasInput = -1;            // input holding the bias (quantized to bits_bias / int32)
    bool fusableActivation = false; // can be fused as a post-op into a preceding conv / gemm
    bool preservesScale = false;   // output shares the input's quantization (max pool, reshape, concat...)
    // Output range implied by the operator whatever its input (ReLU >= 0, Sigmoid in [0,1]...).
    std::optional<float> outputMin;
    std::optional<float> outputMax;
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
    // False for operators whose result must not be folded even with constant inputs (none so far).
    virtual bool foldable() const { return true; }
};

// The registered operator for an ONNX op type (default domain), or nullptr.
const Op* findOp(const std::string& opType);
std::vector<std::string> supportedOpTypes();

} // namespace qs
