#pragma once
// A prepared graph of opset 9-12 restated at opset 13, where DequantizeLinear takes per-axis scales: per-channel
// int8 weights in a QDQ file need it, and most exported CNNs in the wild (torch.onnx's and paddle2onnx's defaults
// for years) declare opset 9 or 11. Only what changed between those opsets and 13 for the operators QuantScope
// runs is rewritten, from the values shape inference already resolved: Split's sizes, Squeeze/Unsqueeze's and
// ReduceSum's axes, Slice's bounds (before 10), Pad's pads and value and Clip's bounds (before 11) become constant
// inputs; Resize-10 and Upsample become Resize-13 with the asymmetric coordinates they meant. A node whose meaning
// opset 13 cannot keep this way (a Softmax over all trailing dims of a 3-D or wider input) stops the upgrade.

#include "core/ir/graph.h"

#include <string>

namespace qs {

// Rewrites `graph` (prepared: shapes inferred, constants folded) to opset 13. Returns "" on success, else why not
// (naming the node; `graph` is then unchanged). A graph at opset 13 or later is left as it is.
std::string upgradeToOpset13(Graph& graph);

} // namespace qs
