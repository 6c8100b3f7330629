#pragma once
// The activation family (core/ops/activation.h) in oneDNN's terms: the eltwise algorithms that compute an
// activation node, used both for standalone activations and for activations fused as post-ops.

#include "core/ir/graph.h"

#include <oneapi/dnnl/dnnl.hpp>

#include <vector>

namespace qs {

// One oneDNN eltwise operation: an algorithm with its alpha and beta.
struct DnnlEltwise {
    dnnl::algorithm algorithm;
    float alpha = 0.0f, beta = 0.0f;
};
// Appends the eltwise operations that compute activation node `node` to `chain` (HardSigmoid takes two); false
// when oneDNN has none (Erf, a node that is no activation, a Clip bound that is not constant).
bool dnnlEltwiseChain(const Node& node, const Graph& graph, std::vector<DnnlEltwise>& chain);

} // namespace qs
