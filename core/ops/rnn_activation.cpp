#include "core/ops/rnn_activation.h"

#include "core/util/error.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace qs {
namespace {

struct RnnActivationEntry {
    const char* name; // lower case: onnxruntime matches names case-insensitively, and so do we
    RnnActivationKind kind;
    bool takesAlpha;
    bool takesBeta;
    float defaultAlpha; // the default of the ONNX operator of the same name
    float defaultBeta;
};

// ScaledTanh has no documented defaults; alpha = beta = 1 makes it plain Tanh. onnxruntime defaults the values of
// Affine, ScaledTanh and ThresholdedRelu to 0 instead of the operators' defaults; exporters write them out.
constexpr RnnActivationEntry kEntries[] = {
    {"relu", RnnActivationKind::Relu, false, false, 0.0f, 0.0f},
    {"tanh", RnnActivationKind::Tanh, false, false, 0.0f, 0.0f},
    {"sigmoid", RnnActivationKind::Sigmoid, false, false, 0.0f, 0.0f},
    {"affine", RnnActivationKind::Affine, true, true, 1.0f, 0.0f},
    {"leakyrelu", RnnActivationKind::LeakyRelu, true, false, 0.01f, 0.0f},
    {"thresholdedrelu", RnnActivationKind::ThresholdedRelu, true, false, 1.0f, 0.0f},
    {"scaledtanh", RnnActivationKind::ScaledTanh, true, true, 1.0f, 1.0f},
    {"hardsigmoid", RnnActivationKind::HardSigmoid, true, true, 0.2f, 0.5f},
    {"elu", RnnActivationKind::Elu, true, false, 1.0f, 0.0f},
    {"softsign", RnnActivationKind::Softsign, false, false, 0.0f, 0.0f},
    {"softplus", RnnActivationKind::Softplus, false, false, 0.0f, 0.0f},
};

} // namespace

std::vector<RnnActivation> rnnActivations(const Node& node, const std::vector<std::string>& defaults, std::size_t count,
                                          const char* op)
{
    const std::vector<std::string> names = node.attributes.strings("activations", defaults);
    if (names.size() != count)
        throw Error(std::string(op) + " needs " + std::to_string(count) + " activations (3 per direction), got " +
                    std::to_string(names.size()));
    const std::vector<float> alphas = node.attributes.floats("activation_alpha");
    const std::vector<float> betas = node.attributes.floats("activation_beta");
    std::size_t nextAlpha = 0, nextBeta = 0;
    std::vector<RnnActivation> functions;
    for (const std::string& name : names) {
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        const auto* entry = std::find_if(std::begin(kEntries), std::end(kEntries), [&](const RnnActivationEntry& e) { return lower == e.name; });
        if (entry == std::end(kEntries))
            throw Error(std::string(op) + " activation '" + name +
                        "' is not supported (supported: Sigmoid, Tanh, Relu, HardSigmoid, LeakyRelu, Affine, ScaledTanh, "
                        "ThresholdedRelu, Elu, Softsign, Softplus)");
        RnnActivation f{entry->kind, entry->defaultAlpha, entry->defaultBeta};
        if (entry->takesAlpha && nextAlpha < alphas.size())
            f.alpha = alphas[nextAlpha++];
        if (entry->takesBeta && nextBeta < betas.size())
            f.beta = betas[nextBeta++];
        functions.push_back(f);
    }
    return functions;
}

float applyRnnActivation(const RnnActivation& a, float x)
{
    switch (a.kind) {
    case RnnActivationKind::Relu: return std::max(x, 0.0f);
    case RnnActivationKind::Tanh: return std::tanh(x);
    case RnnActivationKind::Sigmoid: return 1.0f / (1.0f + std::exp(-x));
    case RnnActivationKind::Affine: return a.alpha * x + a.beta;
    case RnnActivationKind::LeakyRelu: return x >= 0.0f ? x : a.alpha * x;
    case RnnActivationKind::ThresholdedRelu: return x >= a.alpha ? x : 0.0f;
    case RnnActivationKind::ScaledTanh: return a.alpha * std::tanh(a.beta * x);
    case RnnActivationKind::HardSigmoid: return std::clamp(a.alpha * x + a.beta, 0.0f, 1.0f);
    case RnnActivationKind::Elu: return x >= 0.0f ? x : a.alpha * (std::exp(x) - 1.0f);
    case RnnActivationKind::Softsign: return x / (1.0f + std::fabs(x));
    case RnnActivationKind::Softplus: return x > 20.0f ? x : std::log1p(std::exp(x)); // exp overflows where log1p(exp(x)) == x anyway
    }
    return x;
}

} // namespace qs
