#include "core/ptq/activation_stats.h"

#include "core/ptq/stats_kernels.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include <omp.h>

namespace qs {

namespace {
constexpr double kTailFraction = 0.002; // binned exactly on each side
} // namespace

void ActivationStats::add(const float* data, const Shape& batchShape)
{
    const int64_t count = elementCount(batchShape);
    if (count <= 0)
        return;
    const int64_t rows = batchShape.empty() ? 1 : std::max<int64_t>(batchShape[0], 1);
    const int64_t perSample = count / rows;
    // Large batches feed the histogram a subsample, except for their tails: values beyond the 0.2 % / 99.8 %
    // quantiles of what has been seen so far are binned exactly, because the clipping methods' choices hinge
    // on them. The first batch is binned in full, which also gives the quantiles for the next.
    const int64_t stride = histogramSamplesPerBatch > 0 && !histogram.empty() ? std::max<int64_t>(1, count / histogramSamplesPerBatch) : 1;
    float keepLo = -std::numeric_limits<float>::infinity(), keepHi = std::numeric_limits<float>::infinity();
    if (stride > 1)
        std::tie(keepLo, keepHi) = histogram.centralBounds(kTailFraction);
    // Pass 1, one read of the data: per-sample extremes, the sums behind mean and std, and the tail values
    // (in parallel over samples when there is enough work to pay for a parallel region).
    std::vector<float> rowMin(static_cast<std::size_t>(rows)), rowMax(static_cast<std::size_t>(rows));
    double sum = 0.0, sumSquares = 0.0;
    const int threads = count >= (1 << 15) ? std::max(1, std::min<int>(omp_get_max_threads(), static_cast<int>(rows))) : 1;
    std::vector<std::vector<float>> tails(static_cast<std::size_t>(threads));
#pragma omp parallel for num_threads(threads) reduction(+ : sum, sumSquares) schedule(static) if (threads > 1)
    for (int64_t r = 0; r < rows; ++r) {
        auto& found = tails[static_cast<std::size_t>(omp_get_thread_num())];
        const stats_kernels::Moments m = stats_kernels::momentsAndTails(data + r * perSample, perSample, keepLo, keepHi, found);
        rowMin[static_cast<std::size_t>(r)] = m.min;
        rowMax[static_cast<std::size_t>(r)] = m.max;
        sum += m.sum;
        sumSquares += m.sumSquares;
    }
    float batchMin = rowMin[0], batchMax = rowMax[0];
    for (int64_t r = 0; r < rows; ++r) {
        // Running means of per-sample extremes.
        avgMin += (rowMin[static_cast<std::size_t>(r)] - avgMin) / static_cast<double>(samples + r + 1);
        avgMax += (rowMax[static_cast<std::size_t>(r)] - avgMax) / static_cast<double>(samples + r + 1);
        batchMin = std::min(batchMin, rowMin[static_cast<std::size_t>(r)]);
        batchMax = std::max(batchMax, rowMax[static_cast<std::size_t>(r)]);
    }
    const double batchMean = sum / static_cast<double>(count);
    // Pass 2: histogram and mean |x - batch mean| (Distiller's b, averaged over batches).
    double absDev = 0.0;
    if (stride > 1) {
        for (std::size_t t = 1; t < tails.size(); ++t)
            tails[0].insert(tails[0].end(), tails[t].begin(), tails[t].end());
        absDev = histogram.addSubsampled(data, count, batchMin, batchMax, batchMean, stride, keepLo, keepHi, tails[0]);
    } else {
        absDev = histogram.addKnownRange(data, count, batchMin, batchMax, batchMean);
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
