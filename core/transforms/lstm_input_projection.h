#pragma once
// An LSTM's input projection as an int8-capable Gemm. Four fifths of an LSTM's MACs are often the input
// projection W x (en_number: input 288, hidden 48), and unlike the recurrence R H it does not depend on the
// previous step: every step's W x is one product of the whole sequence, [seq * batch, input] x W^T. The rewrite
// runs it as Reshape -> Gemm (W of every direction, bias Wb + Rb) -> Reshape, and the LSTM (without W, see
// core/ops/lstm.cpp) reads those input gates and runs only the recurrence. The Gemm keeps the LSTM's name, so a
// Distiller configuration that names the layer applies to it; the recurrence is `name/recurrence`.

#include "core/ir/graph.h"

namespace qs {

// Rewrites every LSTM whose W is a constant float tensor and whose X is computed with a known shape (and B, if
// present, constant). Needs inferred shapes. Returns how many LSTMs were rewritten.
int lstmInputProjections(Graph& graph);

} // namespace qs
