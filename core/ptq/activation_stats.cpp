#include "core/ptq/activation_stats.h"

#include <algorithm>
#include <cmath>

namespace qs {

void ActivationStats::add(const float* data, const Shape& batchShape)
{
    const int64_t count = elementCount(batchShape);
    if (count <= 0)
        return;
    const int64_t rows = batchShape.empty() ? 1 : batchShape[0];
    const int64_t perSample = rows > 0 ? count / rows : count;
    double batchMin = data[0], batchMax = data[0], sum = 0.0, sumSquares = 0.0;
    for (int64_t r = 0; r < rows; ++r) {
        const float* row = data + r * perSample;
        float lo = row[0], hi = row[0];
        for (int64_t i = 0; i < perSample; ++i) {
            const float v = row[i];
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            sum += v;
            sumSquares += static_cast<double>(v) * v;
        }
        // Running means of per-sample extremes.
        avgMin += (lo - avgMin) / static_cast<double>(samples + r + 1);
        avgMax += (hi - avgMax) / static_cast<double>(samples + r + 1);
        batchMin = std::min<double>(batchMin, lo);
        batchMax = std::max<double>(batchMax, hi);
    }
    const double batchMean = sum / static_cast<double>(count);
    double absDev = 0.0;
    for (int64_t i = 0; i < count; ++i)
        absDev += std::fabs(data[i] - batchMean);
    if (elements == 0) {
        min = batchMin;
        max = batchMax;
        shape = batchShape;
    } else {
        min = std::min(min, batchMin);
        max = std::max(max, batchMax);
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
    histogram.add(data, count);
}

} // namespace qs
