#pragma once
// Predicted quantization error of a range on a layer's histogram, so every range method can be drawn on
// one histogram and ranked. The mass of each bin is taken as uniform within the bin and the error is
// integrated exactly against the Distiller grid the range produces (distillerGrid): clipping error outside
// the outermost levels, rounding error (x - nearest level)^2 inside. MSE is per value; SQNR compares it
// with the signal power E[x^2] of the same histogram.

#include "core/ranges/growing_histogram.h"
#include "core/ranges/quant_params.h"

namespace qs {

struct ClipRange {
    double min = 0.0;
    double max = 0.0;
};

struct QuantErrorEstimate {
    double mse = 0.0;     // E[(x - Q(x))^2] per value
    double sqnrDb = 0.0;  // 10 log10(E[x^2] / mse); +inf when mse == 0
    double clipMse = 0.0; // the part of mse from values outside the grid
};

// Integral of (x - Q(x))^2 over [a, b] for the grid (no density).
double quantErrorIntegral(const QuantGrid& grid, double a, double b);

QuantErrorEstimate predictQuantError(const GrowingHistogram& histogram, const QuantGrid& grid);
// Throws qs::Error on an empty histogram.
QuantErrorEstimate predictQuantError(const GrowingHistogram& histogram, ClipRange range, int bits, QuantMode mode);

} // namespace qs
