#include "core/ptq/activation_stats.h"

#include <algorithm>
#include <cmath>

namespace qs {

void ActivationStats::add(const float* data, const Shape& batchShape)
{
    const int64_t count = elementCount(batchShape);
    if (count <= 0)
        return;
    const int64_t rows = batchShape.empty() ? 1 : std::max<int64_t>(batchShape[0], 1);
    const int64_t perSample = count / rows;
    // Pass 1: per-sample extremes and the sums behind mean and std.
    std::vector<float> rowMin(static_cast<std::size_t>(rows)), rowMax(static_cast<std::size_t>(rows));
    double sum = 0.0, sumSquares = 0.0;
#pragma omp parallel for reduction(+ : sum, sumSquares) schedule(static)
    for (int64_t r = 0; r < rows; ++r) {
        const float* row = data + r * perSample;
        float lo = row[0], hi = row[0];
        double s = 0.0, s2 = 0.0;
        for (int64_t i = 0; i < perSample; ++i) {
            const float v = row[i];
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            s += v;
            s2 += static_cast<double>(v) * v;
        }
        rowMin[static_cast<std::size_t>(r)] = lo;
        rowMax[static_cast<std::size_t>(r)] = hi;
        sum += s;
        sumSquares += s2;
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
    // Pass 2: histogram and mean |x - batch mean| (Distiller's b, averaged over batches). Beyond 64Ki values per
    // batch a uniform subsample feeds them (min, max, mean and std above stay exact): it keeps statistics
    // collection within about half an inference's cost on small models, where binning would dominate.
    const int64_t stride = std::max<int64_t>(1, count / 65536);
    const double absDev = histogram.addKnownRange(data, count, batchMin, batchMax, batchMean, stride);
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
