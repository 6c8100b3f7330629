#pragma once
// The standard preparation of an imported model for a fixed input shape: fix shapes, infer and fold
// constants, bypass Identity/Dropout, optionally fold BatchNormalization into Conv/Gemm (and a constant bias Add
// into the Conv/ConvTranspose before it), run a MatMul by a constant matrix (matmul_as_gemm.h) and an LSTM's input
// projection (lstm_input_projection.h) as Gemm, and equalize the channel ranges of consecutive convolutions
// (equalize_channels.h).

#include "core/ir/graph.h"
#include "core/transforms/shape_inference.h"

namespace qs {

struct PrepareOptions {
    InputShapes shapes;
    bool foldBatchNorm = true;
    bool equalizeChannels = false; // after BatchNorm folding; ignored without it (the scales need the final weights)
};

Graph prepareGraph(const Graph& model, const PrepareOptions& options);

} // namespace qs
