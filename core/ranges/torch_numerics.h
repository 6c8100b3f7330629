#pragma once
// Float32 building blocks that reproduce PyTorch's CPU kernels bit for bit where the observers depend on
// them: torch.linspace (including its vectorised two-halves evaluation), torch.histc (linear bin guess +
// local search on the linspace edges, right edge inclusive) and floor division. The observers in this
// module match PyTorch's scale to ~1e-7 only because every step rounds to float32 where PyTorch does.

#include <cstdint>
#include <span>
#include <vector>

namespace qs::torch_numerics {

// SIMD width PyTorch's linspace kernel uses for float (AVX2: 8 floats). It decides which values are
// computed as base + i * step and which as start + step * idx, i.e. the last-ulp rounding of the edges.
inline constexpr int kLinspaceVectorWidth = 8;

// torch.linspace(start, end, steps) for float32 on CPU (single thread).
std::vector<float> linspace(float start, float end, int64_t steps);

// Bin edges and range torch.histc uses for [lo, hi] (lo == hi widens to [lo - 1, hi + 1]).
struct HistcEdges {
    std::vector<float> edges; // bins + 1 values
    float lo = 0.0f;
    float hi = 0.0f;
};
HistcEdges histcEdges(float lo, float hi, int bins);

// Adds torch.histc(data, bins, lo, hi) to `counts` (bins entries): values outside [lo, hi] and NaN are
// skipped; the last bin includes the right edge. O(n), no allocation.
void histcAccumulate(const HistcEdges& edges, const float* data, int64_t n, int64_t* counts);

// Bin of one value (torch.histc semantics) or -1 when it is outside the edges.
int64_t histcBin(const HistcEdges& edges, float value);

// torch.div(a, b, rounding_mode="floor") for float32 (Python semantics via fmod).
float divFloor(float a, float b);

// torch.round: round half to even.
float roundHalfEven(float v);

} // namespace qs::torch_numerics
