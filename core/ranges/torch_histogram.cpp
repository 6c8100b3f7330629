#include "core/ranges/torch_histogram.h"

#include "core/ranges/torch_numerics.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {

namespace tn = torch_numerics;

template <typename Count>
BasicGrowingHistogram<Count>::BasicGrowingHistogram(int bins, int upsampleRate)
    : m_counts(static_cast<std::size_t>(bins > 0 ? bins : 0), Count(0)), m_upsampleRate(upsampleRate)
{
    if (bins < 1)
        throw Error("histogram needs at least one bin, got " + std::to_string(bins));
    if (upsampleRate < 1)
        throw Error("histogram upsample rate must be >= 1, got " + std::to_string(upsampleRate));
}

template <typename Count>
void BasicGrowingHistogram<Count>::add(const float* data, int64_t n)
{
    float lo = std::numeric_limits<float>::infinity();
    float hi = -std::numeric_limits<float>::infinity();
    for (int64_t i = 0; i < n; ++i) {
        const float v = data[i];
        if (!std::isfinite(v))
            continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (lo > hi)
        return; // empty or nothing finite
    addKnownRange(data, n, lo, hi);
}

template <typename Count>
void BasicGrowingHistogram<Count>::addKnownRange(const float* data, int64_t n, float dataMin, float dataMax)
{
    if (n <= 0 || !(dataMin <= dataMax))
        return;
    const int nbins = bins();
    const float newMin = m_initialised ? std::min(m_min, dataMin) : dataMin;
    const float newMax = m_initialised ? std::max(m_max, dataMax) : dataMax;

    m_scratch.assign(static_cast<std::size_t>(nbins), 0);
    tn::histcAccumulate(tn::histcEdges(newMin, newMax, nbins), data, n, m_scratch.data());

    if (!m_initialised) { // reset_histogram
        for (int i = 0; i < nbins; ++i)
            m_counts[i] = static_cast<Count>(m_scratch[i]);
        m_min = newMin;
        m_max = newMax;
        m_initialised = true;
        return;
    }
    std::vector<Count> update(static_cast<std::size_t>(nbins));
    for (int i = 0; i < nbins; ++i)
        update[i] = static_cast<Count>(m_scratch[i]);
    if (newMin == m_min && newMax == m_max) {
        for (int i = 0; i < nbins; ++i)
            m_counts[i] = m_counts[i] + update[i];
        return;
    }
    combine(update, newMin, newMax);
}

template <typename Count>
void BasicGrowingHistogram<Count>::combine(const std::vector<Count>& update, float newMin, float newMax)
{
    const int nbins = bins();
    std::vector<Count> moved(static_cast<std::size_t>(nbins), Count(0));
    if (m_min == m_max) {
        // All old mass sits at one value: histc(orig_min, bins, new range) * total.
        Count mass = 0;
        for (Count c : m_counts)
            mass += c;
        const int64_t bin = tn::histcBin(tn::histcEdges(newMin, newMax, nbins), m_min);
        if (bin >= 0)
            moved[static_cast<std::size_t>(bin)] = mass;
    } else {
        // _upscale_histogram: split each old bin into `rate` parts at their mid points, bucketize the
        // mid points into the new bins (right=True, then -1, clamped) and bincount the weights.
        const int rate = m_upsampleRate;
        const int64_t fine = static_cast<int64_t>(nbins) * rate;
        const float fineWidth = (m_max - m_min) / static_cast<float>(fine);
        const float halfFine = 0.5f * fineWidth;
        const std::vector<float> fineEdges = tn::linspace(m_min, m_max, fine + 1);
        const std::vector<float> boundaries = tn::linspace(newMin, newMax, nbins + 1);
        for (int64_t j = 0; j < fine; ++j) {
            const float mid = fineEdges[static_cast<std::size_t>(j)] + halfFine;
            int64_t bucket = std::upper_bound(boundaries.begin(), boundaries.end(), mid) - boundaries.begin() - 1;
            bucket = std::clamp<int64_t>(bucket, 0, nbins - 1);
            const Count weight = m_counts[static_cast<std::size_t>(j / rate)] / static_cast<Count>(rate);
            moved[static_cast<std::size_t>(bucket)] += weight;
        }
    }
    for (int i = 0; i < nbins; ++i)
        m_counts[i] = update[i] + moved[i];
    m_min = newMin;
    m_max = newMax;
}

template <typename Count>
double BasicGrowingHistogram<Count>::total() const
{
    double sum = 0.0;
    for (Count c : m_counts)
        sum += static_cast<double>(c);
    return sum;
}

template <typename Count>
double BasicGrowingHistogram<Count>::quantile(double fraction) const
{
    if (!m_initialised)
        throw Error("quantile of an empty histogram");
    const double total = this->total();
    if (total <= 0.0)
        return m_min;
    const double target = std::clamp(fraction, 0.0, 1.0) * total;
    double below = 0.0;
    for (int i = 0; i < bins(); ++i) {
        const double c = static_cast<double>(m_counts[i]);
        if (c > 0.0 && below + c >= target)
            return binLower(i) + binWidth() * std::clamp((target - below) / c, 0.0, 1.0);
        below += c;
    }
    return m_max;
}

template <typename Count>
BasicGrowingHistogram<Count> BasicGrowingHistogram<Count>::fromCounts(float min, float max, std::vector<Count> counts,
                                                                      int upsampleRate)
{
    if (counts.empty())
        throw Error("histogram has no bins");
    if (!(min <= max) || !std::isfinite(min) || !std::isfinite(max))
        throw Error("histogram range [" + std::to_string(min) + ", " + std::to_string(max) + "] is invalid");
    for (Count c : counts)
        if (!(c >= 0) || !std::isfinite(static_cast<double>(c)))
            throw Error("histogram has a negative or non-finite count");
    BasicGrowingHistogram result(static_cast<int>(counts.size()), upsampleRate);
    result.m_counts = std::move(counts);
    result.m_min = min;
    result.m_max = max;
    result.m_initialised = true;
    return result;
}

template class BasicGrowingHistogram<float>;

} // namespace qs
