#pragma once
// Equivalents of PyTorch 2.x observers (torch.ao.quantization.observer) for quint8/qint8 with
// per-tensor affine/symmetric (per-channel for PerChannelMinMaxObserver) and reduce_range. Feed them the
// same chunks PyTorch saw and they give the same scale (to float rounding) and the same zero point.
// All state is float32, as in PyTorch; see quant_params.h for the formulas.

#include "core/ranges/torch_histogram.h"
#include "core/ranges/histogram_search.h"
#include "core/ranges/quant_params.h"

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace qs {

// Running min/max over everything observed.
class MinMaxObserver {
public:
    explicit MinMaxObserver(TorchQuantSpec spec = {}) : m_spec(spec) {}
    void observe(const float* data, int64_t n);
    TorchQParams calculateQParams() const { return torchQParams(m_min, m_max, m_spec); }
    float min() const { return m_min; }
    float max() const { return m_max; }

private:
    TorchQuantSpec m_spec;
    float m_min = std::numeric_limits<float>::infinity();
    float m_max = -std::numeric_limits<float>::infinity();
};

// Exponential moving average of each batch's min/max: m += c * (batch - m); the first batch sets m.
class MovingAverageMinMaxObserver {
public:
    explicit MovingAverageMinMaxObserver(float averagingConstant = 0.01f, TorchQuantSpec spec = {})
        : m_spec(spec), m_constant(averagingConstant)
    {
    }
    void observe(const float* data, int64_t n);
    TorchQParams calculateQParams() const { return torchQParams(m_min, m_max, m_spec); }
    float min() const { return m_min; }
    float max() const { return m_max; }

private:
    TorchQuantSpec m_spec;
    float m_constant;
    float m_min = std::numeric_limits<float>::infinity();
    float m_max = -std::numeric_limits<float>::infinity();
};

// Running min/max per slice along `channelAxis` (0 = output channel of an OIHW or [O, K] weight).
class PerChannelMinMaxObserver {
public:
    explicit PerChannelMinMaxObserver(int channelAxis = 0, TorchQuantSpec spec = {TorchDtype::QInt8, TorchQScheme::Affine})
        : m_spec(spec), m_axis(channelAxis)
    {
    }
    // Throws qs::Error when the shape does not have the channel axis or changes channel count.
    void observe(const float* data, std::span<const int64_t> shape);
    std::vector<TorchQParams> calculateQParams() const;
    const std::vector<float>& min() const { return m_min; }
    const std::vector<float>& max() const { return m_max; }

private:
    TorchQuantSpec m_spec;
    int m_axis;
    std::vector<float> m_min;
    std::vector<float> m_max;
};

// 2048-bin growing histogram + the L2 non-linear range search (per tensor only, like PyTorch).
class HistogramObserver {
public:
    explicit HistogramObserver(TorchQuantSpec spec = {}, int bins = 2048)
        : m_spec(spec), m_histogram(bins, 16)
    {
    }
    void observe(const float* data, int64_t n) { m_histogram.add(data, n); }
    TorchQParams calculateQParams() const;
    // The range the search picked (what calculateQParams quantizes).
    FloatRange searchedRange() const;
    float min() const { return m_histogram.empty() ? std::numeric_limits<float>::infinity() : m_histogram.min(); }
    float max() const { return m_histogram.empty() ? -std::numeric_limits<float>::infinity() : m_histogram.max(); }
    const TorchHistogram& histogram() const { return m_histogram; }

private:
    TorchQuantSpec m_spec;
    TorchHistogram m_histogram;
};

} // namespace qs
