#include "core/ranges/quant_params.h"

#include "core/ranges/torch_numerics.h"
#include "core/util/error.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace qs {

void checkBits(int bits)
{
    if (bits < 1 || bits > 16)
        throw Error("bit width must be between 1 and 16, got " + std::to_string(bits));
}

// ---- PyTorch ----------------------------------------------------------------------------------------

QuantIntRange torchQuantRange(TorchDtype dtype, bool reduceRange)
{
    if (dtype == TorchDtype::QInt8)
        return reduceRange ? QuantIntRange{-64, 63} : QuantIntRange{-128, 127};
    return reduceRange ? QuantIntRange{0, 127} : QuantIntRange{0, 255};
}

TorchQParams torchQParams(float minVal, float maxVal, const TorchQuantSpec& spec)
{
    if (!(minVal <= maxVal) || std::isinf(minVal) || std::isinf(maxVal))
        return {1.0f, 0}; // check_min_max_valid failed
    const QuantIntRange q = torchQuantRange(spec.dtype, spec.reduceRange);
    const float minNeg = std::min(minVal, 0.0f);
    float maxPos = std::max(maxVal, 0.0f);
    TorchQParams result;
    if (spec.qscheme == TorchQScheme::Symmetric) {
        maxPos = std::max(-minNeg, maxPos);
        result.scale = maxPos / (static_cast<float>(q.max - q.min) / 2.0f);
        result.scale = std::max(result.scale, spec.eps);
        result.zeroPoint = spec.dtype == TorchDtype::QUInt8 ? 128 : 0;
    } else {
        result.scale = (maxPos - minNeg) / static_cast<float>(q.max - q.min);
        result.scale = std::max(result.scale, spec.eps);
        const int64_t shift = static_cast<int64_t>(torch_numerics::roundHalfEven(minNeg / result.scale));
        result.zeroPoint = std::clamp(q.min - shift, q.min, q.max);
    }
    return result;
}

// ---- Distiller --------------------------------------------------------------------------------------

QuantIntRange distillerQuantRange(int bits, QuantMode mode)
{
    checkBits(bits);
    if (mode == QuantMode::AsymmetricUnsigned)
        return {0, (int64_t(1) << bits) - 1};
    const int64_t qmax = (int64_t(1) << (bits - 1)) - 1;
    return {mode == QuantMode::SymmetricRestricted ? -qmax : -qmax - 1, qmax};
}

DistillerQParams distillerSymmetricParams(int bits, double saturation, bool restrictQRange)
{
    checkBits(bits);
    if (!(saturation >= 0.0))
        throw Error("saturation value must be >= 0, got " + std::to_string(saturation));
    const double n = restrictQRange ? static_cast<double>((int64_t(1) << (bits - 1)) - 1)
                                    : (static_cast<double>(int64_t(1) << bits) - 1.0) / 2.0;
    const double sat = saturation == 0.0 ? n : saturation;
    return {n / sat, 0.0};
}

DistillerQParams distillerAsymmetricParams(int bits, double satMin, double satMax, bool isSigned, bool integralZeroPoint)
{
    checkBits(bits);
    if (satMin > satMax)
        throw Error("saturation min " + std::to_string(satMin) + " is larger than saturation max " +
                    std::to_string(satMax));
    const double n = static_cast<double>(int64_t(1) << bits) - 1.0;
    const double lo = std::min(satMin, 0.0);
    const double hi = std::max(satMax, 0.0);
    const double diff = hi - lo == 0.0 ? n : hi - lo;
    DistillerQParams result;
    result.scale = n / diff;
    result.zeroPoint = result.scale * lo;
    if (integralZeroPoint)
        result.zeroPoint = std::nearbyint(result.zeroPoint);
    if (isSigned)
        result.zeroPoint += static_cast<double>(int64_t(1) << (bits - 1));
    return result;
}

DistillerQParams distillerQParams(int bits, QuantMode mode, double satMin, double satMax)
{
    if (isSymmetric(mode))
        return distillerSymmetricParams(bits, std::max(std::abs(satMin), std::abs(satMax)),
                                        mode == QuantMode::SymmetricRestricted);
    return distillerAsymmetricParams(bits, satMin, satMax, mode == QuantMode::AsymmetricSigned);
}

TorchQParams toTorch(const DistillerQParams& params)
{
    return {static_cast<float>(1.0 / params.scale), static_cast<int64_t>(std::llround(-params.zeroPoint))};
}

DistillerQParams toDistiller(const TorchQParams& params)
{
    return {1.0 / static_cast<double>(params.scale), -static_cast<double>(params.zeroPoint)};
}

QuantGrid distillerGrid(int bits, QuantMode mode, double satMin, double satMax)
{
    const DistillerQParams p = distillerQParams(bits, mode, satMin, satMax);
    const QuantIntRange q = distillerQuantRange(bits, mode);
    QuantGrid grid;
    grid.step = 1.0 / p.scale;
    grid.lo = (static_cast<double>(q.min) + p.zeroPoint) / p.scale;
    grid.levels = q.max - q.min + 1;
    return grid;
}

} // namespace qs
