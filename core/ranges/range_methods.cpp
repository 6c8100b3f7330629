#include "core/ranges/range_methods.h"

#include "core/ranges/clip_modes.h"
#include "core/ranges/quant_error.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>

namespace qs {

namespace {

GrowingHistogram toGrowing(const Histogram& h)
{
    return GrowingHistogram::fromCounts(static_cast<float>(h.lo()), static_cast<float>(h.hi()), h.counts());
}

TensorStats toTensorStats(const ActivationStats& s)
{
    StatsSummary summary;
    summary.min = s.min;
    summary.max = s.max;
    summary.avgMin = s.avgMin;
    summary.avgMax = s.avgMax;
    summary.mean = s.mean;
    summary.std = s.std;
    summary.b = s.b;
    summary.shape = s.shape;
    return TensorStats::fromSummary(summary, s.histogram.empty() ? GrowingHistogram() : toGrowing(s.histogram));
}

} // namespace

RangeQuality predictQuality(const Histogram& histogram, ValueRange range, int bits, QuantMode mode)
{
    return predictQuality(histogram, activationQuant(range, bits, mode));
}

RangeQuality predictQuality(const Histogram& histogram, const ActivationQuant& q)
{
    RangeQuality quality;
    if (histogram.empty())
        return quality;
    QuantGrid grid;
    grid.lo = static_cast<double>(representableRange(q).min);
    grid.step = q.scale;
    grid.levels = q.levels();
    const QuantErrorEstimate e = predictQuantError(toGrowing(histogram), grid);
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

ValueRange pickRange(RangeMethod method, const ActivationStats& s, int bits, QuantMode mode, const RangeOptions& options)
{
    ClipParams params;
    params.nStds = options.nStds;
    params.percentile = options.percentile;
    params.halfRange = s.min >= 0.0; // Distiller's clip_half_range for post-ReLU tensors
    const ClipRange r = pickClipRange(method, toTensorStats(s), bits, mode, params);
    return {static_cast<float>(r.min), static_cast<float>(r.max)};
}

} // namespace qs
