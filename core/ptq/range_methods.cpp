#include "core/ptq/range_methods.h"

#include "core/util/error.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace qs {

std::string toString(RangeMethod method)
{
    switch (method) {
    case RangeMethod::None: return "none";
    case RangeMethod::Avg: return "avg";
    case RangeMethod::NStd: return "n_std";
    case RangeMethod::Gauss: return "gauss";
    case RangeMethod::Laplace: return "laplace";
    case RangeMethod::Percentile: return "percentile";
    case RangeMethod::Entropy: return "entropy";
    case RangeMethod::Mse: return "mse";
    }
    return "?";
}

const std::vector<RangeMethod>& allRangeMethods()
{
    static const std::vector<RangeMethod> all{RangeMethod::None, RangeMethod::Avg, RangeMethod::NStd, RangeMethod::Gauss,
                                              RangeMethod::Laplace, RangeMethod::Percentile, RangeMethod::Entropy, RangeMethod::Mse};
    return all;
}

RangeMethod parseRangeMethod(const std::string& name)
{
    std::string lower;
    for (char c : name)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (RangeMethod m : allRangeMethods())
        if (toString(m) == lower)
            return m;
    std::string valid;
    for (RangeMethod m : allRangeMethods())
        valid += (valid.empty() ? "" : ", ") + toString(m);
    throw Error("unknown clip method '" + name + "' (valid: " + valid + ")");
}

namespace {

double normalCdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }
double normalPdf(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2.0 * M_PI); }

// Expected error of clipping at a (in units of the scale) plus rounding noise.
double aciqNoise(bool laplace, int bits, bool half, double a)
{
    const double levels = std::pow(4.0, bits);
    const double rounding = half ? a * a / (12.0 * levels) : a * a / (3.0 * levels);
    const double clipping = laplace ? 2.0 * std::exp(-a) : 2.0 * ((a * a + 1.0) * (1.0 - normalCdf(a)) - a * normalPdf(a));
    return clipping + rounding;
}

// Golden-section search of a unimodal function on [lo, hi].
template <typename F>
double minimise(F f, double lo, double hi)
{
    const double g = (std::sqrt(5.0) - 1.0) / 2.0;
    double a = lo, b = hi, c = b - g * (b - a), d = a + g * (b - a);
    for (int i = 0; i < 200; ++i) {
        if (f(c) < f(d))
            b = d;
        else
            a = c;
        c = b - g * (b - a);
        d = a + g * (b - a);
    }
    return (a + b) / 2.0;
}

ValueRange clampTo(const ActivationStats& s, double lo, double hi)
{
    return {static_cast<float>(std::max(s.min, lo)), static_cast<float>(std::min(s.max, hi))};
}

// The histogram folded onto |x| (side 0), or only its positive (side 1) or negative (side -1) part
// mirrored onto [0, top], re-binned to `bins`.
std::vector<double> magnitudeBins(const Histogram& h, int bins, double top, int side)
{
    std::vector<double> out(static_cast<std::size_t>(bins), 0.0);
    for (int i = 0; i < h.bins(); ++i) {
        const double c = h.counts()[static_cast<std::size_t>(i)];
        const double center = h.binCenter(i);
        if (c == 0.0 || (side > 0 && center < 0.0) || (side < 0 && center > 0.0))
            continue;
        const double x = std::fabs(center);
        out[static_cast<std::size_t>(std::clamp(static_cast<int>(x / top * bins), 0, bins - 1))] += c;
    }
    return out;
}

double klThreshold(const Histogram& h, int levels, bool half, int side)
{
    const int bins = 2048;
    const double top = side > 0 ? std::max(h.hi(), 0.0) : side < 0 ? std::max(-h.lo(), 0.0) : std::max(std::fabs(h.lo()), std::fabs(h.hi()));
    if (top <= 0.0)
        return 0.0;
    std::vector<double> hist = magnitudeBins(h, bins, top, side);
    // After ReLU half of the mass sits exactly at 0, which the grid represents exactly (zero point 0); left in,
    // that spike dominates the divergence and drives the threshold towards 0.
    if (half)
        hist[0] = 0.0;
    double best = top, bestKl = INFINITY;
    // As TensorRT: thresholds from 128 of the 2048 bins up (at least one bin per quantization level). Searching
    // downwards and keeping only strict improvements makes ties (a lone spike) keep the wider range.
    for (int i = bins; i >= std::max(levels, 128); --i) {
        std::vector<double> p(hist.begin(), hist.begin() + i);
        double outliers = 0.0;
        for (int k = i; k < bins; ++k)
            outliers += hist[static_cast<std::size_t>(k)];
        p.back() += outliers;
        // Q: the first i bins merged into `levels` groups, each group's mass spread over its non-empty bins.
        std::vector<double> q(static_cast<std::size_t>(i), 0.0);
        const double per = static_cast<double>(i) / levels;
        for (int g = 0; g < levels; ++g) {
            const int start = static_cast<int>(std::floor(g * per)), stop = std::max(start + 1, static_cast<int>(std::floor((g + 1) * per)));
            double mass = 0.0;
            int nonEmpty = 0;
            for (int k = start; k < stop && k < i; ++k) {
                mass += hist[static_cast<std::size_t>(k)];
                nonEmpty += hist[static_cast<std::size_t>(k)] > 0.0;
            }
            for (int k = start; k < stop && k < i; ++k)
                if (hist[static_cast<std::size_t>(k)] > 0.0)
                    q[static_cast<std::size_t>(k)] = mass / nonEmpty;
        }
        double sumP = 0.0, sumQ = 0.0;
        for (int k = 0; k < i; ++k) {
            sumP += p[static_cast<std::size_t>(k)];
            sumQ += q[static_cast<std::size_t>(k)];
        }
        if (sumP <= 0.0 || sumQ <= 0.0)
            continue;
        double kl = 0.0;
        for (int k = 0; k < i; ++k) {
            const double pk = p[static_cast<std::size_t>(k)] / sumP;
            if (pk <= 0.0)
                continue;
            const double qk = std::max(q[static_cast<std::size_t>(k)] / sumQ, 1e-12);
            kl += pk * std::log(pk / qk);
        }
        if (kl < bestKl) {
            bestKl = kl;
            best = (i + 0.5) * top / bins;
        }
    }
    return best;
}

} // namespace

