#include "core/ptq/histogram.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace qs {

double Histogram::total() const { return std::accumulate(m_counts.begin(), m_counts.end(), 0.0); }

Histogram Histogram::fromCounts(double lo, double hi, std::vector<double> counts)
{
    Histogram h(static_cast<int>(counts.size()));
    h.m_counts = std::move(counts);
    h.m_lo = lo;
    h.m_hi = hi;
    h.m_initialised = true;
    return h;
}

void Histogram::growTo(double lo, double hi)
{
    if (lo >= m_lo && hi <= m_hi)
        return;
    // New bin edges lie on old bin edges: start j old bins further left, each new bin spans k old bins.
    const int n = bins();
    const double oldBin = (m_hi - m_lo) / n;
    const long j = lo < m_lo ? static_cast<long>(std::ceil((m_lo - lo) / oldBin - 1e-9)) : 0;
    const double newLo = m_lo - static_cast<double>(j) * oldBin;
    long k = static_cast<long>(std::ceil((std::max(hi, m_hi) - newLo) / (m_hi - m_lo) - 1e-9));
    k = std::max<long>(k, 1);
    while (newLo + static_cast<double>(k) * n * oldBin < std::max(hi, m_hi))
        ++k;
    std::vector<double> merged(static_cast<std::size_t>(n), 0.0);
    for (long i = 0; i < n; ++i)
        merged[static_cast<std::size_t>(std::min<long>((j + i) / k, n - 1))] += m_counts[static_cast<std::size_t>(i)];
    m_counts = std::move(merged);
    m_lo = newLo;
    m_hi = newLo + static_cast<double>(k) * n * oldBin;
}

void Histogram::add(const float* data, int64_t count)
{
    if (count <= 0)
        return;
    float lo = data[0], hi = data[0];
    for (int64_t i = 1; i < count; ++i) {
        lo = std::min(lo, data[i]);
        hi = std::max(hi, data[i]);
    }
    addKnownRange(data, count, lo, hi, 0.0);
}

double Histogram::addKnownRange(const float* data, int64_t count, float lo, float hi, double center, int64_t stride)
{
    if (count <= 0 || !std::isfinite(lo) || !std::isfinite(hi))
        return 0.0;
    if (!m_initialised) {
        m_lo = lo;
        m_hi = hi > lo ? hi : lo + 1e-6;
        m_initialised = true;
    } else {
        growTo(lo, hi);
    }
    const int n = bins();
    const float base = static_cast<float>(m_lo), scale = static_cast<float>(n / (m_hi - m_lo));
    const float c = static_cast<float>(center);
    stride = std::max<int64_t>(stride, 1);
    const int64_t picked = (count + stride - 1) / stride;
    const double weight = static_cast<double>(count) / static_cast<double>(picked);
    double absDev = 0.0;
#pragma omp parallel reduction(+ : absDev)
    {
        std::vector<double> local(static_cast<std::size_t>(n), 0.0);
#pragma omp for schedule(static)
        for (int64_t k = 0; k < picked; ++k) {
            const float v = data[k * stride];
            const int b = std::min(std::max(static_cast<int>((v - base) * scale), 0), n - 1);
            local[static_cast<std::size_t>(b)] += weight;
            absDev += std::fabs(v - c);
        }
#pragma omp critical
        for (int b = 0; b < n; ++b)
            m_counts[static_cast<std::size_t>(b)] += local[static_cast<std::size_t>(b)];
    }
    return absDev * weight;
}

void Histogram::merge(const Histogram& other)
{
    if (other.empty())
        return;
    if (!m_initialised) {
        *this = other;
        return;
    }
    growTo(other.m_lo, other.m_hi);
    const int n = bins();
    for (int i = 0; i < other.bins(); ++i) {
        const double c = other.m_counts[static_cast<std::size_t>(i)];
        if (c == 0.0)
            continue;
        const int b = std::clamp(static_cast<int>((other.binCenter(i) - m_lo) / binWidth()), 0, n - 1);
        m_counts[static_cast<std::size_t>(b)] += c;
    }
}

double Histogram::quantile(double fraction) const
{
    const double target = std::clamp(fraction, 0.0, 1.0) * total();
    double cumulative = 0.0;
    for (int i = 0; i < bins(); ++i) {
        const double c = m_counts[static_cast<std::size_t>(i)];
        if (cumulative + c >= target && c > 0.0)
            return m_lo + (i + (target - cumulative) / c) * binWidth();
        cumulative += c;
    }
    return m_hi;
}

} // namespace qs
