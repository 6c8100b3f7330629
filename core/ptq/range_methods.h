#pragma once
// Range estimators ("clip modes") for the PTQ pipeline: each turns an activation's statistics into the range
// to quantize it with, for a bit width and mode. The mathematics lives in core/calibration (clip_modes.h:
// Distiller's none / avg / n_std / gauss / laplace with its ACIQ constants and formulas, percentile, entropy,
// mse, PyTorch's histogram search; quant_error.h: exact predicted error); this adapter applies it to the
// pipeline's ActivationStats, with Distiller's clip_half_range switched on for non-negative (post-ReLU)
// tensors. predictQuality() scores any range on a histogram, so every method can be ranked by SQNR.

#include "core/ptq/activation_stats.h"
#include "core/ptq/plan_builder.h"

#include <string>
#include <vector>

namespace qs {

enum class RangeMethod { None, Avg, NStd, Gauss, Laplace, Percentile, Entropy, Mse, PytorchHistogram };

std::string toString(RangeMethod method);
// Distiller's names (case-insensitive); throws qs::Error listing the valid ones.
RangeMethod parseRangeMethod(const std::string& name);
const std::vector<RangeMethod>& allRangeMethods();

struct RangeOptions {
    double nStds = 3.0;        // n_std: mean +- k std
    double percentile = 99.99; // percentile: keep this much of the mass
};

ValueRange pickRange(RangeMethod method, const ActivationStats& stats, int bits, QuantMode mode, const RangeOptions& options = {});

struct RangeQuality {
    double mse = 0.0;    // expected squared error per value (clipping + rounding)
    double sqnrDb = 0.0; // 10 log10(signal power / mse)
};
RangeQuality predictQuality(const Histogram& histogram, ValueRange range, int bits, QuantMode mode);

// ACIQ's clipping value in units of b (Laplace) or sigma (Gauss) for `bits` (Distiller's table; Banner et
// al., 2019); halfRange for one-sided (post-ReLU) data.
double aciqAlpha(bool laplace, int bits, bool halfRange);

} // namespace qs
