#include "core/ranges/observers.h"

#include "core/util/error.h"

#include <algorithm>
#include <cmath>

namespace qs {

namespace {

// torch.aminmax over the finite values (NaN/inf are ignored rather than poisoning the range).
bool finiteMinMax(const float* data, int64_t n, float& lo, float& hi)
{
    lo = std::numeric_limits<float>::infinity();
    hi = -std::numeric_limits<float>::infinity();
    for (int64_t i = 0; i < n; ++i) {
        const float v = data[i];
        if (!std::isfinite(v))
            continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    return lo <= hi;
}

} // namespace

void MinMaxObserver::observe(const float* data, int64_t n)
{
    float lo = 0.0f;
    float hi = 0.0f;
    if (!finiteMinMax(data, n, lo, hi))
        return;
    m_min = std::min(m_min, lo);
    m_max = std::max(m_max, hi);
}

void MovingAverageMinMaxObserver::observe(const float* data, int64_t n)
{
    float lo = 0.0f;
    float hi = 0.0f;
    if (!finiteMinMax(data, n, lo, hi))
        return;
    if (std::isinf(m_min) && std::isinf(m_max)) {
        m_min = lo;
        m_max = hi;
        return;
    }
    m_min = m_min + m_constant * (lo - m_min);
    m_max = m_max + m_constant * (hi - m_max);
}

void PerChannelMinMaxObserver::observe(const float* data, std::span<const int64_t> shape)
{
    if (m_axis < 0 || m_axis >= static_cast<int>(shape.size()))
        throw Error("per-channel observer: channel axis " + std::to_string(m_axis) + " is outside a rank-" +
                    std::to_string(shape.size()) + " tensor");
    int64_t outer = 1;
    int64_t inner = 1;
    for (int d = 0; d < m_axis; ++d)
        outer *= shape[static_cast<std::size_t>(d)];
    for (std::size_t d = static_cast<std::size_t>(m_axis) + 1; d < shape.size(); ++d)
        inner *= shape[d];
    const int64_t channels = shape[static_cast<std::size_t>(m_axis)];
    if (m_min.empty()) {
        m_min.assign(static_cast<std::size_t>(channels), std::numeric_limits<float>::infinity());
        m_max.assign(static_cast<std::size_t>(channels), -std::numeric_limits<float>::infinity());
    } else if (static_cast<int64_t>(m_min.size()) != channels) {
        throw Error("per-channel observer: channel count changed from " + std::to_string(m_min.size()) + " to " +
                    std::to_string(channels));
    }
    for (int64_t o = 0; o < outer; ++o)
        for (int64_t c = 0; c < channels; ++c) {
            const float* p = data + (o * channels + c) * inner;
            float lo = 0.0f;
            float hi = 0.0f;
            if (!finiteMinMax(p, inner, lo, hi))
                continue;
            m_min[static_cast<std::size_t>(c)] = std::min(m_min[static_cast<std::size_t>(c)], lo);
            m_max[static_cast<std::size_t>(c)] = std::max(m_max[static_cast<std::size_t>(c)], hi);
        }
}

std::vector<TorchQParams> PerChannelMinMaxObserver::calculateQParams() const
{
    std::vector<TorchQParams> result;
    result.reserve(m_min.size());
    for (std::size_t c = 0; c < m_min.size(); ++c)
        result.push_back(torchQParams(m_min[c], m_max[c], m_spec));
    return result;
}

FloatRange HistogramObserver::searchedRange() const
{
    if (m_histogram.empty())
        return {std::numeric_limits<float>::infinity(), -std::numeric_limits<float>::infinity()};
    return nonLinearParamSearch(m_histogram.counts(), m_histogram.min(), m_histogram.max(), 256);
}

TorchQParams HistogramObserver::calculateQParams() const
{
    if (m_histogram.empty())
        return {1.0f, 0};
    const FloatRange range = searchedRange();
    return torchQParams(range.min, range.max, m_spec);
}

} // namespace qs
