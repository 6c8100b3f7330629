#include "core/ranges/histogram_ranges.h"

#include "core/ranges/predicted_error.h"
#include "core/ranges/quant_params.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {

namespace {

void requireHistogram(const Histogram& h, const char* method)
{
    if (h.empty())
        throw Error(std::string(method) + " range needs a histogram (collect one, or load the statistics' histogram sidecar)");
}

// Adds `mass` spread uniformly over [a, b] onto bins over [lo, lo + bins * width).
void spread(std::vector<double>& out, double lo, double width, double a, double b, double mass)
{
    const int bins = static_cast<int>(out.size());
    if (b <= a) {
        const int i = static_cast<int>(std::floor((a - lo) / width));
        if (i >= 0 && i < bins)
            out[static_cast<std::size_t>(i)] += mass;
        else if (a == lo + bins * width && bins > 0)
            out.back() += mass; // right edge inclusive
        return;
    }
    const double density = mass / (b - a);
    const int first = std::max(0, static_cast<int>(std::floor((a - lo) / width)));
    const int last = std::min(bins - 1, static_cast<int>(std::floor((b - lo) / width)));
    for (int i = first; i <= last; ++i) {
        const double binLo = lo + width * i;
        const double overlap = std::min(b, binLo + width) - std::max(a, binLo);
        if (overlap > 0.0)
            out[static_cast<std::size_t>(i)] += density * overlap;
    }
}

// MXNet's _smooth_distribution: move eps of mass onto every empty bin, taken from the non-empty ones.
bool smooth(std::vector<double>& p, double eps = 1e-4)
{
    std::size_t zeros = 0;
    for (double v : p)
        zeros += v == 0.0;
    const std::size_t nonZeros = p.size() - zeros;
    if (nonZeros == 0)
        return false;
    const double eps1 = eps * static_cast<double>(zeros) / static_cast<double>(nonZeros);
    for (double& v : p)
        v = v == 0.0 ? eps : v - eps1;
    return true;
}

ValueRange toRange(double lo, double hi) { return {static_cast<float>(lo), static_cast<float>(hi)}; }

} // namespace

std::vector<double> rebin(const Histogram& h, double lo, double hi, int bins, bool absolute)
{
    std::vector<double> out(static_cast<std::size_t>(bins), 0.0);
    if (h.empty() || !(hi > lo))
        return out;
    const double width = (hi - lo) / bins;
    const double srcWidth = h.binWidth();
    for (int i = 0; i < h.bins(); ++i) {
        const double c = h.counts()[static_cast<std::size_t>(i)];
        if (c <= 0.0)
            continue;
        double a = h.binLower(i);
        double b = a + srcWidth;
        auto place = [&](double x0, double x1, double mass) {
            const double ca = std::max(x0, lo);
            const double cb = std::min(x1, hi);
            if (x1 > x0) {
                if (cb > ca)
                    spread(out, lo, width, ca, cb, mass * (cb - ca) / (x1 - x0));
            } else if (x0 >= lo && x0 <= hi) {
                spread(out, lo, width, x0, x0, mass);
            }
        };
        if (!absolute) {
            place(a, b, c);
        } else if (a >= 0.0) {
            place(a, b, c);
        } else if (b <= 0.0) {
            place(-b, -a, c);
        } else { // straddles zero: split the mass in proportion
            const double total = b - a;
            place(0.0, -a, c * (-a) / total);
            place(0.0, b, c * b / total);
        }
    }
    return out;
}

ValueRange percentileRange(const Histogram& h, double percentile)
{
    requireHistogram(h, "percentile");
    if (!(percentile > 0.0 && percentile <= 100.0))
        throw Error("percentile must be in (0, 100], got " + std::to_string(percentile));
    const double p = percentile / 100.0;
    return toRange(h.quantile(1.0 - p), h.quantile(p));
}

int klThresholdBins(const std::vector<double>& counts, int levels)
{
    const int bins = static_cast<int>(counts.size());
    if (bins <= levels)
        return bins;
    std::vector<double> suffix(static_cast<std::size_t>(bins) + 1, 0.0);
    for (int i = bins - 1; i >= 0; --i)
        suffix[static_cast<std::size_t>(i)] = suffix[static_cast<std::size_t>(i) + 1] + counts[static_cast<std::size_t>(i)];
    double bestKl = std::numeric_limits<double>::infinity();
    int best = bins;
    std::vector<double> p;
    std::vector<double> q;
    // From wide to narrow, keeping only strict improvements: ties (a lone spike, e.g. a normalised image's
    // background, gives KL 0 for every threshold) keep the wider range. As TensorRT, thresholds start at 128 bins.
    const int first = bins >= 1024 ? std::max(levels, 128) : levels;
    for (int i = bins; i >= first; --i) {
        p.assign(counts.begin(), counts.begin() + i);
        p[static_cast<std::size_t>(i) - 1] += suffix[static_cast<std::size_t>(i)];
        q.assign(static_cast<std::size_t>(i), 0.0);
        const int merged = i / levels;
        for (int g = 0; g < levels; ++g) {
            const int start = g * merged;
            const int stop = g == levels - 1 ? i : start + merged;
            double mass = 0.0;
            int nonZero = 0;
            for (int k = start; k < stop; ++k) {
                mass += counts[static_cast<std::size_t>(k)];
                nonZero += p[static_cast<std::size_t>(k)] != 0.0;
            }
            if (nonZero == 0)
                continue;
            for (int k = start; k < stop; ++k)
                if (p[static_cast<std::size_t>(k)] != 0.0)
                    q[static_cast<std::size_t>(k)] = mass / nonZero;
        }
        if (!smooth(p) || !smooth(q))
            continue;
        double sp = 0.0;
        double sq = 0.0;
        for (int k = 0; k < i; ++k) {
            sp += p[static_cast<std::size_t>(k)];
            sq += q[static_cast<std::size_t>(k)];
        }
        double kl = 0.0;
        for (int k = 0; k < i; ++k) {
            const double pk = p[static_cast<std::size_t>(k)] / sp;
            const double qk = q[static_cast<std::size_t>(k)] / sq;
            if (pk > 0.0 && qk > 0.0)
                kl += pk * std::log(pk / qk);
        }
        if (kl < bestKl) { // searching downwards: ties keep the wider range
            bestKl = kl;
            best = i;
        }
    }
    return best;
}

