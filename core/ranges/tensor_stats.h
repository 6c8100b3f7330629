#pragma once
// Calibration statistics of one activation tensor, fed batch by batch (dim 0 of the shape is the batch):
// the fields of Distiller's acts_quantization_stats.yaml (min, max, avg_min, avg_max, mean, std, b, shape)
// plus a growing 2048-bin histogram (growing_histogram.h) for the histogram-based range methods.
//
//  min/max    over all finite values seen.
//  avg_min/max mean over samples of each sample's min/max (Distiller's definition). When a sample is a
//             single value, the whole batch counts as one sample, as Distiller does. (Distiller weights its
//             running average oddly across batches of different size; we weight every sample equally,
//             which is identical for equal batch sizes.)
//  mean, std  exact, one pass: each batch's mean and centred sum of squares are merged with Chan's
//             parallel formula in double. std is the population std sqrt(mean((x - mean)^2)), as Distiller's
//             second stats pass computes it.
//  b          Laplace scale, mean |x - mean|. Distiller runs a second pass over the data with the final mean;
//             here b is accumulated in the same single pass against the running mean *after* each batch
//             (sum |x - mean_k| / N). Exact for a single batch; otherwise the error is bounded by how far the
//             running mean still moves, which vanishes as batches accumulate.
//  shape      the first batch's shape (Distiller records the first).
// Non-finite values are ignored everywhere (counted in nonFinite()).
//
// add() allocates nothing per element; it makes three O(n) passes (min/max/sum, moments, histogram).

#include "core/ranges/growing_histogram.h"

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace qs {

// The serialisable summary (what Distiller's YAML holds). NaN marks a field a file did not have.
struct StatsSummary {
    double min = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();
    double avgMin = std::numeric_limits<double>::quiet_NaN();
    double avgMax = std::numeric_limits<double>::quiet_NaN();
    double mean = std::numeric_limits<double>::quiet_NaN();
    double std = std::numeric_limits<double>::quiet_NaN();
    double b = std::numeric_limits<double>::quiet_NaN();
    std::vector<int64_t> shape;
    bool operator==(const StatsSummary& other) const;
};

class TensorStats {
public:
    explicit TensorStats(int histogramBins = 2048);

    // One batch: `data` holds product(shape) floats, shape[0] is the batch size. A rank-0 shape is one
    // value. Throws qs::Error on a negative dimension.
    void add(const float* data, std::span<const int64_t> shape);

    bool empty() const { return m_count == 0 && !m_restored; }
    int64_t count() const { return m_count; }     // finite values seen
    int64_t samples() const { return m_samples; } // samples seen (for avg_min/avg_max)
    int64_t nonFinite() const { return m_nonFinite; }

    StatsSummary summary() const;
    double min() const;
    double max() const;
    double avgMin() const;
    double avgMax() const;
    double mean() const;
    double std() const;
    double b() const;
    const std::vector<int64_t>& shape() const { return m_shape; }

    bool hasHistogram() const { return !m_histogram.empty(); }
    const GrowingHistogram& histogram() const { return m_histogram; }

    // Statistics loaded from a file: the summary, and the histogram when the sidecar had one. add() on a
    // restored object throws (the accumulators behind a summary are not in the file).
    static TensorStats fromSummary(const StatsSummary& summary, GrowingHistogram histogram = GrowingHistogram());
    void setHistogram(GrowingHistogram histogram) { m_histogram = std::move(histogram); }

private:
    GrowingHistogram m_histogram;
    std::vector<int64_t> m_shape;
    int64_t m_count = 0;
    int64_t m_samples = 0;
    int64_t m_nonFinite = 0;
    float m_min = std::numeric_limits<float>::infinity();
    float m_max = -std::numeric_limits<float>::infinity();
    double m_sumSampleMin = 0.0;
    double m_sumSampleMax = 0.0;
    double m_mean = 0.0;
    double m_m2 = 0.0;        // sum of squared deviations from the mean
    double m_absDevSum = 0.0; // sum |x - running mean after the value's batch|
    bool m_restored = false;
    StatsSummary m_restoredSummary;
};

// Statistics of a weight tensor: per tensor and per output channel (axis 0 of OIHW or [O, K]).
struct WeightStats {
    float min = 0.0f;
    float max = 0.0f;
    std::vector<float> channelMin;
    std::vector<float> channelMax;
    std::vector<int64_t> shape;
    GrowingHistogram histogram;
};
// Throws qs::Error on a rank-0 shape or an empty tensor.
WeightStats computeWeightStats(const float* data, std::span<const int64_t> shape, int histogramBins = 2048);

} // namespace qs
