#include "core/ptq/activation_stats.h"

#include "core/ptq/stats_kernels.h"

#include <algorithm>
#include <cmath>
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

} // namespace

void ActivationStats::add(const float* data, const Shape& batchShape)
{
    const int64_t count = elementCount(batchShape);
    if (count <= 0)
        return;
    const int64_t rows = batchShape.empty() ? 1 : std::max<int64_t>(batchShape[0], 1);
    const int64_t perSample = count / rows;
    // Large batches feed the histogram a subsample, except for their tails: values beyond the 0.2 % / 99.8 %
    // quantiles (of the histogram so far, or of a sample of the first batch) are binned exactly, because the
    // clipping methods' choices hinge on them.
    const int64_t stride = histogramSamplesPerBatch > 0 ? std::max<int64_t>(1, count / histogramSamplesPerBatch) : 1;
    float keepLo = -std::numeric_limits<float>::infinity(), keepHi = std::numeric_limits<float>::infinity();
    if (stride > 1)
        std::tie(keepLo, keepHi) = histogram.empty() ? sampledCentralBounds(data, count) : histogram.centralBounds(kTailFraction);
    const int threads = count >= kParallelValues ? static_cast<int>(std::clamp<int64_t>(omp_get_max_threads(), 1, rows)) : 1;
    const int bins = histogram.bins();
    const std::size_t pitch = static_cast<std::size_t>(bins) + 1;
    const int64_t picked = (count + stride - 1) / stride;

    struct Part {
        double sum = 0.0, sumSquares = 0.0;
        std::vector<float> tails;
        stats_kernels::Binned central;
    };
    std::vector<Part> parts(static_cast<std::size_t>(threads));
    std::vector<float> rowMin(static_cast<std::size_t>(rows)), rowMax(static_cast<std::size_t>(rows));
    // kCountCopies count arrays per thread, zeroed by their thread (uninitialised allocation).
    const std::unique_ptr<uint32_t[]> counts(new uint32_t[static_cast<std::size_t>(threads) * stats_kernels::kCountCopies * pitch]);
    float batchMin = 0.0f, batchMax = 0.0f;
    double batchMean = 0.0;
    std::optional<stats_kernels::BinGrid> grid;
    int teamSize = 1;
    // One region, three phases: each thread's rows (per-sample extremes, sums, tails: one read of the data),
    // then the batch's range fixes the histogram grid, then each thread bins the sample of its part of the
    // data and sums a share of the bins over every thread's counters.
#pragma omp parallel num_threads(threads) if (threads > 1)
    {
        const int t = omp_get_thread_num(), nt = omp_get_num_threads();
        Part& part = parts[static_cast<std::size_t>(t)];
        for (int64_t r = rows * t / nt; r < rows * (t + 1) / nt; ++r) {
            const auto m = stats_kernels::momentsAndTails(data + r * perSample, perSample, keepLo, keepHi, part.tails);
            rowMin[static_cast<std::size_t>(r)] = m.min;
            rowMax[static_cast<std::size_t>(r)] = m.max;
            part.sum += m.sum;
            part.sumSquares += m.sumSquares;
        }
        uint32_t* own = counts.get() + static_cast<std::size_t>(t) * stats_kernels::kCountCopies * pitch;
        std::fill(own, own + stats_kernels::kCountCopies * pitch, 0u);
#pragma omp barrier
#pragma omp single
        {
            teamSize = nt;
            batchMin = *std::min_element(rowMin.begin(), rowMin.end());
            batchMax = *std::max_element(rowMax.begin(), rowMax.end());
            double sum = 0.0;
            for (int p = 0; p < nt; ++p)
                sum += parts[static_cast<std::size_t>(p)].sum;
            batchMean = sum / static_cast<double>(count);
            grid = histogram.cover(batchMin, batchMax);
        }
        if (grid) {
            const int64_t first = picked * t / nt, last = picked * (t + 1) / nt;
            if (last > first)
                part.central = stats_kernels::binCentralSample(data + first * stride, std::min((last - first) * stride, count - first * stride), stride,
                                                               first, keepLo, keepHi, *grid, own, static_cast<float>(batchMean));
#pragma omp barrier
            const int firstBin = bins * t / nt;
            stats_kernels::sumCountCopies(counts.get() + firstBin, nt * stats_kernels::kCountCopies, bins * (t + 1) / nt - firstBin, pitch);
        }
    }
    if (!grid) // non-finite values: the statistics cannot take this batch
        return;

    double sum = 0.0, sumSquares = 0.0;
    stats_kernels::Binned central;
    std::vector<float> tails;
    for (int p = 0; p < teamSize; ++p) {
        const Part& part = parts[static_cast<std::size_t>(p)];
        sum += part.sum;
        sumSquares += part.sumSquares;
        central.count += part.central.count;
        central.absDev += part.central.absDev;
        tails.insert(tails.end(), part.tails.begin(), part.tails.end());
    }
    // Tails count once each; the sample stands for all central values, so the batch's mass is exact.
    const int64_t centralValues = count - static_cast<int64_t>(tails.size());
    double absDev = 0.0;
    if (centralValues > 0 && central.count == 0) { // no sample landed in the centre: bin everything
        absDev = histogram.addKnownRange(data, count, batchMin, batchMax, batchMean);
    } else {
        const double weight = central.count > 0 ? static_cast<double>(centralValues) / static_cast<double>(central.count) : 0.0;
        histogram.addCounts(counts.get(), weight);
        absDev = histogram.addValues(tails, batchMean) + weight * central.absDev;
    }
    for (int64_t r = 0; r < rows; ++r) {
        // Running means of per-sample extremes.
        avgMin += (rowMin[static_cast<std::size_t>(r)] - avgMin) / static_cast<double>(samples + r + 1);
        avgMax += (rowMax[static_cast<std::size_t>(r)] - avgMax) / static_cast<double>(samples + r + 1);
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