ValueRange entropyRange(const Histogram& h, int bits, QuantMode mode)
{
    requireHistogram(h, "entropy");
    checkBits(bits);
    const int bins = std::max(h.bins(), 2048);
    const double lo = h.lo();
    const double hi = h.hi();
    auto threshold = [&](double extent, bool negativeSide, int levels) {
        if (!(extent > 0.0))
            return 0.0;
        std::vector<double> counts = negativeSide ? rebin(h, -extent, 0.0, bins, false) : rebin(h, 0.0, extent, bins, false);
        if (negativeSide)
            std::reverse(counts.begin(), counts.end());
        const int kept = klThresholdBins(counts, std::min(levels, bins));
        return extent * kept / bins;
    };
    if (isSymmetric(mode) && lo < 0.0) {
        const double extent = std::max(std::abs(lo), std::abs(hi));
        std::vector<double> counts = rebin(h, 0.0, extent, bins, true);
        const int kept = klThresholdBins(counts, std::min(1 << (bits - 1), bins));
        const double t = extent * kept / bins;
        return toRange(std::max(lo, -t), std::min(hi, t));
    }
    if (lo >= 0.0) {
        // Symmetric modes run non-negative values on the unsigned grid from 0 (as asym_u): 2^bits levels.
        const double from = isSymmetric(mode) ? 0.0 : lo;
        if (!(hi > from))
            return toRange(lo, hi);
        std::vector<double> counts = rebin(h, from, hi, bins, false);
        // After ReLU most of the mass sits exactly at 0, which the grid represents exactly; left in, that spike
        // dominates the divergence and drives the threshold towards 0 (MobileNetV2's ReLU6 outputs: 8-bit sym
        // entropy took Fashion-MNIST top-1 to 19 % while it was counted).
        if (from == 0.0)
            counts[0] = 0.0;
        const int kept = klThresholdBins(counts, std::min(1 << bits, bins));
        return toRange(lo, from + (hi - from) * kept / bins);
    }
    const int levels = 1 << std::max(bits - 1, 0);
    return toRange(-threshold(-lo, true, levels), threshold(hi, false, levels));
}

ValueRange mseRange(const Histogram& h, int bits, QuantMode mode)
{
    requireHistogram(h, "mse");
    checkBits(bits);
    const double lo = h.lo();
    const double hi = h.hi();
    constexpr int kCandidates = 512;
    auto mse = [&](double a, double b) {
        return predictQuantError(h, gridOf(activationQuant(toRange(a, b), bits, mode))).mse;
    };
    if (isSymmetric(mode)) {
        const double extent = std::max(std::abs(lo), std::abs(hi));
        if (!(extent > 0.0))
            return toRange(lo, hi);
        double best = std::numeric_limits<double>::infinity();
        double bestSat = extent;
        for (int k = kCandidates; k >= 1; --k) { // from wide to narrow: ties keep the wider
            const double sat = extent * k / kCandidates;
            const double e = mse(-sat, sat);
            if (e < best) {
                best = e;
                bestSat = sat;
            }
        }
        return toRange(std::max(lo, -bestSat), std::min(hi, bestSat));
    }
    // Asymmetric: 0 is always inside Distiller's grid, so scan each bound between 0 and the data's extreme.
    double a = std::min(lo, 0.0);
    double b = std::max(hi, 0.0);
    double best = mse(a, b);
    for (int iteration = 0; iteration < 8; ++iteration) {
        bool moved = false;
        if (hi > 0.0)
            for (int k = kCandidates; k >= 1; --k) {
                const double cand = hi * k / kCandidates;
                const double e = mse(a, cand);
                if (e < best) {
                    best = e;
                    b = cand;
                    moved = true;
                }
            }
        if (lo < 0.0)
            for (int k = kCandidates; k >= 1; --k) {
                const double cand = lo * k / kCandidates;
                const double e = mse(cand, b);
                if (e < best) {
                    best = e;
                    a = cand;
                    moved = true;
                }
            }
        if (!moved)
            break;
    }
    return toRange(std::max(a, lo), std::min(b, hi));
}

} // namespace qs
