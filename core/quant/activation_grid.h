#pragma once
// The integer grid a value or a layer's weights run on, from a range, a bit width and a mode: the one place
// that turns QuantScope's (and Distiller's) settings into what the engine stores. The plan builder, the
// predicted error and the workbench all ask here, so they cannot disagree about the grid.

#include "core/quant/quant_mode.h"
#include "core/quant/quantization_plan.h"

namespace qs {

struct ValueRange {
    float min = 0.0f;
    float max = 0.0f;
};

// (scale, zero point, storage) for a range. The range is widened to include 0 (so zero padding is exact).
// Symmetric ranges that are non-negative (after ReLU) use the unsigned grid [0, 2^b - 1] with zero point 0
// (Distiller's half range). Signed symmetric ranges use scale max|x| / (2^(b-1) - 1) on [-2^(b-1), 2^(b-1) - 1]
// for sym (the extra negative level is never reached by the range itself), and on Distiller's restricted grid
// [-(2^(b-1) - 1), 2^(b-1) - 1] for sym_restr.
// Throws qs::Error for bits outside 2..8 or a range that is not finite.
ActivationQuant activationQuant(ValueRange range, int bits, QuantMode mode);

// The weight grid for a mode: asymmetric modes use a zero point (up to 7 bits, see WeightQuant).
WeightQuant weightQuant(int bits, QuantMode mode, bool perChannel);

// The real values of the grid's outermost levels: scale * (qmin - zeroPoint), scale * (qmax - zeroPoint).
ValueRange representableRange(const ActivationQuant& q);

} // namespace qs
