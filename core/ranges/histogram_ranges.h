#pragma once
// Range searches on a histogram (the histogram-based clip modes):
//  percentile  [q(1 - p/100), q(p/100)] of the mass, linear within a bin.
//  entropy     TensorRT's KL-divergence calibration on >= 2048 bins (not ONNX Runtime's 128): for every
//              candidate threshold bin i >= target levels, the reference distribution P is bins [0, i)
//              with the outlier mass folded into bin i-1; Q merges those bins into `levels` groups and
//              spreads each group's mass over its non-empty bins; both are smoothed (eps 1e-4) and the i
//              with the smallest KL(P || Q) wins (ties go to the wider range). Symmetric grids search on
//              |x| with 2^(bits-1) levels; asymmetric grids over non-negative data search [min, max] with
//              2^bits levels; asymmetric grids over signed data search each side separately with
//              2^(bits-1) levels.
//  mse         the range minimising the predicted error on the grid that runs (activationQuant()) over
//              candidates (512 per side): symmetric grids scan the saturation value; asymmetric grids
//              alternate between the upper and lower bound (coordinate descent) until neither moves.

#include "core/quant/activation_grid.h"
#include "core/stats/histogram.h"

#include <vector>

namespace qs {

ValueRange percentileRange(const Histogram& histogram, double percentile);
ValueRange entropyRange(const Histogram& histogram, int bits, QuantMode mode);
ValueRange mseRange(const Histogram& histogram, int bits, QuantMode mode);

// The KL search on raw counts over [0, bins * binWidth): returns the number of bins kept (>= levels).
int klThresholdBins(const std::vector<double>& counts, int levels);

// Re-bins the histogram's mass (uniform within source bins) onto `bins` bins over [lo, hi]; with
// `absolute`, the mass of x lands at |x|; mass outside [lo, hi] is dropped.
std::vector<double> rebin(const Histogram& histogram, double lo, double hi, int bins, bool absolute);

} // namespace qs
