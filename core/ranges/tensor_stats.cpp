#include "core/ranges/tensor_stats.h"

#include "core/util/error.h"

#include <algorithm>
#include <cmath>

namespace qs {

namespace {

bool sameDouble(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

struct Extent {
    float lo = std::numeric_limits<float>::infinity();
    float hi = -std::numeric_limits<float>::infinity();
    double sum = 0.0;
    int64_t finite = 0;
};

// min, max, sum and finite count of n values.
Extent extentOf(const float* data, int64_t n)
{
    Extent e;
    for (int64_t i = 0; i < n; ++i) {
        const float v = data[i];
        if (!std::isfinite(v))
            continue;
        e.lo = std::min(e.lo, v);
        e.hi = std::max(e.hi, v);
        e.sum += v;
        ++e.finite;
    }
    return e;
}

int64_t elementCount(std::span<const int64_t> shape)
{
    int64_t n = 1;
    for (int64_t d : shape) {
        if (d < 0)
            throw Error("tensor shape has a negative dimension " + std::to_string(d));
        n *= d;
    }
    return n;
}

} // namespace

bool StatsSummary::operator==(const StatsSummary& o) const
{
    return sameDouble(min, o.min) && sameDouble(max, o.max) && sameDouble(avgMin, o.avgMin) &&
           sameDouble(avgMax, o.avgMax) && sameDouble(mean, o.mean) && sameDouble(std, o.std) &&
           sameDouble(b, o.b) && shape == o.shape;
}

TensorStats::TensorStats(int histogramBins)
    : m_histogram(histogramBins)
{
}

void TensorStats::add(const float* data, std::span<const int64_t> shape)
{
    if (m_restored)
        throw Error("statistics loaded from a file cannot be extended with new batches");
    const int64_t n = elementCount(shape);
    if (n == 0)
        return;
    if (m_shape.empty() && m_count == 0)
        m_shape.assign(shape.begin(), shape.end());
    const int64_t batch = shape.empty() ? 1 : shape[0];
    int64_t perSample = batch > 0 ? n / batch : n;
    int64_t sampleCount = batch;
    if (perSample == 1) { // one value per sample: the batch is the sample (Distiller's dim switch)
        perSample = n;
        sampleCount = 1;
    }

    // Pass 1: per-sample min/max, batch sum.
    Extent batchExtent;
    for (int64_t s = 0; s < sampleCount; ++s) {
        const Extent e = extentOf(data + s * perSample, perSample);
        m_nonFinite += perSample - e.finite;
        if (e.finite == 0)
            continue;
        m_sumSampleMin += e.lo;
        m_sumSampleMax += e.hi;
        ++m_samples;
        batchExtent.lo = std::min(batchExtent.lo, e.lo);
        batchExtent.hi = std::max(batchExtent.hi, e.hi);
        batchExtent.sum += e.sum;
        batchExtent.finite += e.finite;
    }
    if (batchExtent.finite == 0)
        return;
    m_min = std::min(m_min, batchExtent.lo);
    m_max = std::max(m_max, batchExtent.hi);

    // Chan et al.: merge the batch's mean and M2 into the running ones.
    const double batchCount = static_cast<double>(batchExtent.finite);
    const double batchMean = batchExtent.sum / batchCount;
    const double oldCount = static_cast<double>(m_count);
    const double total = oldCount + batchCount;
    const double delta = batchMean - m_mean;
    const double newMean = m_mean + delta * batchCount / total;

    // Pass 2: centred moments of the batch and |x - new running mean|.
    double batchM2 = 0.0;
    double absDev = 0.0;
    for (int64_t i = 0; i < n; ++i) {
        const float v = data[i];
        if (!std::isfinite(v))
            continue;
        const double d = static_cast<double>(v) - batchMean;
        batchM2 += d * d;
        absDev += std::abs(static_cast<double>(v) - newMean);
    }
    m_m2 += batchM2 + delta * delta * oldCount * batchCount / total;
    m_mean = newMean;
    m_absDevSum += absDev;
    m_count += batchExtent.finite;

    // Pass 3: histogram (range grows as needed, mass preserved).
    m_histogram.addKnownRange(data, n, batchExtent.lo, batchExtent.hi);
}

double TensorStats::min() const { return m_restored ? m_restoredSummary.min : (m_count ? m_min : std::nan("")); }
double TensorStats::max() const { return m_restored ? m_restoredSummary.max : (m_count ? m_max : std::nan("")); }

double TensorStats::avgMin() const
{
    if (m_restored)
        return m_restoredSummary.avgMin;
    return m_samples ? m_sumSampleMin / static_cast<double>(m_samples) : std::nan("");
}

double TensorStats::avgMax() const
{
    if (m_restored)
        return m_restoredSummary.avgMax;
    return m_samples ? m_sumSampleMax / static_cast<double>(m_samples) : std::nan("");
}

double TensorStats::mean() const { return m_restored ? m_restoredSummary.mean : (m_count ? m_mean : std::nan("")); }

double TensorStats::std() const
{
    if (m_restored)
        return m_restoredSummary.std;
    return m_count ? std::sqrt(m_m2 / static_cast<double>(m_count)) : std::nan("");
}

double TensorStats::b() const
{
    if (m_restored)
        return m_restoredSummary.b;
    return m_count ? m_absDevSum / static_cast<double>(m_count) : std::nan("");
}

StatsSummary TensorStats::summary() const
{
    if (m_restored)
        return m_restoredSummary;
    StatsSummary s;
    s.min = min();
    s.max = max();
    s.avgMin = avgMin();
    s.avgMax = avgMax();
    s.mean = mean();
    s.std = std();
    s.b = b();
    s.shape = m_shape;
    return s;
}

TensorStats TensorStats::fromSummary(const StatsSummary& summary, GrowingHistogram histogram)
{
    TensorStats stats(histogram.bins());
    stats.m_restored = true;
    stats.m_restoredSummary = summary;
    stats.m_shape = summary.shape;
    stats.m_histogram = std::move(histogram);
    return stats;
}

WeightStats computeWeightStats(const float* data, std::span<const int64_t> shape, int histogramBins)
{
    if (shape.empty())
        throw Error("weight statistics need a tensor of rank >= 1");
    const int64_t n = elementCount(shape);
    if (n == 0)
        throw Error("weight statistics of an empty tensor");
    WeightStats w;
    w.shape.assign(shape.begin(), shape.end());
    const int64_t channels = shape[0];
    const int64_t perChannel = n / channels;
    w.channelMin.resize(static_cast<std::size_t>(channels));
    w.channelMax.resize(static_cast<std::size_t>(channels));
    Extent all;
    for (int64_t c = 0; c < channels; ++c) {
        const Extent e = extentOf(data + c * perChannel, perChannel);
        if (e.finite == 0)
            throw Error("weight output channel " + std::to_string(c) + " has no finite value");
        w.channelMin[static_cast<std::size_t>(c)] = e.lo;
        w.channelMax[static_cast<std::size_t>(c)] = e.hi;
        all.lo = std::min(all.lo, e.lo);
        all.hi = std::max(all.hi, e.hi);
    }
    w.min = all.lo;
    w.max = all.hi;
    w.histogram = GrowingHistogram(histogramBins);
    w.histogram.addKnownRange(data, n, all.lo, all.hi);
    return w;
}

} // namespace qs
