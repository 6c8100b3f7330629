#include "core/quant/activation_grid.h"

#include "core/util/error.h"

#include <algorithm>
#include <cmath>

namespace qs {

ActivationQuant activationQuant(ValueRange range, int bits, QuantMode mode)
{
    if (bits < 2 || bits > 8)
        throw Error("activation bits must be 2..8 for integer execution, got " + std::to_string(bits));
    if (!std::isfinite(range.min) || !std::isfinite(range.max))
        throw Error("the range [" + std::to_string(range.min) + ", " + std::to_string(range.max) + "] is not finite");
    float lo = std::min(range.min, 0.0f), hi = std::max(range.max, 0.0f);
    if (!(hi > lo)) // an all-zero tensor: any scale works
        hi = lo + 1.0f;
    ActivationQuant q;
    q.bits = bits;
    const float levels = static_cast<float>((1 << bits) - 1);
    if (isSymmetric(mode)) {
        q.zeroPoint = 0;
        if (lo >= 0.0f) {
            q.isSigned = false;
            q.scale = hi / levels;
        } else {
            q.isSigned = true;
            q.restricted = mode == QuantMode::SymmetricRestricted;
            q.scale = std::max(-lo, hi) / static_cast<float>((1 << (bits - 1)) - 1);
        }
    } else {
        q.isSigned = mode == QuantMode::AsymmetricSigned;
        q.scale = (hi - lo) / levels;
        const float zp = static_cast<float>(q.qmin()) - std::nearbyint(lo / q.scale);
        q.zeroPoint = static_cast<int32_t>(std::clamp(zp, static_cast<float>(q.qmin()), static_cast<float>(q.qmax())));
    }
    if (!std::isfinite(q.scale) || !(q.scale > 0.0f))
        throw Error("the range [" + std::to_string(range.min) + ", " + std::to_string(range.max) + "] gives no usable scale");
    return q;
}

WeightQuant weightQuant(int bits, QuantMode mode, bool perChannel)
{
    WeightQuant w;
    w.bits = bits;
    w.perChannel = perChannel;
    w.asymmetric = !isSymmetric(mode);
    w.restricted = mode == QuantMode::SymmetricRestricted;
    return w;
}

ValueRange representableRange(const ActivationQuant& q)
{
    return {q.scale * static_cast<float>(q.qmin() - q.zeroPoint), q.scale * static_cast<float>(q.qmax() - q.zeroPoint)};
}

} // namespace qs
