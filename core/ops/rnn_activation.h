#pragma once
// The activation functions of ONNX's recurrent operators (LSTM's f, g and h), named by the `activations`
// attribute and parameterised by `activation_alpha` / `activation_beta`. These are not the graph's activation
// operators (activation.h): the RNN family has its own list (Affine, ScaledTanh, Softsign...) and its own way
// of handing out alphas and betas, so it gets its own small table.

#include "core/ir/graph.h"

#include <string>
#include <vector>

namespace qs {

enum class RnnActivationKind { Relu, Tanh, Sigmoid, Affine, LeakyRelu, ThresholdedRelu, ScaledTanh, HardSigmoid, Elu, Softsign, Softplus };

struct RnnActivation {
    RnnActivationKind kind = RnnActivationKind::Sigmoid;
    float alpha = 0.0f;
    float beta = 0.0f;
};

// The node's `activations` (or `defaults` when it has none) with their alphas and betas. Alphas and betas are
// consumed in the order of the functions, each by the functions that take one (as onnxruntime reads them); a
// function whose value is not in the list gets its ONNX operator's default. `op` names the operator in errors.
// Throws qs::Error for an unknown function name or a count other than `count`.
std::vector<RnnActivation> rnnActivations(const Node& node, const std::vector<std::string>& defaults, std::size_t count,
                                          const char* op);

float applyRnnActivation(const RnnActivation& a, float x);

} // namespace qs
