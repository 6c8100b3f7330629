#pragma once
// Clip methods: each turns a value's ActivationStats into the range to quantize it with, for a bit width and
// mode. Distiller's ClipMode (distiller/quantization/range_linear.py, `_get_quant_params_from_stats_dict`):
//  none     [min, max]
//  avg      [avg_min, avg_max]
//  n_std    [max(min, mean - k std), min(max, mean + k std)], k = RangeOptions::nStds (> 0; Distiller has no
//           default and requires --qe-clip-n-stds, we default to 3)
//  gauss    ACIQ (Banner et al., arXiv:1810.05723) with alpha = std * G[bits]
//  laplace  ACIQ with alpha = b * L[bits]
//           symmetric modes: [-(|mean| + alpha), |mean| + alpha]
//           asymmetric modes: lo = max(avg_min, mean - alpha), hi = lo + 2 alpha, or lo + alpha with
//           half range (Distiller's clip_half_range, on for non-negative tensors), which also switches to
//           the one-sided ("_positive") constants.
// plus histogram methods (histogram_ranges.h): percentile (RangeOptions::percentile), entropy (KL, TensorRT
// style on the 2048-bin histogram), mse (minimum predicted error on the grid that runs), and
// pytorch_histogram (PyTorch's HistogramObserver L2 search with 2^bits target bins, on our histogram), and
// moving_average (PyTorch's MovingAverageMinMaxObserver: an exponential average of the batches' extremes).
// PyTorch's MinMaxObserver is none; its PerChannelMinMaxObserver is the per-channel weight grid.
// The returned range is the saturation range before the mode's own widening (activationQuant()).

#include "core/quant/activation_grid.h"
#include "core/ranges/predicted_error.h"
#include "core/stats/activation_stats.h"

#include <optional>
#include <string>
#include <vector>

namespace qs {

enum class RangeMethod { None, Avg, NStd, Gauss, Laplace, Percentile, Entropy, Mse, PytorchHistogram, MovingAverage };

// "none", "avg", "n_std", "gauss", "laplace", "percentile", "entropy", "mse", "pytorch_histogram", "moving_average".
std::string toString(RangeMethod method);
// Case-insensitive; throws qs::Error naming the valid choices.
RangeMethod parseRangeMethod(const std::string& name);
const std::vector<RangeMethod>& allRangeMethods();
// Whether the method needs the histogram (percentile, entropy, mse, pytorch_histogram).
bool needsHistogram(RangeMethod method);

struct RangeOptions {
    double nStds = 3.0;                 // n_std: mean +- k std
    double percentile = 99.99;          // percentile: keep this much of the mass
    std::optional<bool> halfRange;      // Distiller's clip_half_range; unset: on for non-negative tensors
};

// ACIQ constants Distiller uses (AciqClipper.alpha_laplace / _positive: 0..8 bits; alpha_gauss /
// _positive: 1..8 bits). Throws qs::Error for bit widths outside the table.
double aciqAlpha(RangeMethod gaussOrLaplace, int bits, bool halfRange);

// Throws qs::Error when the statistics lack what the method needs (a histogram, b, std...: a Distiller stats
// file may lack fields, which it holds as NaN).
ValueRange pickRange(RangeMethod method, const ActivationStats& stats, int bits, QuantMode mode, const RangeOptions& options = {});

struct MethodRange {
    RangeMethod method = RangeMethod::None;
    ValueRange range;
    RangeQuality quality;
};
// Every method that can run on these statistics (the others are left out), with its predicted quality on the
// grid that runs, best first (ties keep allRangeMethods() order). What the CLI's `ranges` and the workbench's
// histogram legend and observer comparison show.
std::vector<MethodRange> rankRanges(const ActivationStats& stats, int bits, QuantMode mode, const RangeOptions& options = {});

} // namespace qs
