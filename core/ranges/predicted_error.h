#pragma once
// Predicted quantization error of a range on a value's histogram, so every clip method can be drawn on one
// histogram and ranked, and a layer's configuration scored before it runs. The mass of each bin is taken as
// uniform within the bin and the error is integrated exactly against the grid the engine runs
// (activationQuant(): e.g. sym after ReLU is the unsigned grid): clipping error outside the outermost levels,
// rounding error (x - nearest level)^2 inside. MSE is per value; SQNR compares it with the signal power E[x^2]
// of the same histogram. A layer's weights are quantized exactly (they are known), and their error is
// combined with the output's.

#include "core/quant/activation_grid.h"
#include "core/ranges/quant_params.h"
#include "core/stats/histogram.h"

namespace qs {

struct QuantErrorEstimate {
    double mse = 0.0;     // E[(x - Q(x))^2] per value
    double sqnrDb = 0.0;  // 10 log10(E[x^2] / mse); +inf when mse == 0
    double clipMse = 0.0; // the part of mse from values outside the grid
};

// Integral of (x - Q(x))^2 over [a, b] for the grid (no density).
double quantErrorIntegral(const QuantGrid& grid, double a, double b);

// Throws qs::Error on an empty histogram.
QuantErrorEstimate predictQuantError(const Histogram& histogram, const QuantGrid& grid);

// The levels of a grid the engine runs.
QuantGrid gridOf(const ActivationQuant& q);

struct RangeQuality {
    double mse = 0.0;    // expected squared error per value (clipping + rounding)
    double sqnrDb = 0.0; // 10 log10(signal power / mse), at most 200
};
// On the grid that runs; nothing on an empty histogram. Throws qs::Error for a range activationQuant() refuses.
RangeQuality predictQuality(const Histogram& histogram, ValueRange range, int bits, QuantMode mode);
RangeQuality predictQuality(const Histogram& histogram, const ActivationQuant& grid);

// SQNR (dB) of a layer's weights ([O, ...], see outputChannelMajorWeights) on the grid the engine stores them
// on, exact: 10 log10(sum w^2 / sum (w - w_q)^2); 200 when every weight is on the grid.
double weightSqnrDb(const Tensor& weights, const WeightQuant& spec);
// A layer's predicted output SQNR: the output's quantization noise plus the noise its quantized weights add to
// the output (relative to the signal, assumed independent): -10 log10(10^(-a/10) + 10^(-w/10)).
double combinedSqnrDb(double activationDb, double weightDb);

} // namespace qs
