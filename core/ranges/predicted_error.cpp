#include "core/ranges/predicted_error.h"

#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {

namespace {

// Antiderivative of (u - round(u))^2 (period 1, integral 1/12 per period): with k = floor(u + 1/2) and
// v = u - k in [-1/2, 1/2), F(u) = k / 12 + (v^3 + 1/8) / 3. Continuous at the half-integers.
double roundingAntiderivative(double u)
{
    const double k = std::floor(u + 0.5);
    const double v = u - k;
    return k / 12.0 + (v * v * v + 0.125) / 3.0;
}

double cubeDiff(double a, double b, double center) // integral of (x - center)^2 over [a, b]
{
    const double ea = a - center;
    const double eb = b - center;
    return (eb * eb * eb - ea * ea * ea) / 3.0;
}

double clipIntegral(const QuantGrid& grid, double a, double b)
{
    const double lo = grid.lo;
    const double hi = grid.hi();
    double sum = 0.0;
    if (a < lo)
        sum += cubeDiff(a, std::min(b, lo), lo);
    if (b > hi)
        sum += cubeDiff(std::max(a, hi), b, hi);
    return sum;
}

} // namespace

double quantErrorIntegral(const QuantGrid& grid, double a, double b)
{
    if (!(b > a))
        return 0.0;
    double sum = clipIntegral(grid, a, b);
    const double lo = grid.lo;
    const double hi = grid.hi();
    const double ma = std::max(a, lo);
    const double mb = std::min(b, hi);
    if (mb > ma) {
        const double step = grid.step;
        const double u1 = (ma - lo) / step;
        const double u2 = (mb - lo) / step;
        sum += step * step * step * (roundingAntiderivative(u2) - roundingAntiderivative(u1));
    }
    return sum;
}

QuantErrorEstimate predictQuantError(const Histogram& histogram, const QuantGrid& grid)
{
    if (histogram.empty())
        throw Error("predicted quantization error needs a histogram");
    const double total = histogram.total();
    const double width = histogram.binWidth();
    double err = 0.0;
    double clip = 0.0;
    double signal = 0.0;
    for (int i = 0; i < histogram.bins(); ++i) {
        const double c = histogram.counts()[static_cast<std::size_t>(i)];
        if (c <= 0.0)
            continue;
        if (width <= 0.0) { // a point mass: all values equal lo
            const double x = histogram.lo();
            const double q = std::clamp(grid.lo + std::nearbyint((x - grid.lo) / grid.step) * grid.step, grid.lo, grid.hi());
            err += c * (x - q) * (x - q);
            clip += (x < grid.lo || x > grid.hi()) ? c * (x - q) * (x - q) : 0.0;
            signal += c * x * x;
            continue;
        }
        const double a = histogram.binLower(i);
        const double b = a + width;
        const double density = c / width;
        err += density * quantErrorIntegral(grid, a, b);
        clip += density * clipIntegral(grid, a, b);
        signal += density * (b * b * b - a * a * a) / 3.0;
    }
    QuantErrorEstimate e;
    if (total <= 0.0)
        return e;
    e.mse = err / total;
    e.clipMse = clip / total;
    const double power = signal / total;
    e.sqnrDb = e.mse > 0.0 ? 10.0 * std::log10(power / e.mse) : std::numeric_limits<double>::infinity();
    return e;
}

QuantGrid gridOf(const ActivationQuant& q)
{
    QuantGrid grid;
    grid.lo = static_cast<double>(representableRange(q).min);
    grid.step = q.scale;
    grid.levels = q.levels();
    return grid;
}

RangeQuality predictQuality(const Histogram& histogram, ValueRange range, int bits, QuantMode mode)
{
    return predictQuality(histogram, activationQuant(range, bits, mode));
}

RangeQuality predictQuality(const Histogram& histogram, const ActivationQuant& q)
{
    RangeQuality quality;
    if (histogram.empty())
        return quality;
    const QuantErrorEstimate e = predictQuantError(histogram, gridOf(q));
    quality.mse = e.mse;
    quality.sqnrDb = std::min(e.sqnrDb, 200.0);
    return quality;
}

double weightSqnrDb(const Tensor& weights, const WeightQuant& spec)
{
    std::vector<int8_t> q;
    const std::vector<float> scales = quantizeWeights(weights, spec, q);
    const Tensor w = weights.cast(DataType::Float32);
    const int64_t per = w.size() / static_cast<int64_t>(scales.size());
    double signal = 0.0, noise = 0.0;
    for (int64_t i = 0; i < w.size(); ++i) {
        const double x = w.data<float>()[i];
        const double restored = static_cast<double>(scales[static_cast<std::size_t>(i / per)]) * q[static_cast<std::size_t>(i)];
        signal += x * x;
        noise += (x - restored) * (x - restored);
    }
    return noise > 0.0 ? std::min(10.0 * std::log10(signal / noise), 200.0) : 200.0;
}

double combinedSqnrDb(double activationDb, double weightDb)
{
    return -10.0 * std::log10(std::pow(10.0, -activationDb / 10.0) + std::pow(10.0, -weightDb / 10.0));
}

} // namespace qs
