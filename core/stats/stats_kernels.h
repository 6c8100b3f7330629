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

constexpr int kCountCopies = 2;

// Where binned values go: the central range [keepLo, keepHi] (values outside it are the caller's exact
// tails and go to the spare counter), the grid, kCountCopies arrays of bins + 1 counters one after the
// other (the histogram is their sum), and the center for sum |v - center|.
struct BinTarget {
    float keepLo = 0.0f, keepHi = 0.0f;
    BinGrid grid;
    uint32_t* counts = nullptr;
    float center = 0.0f;
};

// The central part of a tensor, subsampled: of every run of `stride` values of x[0..n) one is drawn
// (stratified sample, deterministic; `firstStratum` numbers the first run so a split between threads draws
// the same values) and binned into `target` if it lies in its central range. With `relu`, the same drawn
// values' ReLU, max(v, 0), are binned into `relu` too (its result in *reluBinned): calibration derives a
// ReLU output's histogram from the pass over the ReLU's input.
Binned binCentralSample(const float* x, int64_t n, int64_t stride, int64_t firstStratum, const BinTarget& target, const BinTarget* relu = nullptr,
                        Binned* reluBinned = nullptr);
// The portable path binCentralSample takes on CPUs without AVX-512 (exposed so tests can compare the two).
Binned binCentralSamplePortable(const float* x, int64_t n, int64_t stride, int64_t firstStratum, const BinTarget& target,
                                const BinTarget* relu = nullptr, Binned* reluBinned = nullptr);

// Adds count arrays 1 .. copies-1 (`pitch` apart) into array 0's first `bins` entries.
void sumCountCopies(uint32_t* counts, int copies, int bins, std::size_t pitch);

// The ReLU output y = max(x, 0) of data being scanned: its sums, and its values outside [keepLo, keepHi]
// (its extremes follow from x's).
struct ReluSums {
    float keepLo = 0.0f, keepHi = 0.0f;
    double sum = 0.0, sumSquares = 0.0; // accumulated
    std::vector<float>* tails = nullptr; // appended to
};

// moments() plus, appended to `tails`, every value outside [keepLo, keepHi], in the same pass over x; with
// `relu`, the same for max(x, 0) (accumulated into *relu).
Moments momentsAndTails(const float* x, int64_t n, float keepLo, float keepHi, std::vector<float>& tails, ReluSums* relu = nullptr);
// The portable path (for tests).
Moments momentsAndTailsPortable(const float* x, int64_t n, float keepLo, float keepHi, std::vector<float>& tails, ReluSums* relu = nullptr);

} // namespace qs::stats_kernels
