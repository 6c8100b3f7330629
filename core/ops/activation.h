#pragma once
// Parameters of the element-wise activation family, shared by the reference kernel and the engine's
// post-op fusion so both read attributes the same way.

#include "core/ir/graph.h"

#include <vector>

namespace qs {

enum class ActivationKind { Relu, LeakyRelu, Clip, Sigmoid, Tanh, HardSigmoid, HardSwish, Exp, Log, Abs, Neg, Sqrt, Erf };

struct ActivationParams {
    ActivationKind kind = ActivationKind::Relu;
    float alpha = 0.0f; // LeakyRelu slope, Clip min, HardSigmoid alpha
    float beta = 0.0f;  // Clip max, HardSigmoid beta
};

// `constants` are the node's constant inputs (Clip's min/max), nullptr where not constant.
ActivationParams activationParams(const Node& node, const std::vector<const Tensor*>& constants);
// The same with the constants looked up in `graph`.
ActivationParams activationParams(const Node& node, const Graph& graph);
float applyActivation(const ActivationParams& params, float x);

} // namespace qs
