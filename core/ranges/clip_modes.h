#pragma once
// Range methods ("clip modes") that turn a tensor's TensorStats into the saturation range to quantize with.
// Distiller's RangeMethod (distiller/quantization/range_linear.py, `_get_quant_params_from_stats_dict`):
//  none     [min, max]
//  avg      [avg_min, avg_max]
//  n_std    [max(min, mean - k std), min(max, mean + k std)], k = ClipParams::nStds (> 0; Distiller has no
//           default and requires --qe-clip-n-stds, we default to 3)
//  gauss    ACIQ (Banner et al., arXiv:1810.05723) with alpha = std * G[bits]
//  laplace  ACIQ with alpha = b * L[bits]
//           symmetric modes: [-(|mean| + alpha), |mean| + alpha]
//           asymmetric modes: lo = max(avg_min, mean - alpha), hi = lo + 2 alpha, or lo + alpha with
//           halfRange (Distiller's clip_half_range, for post-ReLU tensors), which also switches to the
//           one-sided ("_positive") constants.
// plus histogram methods (histogram_ranges.h): percentile (ClipParams::percentile), entropy (KL, TensorRT
// style on the 2048-bin histogram), mse (minimum predicted error), and pytorch_histogram (PyTorch's
// HistogramObserver L2 search with 2^bits target bins).
// The returned range is the saturation range before the mode's own widening (symmetric modes quantize
// [-max|.|, max|.|], asymmetric ones always include 0; see quant_params.h).

#include "core/ranges/quant_error.h"
#include "core/ranges/quant_params.h"
#include "core/ranges/tensor_stats.h"

#include <string>
#include <vector>

namespace qs {

enum class RangeMethod { None, Avg, NStd, Gauss, Laplace, Percentile, Entropy, Mse, PytorchHistogram };

// "none", "avg", "n_std", "gauss", "laplace", "percentile", "entropy", "mse", "pytorch_histogram".
std::string toString(RangeMethod mode);
// Case-insensitive; throws qs::Error naming the valid choices.
RangeMethod parseRangeMethod(const std::string& name);
const std::vector<RangeMethod>& allRangeMethods();
// Whether the method needs the histogram (percentile, entropy, mse, pytorch_histogram).
bool needsHistogram(RangeMethod mode);

struct ClipParams {
    double nStds = 3.0;
    double percentile = 99.99;
    bool halfRange = false;
};

// ACIQ constants Distiller uses (AciqClipper.alpha_laplace / _positive: 0..8 bits; alpha_gauss /
// _positive: 1..8 bits). Throws qs::Error for bit widths outside the table.
double aciqAlpha(RangeMethod gaussOrLaplace, int bits, bool halfRange);

// Throws qs::Error when the statistics lack what the method needs (a histogram, b, std...).
ClipRange pickClipRange(RangeMethod method, const TensorStats& stats, int bits, QuantMode mode,
                        const ClipParams& params = {});

struct ClipEvaluation {
    RangeMethod method = RangeMethod::None;
    ClipRange range;
    QuantErrorEstimate error;
};

// pickClipRange plus its predicted error on the stats' histogram (required).
ClipEvaluation evaluateClipMode(RangeMethod method, const TensorStats& stats, int bits, QuantMode mode,
                                const ClipParams& params = {});
// Every method, best predicted SQNR first (ties keep allRangeMethods() order).
std::vector<ClipEvaluation> rankClipModes(const TensorStats& stats, int bits, QuantMode mode,
                                          const ClipParams& params = {});

} // namespace qs
