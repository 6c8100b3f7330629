#pragma once
// A fixed-bin-count histogram (2048 bins by default) over [min, max] of everything seen so far, fed batch
// by batch. When a batch falls outside the current range, the range grows to the union and the old counts
// are moved onto the new bins the way PyTorch's HistogramObserver does (torch 2.x `_combine_histograms` /
// `_upscale_histogram`): every old bin is split into `upsampleRate` equal parts whose mid points are
// bucketed into the new bins, so total mass is preserved exactly. New data is binned with torch.histc
// semantics (see torch_numerics.h). Memory is O(bins) whatever the data size; add() is O(n).
//
// Only PyTorch's HistogramObserver equivalent (observers.h) uses it, with float counts, which reproduces PyTorch
// bit for bit; calibration's own histogram is core/stats/histogram.h.

#include <cstdint>
#include <vector>

namespace qs {

template <typename Count>
class BasicGrowingHistogram {
public:
    explicit BasicGrowingHistogram(int bins = 2048, int upsampleRate = 16);

    // Adds a batch; non-finite values are ignored (as PyTorch ignores inf).
    void add(const float* data, int64_t n);
    // Same when the caller already knows the finite min and max of `data` (skips one pass).
    void addKnownRange(const float* data, int64_t n, float dataMin, float dataMax);

    bool empty() const { return !m_initialised; }
    int bins() const { return static_cast<int>(m_counts.size()); }
    int upsampleRate() const { return m_upsampleRate; }
    float min() const { return m_min; }
    float max() const { return m_max; }
    const std::vector<Count>& counts() const { return m_counts; }
    double total() const;
    double binWidth() const { return (static_cast<double>(m_max) - m_min) / bins(); }
    double binLower(int i) const { return m_min + binWidth() * i; }
    double binCenter(int i) const { return m_min + binWidth() * (i + 0.5); }

    // Value below which `fraction` (0..1) of the mass lies, linear within a bin.
    double quantile(double fraction) const;

    // A histogram from saved counts (sidecar file); throws qs::Error on inconsistent input.
    static BasicGrowingHistogram fromCounts(float min, float max, std::vector<Count> counts, int upsampleRate = 16);

private:
    void combine(const std::vector<Count>& update, float newMin, float newMax);

    std::vector<Count> m_counts;
    std::vector<int64_t> m_scratch; // per-batch integer counts, reused (no per-batch allocation)
    int m_upsampleRate = 16;
    float m_min = 0.0f;
    float m_max = 0.0f;
    bool m_initialised = false;
};

using TorchHistogram = BasicGrowingHistogram<float>;

extern template class BasicGrowingHistogram<float>;

} // namespace qs
