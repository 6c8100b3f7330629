#pragma once
// Cross-layer equalization (Nagel et al., "Data-Free Quantization Through Weight Equalization and Bias
// Correction", 2019): in a chain  conv A -> [Relu | LeakyRelu | pooling ...] -> conv B  the output channel i
// of A can be divided by s_i > 0 and B's input channel i multiplied by s_i without changing the model (what
// lies between them is positively homogeneous, channel by channel). s_i = sqrt(rA_i / rB_i), with r the
// channel's largest |weight|, gives both layers the same per-channel range. It targets MobileNet-style
// blocks: a depthwise conv whose channel gains span 0.003 .. 7 after a conv whose channels are just as uneven
// leaves the activation between them with channels that use a sliver of its per-tensor int8 grid, which the
// depthwise conv then amplifies. With per-channel weights it trades weight precision for activation
// precision, so it helps some models and costs others a little (README, real models): an option, not a default.

#include "core/ir/graph.h"

namespace qs {

struct EqualizationReport {
    int pairs = 0;      // conv pairs equalized
    int iterations = 0; // sweeps over the pairs until the scales settled
};

// Equalizes every pair of the prepared graph (BatchNorm already folded: the scales must see the final
// weights). A pair needs: A's output, and that of each node between A and B, read by one node only; both
// weights constant float32 and read by no other node; B reading the value as its input 0.
// Each sweep equalizes the pairs in graph order; sweeps repeat (at most 20) until every scale is within
// 1e-4 of 1, since a conv between two pairs is rescaled by both.
EqualizationReport equalizeChannels(Graph& graph);

} // namespace qs
