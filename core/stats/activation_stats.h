#pragma once
// Statistics of one activation tensor gathered batch by batch during calibration, in Distiller's terms
// (min, max, avg_min / avg_max = mean over samples of per-sample min / max, mean, std, Laplace b) plus a
// growing 2048-bin histogram for the histogram-based range methods. min/max/avg_min/avg_max/mean/std are
// exact. In each batch the tails (values beyond the 0.2 % / 99.8 % quantiles seen so far, or, in the
// first batch, beyond the extremes of a 1024-value sample) are binned exactly, because clipping methods
// decide on them, and the rest through a stratified subsample of `histogramSamplesPerBatch` values,
// weighted so the histogram's mass is the true count. b is mean |x - running mean| (the first batch's own
// mean), from the same values, averaged over batches. Binning every value is what made calibration cost
// several inferences; tests/core/ptq/test_activation_stats.cpp checks the ranges picked this way against
// exact histograms.
// O(bins) memory.

#include "core/ir/tensor.h"
#include "core/stats/histogram.h"

#include <limits>
#include <span>

namespace qs {

// PyTorch's default averaging constant for MovingAverageMinMaxObserver.
constexpr float kMovingAverageConstant = 0.01f;

// Default size of the central subsample per batch; 0 bins every value.
constexpr int64_t kHistogramSamplesPerBatch = 8192;

struct ActivationStats {
    int64_t histogramSamplesPerBatch = kHistogramSamplesPerBatch;

    double min = 0.0, max = 0.0;
    double avgMin = 0.0, avgMax = 0.0; // mean over samples of each sample's min / max
    double mean = 0.0, std = 0.0;
    double b = 0.0;                    // Laplace scale: per batch mean |x - running mean| (see above), averaged over batches
    // PyTorch's MovingAverageMinMaxObserver over the batches' extremes: m += 0.01 (batch - m), the first batch
    // sets m; float32 arithmetic, as PyTorch's. NaN when unknown (statistics from a file).
    double movingMin = std::numeric_limits<double>::quiet_NaN(), movingMax = std::numeric_limits<double>::quiet_NaN();
    Shape shape;                       // one batch's shape as observed (dim 0 = batch)
    int64_t samples = 0;               // count of samples (dim 0 entries) seen
    int64_t elements = 0;              // count of values seen
    Histogram histogram{2048};

    // One batch; dim 0 of `shape` is the batch.
    void add(const float* data, const Shape& shape);
    // The same, and from the same pass over the data, one batch of max(data, 0) into `relu`: calibration
    // derives a ReLU's output statistics from its input instead of reading the output again. `relu` ends
    // up as if it had been given the ReLU's output (same sample positions; its own tail bounds).
    void addWithRelu(const float* data, const Shape& shape, ActivationStats& relu);

    // Running sums behind mean / std / b (kept so batches can be added one by one).
    double m_sum = 0.0, m_sumSquares = 0.0, m_bSum = 0.0;
    int64_t m_batches = 0;

private:
    void collect(const float* data, const Shape& shape, ActivationStats* relu);
    // The running statistics' part of a batch (everything but the histogram).
    void addBatch(const Shape& shape, std::span<const float> rowMin, std::span<const float> rowMax, double sum, double sumSquares, double absDev);
};

} // namespace qs
