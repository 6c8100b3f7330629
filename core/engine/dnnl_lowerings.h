#pragma once
// Lowering functions of each operator family (one dnnl_lower_*.cpp each), their registry by op type
// (dnnl_lowerings.cpp) and shared post-op fusion.

#include "core/engine/dnnl_lowering_context.h"

#include <oneapi/dnnl/dnnl.hpp>

#include <string>
#include <vector>

namespace qs {

using LowerFn = bool (*)(LoweringContext& ctx, const Node& node);
// The lowering registered for an op type, or nullptr (see dnnl_lowerings.cpp).
LowerFn findLowering(const std::string& opType);

bool lowerConv(LoweringContext& ctx, const Node& node);
bool lowerGemm(LoweringContext& ctx, const Node& node);
bool lowerBatchNorm(LoweringContext& ctx, const Node& node);
bool lowerActivation(LoweringContext& ctx, const Node& node);
bool lowerBinary(LoweringContext& ctx, const Node& node);
bool lowerPool(LoweringContext& ctx, const Node& node);
bool lowerSoftmax(LoweringContext& ctx, const Node& node);
bool lowerConcat(LoweringContext& ctx, const Node& node);
bool lowerView(LoweringContext& ctx, const Node& node); // Flatten, Reshape, Squeeze, Unsqueeze
bool lowerConvTranspose(LoweringContext& ctx, const Node& node);
bool lowerMatMul(LoweringContext& ctx, const Node& node);
bool lowerTranspose(LoweringContext& ctx, const Node& node);
bool lowerResize(LoweringContext& ctx, const Node& node); // Resize, Upsample
bool lowerReduce(LoweringContext& ctx, const Node& node); // ReduceMean, ReduceMax, ReduceSum
bool lowerSlice(LoweringContext& ctx, const Node& node);
bool lowerSplit(LoweringContext& ctx, const Node& node);
bool lowerPad(LoweringContext& ctx, const Node& node); // constant mode
bool lowerDepthSpace(LoweringContext& ctx, const Node& node); // DepthToSpace, SpaceToDepth
bool lowerPRelu(LoweringContext& ctx, const Node& node);
bool lowerConvInt8(LoweringContext& ctx, const Node& node);
bool lowerConvTransposeInt8(LoweringContext& ctx, const Node& node);
bool lowerGemmInt8(LoweringContext& ctx, const Node& node);
bool lowerAddInt8(LoweringContext& ctx, const Node& node);

// Convolution geometry in oneDNN's terms (shared by the FP32 and int8 lowerings): grouped weight dims,
// strides, dilations (oneDNN counts from 0), and the right padding that yields exactly the ONNX output size.
struct DnnlConvGeometry {
    dnnl::memory::dims weightDims, strides, dilation, padL, padR;
};
DnnlConvGeometry convGeometry(const Node& node, const Shape& x, const Shape& w, const Shape& y);
// The same for ConvTranspose (`w` in ONNX's [C_in, C_out/group, k...]; weightDims are oneDNN's (g,) O, I, k...).
DnnlConvGeometry deconvGeometry(const Node& node, const Shape& x, const Shape& w, const Shape& y);
// Gemm's B as [N, K] float weights (transposed when transB = 0), as inner_product takes them.
Tensor gemmWeightsNK(const Node& node, const Tensor& b, int64_t n, int64_t k);

// Appends the activations that directly follow `value` (each the sole consumer of the previous) to `ops`
// and marks them fused. Returns the name of the last value produced (== value if nothing was fused).
std::string fuseActivations(LoweringContext& ctx, const std::string& value, dnnl::post_ops& ops);

// The same in two steps, for lowerings whose primitive descriptor oneDNN may still reject: collect the
// post-ops, build the descriptor, then commit(). A dnnl::error in between makes the engine run the node on
// its reference kernel, and activations marked fused already would then never run at all.
struct PendingActivations {
    std::string output;              // the last value produced (== value if nothing can be fused)
    std::vector<const Node*> nodes;  // the activations, in order
    void commit(LoweringContext& ctx) const;
};
PendingActivations collectActivations(const LoweringContext& ctx, const std::string& value, dnnl::post_ops& ops);

} // namespace qs
