#pragma once
// A fixed-bin-count histogram whose range grows as data arrives without losing mass: when a batch falls
// outside the current range, the range is widened to cover it (by whole multiples of the current width, so
// old bins map onto new bins without splitting) and the old counts are merged in, as PyTorch's
// HistogramObserver does. Memory is O(bins), whatever the amount of data.

#include "core/stats/stats_kernels.h"

#include <cstdint>
#include <span>
#include <optional>
#include <utility>
#include <vector>

namespace qs {

class Histogram {
public:
    explicit Histogram(int bins = 2048) : m_counts(static_cast<std::size_t>(bins), 0.0) {}

    void add(const float* data, int64_t count);
    // Same when the caller already knows the data's min and max; also returns sum |x - center| over the data.
    // Bins every value (calibration bins a sample plus the tails, through the building blocks below).
    double addKnownRange(const float* data, int64_t count, float lo, float hi, double center);

    // Building blocks for callers that bin in their own parallel region (ActivationStats):
    // widen the range to cover [lo, hi] (or set it, on first use) and return the grid to bin into it;
    std::optional<stats_kernels::BinGrid> cover(float lo, float hi);
    // the current grid (none before the first data);
    std::optional<stats_kernels::BinGrid> grid() const;
    // add per-bin counts (bins() of them) scaled by `weight`;
    void addCounts(const uint32_t* counts, double weight);
    // bin each value exactly, returning sum |v - center| over them.
    double addValues(std::span<const float> values, double center);

    // Bounds of the central part holding all but at most `fraction` of the mass on each side, on bin edges
    // (so a spike, such as the zeros after a ReLU, is never cut in two).
    std::pair<float, float> centralBounds(double fraction) const;

    int bins() const { return static_cast<int>(m_counts.size()); }
    double lo() const { return m_lo; }
    double hi() const { return m_hi; }
    double binWidth() const { return (m_hi - m_lo) / bins(); }
    double binCenter(int i) const { return m_lo + (i + 0.5) * binWidth(); }
    double binLower(int i) const { return m_lo + i * binWidth(); }
    const std::vector<double>& counts() const { return m_counts; }
    double total() const { return m_total; } // kept running: the per-batch tail bounds need it
    bool empty() const { return !m_initialised; }

    // Value below which `fraction` of the mass lies (linear within a bin).
    double quantile(double fraction) const;

    // Direct construction (loading a saved histogram).
    static Histogram fromCounts(double lo, double hi, std::vector<double> counts);

private:
    void growTo(double lo, double hi);

    std::vector<double> m_counts;
    double m_total = 0.0;
    double m_lo = 0.0, m_hi = 0.0;
    bool m_initialised = false;
};

} // namespace qs
