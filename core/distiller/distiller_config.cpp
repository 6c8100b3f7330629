#include "core/distiller/distiller_config.h"

#include <array>
#include <utility>

namespace qs {

namespace {

const std::array<std::pair<DistillerMode, const char*>, 4> kModes = {{
    {DistillerMode::Symmetric, "SYMMETRIC"},
    {DistillerMode::SymmetricRestricted, "SYMMETRIC_RESTRICTED"},
    {DistillerMode::AsymmetricUnsigned, "ASYMMETRIC_UNSIGNED"},
    {DistillerMode::AsymmetricSigned, "ASYMMETRIC_SIGNED"},
}};

const std::array<std::pair<RangeMethod, const char*>, 8> kClips = {{
    {RangeMethod::None, "NONE"},
    {RangeMethod::Avg, "AVG"},
    {RangeMethod::NStd, "N_STD"},
    {RangeMethod::Gauss, "GAUSS"},
    {RangeMethod::Laplace, "LAPLACE"},
    {RangeMethod::Percentile, "PERCENTILE"},
    {RangeMethod::Entropy, "ENTROPY"},
    {RangeMethod::Mse, "MSE"},
}};

} // namespace

std::string distillerName(DistillerMode mode)
{
    for (const auto& [m, name] : kModes)
        if (m == mode)
            return name;
    return "SYMMETRIC";
}

std::optional<DistillerMode> parseDistillerMode(const std::string& name)
{
    for (const auto& [m, text] : kModes)
        if (name == text)
            return m;
    return std::nullopt;
}

std::string distillerName(RangeMethod method)
{
    for (const auto& [m, name] : kClips)
        if (m == method)
            return name;
    return "NONE";
}

std::optional<RangeMethod> parseDistillerClip(const std::string& name)
{
    for (const auto& [m, text] : kClips)
        if (name == text)
            return m;
    return std::nullopt;
}

std::string toString(const DistillerWarning& warning)
{
    std::string text;
    if (warning.line > 0)
        text += "line " + std::to_string(warning.line) + ": ";
    if (!warning.key.empty())
        text += warning.key + ": ";
    return text + warning.message;
}

} // namespace qs
