#include "core/ptq/range_methods.h"

#include "core/calibration/clip_modes.h"
#include "core/calibration/quant_error.h"
#include "core/util/error.h"

#include <algorithm>

namespace qs {

namespace {

ClipMode clipMode(RangeMethod m)
{
    switch (m) {
    case RangeMethod::None: return ClipMode::None;
    case RangeMethod::Avg: return ClipMode::Avg;
    case RangeMethod::NStd: return ClipMode::NStd;
    case RangeMethod::Gauss: return ClipMode::Gauss;
    case RangeMethod::Laplace: return ClipMode::Laplace;
    case RangeMethod::Percentile: return ClipMode::Percentile;
    case RangeMethod::Entropy: return ClipMode::Entropy;
    case RangeMethod::Mse: return ClipMode::Mse;
    case RangeMethod::PytorchHistogram: return ClipMode::PytorchHistogram;
    }
    return ClipMode::None;
}

LinearQuantMode linearMode(QuantMode mode)
{
    switch (mode) {
    case QuantMode::Symmetric: return LinearQuantMode::Symmetric;
    case QuantMode::AsymmetricUnsigned: return LinearQuantMode::AsymmetricUnsigned;
    case QuantMode::AsymmetricSigned: return LinearQuantMode::AsymmetricSigned;
    }
    return LinearQuantMode::AsymmetricUnsigned;
}

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

std::string toString(RangeMethod method) { return clipModeName(clipMode(method)); }

const std::vector<RangeMethod>& allRangeMethods()
{
    static const std::vector<RangeMethod> all{RangeMethod::None,       RangeMethod::Avg,     RangeMethod::NStd,
                                              RangeMethod::Gauss,      RangeMethod::Laplace, RangeMethod::Percentile,
                                              RangeMethod::Entropy,    RangeMethod::Mse,     RangeMethod::PytorchHistogram};
    return all;
}

RangeMethod parseRangeMethod(const std::string& name)
{
    const ClipMode mode = parseClipMode(name); // throws listing the valid names
    for (RangeMethod m : allRangeMethods())
        if (clipMode(m) == mode)
            return m;
    throw Error("clip method '" + name + "' is not available in the PTQ pipeline");
}

double aciqAlpha(bool laplace, int bits, bool halfRange)
{
    return aciqAlpha(laplace ? ClipMode::Laplace : ClipMode::Gauss, bits, halfRange);
}

RangeQuality predictQuality(const Histogram& histogram, ValueRange range, int bits, QuantMode mode)
{
    RangeQuality quality;
    if (histogram.empty())
        return quality;
    const QuantErrorEstimate e = predictQuantError(toGrowing(histogram), ClipRange{range.min, range.max}, bits, linearMode(mode));
    quality.mse = e.mse;
    quality.sqnrDb = std::min(e.sqnrDb, 200.0);
    return quality;
}

ValueRange pickRange(RangeMethod method, const ActivationStats& s, int bits, QuantMode mode, const RangeOptions& options)
{
    ClipParams params;
    params.nStds = options.nStds;
    params.percentile = options.percentile;
    params.halfRange = s.min >= 0.0; // Distiller's clip_half_range for post-ReLU tensors
    const ClipRange r = pickClipRange(clipMode(method), toTensorStats(s), bits, linearMode(mode), params);
    return {static_cast<float>(r.min), static_cast<float>(r.max)};
}

} // namespace qs