double aciqAlpha(bool laplace, int bits, bool halfRange)
{
    return minimise([&](double a) { return aciqNoise(laplace, bits, halfRange, a); }, 0.1, 40.0);
}

RangeQuality predictQuality(const Histogram& h, ValueRange range, int bits, QuantMode mode)
{
    RangeQuality quality;
    if (h.empty())
        return quality;
    const ActivationQuant q = activationQuant(range, bits, mode);
    const double lo = q.scale * (q.qmin() - q.zeroPoint), hi = q.scale * (q.qmax() - q.zeroPoint);
    const double rounding = q.scale * q.scale / 12.0;
    double error = 0.0, signal = 0.0, total = 0.0;
    for (int i = 0; i < h.bins(); ++i) {
        const double c = h.counts()[static_cast<std::size_t>(i)];
        if (c == 0.0)
            continue;
        const double x = h.binCenter(i);
        const double clipped = std::clamp(x, lo, hi);
        error += c * (x == clipped ? rounding : (x - clipped) * (x - clipped));
        signal += c * x * x;
        total += c;
    }
    quality.mse = error / total;
    quality.sqnrDb = quality.mse > 0.0 ? 10.0 * std::log10((signal / total) / quality.mse) : 200.0;
    return quality;
}

ValueRange pickRange(RangeMethod method, const ActivationStats& s, int bits, QuantMode mode, const RangeOptions& options)
{
    const bool half = s.min >= 0.0; // post-ReLU data: clip one side only
    switch (method) {
    case RangeMethod::None:
        return {static_cast<float>(s.min), static_cast<float>(s.max)};
    case RangeMethod::Avg:
        return {static_cast<float>(s.avgMin), static_cast<float>(s.avgMax)};
    case RangeMethod::NStd:
        return clampTo(s, s.mean - options.nStds * s.std, s.mean + options.nStds * s.std);
    case RangeMethod::Gauss:
    case RangeMethod::Laplace: {
        const bool laplace = method == RangeMethod::Laplace;
        const double alpha = aciqAlpha(laplace, bits, half) * (laplace ? s.b : s.std);
        if (half)
            return clampTo(s, 0.0, alpha);
        return clampTo(s, s.mean - alpha, s.mean + alpha);
    }
    case RangeMethod::Percentile: {
        const double keep = std::clamp(options.percentile / 100.0, 0.5, 1.0);
        const double hi = s.histogram.quantile(keep);
        const double lo = half ? s.min : s.histogram.quantile(1.0 - keep);
        return clampTo(s, lo, hi);
    }
    case RangeMethod::Entropy: {
        if (half)
            return clampTo(s, 0.0, klThreshold(s.histogram, std::min(1 << bits, 2048), true, 1));
        if (mode == QuantMode::Symmetric) {
            const double t = klThreshold(s.histogram, 1 << (bits - 1), false, 0);
            return clampTo(s, -t, t);
        }
        // Asymmetric grid over signed data: each side clipped on its own (a folded threshold would cut the
        // short side, e.g. a normalised image's background spike).
        const int levels = 1 << (bits - 1);
        return clampTo(s, -klThreshold(s.histogram, levels, false, -1), klThreshold(s.histogram, levels, false, 1));
    }
    case RangeMethod::Mse: {
        // Shrink both ends together, then refine each end: coordinate descent on the predicted error.
        auto err = [&](double lo, double hi) { return predictQuality(s.histogram, {static_cast<float>(lo), static_cast<float>(hi)}, bits, mode).mse; };
        double lo = s.min, hi = s.max;
        double bestA = 1.0, best = err(lo, hi);
        for (int k = 1; k <= 100; ++k) {
            const double a = k / 100.0;
            const double e = err(s.min * a, s.max * a);
            if (e < best) {
                best = e;
                bestA = a;
            }
        }
        lo = s.min * bestA;
        hi = s.max * bestA;
        for (int round = 0; round < 2; ++round) {
            for (int k = 1; k <= 50; ++k) {
                const double cand = hi * (0.5 + k / 50.0);
                if (cand > s.max)
                    break;
                if (const double e = err(lo, cand); e < best) {
                    best = e;
                    hi = cand;
                }
            }
            if (!half)
                for (int k = 1; k <= 50; ++k) {
                    const double cand = lo * (0.5 + k / 50.0);
                    if (cand < s.min)
                        break;
                    if (const double e = err(cand, hi); e < best) {
                        best = e;
                        lo = cand;
                    }
                }
        }
        return clampTo(s, lo, hi);
    }
    }
    return {static_cast<float>(s.min), static_cast<float>(s.max)};
}

} // namespace qs
