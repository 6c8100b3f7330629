#include "core/ranges/torch_numerics.h"

#include <algorithm>
#include <cmath>

namespace qs::torch_numerics {

std::vector<float> linspace(float start, float end, int64_t steps)
{
    std::vector<float> out(static_cast<std::size_t>(std::max<int64_t>(steps, 0)));
    if (steps <= 0)
        return out;
    if (steps == 1) {
        out[0] = start;
        return out;
    }
    // aten/src/ATen/native/cpu/RangeFactoriesKernel.cpp: step in float; the first half counts up from
    // start, the second half down from end; the vectorised loop evaluates base + i * step per SIMD lane
    // over chunks of two vectors, the tail element by element.
    const float step = (end - start) / static_cast<float>(steps - 1);
    const int64_t halfway = steps / 2;
    const int64_t width = kLinspaceVectorWidth;
    const int64_t vectorEnd = (steps / (2 * width)) * (2 * width);
    for (int64_t idx = 0; idx < vectorEnd; idx += width) {
        const float base = idx < halfway ? start + step * static_cast<float>(idx)
                                         : end - step * static_cast<float>(steps - idx - 1);
        for (int64_t lane = 0; lane < width; ++lane)
            out[static_cast<std::size_t>(idx + lane)] = base + static_cast<float>(lane) * step;
    }
    for (int64_t idx = vectorEnd; idx < steps; ++idx)
        out[static_cast<std::size_t>(idx)] = idx < halfway ? start + step * static_cast<float>(idx)
                                                           : end - step * static_cast<float>(steps - idx - 1);
    return out;
}

HistcEdges histcEdges(float lo, float hi, int bins)
{
    double left = lo;
    double right = hi;
    if (left == right) { // aten histc_select_outer_bin_edges
        left -= 1.0;
        right += 1.0;
    }
    HistcEdges result;
    result.edges = linspace(static_cast<float>(left), static_cast<float>(right), bins + 1);
    result.lo = result.edges.front();
    result.hi = result.edges.back();
    return result;
}

int64_t histcBin(const HistcEdges& e, float value)
{
    if (!(value >= e.lo && value <= e.hi))
        return -1;
    const int64_t edgeCount = static_cast<int64_t>(e.edges.size());
    const float* edges = e.edges.data();
    // aten/src/ATen/native/cpu/HistogramKernel.cpp, LINEAR_INTERPOLATION_WITH_LOCAL_SEARCH
    int64_t pos = static_cast<int64_t>((value - e.lo) * static_cast<float>(edgeCount - 1) / (e.hi - e.lo));
    const int64_t posMin = std::max<int64_t>(0, pos - 1);
    const int64_t posMax = std::min<int64_t>(pos + 2, edgeCount);
    pos = std::upper_bound(edges + posMin, edges + posMax, value) - edges - 1;
    if (pos == edgeCount - 1)
        pos -= 1;
    return pos;
}

void histcAccumulate(const HistcEdges& e, const float* data, int64_t n, int64_t* counts)
{
    const int64_t edgeCount = static_cast<int64_t>(e.edges.size());
    const float* edges = e.edges.data();
    const float lo = e.lo;
    const float hi = e.hi;
    const float scale = static_cast<float>(edgeCount - 1);
    const float width = hi - lo;
    for (int64_t i = 0; i < n; ++i) {
        const float value = data[i];
        if (!(value >= lo && value <= hi))
            continue;
        int64_t pos = static_cast<int64_t>((value - lo) * scale / width);
        const int64_t posMin = pos > 0 ? pos - 1 : 0;
        const int64_t posMax = std::min<int64_t>(pos + 2, edgeCount);
        pos = std::upper_bound(edges + posMin, edges + posMax, value) - edges - 1;
        if (pos == edgeCount - 1)
            pos -= 1;
        ++counts[pos];
    }
}

float divFloor(float a, float b)
{
    // c10::div_floor_floating
    if (b == 0.0f)
        return a / b;
    const float mod = std::fmod(a, b);
    float div = (a - mod) / b;
    if (mod != 0.0f && (b < 0.0f) != (mod < 0.0f))
        div -= 1.0f;
    if (div == 0.0f)
        return std::copysign(0.0f, a / b);
    float floordiv = std::floor(div);
    if (div - floordiv > 0.5f)
        floordiv += 1.0f;
    return floordiv;
}

float roundHalfEven(float v)
{
    return std::nearbyint(v); // default rounding mode: to nearest, ties to even
}

} // namespace qs::torch_numerics
