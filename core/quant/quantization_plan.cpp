#include "core/quant/quantization_plan.h"

#include "core/util/error.h"

#include <algorithm>
#include <cmath>

namespace qs {

float ActivationQuant::quantize(float x) const
{
    const float q = std::nearbyint(x / scale) + static_cast<float>(zeroPoint);
    return std::clamp(q, static_cast<float>(qmin()), static_cast<float>(qmax()));
}

float ActivationQuant::fakeQuantize(float x) const
{
    return scale * (quantize(x) - static_cast<float>(zeroPoint));
}

const ActivationQuant* QuantizationPlan::activation(const std::string& value) const
{
    auto it = activations.find(value);
    return it == activations.end() ? nullptr : &it->second;
}

const WeightQuant* QuantizationPlan::layer(const std::string& node) const
{
    auto it = layers.find(node);
    return it == layers.end() ? nullptr : &it->second;
}

std::vector<float> quantizeWeights(const Tensor& weights, const WeightQuant& spec, std::vector<int8_t>& q)
{
    if (spec.bits < 2 || spec.bits > 8)
        throw Error("weight bits must be 2..8 for integer execution, got " + std::to_string(spec.bits));
    const Tensor w = weights.cast(DataType::Float32);
    // min/max skip a NaN weight and an infinite one makes the scale infinite: either way the layer would compute
    // NaN. The messages carry no node: the engine's lowering adds it.
    for (int64_t i = 0; i < w.size(); ++i)
        if (!std::isfinite(w.data<float>()[i]))
            throw Error("weight " + std::to_string(i) + " of " + toString(w.shape()) + " is not finite (" +
                        std::to_string(w.data<float>()[i]) + ")");
    // Finite weights can still give an unusable scale: an asymmetric span beyond float's range. A channel whose
    // weights are all below 1e-30 in magnitude (real models have them: tf2onnx's road-segmentation-adas-0001 has
    // denormal ones) contributes nothing a float32 output could show: it quantizes to zeros with scale 1 instead
    // of a scale that underflows to 0.
    constexpr float kNegligible = 1e-30f;
    auto checkedScale = [](float scale, int64_t channel) {
        if (!std::isfinite(scale) || !(scale > 0.0f))
            throw Error("the weights of channel " + std::to_string(channel) + " give the scale " + std::to_string(scale) +
                        ", not a finite positive number");
        return scale;
    };
    const int64_t channels = spec.perChannel ? w.shape().at(0) : 1;
    const int64_t per = w.size() / channels;
    // Distiller's SYMMETRIC grid (also PyTorch's / ONNX Runtime's): scale = max|w| / ((qmax - qmin) / 2), values in
    // [qmin, qmax]; SYMMETRIC_RESTRICTED drops qmin's lowest level: [-qmax, qmax] with scale = max|w| / qmax.
    const float qmax = static_cast<float>((1 << (spec.bits - 1)) - 1);
    const float qmin = spec.restricted ? -qmax : -qmax - 1.0f;
    const float half = (qmax - qmin) / 2.0f;
    std::vector<float> scales(static_cast<std::size_t>(channels));
    q.resize(static_cast<std::size_t>(w.size()));
    if (spec.asymmetric && spec.bits <= 7) {
        const float levels = static_cast<float>((1 << spec.bits) - 1);
        for (int64_t c = 0; c < channels; ++c) {
            const float* src = w.data<float>() + c * per;
            float lo = 0.0f, hi = 0.0f; // the grid contains 0 exactly
            for (int64_t i = 0; i < per; ++i) {
                lo = std::min(lo, src[i]);
                hi = std::max(hi, src[i]);
            }
            const float scale = checkedScale(hi - lo > kNegligible ? (hi - lo) / levels : 1.0f, c);
            const float zp = std::clamp(std::nearbyint(-lo / scale), 0.0f, levels);
            scales[static_cast<std::size_t>(c)] = scale;
            for (int64_t i = 0; i < per; ++i)
                q[static_cast<std::size_t>(c * per + i)] = static_cast<int8_t>(std::clamp(std::nearbyint(src[i] / scale) + zp, 0.0f, levels) - zp);
        }
        return scales;
    }
    for (int64_t c = 0; c < channels; ++c) {
        const float* src = w.data<float>() + c * per;
        float maxAbs = 0.0f;
        for (int64_t i = 0; i < per; ++i)
            maxAbs = std::max(maxAbs, std::fabs(src[i]));
        if (!spec.clip.empty())
            maxAbs = std::min(maxAbs, spec.clip[spec.clip.size() == 1 ? 0 : static_cast<std::size_t>(c)]);
        const float scale = checkedScale(maxAbs > kNegligible ? maxAbs / half : 1.0f, c);
        scales[static_cast<std::size_t>(c)] = scale;
        for (int64_t i = 0; i < per; ++i)
            q[static_cast<std::size_t>(c * per + i)] = static_cast<int8_t>(std::clamp(std::nearbyint(src[i] / scale), qmin, qmax));
    }
    return scales;
}


} // namespace qs
