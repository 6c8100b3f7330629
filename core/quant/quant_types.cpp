#include "core/quant/quant_types.h"

#include "core/util/error.h"

#include <array>

namespace qs {

namespace {

struct ModeNames {
    LinearMode mode;
    const char* yaml;
    const char* cli;
};
constexpr std::array<ModeNames, 4> kModes{{
    {LinearMode::Symmetric, "SYMMETRIC", "sym"},
    {LinearMode::SymmetricRestricted, "SYMMETRIC_RESTRICTED", "sym_restr"},
    {LinearMode::AsymmetricUnsigned, "ASYMMETRIC_UNSIGNED", "asym_u"},
    {LinearMode::AsymmetricSigned, "ASYMMETRIC_SIGNED", "asym_s"},
}};

struct ClipNames {
    ClipMethod method;
    const char* yaml;
    const char* cli;
};
constexpr std::array<ClipNames, 8> kClips{{
    {ClipMethod::None, "NONE", "none"},
    {ClipMethod::Avg, "AVG", "avg"},
    {ClipMethod::NStd, "N_STD", "n_std"},
    {ClipMethod::Gauss, "GAUSS", "gauss"},
    {ClipMethod::Laplace, "LAPLACE", "laplace"},
    {ClipMethod::Percentile, "PERCENTILE", "percentile"},
    {ClipMethod::Entropy, "ENTROPY", "entropy"},
    {ClipMethod::Mse, "MSE", "mse"},
}};


} // namespace

std::string yamlName(LinearMode mode)
{
    for (const auto& row : kModes)
        if (row.mode == mode)
            return row.yaml;
    return {};
}

std::optional<LinearMode> parseYamlLinearMode(const std::string& name)
{
    for (const auto& row : kModes)
        if (name == row.yaml)
            return row.mode;
    return std::nullopt;
}

std::string cliName(LinearMode mode)
{
    for (const auto& row : kModes)
        if (row.mode == mode)
            return row.cli;
    return {};
}

std::optional<LinearMode> parseCliLinearMode(const std::string& name)
{
    for (const auto& row : kModes)
        if (name == row.cli)
            return row.mode;
    return std::nullopt;
}

const std::vector<LinearMode>& allLinearModes()
{
    static const std::vector<LinearMode> modes{LinearMode::Symmetric, LinearMode::SymmetricRestricted,
                                               LinearMode::AsymmetricUnsigned, LinearMode::AsymmetricSigned};
    return modes;
}

std::string yamlName(ClipMethod method)
{
    for (const auto& row : kClips)
        if (row.method == method)
            return row.yaml;
    return {};
}

std::optional<ClipMethod> parseYamlClipMethod(const std::string& name)
{
    for (const auto& row : kClips)
        if (name == row.yaml)
            return row.method;
    return std::nullopt;
}

std::string cliName(ClipMethod method)
{
    for (const auto& row : kClips)
        if (row.method == method)
            return row.cli;
    return {};
}

std::optional<ClipMethod> parseCliClipMethod(const std::string& name)
{
    for (const auto& row : kClips)
        if (name == row.cli)
            return row.method;
    return std::nullopt;
}

const std::vector<ClipMethod>& allClipMethods()
{
    static const std::vector<ClipMethod> methods{ClipMethod::None,    ClipMethod::Avg,        ClipMethod::NStd,
                                                 ClipMethod::Gauss,   ClipMethod::Laplace,    ClipMethod::Percentile,
                                                 ClipMethod::Entropy, ClipMethod::Mse};
    return methods;
}

bool isQuantScopeExtension(ClipMethod method)
{
    return method == ClipMethod::Percentile || method == ClipMethod::Entropy || method == ClipMethod::Mse;
}

std::string yamlChoices(const std::vector<LinearMode>& modes)
{
    std::string out;
    for (LinearMode mode : modes)
        out += (out.empty() ? "" : ", ") + yamlName(mode);
    return out;
}

std::string yamlChoices(const std::vector<ClipMethod>& methods)
{
    std::string out;
    for (ClipMethod method : methods)
        out += (out.empty() ? "" : ", ") + yamlName(method);
    return out;
}

std::string yamlKey(BitsRole role)
{
    switch (role) {
    case BitsRole::Activations: return "bits_activations";
    case BitsRole::Weights: return "bits_weights";
    case BitsRole::Bias: return "bits_bias";
    case BitsRole::Accumulator: return "bits_accum";
    }
    return {};
}

std::string bitsProblem(BitsRole role, const Bits& bits)
{
    const std::string key = yamlKey(role);
    if (!bits) {
        if (role == BitsRole::Accumulator)
            return key + ": null is not allowed; the accumulator needs a width (32)";
        return {};
    }
    const int b = *bits;
    switch (role) {
    case BitsRole::Activations:
    case BitsRole::Weights:
        if ((b >= 2 && b <= 8) || b == 16 || b == 32)
            return {};
        return key + ": " + std::to_string(b) +
               " bits is not supported; use 2..8 (integer kernels), 16 or 32 (float), or null (not quantized)";
    case BitsRole::Bias:
        if (b >= 2 && b <= 32)
            return {};
        return key + ": " + std::to_string(b) + " bits is not supported; use 2..32 or null";
    case BitsRole::Accumulator:
        if (b >= 8 && b <= 32)
            return {};
        return key + ": " + std::to_string(b) + " bits is not supported; use 8..32 (the kernels accumulate in 32 bits)";
    }
    return {};
}

BitsSupport checkBits(BitsRole role, const Bits& bits)
{
    const std::string problem = bitsProblem(role, bits);
    if (!problem.empty())
        throw Error(problem);
    if (!bits)
        return BitsSupport::NotQuantized;
    if ((role == BitsRole::Activations || role == BitsRole::Weights) && *bits > 8)
        return BitsSupport::Float;
    return BitsSupport::Integer;
}

} // namespace qs
