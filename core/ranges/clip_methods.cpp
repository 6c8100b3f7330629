#include "core/ranges/clip_methods.h"

#include "core/ranges/histogram_ranges.h"
#include "core/ranges/histogram_search.h"
#include "core/util/error.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

namespace qs {

namespace {

struct NamedMethod {
    RangeMethod mode;
    const char* name;
};

constexpr std::array<NamedMethod, 10> kModes{{
    {RangeMethod::None, "none"},
    {RangeMethod::Avg, "avg"},
    {RangeMethod::NStd, "n_std"},
    {RangeMethod::Gauss, "gauss"},
    {RangeMethod::Laplace, "laplace"},
    {RangeMethod::Percentile, "percentile"},
    {RangeMethod::Entropy, "entropy"},
    {RangeMethod::Mse, "mse"},
    {RangeMethod::PytorchHistogram, "pytorch_histogram"},
    {RangeMethod::MovingAverage, "moving_average"},
}};

// distiller/quantization/q_utils.py, AciqClipper
constexpr std::array<double, 9> kLaplace{1.05, 1.86, 2.83, 3.89, 5.03, 6.2, 7.41, 8.64, 9.89};
constexpr std::array<double, 9> kLaplacePositive{1.86, 2.83, 3.89, 5.02, 6.2, 7.41, 8.64, 9.89, 11.16};
constexpr std::array<double, 9> kGauss{0.0, 1.24, 1.71, 2.15, 2.55, 2.93, 3.28, 3.61, 3.92}; // no 0-bit entry
constexpr std::array<double, 9> kGaussPositive{0.0, 1.71, 2.15, 2.55, 2.93, 3.28, 3.61, 3.92, 4.2};

double requireField(double value, const char* field, RangeMethod method)
{
    if (std::isnan(value))
        throw Error("clip method '" + toString(method) + "' needs the statistic '" + field +
                    "', which these statistics do not have");
    return value;
}

// A histogram's range grows by whole bin widths, so its edges (and a search's result) may lie beyond the data;
// a range beyond the observed extremes only wastes levels.
ValueRange withinData(ValueRange r, double min, double max)
{
    return {static_cast<float>(std::max<double>(r.min, min)), static_cast<float>(std::min<double>(r.max, max))};
}

} // namespace

std::string toString(RangeMethod mode)
{
    for (const NamedMethod& m : kModes)
        if (m.mode == mode)
            return m.name;
    return "none";
}

RangeMethod parseRangeMethod(const std::string& name)
{
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const NamedMethod& m : kModes)
        if (lower == m.name)
            return m.mode;
    std::string valid;
    for (const NamedMethod& m : kModes)
        valid += (valid.empty() ? "" : ", ") + std::string(m.name);
    throw Error("unknown clip method '" + name + "'; valid: " + valid);
}

const std::vector<RangeMethod>& allRangeMethods()
{
    static const std::vector<RangeMethod> modes = [] {
        std::vector<RangeMethod> v;
        for (const NamedMethod& m : kModes)
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

ValueRange pickRange(RangeMethod method, const ActivationStats& stats, int bits, QuantMode mode, const RangeOptions& options)
{
    checkBits(bits);
    if (needsHistogram(method) && stats.histogram.empty())
        throw Error("clip method '" + toString(method) +
                    "' needs a histogram, which these statistics lack (a Distiller stats file has none: calibrate with QuantScope, or "
                    "add the .hist.yaml sidecar)");
    const double min = requireField(stats.min, "min", method);
    const double max = requireField(stats.max, "max", method);
    const bool halfRange = options.halfRange.value_or(min >= 0.0);
    auto range = [](double lo, double hi) { return ValueRange{static_cast<float>(lo), static_cast<float>(hi)}; };
    switch (method) {
    case RangeMethod::None:
        return range(min, max);
    case RangeMethod::Avg:
        return range(requireField(stats.avgMin, "avg_min", method), requireField(stats.avgMax, "avg_max", method));
    case RangeMethod::MovingAverage:
        return range(requireField(stats.movingMin, "moving_min", method), requireField(stats.movingMax, "moving_max", method));
    case RangeMethod::NStd: {
        if (!(options.nStds > 0.0))
            throw Error("clip method 'n_std' needs a number of standard deviations > 0, got " + std::to_string(options.nStds));
        const double mean = requireField(stats.mean, "mean", method);
        const double sigma = requireField(stats.std, "std", method);
        return range(std::max(min, mean - options.nStds * sigma), std::min(max, mean + options.nStds * sigma));
    }
    case RangeMethod::Gauss:
    case RangeMethod::Laplace: {
        const double mean = requireField(stats.mean, "mean", method);
        const double spread = method == RangeMethod::Laplace ? requireField(stats.b, "b", method) : requireField(stats.std, "std", method);
        if (isSymmetric(mode)) { // AciqSymmetricClipper ignores half_range
            const double clip = std::abs(mean) + spread * aciqAlpha(method, bits, false);
            return range(-clip, clip);
        }
        const double alpha = spread * aciqAlpha(method, bits, halfRange);
        const double lo = std::max(requireField(stats.avgMin, "avg_min", method), mean - alpha);
        return range(lo, lo + (halfRange ? alpha : 2.0 * alpha));
    }
    case RangeMethod::Percentile:
        return withinData(percentileRange(stats.histogram, options.percentile), min, max);
    case RangeMethod::Entropy:
        return withinData(entropyRange(stats.histogram, bits, mode), min, max);
    case RangeMethod::Mse:
        return withinData(mseRange(stats.histogram, bits, mode), min, max);
    case RangeMethod::PytorchHistogram: {
        const Histogram& h = stats.histogram;
        const std::vector<float> counts(h.counts().begin(), h.counts().end());
        const FloatRange r = nonLinearParamSearch(counts, static_cast<float>(h.lo()), static_cast<float>(h.hi()), 1 << std::min(bits, 16));
        return withinData({r.min, r.max}, min, max);
    }
    }
    throw Error("unhandled clip method");
}

std::vector<MethodRange> rankRanges(const ActivationStats& stats, int bits, QuantMode mode, const RangeOptions& options)
{
    std::vector<MethodRange> ranked;
    for (RangeMethod method : allRangeMethods()) {
        try {
            MethodRange m;
            m.method = method;
            m.range = pickRange(method, stats, bits, mode, options);
            m.quality = predictQuality(stats.histogram, m.range, bits, mode);
            ranked.push_back(m);
        } catch (const Error&) {
            // e.g. a histogram method on statistics without a histogram, or a field a stats file lacks
        }
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const MethodRange& a, const MethodRange& b) { return a.quality.sqnrDb > b.quality.sqnrDb; });
    return ranked;
}

} // namespace qs
