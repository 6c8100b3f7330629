#include "core/stats/activation_stats.h"

#include "core/stats/stats_kernels.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <tuple>

#include <omp.h>

namespace qs {

namespace {

constexpr double kTailFraction = 0.002; // binned exactly on each side
// Below this many values a parallel region costs more than it saves. Above it both threads work on the
// rows oneDNN's threads just wrote, which are in their own core's cache: one thread reading all of them
// pays a cross-core miss for half the data.
constexpr int64_t kParallelValues = 16384;
constexpr int64_t kBoundsSample = 1024;

// Tail bounds for a tensor's first batch, before a histogram exists: the extremes of a stratified sample of
// kBoundsSample values (one at a scrambled offset in each run), which leave about 0.1 % of the batch
// outside on each side. A selection of exact quantiles costs more than the whole batch's statistics.
std::pair<float, float> sampledCentralBounds(const float* data, int64_t count)
{
    const int64_t m = std::min(count, kBoundsSample);
    const uint64_t run = static_cast<uint64_t>(count / m);
    float lo = data[0], hi = data[0];
    for (int64_t k = 0; k < m; ++k) {
        const float v = data[k * count / m + static_cast<int64_t>((static_cast<uint64_t>(k) * 2654435761u) % run)];
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    return {lo, hi};
}

// What a thread (then the whole batch) found for one output, x or its ReLU: sums, the tail values, and the
// binned central sample.
struct Found {
    double sum = 0.0, sumSquares = 0.0;
    std::vector<float> tails;
    stats_kernels::Binned central;

    void add(const Found& part)
    {
        sum += part.sum;
        sumSquares += part.sumSquares;
        tails.insert(tails.end(), part.tails.begin(), part.tails.end());
        central.count += part.central.count;
        central.absDev += part.central.absDev;
    }
};

// Adds a batch's binned sample (on the histogram's grid before the batch), weighted to stand for every
// central value, then widens the range to the batch's [lo, hi] and bins the exact tails; returns
// sum |v - center| over the batch. If no drawn value landed in the centre, `binEverything` bins the whole
// batch instead.
double addSampleAndTails(Histogram& h, const uint32_t* counts, const Found& found, int64_t count, float lo, float hi, double center,
                         const std::function<double()>& binEverything)
{
    const int64_t centralValues = count - static_cast<int64_t>(found.tails.size());
    if (centralValues > 0 && found.central.count == 0)
        return binEverything();
    const double weight = found.central.count > 0 ? static_cast<double>(centralValues) / static_cast<double>(found.central.count) : 0.0;
    h.addCounts(counts, weight);
    h.cover(lo, hi);
    return h.addValues(found.tails, center) + weight * found.central.absDev;
}

} // namespace

void ActivationStats::add(const float* data, const Shape& shape) { collect(data, shape, nullptr); }

void ActivationStats::addWithRelu(const float* data, const Shape& shape, ActivationStats& relu) { collect(data, shape, &relu); }

void ActivationStats::collect(const float* data, const Shape& batchShape, ActivationStats* relu)
{
    const int64_t count = elementCount(batchShape);
    if (count <= 0)
        return;
    const int64_t rows = batchShape.empty() ? 1 : std::max<int64_t>(batchShape[0], 1);
    const int64_t perSample = count / rows;
    // Large batches feed the histogram a subsample, except for their tails: values beyond the 0.2 % / 99.8 %
    // quantiles (of the histogram so far, or of a sample of the first batch) are binned exactly, because the
    // clipping methods' choices hinge on them. The ReLU output is sampled at the same positions.
    const int64_t stride = histogramSamplesPerBatch > 0 ? std::max<int64_t>(1, count / histogramSamplesPerBatch) : 1;
    const float infinity = std::numeric_limits<float>::infinity();
    float keepLo = -infinity, keepHi = infinity, reluLo = -infinity, reluHi = infinity;
    if (stride > 1) {
        std::optional<std::pair<float, float>> sampled;
        auto firstBatchBounds = [&] {
            if (!sampled)
                sampled = sampledCentralBounds(data, count);
            return *sampled;
        };
        std::tie(keepLo, keepHi) = histogram.empty() ? firstBatchBounds() : histogram.centralBounds(kTailFraction);
        if (relu && relu->histogram.empty()) {
            const auto [lo, hi] = firstBatchBounds();
            reluLo = std::max(lo, 0.0f);
            reluHi = std::max(hi, 0.0f);
        } else if (relu) {
            std::tie(reluLo, reluHi) = relu->histogram.centralBounds(kTailFraction);
        }
    }
    // Later batches bin their sample into the histogram's current grid: values outside its range are tails
    // too, binned exactly once the range has grown to the batch's. So the threads need not wait for each
    // other's extremes before binning; only a first batch (no grid yet) does.
    std::optional<stats_kernels::BinGrid> grid = histogram.grid(), reluGrid = relu ? relu->histogram.grid() : std::nullopt;
    const bool firstBatch = !grid || (relu && !reluGrid);
    if (!firstBatch) {
        keepLo = std::max(keepLo, static_cast<float>(histogram.lo()));
        keepHi = std::min(keepHi, static_cast<float>(histogram.hi()));
        if (relu) {
            reluLo = std::max(reluLo, static_cast<float>(relu->histogram.lo()));
            reluHi = std::min(reluHi, static_cast<float>(relu->histogram.hi()));
        }
    }
    // Center of the Laplace b's mean |x - center|: the running mean (a first batch's own mean).
    double center = mean, reluCenter = relu ? relu->mean : 0.0;
    const int threads = count >= kParallelValues ? static_cast<int>(std::clamp<int64_t>(omp_get_max_threads(), 1, rows)) : 1;
    const int bins = histogram.bins();
    const std::size_t pitch = static_cast<std::size_t>(bins) + 1;
    const std::size_t countsPerThread = stats_kernels::kCountCopies * pitch;
    const int64_t picked = (count + stride - 1) / stride;

    struct Part {
        Found x, relu;
    };
    std::vector<Part> parts(static_cast<std::size_t>(threads));
    std::vector<float> rowMin(static_cast<std::size_t>(rows)), rowMax(static_cast<std::size_t>(rows));
    // kCountCopies count arrays per thread (all threads' for x, then all threads' for the ReLU), zeroed by
    // their thread (uninitialised allocation).
    const std::size_t reluCounts = static_cast<std::size_t>(threads) * countsPerThread;
    const std::unique_ptr<uint32_t[]> counts(new uint32_t[(relu ? 2 : 1) * reluCounts]);
    int teamSize = 1;
    // Each thread reads its rows (per-sample extremes, sums, tails: one read of the data), then bins the
    // sample of its part of the data.
#pragma omp parallel num_threads(threads) if (threads > 1)
    {
        const int t = omp_get_thread_num(), nt = omp_get_num_threads();
        Part& part = parts[static_cast<std::size_t>(t)];
        stats_kernels::ReluSums reluSums{reluLo, reluHi, 0.0, 0.0, &part.relu.tails};
        for (int64_t r = rows * t / nt; r < rows * (t + 1) / nt; ++r) {
            const auto m = stats_kernels::momentsAndTails(data + r * perSample, perSample, keepLo, keepHi, part.x.tails, relu ? &reluSums : nullptr);
            rowMin[static_cast<std::size_t>(r)] = m.min;
            rowMax[static_cast<std::size_t>(r)] = m.max;
            part.x.sum += m.sum;
            part.x.sumSquares += m.sumSquares;
        }
        part.relu.sum = reluSums.sum;
        part.relu.sumSquares = reluSums.sumSquares;
        uint32_t* own = counts.get() + static_cast<std::size_t>(t) * countsPerThread;
        uint32_t* ownRelu = own + reluCounts;
        std::fill(own, own + countsPerThread, 0u);
        if (relu)
            std::fill(ownRelu, ownRelu + countsPerThread, 0u);
        if (firstBatch) {
#pragma omp barrier
#pragma omp single
            {
                double sum = 0.0, reluSum = 0.0;
                for (int p = 0; p < nt; ++p) {
                    sum += parts[static_cast<std::size_t>(p)].x.sum;
                    reluSum += parts[static_cast<std::size_t>(p)].relu.sum;
                }
                center = sum / static_cast<double>(count);
                reluCenter = reluSum / static_cast<double>(count);
                const float lo = *std::min_element(rowMin.begin(), rowMin.end()), hi = *std::max_element(rowMax.begin(), rowMax.end());
                if (std::isfinite(sum)) // a NaN must not set the first range
                    grid = histogram.cover(lo, hi);
                if (relu && grid)
                    reluGrid = relu->histogram.cover(std::max(lo, 0.0f), std::max(hi, 0.0f));
            }
        }
        if (grid) {
            if (t == 0)
                teamSize = nt;
            const int64_t first = picked * t / nt, last = picked * (t + 1) / nt;
            const stats_kernels::BinTarget target{keepLo, keepHi, *grid, own, static_cast<float>(center)};
            const stats_kernels::BinTarget reluTarget{reluLo, reluHi, reluGrid.value_or(*grid), ownRelu, static_cast<float>(reluCenter)};
            if (last > first)
                part.x.central = stats_kernels::binCentralSample(data + first * stride, std::min((last - first) * stride, count - first * stride), stride,
                                                                 first, target, relu ? &reluTarget : nullptr, &part.relu.central);
        }
    }
    Found x, r;
    for (int p = 0; p < teamSize; ++p) {
        x.add(parts[static_cast<std::size_t>(p)].x);
        r.add(parts[static_cast<std::size_t>(p)].relu);
    }
    const float batchMin = *std::min_element(rowMin.begin(), rowMin.end()), batchMax = *std::max_element(rowMax.begin(), rowMax.end());
    // Non-finite values (an infinity shows in the extremes, a NaN in the sum; vector min/max may skip it):
    // the statistics cannot take this batch.
    if (!grid || !std::isfinite(batchMin) || !std::isfinite(batchMax) || !std::isfinite(x.sum))
        return;
    // One thread sums the counters: cheaper than another barrier to split the work.
    stats_kernels::sumCountCopies(counts.get(), teamSize * stats_kernels::kCountCopies, bins, pitch);
    const double absDev = addSampleAndTails(histogram, counts.get(), x, count, batchMin, batchMax, center,
                                            [&] { return histogram.addKnownRange(data, count, batchMin, batchMax, center); });
    addBatch(batchShape, rowMin, rowMax, x.sum, x.sumSquares, absDev);
    if (!relu)
        return;
    stats_kernels::sumCountCopies(counts.get() + reluCounts, teamSize * stats_kernels::kCountCopies, bins, pitch);
    const float reluMin = std::max(batchMin, 0.0f), reluMax = std::max(batchMax, 0.0f);
    const double reluAbsDev = addSampleAndTails(relu->histogram, counts.get() + reluCounts, r, count, reluMin, reluMax, reluCenter, [&] {
        std::vector<float> y(data, data + count);
        for (float& v : y)
            v = std::max(v, 0.0f);
        return relu->histogram.addKnownRange(y.data(), count, reluMin, reluMax, reluCenter);
    });
    for (float& v : rowMin)
        v = std::max(v, 0.0f);
    for (float& v : rowMax)
        v = std::max(v, 0.0f);
    relu->addBatch(batchShape, rowMin, rowMax, r.sum, r.sumSquares, reluAbsDev);
}

void ActivationStats::addBatch(const Shape& batchShape, std::span<const float> rowMin, std::span<const float> rowMax, double sum, double sumSquares,
                               double absDev)
{
    const int64_t rows = static_cast<int64_t>(rowMin.size());
    const int64_t count = elementCount(batchShape);
    const float batchMin = *std::min_element(rowMin.begin(), rowMin.end()), batchMax = *std::max_element(rowMax.begin(), rowMax.end());
    for (int64_t r = 0; r < rows; ++r) {
        // Running means of per-sample extremes.
        avgMin += (rowMin[static_cast<std::size_t>(r)] - avgMin) / static_cast<double>(samples + r + 1);
        avgMax += (rowMax[static_cast<std::size_t>(r)] - avgMax) / static_cast<double>(samples + r + 1);
    }
    if (elements == 0 || std::isnan(movingMin)) {
        movingMin = batchMin;
        movingMax = batchMax;
    } else {
        const float lo = static_cast<float>(movingMin), hi = static_cast<float>(movingMax);
        movingMin = lo + kMovingAverageConstant * (batchMin - lo);
        movingMax = hi + kMovingAverageConstant * (batchMax - hi);
    }
    if (elements == 0) {
        min = batchMin;
        max = batchMax;
        shape = batchShape;
    } else {
        min = std::min<double>(min, batchMin);
        max = std::max<double>(max, batchMax);
    }
    samples += rows;
    elements += count;
    m_sum += sum;
    m_sumSquares += sumSquares;
    m_bSum += absDev / static_cast<double>(count);
    ++m_batches;
    mean = m_sum / static_cast<double>(elements);
    std = std::sqrt(std::max(0.0, m_sumSquares / static_cast<double>(elements) - mean * mean));
    b = m_bSum / static_cast<double>(m_batches);
}

} // namespace qs
