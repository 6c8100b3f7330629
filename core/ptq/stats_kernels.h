#pragma once
// The inner loops of activation-statistics collection, kept apart so they can be compiled for several
// instruction sets (function multi-versioning picks AVX-512 / AVX2 / baseline at run time). Calibration
// touches every activation value once, so these loops decide whether it costs a fraction of an inference
// or several inferences.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace qs::stats_kernels {

struct Moments {
    float min = 0.0f, max = 0.0f;
    double sum = 0.0, sumSquares = 0.0;
};

// min, max, sum and sum of squares of x[0..n), n > 0. Sums are accumulated in float within short blocks
// (vector lanes) and in double across blocks, so the error stays at float rounding of a block.
Moments moments(const float* x, int64_t n);

// Bin of v: floor((v - base) * scale), clamped to [0, bins).
struct BinGrid {
    float base = 0.0f, scale = 1.0f;
    int bins = 1;
};

struct Binned {
    int64_t count = 0;   // values binned
    double absDev = 0.0; // sum |v - center| over them
};

// The central part of a tensor, subsampled: of every run of `stride` values of x[0..n) one is drawn
// (stratified sample, deterministic; `firstStratum` numbers the first run so a split between threads draws
// the same values) and binned if it lies in [keepLo, keepHi]. `counts` holds kCountCopies arrays of
// bins + 1 counters one after the other (the extra one per copy collects the values outside); the
// histogram is their sum.
constexpr int kCountCopies = 4;
Binned binCentralSample(const float* x, int64_t n, int64_t stride, int64_t firstStratum, float keepLo, float keepHi, const BinGrid& grid,
                        uint32_t* counts, float center);
// The portable path binCentralSample takes on CPUs without AVX-512 (exposed so tests can compare the two).
Binned binCentralSamplePortable(const float* x, int64_t n, int64_t stride, int64_t firstStratum, float keepLo, float keepHi, const BinGrid& grid,
                                uint32_t* counts, float center);

// Adds count arrays 1 .. copies-1 (`pitch` apart) into array 0's first `bins` entries.
void sumCountCopies(uint32_t* counts, int copies, int bins, std::size_t pitch);

// moments() plus, appended to `tails`, every value outside [keepLo, keepHi], in the same pass over x.
Moments momentsAndTails(const float* x, int64_t n, float keepLo, float keepHi, std::vector<float>& tails);

} // namespace qs::stats_kernels
