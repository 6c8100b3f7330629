#pragma once
// Graph clean-up passes that keep semantics: bypass Identity/Dropout, fold BatchNormalization into the
// preceding convolution or Gemm when that is exact (the producer feeds only the BN), and a constant bias Add
// into the convolution before it.

#include "core/ir/graph.h"

namespace qs {

// Removes Identity and inference-mode Dropout nodes. Returns how many were removed.
int removePassThroughNodes(Graph& graph);
// Folds BN into Conv/Gemm weights and bias. Needs constant weights and BN parameters (after shape inference).
// Returns how many BN nodes were folded.
int foldBatchNorm(Graph& graph);
// Folds an Add of a per-output-channel constant ([C], [C,1,...], [1,C,1,...] or a single value) into the bias of the
// Conv/ConvTranspose that alone feeds it, so the layer's output is the sum and an int8 run has no float step
// between them. Returns how many Adds were folded.
int foldChannelBiasAdd(Graph& graph);

} // namespace qs
