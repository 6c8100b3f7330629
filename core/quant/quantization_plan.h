#pragma once
// What the engine needs to run a model in integer arithmetic, already resolved from the user's config and
// the calibration statistics (core/quant/plan_builder.h does that resolution): the quantization of each activation
// value that crosses an int8 edge, and the weight quantization of each integer layer. The engine executes
// exactly this: values listed here are stored as u8/s8 with their zero point, layers listed here run on
// oneDNN's int8 kernels, everything else stays FP32 with quantize/dequantize reorders at the borders.
//
// Convention (PyTorch's): real = scale * (q - zeroPoint), q = clamp(round(real / scale) + zeroPoint, qmin, qmax).

#include "core/ir/tensor.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qs {

struct ActivationQuant {
    float scale = 1.0f;
    int32_t zeroPoint = 0;
    int bits = 8;
    bool isSigned = false;   // s8 storage (sym, sym_restr, asym_s) or u8 (asym_u, and sym after ReLU)
    bool restricted = false; // signed grid without its lowest level (sym_restr: [-127, 127] at 8 bits)

    int32_t qmin() const { return isSigned ? -(1 << (bits - 1)) + (restricted ? 1 : 0) : 0; }
    int32_t qmax() const { return isSigned ? (1 << (bits - 1)) - 1 : (1 << bits) - 1; }
    float quantize(float x) const;       // to the integer grid (as float)
    float fakeQuantize(float x) const;   // to the grid and back
    int levels() const { return qmax() - qmin() + 1; }
    // The storage type (u8/s8) saturates to [0, 255] / [-128, 127] only: narrower grids need a clamp.
    bool narrowerThanStorage() const { return bits < 8 || restricted; }
    bool operator==(const ActivationQuant&) const = default;
};

// Integer weights of one layer. oneDNN's int8 kernels take s8 weights without a zero point, so the engine
// stores v = q - zeroPoint: exact for symmetric grids and for asymmetric grids of up to 7 bits (|v| <= 127);
// 8-bit asymmetric weights would need |v| up to 255 and run on the symmetric grid instead.
struct WeightQuant {
    int bits = 8;
    bool perChannel = true;
    bool asymmetric = false; // Distiller's ASYMMETRIC weight modes (honoured for bits <= 7)
    bool restricted = false; // SYMMETRIC_RESTRICTED: [-(2^(b-1) - 1), 2^(b-1) - 1], scale = max|w| / (2^(b-1) - 1)
    // Optional clipping of the weight range (per output channel, or one value): |w| <= clip. Empty = max |w|.
    std::vector<float> clip;
};

struct QuantizationPlan {
    std::map<std::string, ActivationQuant> activations; // by value name
    std::map<std::string, WeightQuant> layers;          // by node name (Conv, ConvTranspose, Gemm)
    // Per node: a note for the user when the plan could not follow the config exactly
    // (e.g. asymmetric 8-bit weights executed symmetric). Filled by the resolver.
    std::map<std::string, std::string> notes;

    const ActivationQuant* activation(const std::string& value) const;
    const WeightQuant* layer(const std::string& node) const;
};

// Quantizes weights ([O, ...] with O output channels): returns per-channel scales (one if per-tensor) and
// writes v = q - zeroPoint (as int8) into `q`, so that w ~ scale * v.
std::vector<float> quantizeWeights(const Tensor& weights, const WeightQuant& spec, std::vector<int8_t>& q);

} // namespace qs
