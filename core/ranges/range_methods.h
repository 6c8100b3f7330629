#pragma once
// Range estimators ("clip modes") for the PTQ pipeline: each turns an activation's statistics into the range
// to quantize it with, for a bit width and mode. The mathematics lives in core/calibration (clip_modes.h:
// Distiller's none / avg / n_std / gauss / laplace with its ACIQ constants and formulas, percentile, entropy,
// mse, PyTorch's histogram search; quant_error.h: exact predicted error); this adapter applies it to the
// pipeline's ActivationStats, with Distiller's clip_half_range switched on for non-negative (post-ReLU)
// tensors. predictQuality() scores any range on a histogram, so every method can be ranked by SQNR.

#include "core/ranges/clip_modes.h"
#include "core/stats/activation_stats.h"
#include "core/quant/plan_builder.h"

#include <string>
#include <vector>

namespace qs {

// RangeMethod, its names and needsHistogram() are core/ranges/clip_modes.h's.

struct RangeOptions {
    double nStds = 3.0;        // n_std: mean +- k std
    double percentile = 99.99; // percentile: keep this much of the mass
};

ValueRange pickRange(RangeMethod method, const ActivationStats& stats, int bits, QuantMode mode, const RangeOptions& options = {});

struct RangeQuality {
    double mse = 0.0;    // expected squared error per value (clipping + rounding)
    double sqnrDb = 0.0; // 10 log10(signal power / mse)
};
// On the grid that runs (activationQuant(): e.g. sym after ReLU is the unsigned grid); nothing on an empty histogram.
RangeQuality predictQuality(const Histogram& histogram, ValueRange range, int bits, QuantMode mode);
RangeQuality predictQuality(const Histogram& histogram, const ActivationQuant& grid);

// SQNR (dB) of a layer's weights ([O, ...], see outputChannelMajorWeights) on the grid the engine stores them
// on, exact: 10 log10(sum w^2 / sum (w - w_q)^2); +inf when every weight is on the grid.
double weightSqnrDb(const Tensor& weights, const WeightQuant& spec);
// A layer's predicted output SQNR: the output's quantization noise plus the noise its quantized weights add to
// the output (relative to the signal, assumed independent): -10 log10(10^(-a/10) + 10^(-w/10)).
double combinedSqnrDb(double activationDb, double weightDb);


} // namespace qs
