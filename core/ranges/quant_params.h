#pragma once
// Scale and zero point for a float range, in the two conventions QuantScope meets:
//
//  PyTorch (torch.ao.quantization, `_calculate_qparams`):   q = clamp(round(x / scale) + zero_point, qmin, qmax)
//      x ~ (q - zero_point) * scale. scale is the float step. quint8 [0, 255], qint8 [-128, 127];
//      reduce_range drops one bit ([0, 127] / [-64, 63]); symmetric: scale = max(|min|, |max|) / ((qmax - qmin) / 2),
//      zero_point 0 (qint8) or 128 (quint8); affine: scale = (max - min) / (qmax - qmin) with 0 forced into the
//      range, zero_point = qmin - round(min / scale), clamped; scale >= eps. Computed in float32, as PyTorch does.
//
//  Distiller (distiller/quantization/q_utils.py):            q = clamp(round(scale * x - zero_point), qmin, qmax)
//      x ~ (q + zero_point) / scale. scale is steps per unit, the INVERSE of PyTorch's:
//          scale_distiller = 1 / scale_pytorch,   zero_point_pytorch = -zero_point_distiller.
//      SYMMETRIC:            scale = ((2^bits - 1) / 2) / sat,  q in [-2^(bits-1), 2^(bits-1) - 1], zp 0
//      SYMMETRIC_RESTRICTED: scale = (2^(bits-1) - 1) / sat,    q in [-(2^(bits-1) - 1), 2^(bits-1) - 1], zp 0
//      ASYMMETRIC_UNSIGNED:  scale = (2^bits - 1) / (max - min) (0 forced into the range),
//                            zp = round(scale * min), q in [0, 2^bits - 1]
//      ASYMMETRIC_SIGNED:    as unsigned, zp += 2^(bits-1), q in [-2^(bits-1), 2^(bits-1) - 1]
//      sat = max(|min|, |max|); a zero-width range gives scale 1 (Distiller overrides the zero to n).
//      Computed in double (Distiller's float32 tensors agree to ~1e-7).

#include "core/quant/quant_mode.h"

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

// ---- PyTorch ----------------------------------------------------------------------------------------

enum class TorchDtype { QUInt8, QInt8 };
enum class TorchQScheme { Affine, Symmetric }; // per tensor or per channel alike

struct TorchQuantSpec {
    TorchDtype dtype = TorchDtype::QUInt8;
    TorchQScheme qscheme = TorchQScheme::Affine;
    bool reduceRange = false;
    float eps = 1.1920928955078125e-07f; // torch.finfo(torch.float32).eps
};

// PyTorch-convention parameters: x ~ (q - zeroPoint) * scale.
struct TorchQParams {
    float scale = 1.0f;
    int64_t zeroPoint = 0;
};

struct QuantIntRange {
    int64_t min = 0;
    int64_t max = 0;
};

// calculate_qmin_qmax for quint8/qint8 (no custom range).
QuantIntRange torchQuantRange(TorchDtype dtype, bool reduceRange);
// UniformQuantizationObserverBase._calculate_qparams for one tensor or channel. An invalid range
// (min > max, e.g. an observer that saw nothing) gives scale 1, zero point 0 as PyTorch does.
TorchQParams torchQParams(float minVal, float maxVal, const TorchQuantSpec& spec);

// ---- Distiller --------------------------------------------------------------------------------------

// The modes (and their names) are core/quant/quant_mode.h's QuantMode.

// Distiller-convention parameters: q = round(scale * x - zeroPoint), x ~ (q + zeroPoint) / scale.
struct DistillerQParams {
    double scale = 1.0;
    double zeroPoint = 0.0;
};

// get_quantized_range(num_bits, signed, signed_restrict_qrange)
QuantIntRange distillerQuantRange(int bits, QuantMode mode);
// symmetric_linear_quantization_params(num_bits, saturation_val, restrict_qrange); throws on sat < 0.
DistillerQParams distillerSymmetricParams(int bits, double saturation, bool restrictQRange);
// asymmetric_linear_quantization_params(num_bits, sat_min, sat_max, integral_zero_point, signed);
// throws when satMin > satMax.
DistillerQParams distillerAsymmetricParams(int bits, double satMin, double satMax, bool isSigned,
                                           bool integralZeroPoint = true);
// The parameters Distiller's range-linear quantizer uses for a clip range and mode (symmetric modes use
// max(|satMin|, |satMax|)).
DistillerQParams distillerQParams(int bits, QuantMode mode, double satMin, double satMax);

// Conversion between the conventions (scale inverted, zero point negated).
TorchQParams toTorch(const DistillerQParams& params);
DistillerQParams toDistiller(const TorchQParams& params);

// The uniform grid a set of parameters quantizes to: levels lo + k * step for k = 0..levels-1.
struct QuantGrid {
    double lo = 0.0;   // dequantized value of qmin
    double step = 1.0; // distance between levels
    int64_t levels = 1;
    double hi() const { return lo + step * static_cast<double>(levels - 1); }
};
QuantGrid distillerGrid(int bits, QuantMode mode, double satMin, double satMax);

// Throws qs::Error unless 1 <= bits <= 16.
void checkBits(int bits);

} // namespace qs
