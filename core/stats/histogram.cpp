#include "core/stats/histogram.h"

#include "core/stats/stats_kernels.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace qs {

Histogram Histogram::fromCounts(double lo, double hi, std::vector<double> counts)
{
    Histogram h(static_cast<int>(counts.size()));
    h.m_counts = std::move(counts);
    h.m_total = std::accumulate(h.m_counts.begin(), h.m_counts.end(), 0.0);
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
    // Old bin i goes to new bin (j + i) / k, counted up without a division per bin (growing happens in
    // most early batches, inside the calibration pass).
    std::vector<double> merged(static_cast<std::size_t>(n), 0.0);
    long target = j / k, phase = j % k;
    for (long i = 0; i < n; ++i) {
        merged[static_cast<std::size_t>(std::min<long>(target, n - 1))] += m_counts[static_cast<std::size_t>(i)];
        if (++phase == k) {
            phase = 0;
            ++target;
        }
    }
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

double Histogram::addKnownRange(const float* data, int64_t count, float lo, float hi, double center)
{
    if (count <= 0)
        return 0.0;
    const auto g = cover(lo, hi);
    if (!g)
        return 0.0;
    const float infinity = std::numeric_limits<float>::infinity();
    const std::size_t pitch = static_cast<std::size_t>(bins()) + 1;
    std::vector<uint32_t> counts(stats_kernels::kCountCopies * pitch, 0);
    const auto binned = stats_kernels::binCentralSample(data, count, 1, 0, {-infinity, infinity, *g, counts.data(), static_cast<float>(center)});
    stats_kernels::sumCountCopies(counts.data(), stats_kernels::kCountCopies, bins(), pitch);
    addCounts(counts.data(), 1.0);
    return binned.absDev;
}

std::optional<stats_kernels::BinGrid> Histogram::cover(float lo, float hi)
{
    if (!std::isfinite(lo) || !std::isfinite(hi))
        return std::nullopt;
    if (!m_initialised) {
        m_lo = lo;
        m_hi = hi > lo ? hi : lo + 1e-6;
        m_initialised = true;
    } else {
        growTo(lo, hi);
    }
    return grid();
}

std::optional<stats_kernels::BinGrid> Histogram::grid() const
{
    if (!m_initialised)
        return std::nullopt;
    return stats_kernels::BinGrid{static_cast<float>(m_lo), static_cast<float>(bins() / (m_hi - m_lo)), bins()};
}

void Histogram::addCounts(const uint32_t* counts, double weight)
{
    uint64_t added = 0; // an integer sum vectorises; a double one would be a chain of dependent adds
    for (int b = 0; b < bins(); ++b) {
        m_counts[static_cast<std::size_t>(b)] += weight * counts[b];
        added += counts[b];
    }
    m_total += weight * static_cast<double>(added);
}

double Histogram::addValues(std::span<const float> values, double center)
{
    const float base = static_cast<float>(m_lo), scale = static_cast<float>(bins() / (m_hi - m_lo)), top = static_cast<float>(bins() - 1);
    double dev = 0.0;
    for (float v : values) {
        m_counts[static_cast<std::size_t>(std::min(std::max((v - base) * scale, 0.0f), top))] += 1.0;
        dev += std::fabs(v - center);
    }
    m_total += static_cast<double>(values.size());
    return dev;
}

std::pair<float, float> Histogram::centralBounds(double fraction) const
{
    const double all = m_total;
    const double width = binWidth();
    double below = 0.0;
    int first = 0;
    while (first < bins() - 1 && below + m_counts[static_cast<std::size_t>(first)] <= fraction * all)
        below += m_counts[static_cast<std::size_t>(first++)];
    double above = 0.0;
    int last = bins() - 1;
    while (last > first && above + m_counts[static_cast<std::size_t>(last)] <= fraction * all)
        above += m_counts[static_cast<std::size_t>(last--)];
    return {static_cast<float>(m_lo + first * width), static_cast<float>(m_lo + (last + 1) * width)};
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
