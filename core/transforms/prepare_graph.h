#pragma once
// The standard preparation of an imported model for a fixed input shape: fix shapes, infer and fold
// constants, bypass Identity/Dropout, optionally fold BatchNormalization into Conv/Gemm.

#include "core/ir/graph.h"
#include "core/transforms/shape_inference.h"

namespace qs {

struct PrepareOptions {
    InputShapes shapes;
    bool foldBatchNorm = true;
};

Graph prepareGraph(const Graph& model, const PrepareOptions& options);

} // namespace qs
