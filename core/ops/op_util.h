#pragma once
// Shared helpers for operator shape inference and reference kernels.

#include "core/ir/graph.h"
#include "core/ops/op.h"

#include <cstdint>
#include <vector>

namespace qs {

ValueInfo makeInfo(DataType type, Shape shape);
// Numpy-style multidirectional broadcasting; throws on incompatible shapes.
Shape broadcastShapes(const Shape& a, const Shape& b);
// The same over any number of shapes (an empty list broadcasts to a scalar).
Shape broadcastAll(const std::vector<Shape>& shapes);
// The shape of each tensor.
std::vector<Shape> shapesOf(const std::vector<const Tensor*>& in);
// Axis in [-rank, rank) to [0, rank); throws when out of range.
int64_t normalizeAxis(int64_t axis, int64_t rank);
// The node's "axis" attribute (default `fallback`) normalised for `rank` and written back, so the kernels
// (and the oneDNN lowerings) read a non-negative axis.
int64_t resolveAxisAttribute(InferContext& ctx, std::size_t rank, int64_t fallback = 0);
// Requires between min and max inputs (max < 0: unbounded) and every required input's shape known.
void requireInputs(const InferContext& ctx, std::size_t min, int max = -1);
// The same, and no input omitted and every input's shape known (the broadcasting operators).
void requireAllInputs(const InferContext& ctx, std::size_t min, int max);

// The quantization traits of data movement that selects or reorders elements without computing (Slice, Split,
// Transpose, DepthToSpace): integers pass through with their scale and zero point, every output alike.
OpQuantTraits movesElementsTraits();

// Shape checks Conv and ConvTranspose share. checkConvRanks: 1 to 3 spatial dims, weight rank = input rank.
// convKernel (after the op's own channel/group checks): bias is [outputChannels], kernel_shape (if given) equals
// the weight's spatial dims; returns the kernel.
void checkConvRanks(const InferContext& ctx, const char* op);
std::vector<int64_t> convKernel(const InferContext& ctx, int64_t outputChannels);

// Pads, strides, dilations and kernel of a sliding-window operator (Conv, pooling), with auto_pad resolved.
struct WindowGeometry {
    std::vector<int64_t> kernel, strides, dilations, padsBegin, padsEnd;
    std::vector<int64_t> outputSpatial;
};
// `spatial` are the input's spatial dims. Writes explicit "pads" back into the node so later stages
// (the engine) never see auto_pad. ceilMode rounds the output size up (pooling only).
WindowGeometry resolveWindow(Node& node, const std::vector<int64_t>& spatial, const std::vector<int64_t>& kernel,
                             bool ceilMode = false);
// Same, from already resolved attributes (kernel from weights or kernel_shape).
WindowGeometry windowOf(const Node& node, const std::vector<int64_t>& spatial, const std::vector<int64_t>& kernel,
                        bool ceilMode = false);

// Applies fn(outIndex, aIndex, bIndex) over the broadcast of shapes a and b into out.
template <typename Fn>
void forEachBroadcast(const Shape& out, const Shape& a, const Shape& b, Fn&& fn);
// The same for any number of shapes: fn(outIndex, inputIndices).
template <typename Fn>
void forEachBroadcastN(const Shape& out, const std::vector<Shape>& shapes, Fn&& fn);
// A bool tensor of a and b broadcast together, element o = test(aIndex, bIndex) (comparisons, logic).
template <typename Test>
Tensor broadcastBool(const Tensor& a, const Tensor& b, Test&& test);

} // namespace qs

#include "core/ops/op_util_inl.h"
