#include "core/distiller/distiller_config.h"

#include "core/util/error.h"

#include <array>
#include <utility>

namespace qs {

namespace {

const std::array<std::pair<RangeMethod, const char*>, 10> kClips = {{
    {RangeMethod::None, "NONE"},
    {RangeMethod::Avg, "AVG"},
    {RangeMethod::NStd, "N_STD"},
    {RangeMethod::Gauss, "GAUSS"},
    {RangeMethod::Laplace, "LAPLACE"},
    {RangeMethod::Percentile, "PERCENTILE"},
    {RangeMethod::Entropy, "ENTROPY"},
    {RangeMethod::Mse, "MSE"},
    {RangeMethod::PytorchHistogram, "PYTORCH_HISTOGRAM"},
    {RangeMethod::MovingAverage, "MOVING_AVERAGE"},
}};

} // namespace

std::string distillerName(RangeMethod method)
{
    for (const auto& [m, name] : kClips)
        if (m == method)
            return name;
    throw Error("clip method " + toString(method) + " has no Distiller name"); // a RangeMethod missing from kClips
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
