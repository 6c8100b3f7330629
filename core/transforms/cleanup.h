#pragma once
// Graph clean-up passes that keep semantics: bypass Identity/Dropout, fold BatchNormalization into the
// preceding convolution or Gemm when that is exact (the producer feeds only the BN).

#include "core/ir/graph.h"

namespace qs {

// Removes Identity and inference-mode Dropout nodes. Returns how many were removed.
int removePassThroughNodes(Graph& graph);
// Folds BN into Conv/Gemm weights and bias. Needs constant weights and BN parameters (after shape inference).
// Returns how many BN nodes were folded.
int foldBatchNorm(Graph& graph);

} // namespace qs
