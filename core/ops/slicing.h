#pragma once
// Slice and Split geometry shared by the reference kernels (slice.cpp, split.cpp, which define these) and
// the oneDNN lowering (which copies the selected elements with one strided reorder per output).

#include "core/ir/graph.h"

#include <vector>

namespace qs {

struct SliceSpec {
    Shape out;
    std::vector<int64_t> start, step; // per input axis: first element taken and the stride between elements
};
// Starts/ends/axes/steps from inputs 1-4 (opset >= 10; nullptr where omitted) or the attributes (< 10),
// clamped as ONNX specifies.
SliceSpec sliceSpecOf(const Node& node, const Shape& x, const std::vector<const Tensor*>& inputs);

// The sizes along the (normalised) "axis" attribute of each output of Split: from the `split` input
// (opset >= 13, nullptr if omitted), the attribute, or equal parts.
std::vector<int64_t> splitSizes(const Node& node, const Shape& x, const Tensor* splitInput);

} // namespace qs
