#include "core/ranges/clip_modes.h"

#include "core/ranges/histogram_ranges.h"
#include "core/ranges/histogram_search.h"
#include "core/util/error.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

namespace qs {

namespace {

struct NamedMode {
    RangeMethod mode;
    const char* name;
};

constexpr std::array<NamedMode, 9> kModes{{
    {RangeMethod::None, "none"},
    {RangeMethod::Avg, "avg"},
    {RangeMethod::NStd, "n_std"},
    {RangeMethod::Gauss, "gauss"},
    {RangeMethod::Laplace, "laplace"},
    {RangeMethod::Percentile, "percentile"},
    {RangeMethod::Entropy, "entropy"},
    {RangeMethod::Mse, "mse"},
    {RangeMethod::PytorchHistogram, "pytorch_histogram"},
}};

// distiller/quantization/q_utils.py, AciqClipper
constexpr std::array<double, 9> kLaplace{1.05, 1.86, 2.83, 3.89, 5.03, 6.2, 7.41, 8.64, 9.89};
constexpr std::array<double, 9> kLaplacePositive{1.86, 2.83, 3.89, 5.02, 6.2, 7.41, 8.64, 9.89, 11.16};
constexpr std::array<double, 9> kGauss{0.0, 1.24, 1.71, 2.15, 2.55, 2.93, 3.28, 3.61, 3.92}; // no 0-bit entry
constexpr std::array<double, 9> kGaussPositive{0.0, 1.71, 2.15, 2.55, 2.93, 3.28, 3.61, 3.92, 4.2};

double requireField(double value, const char* field, RangeMethod method)
{
    if (std::isnan(value))
        throw Error("clip mode '" + toString(method) + "' needs the statistic '" + field +
                    "', which these statistics do not have");
    return value;
}

} // namespace

std::string toString(RangeMethod mode)
{
    for (const NamedMode& m : kModes)
        if (m.mode == mode)
            return m.name;
    return "none";
}

RangeMethod parseRangeMethod(const std::string& name)
{
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const NamedMode& m : kModes)
        if (lower == m.name)
            return m.mode;
    std::string valid;
    for (const NamedMode& m : kModes)
        valid += (valid.empty() ? "" : ", ") + std::string(m.name);
    throw Error("unknown clip mode '" + name + "'; valid: " + valid);
}

const std::vector<RangeMethod>& allRangeMethods()
{
    static const std::vector<RangeMethod> modes = [] {
        std::vector<RangeMethod> v;
        for (const NamedMode& m : kModes)
            v.push_back(m.mode);
        return v;
    }();
    return modes;
}

bool needsHistogram(RangeMethod mode)
{
    return mode == RangeMethod::Percentile || mode == RangeMethod::Entropy || mode == RangeMethod::Mse ||
           mode == RangeMethod::PytorchHistogram;
}

double aciqAlpha(RangeMethod method, int bits, bool halfRange)
{
    if (method == RangeMethod::Laplace) {
        if (bits < 0 || bits > 8)
            throw Error("ACIQ laplace clipping has constants for 0..8 bits (Distiller's table), got " + std::to_string(bits));
        return halfRange ? kLaplacePositive[static_cast<std::size_t>(bits)] : kLaplace[static_cast<std::size_t>(bits)];
    }
    if (method == RangeMethod::Gauss) {
        if (bits < 1 || bits > 8)
            throw Error("ACIQ gauss clipping has constants for 1..8 bits (Distiller's table), got " + std::to_string(bits));
        return halfRange ? kGaussPositive[static_cast<std::size_t>(bits)] : kGauss[static_cast<std::size_t>(bits)];
    }
    throw Error("ACIQ constants exist only for the gauss and laplace clip modes, not '" + toString(method) + "'");
}

ClipRange pickClipRange(RangeMethod method, const TensorStats& stats, int bits, QuantMode mode, const ClipParams& params)
{
    checkBits(bits);
    if (stats.empty())
        throw Error("clip mode '" + toString(method) + "' on statistics that saw no data");
    if (needsHistogram(method) && !stats.hasHistogram())
        throw Error("clip mode '" + toString(method) +
                    "' needs a histogram (collect one, or load the statistics' histogram sidecar)");
    const double min = requireField(stats.min(), "min", method);
    const double max = requireField(stats.max(), "max", method);
    switch (method) {
    case RangeMethod::None:
        return {min, max};
    case RangeMethod::Avg:
        return {requireField(stats.avgMin(), "avg_min", method), requireField(stats.avgMax(), "avg_max", method)};
    case RangeMethod::NStd: {
        if (!(params.nStds > 0.0))
            throw Error("clip mode 'n_std' needs a number of standard deviations > 0, got " + std::to_string(params.nStds));
        const double mean = requireField(stats.mean(), "mean", method);
        const double sigma = requireField(stats.std(), "std", method);
        return {std::max(min, mean - params.nStds * sigma), std::min(max, mean + params.nStds * sigma)};
    }
    case RangeMethod::Gauss:
    case RangeMethod::Laplace: {
        const double mean = requireField(stats.mean(), "mean", method);
        const double spread = method == RangeMethod::Laplace ? requireField(stats.b(), "b", method)
                                                          : requireField(stats.std(), "std", method);
        if (isSymmetric(mode)) { // AciqSymmetricClipper ignores half_range
            const double clip = std::abs(mean) + spread * aciqAlpha(method, bits, false);
            return {-clip, clip};
        }
        const double alpha = spread * aciqAlpha(method, bits, params.halfRange);
        const double lo = std::max(requireField(stats.avgMin(), "avg_min", method), mean - alpha);
        return {lo, lo + (params.halfRange ? alpha : 2.0 * alpha)};
    }
    case RangeMethod::Percentile:
        return percentileRange(stats.histogram(), params.percentile);
    case RangeMethod::Entropy:
        return entropyRange(stats.histogram(), bits, mode);
    case RangeMethod::Mse:
        return mseRange(stats.histogram(), bits, mode);
    case RangeMethod::PytorchHistogram: {
        const GrowingHistogram& h = stats.histogram();
        std::vector<float> counts(h.counts().begin(), h.counts().end());
        const FloatRange r = nonLinearParamSearch(counts, h.min(), h.max(), 1 << std::min(bits, 16));
        return {r.min, r.max};
    }
    }
    throw Error("unhandled clip mode");
}

ClipEvaluation evaluateClipMode(RangeMethod method, const TensorStats& stats, int bits, QuantMode mode, const ClipParams& params)
{
    if (!stats.hasHistogram())
        throw Error("predicting the quantization error of clip mode '" + toString(method) + "' needs a histogram");
    ClipEvaluation e;
    e.method = method;
    e.range = pickClipRange(method, stats, bits, mode, params);
    e.error = predictQuantError(stats.histogram(), e.range, bits, mode);
    return e;
}

std::vector<ClipEvaluation> rankClipModes(const TensorStats& stats, int bits, QuantMode mode, const ClipParams& params)
{
    std::vector<ClipEvaluation> result;
    for (RangeMethod m : allRangeMethods())
        result.push_back(evaluateClipMode(m, stats, bits, mode, params));
    std::stable_sort(result.begin(), result.end(),
                     [](const ClipEvaluation& a, const ClipEvaluation& b) { return a.error.sqnrDb > b.error.sqnrDb; });
    return result;
}

} // namespace qs
