#include "core/ptq/stats_kernels.h"

#include <algorithm>
#include <cmath>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace qs::stats_kernels {

namespace {
constexpr int64_t kBlock = 2048; // values summed in float before the double accumulation
constexpr int64_t kChunk = 512;  // bin indices computed (vectorised) before the scalar increments

constexpr uint32_t kGolden = 0x9E3779B9u; // 2^32 / golden ratio
} // namespace

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define QS_MULTIVERSION __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define QS_MULTIVERSION
#endif

QS_MULTIVERSION
Moments moments(const float* x, int64_t n)
{
    Moments m;
    m.min = x[0];
    m.max = x[0];
    for (int64_t first = 0; first < n; first += kBlock) {
        const int64_t last = std::min(n, first + kBlock);
        float lo = m.min, hi = m.max, s = 0.0f, s2 = 0.0f;
#pragma omp simd reduction(min : lo) reduction(max : hi) reduction(+ : s, s2)
        for (int64_t i = first; i < last; ++i) {
            const float v = x[i];
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            s += v;
            s2 += v * v;
        }
        m.min = lo;
        m.max = hi;
        m.sum += s;
        m.sumSquares += s2;
    }
    return m;
}

namespace {

// The increments: kCountCopies interleaved count arrays. After a ReLU most values hit one bin, and
// incrementing one counter back to back would serialise on store-to-load forwarding.
inline void countIndices(const int32_t* index, int64_t len, uint32_t* counts, int64_t pitch)
{
    static_assert(kCountCopies == 4);
    uint32_t* c1 = counts + pitch;
    uint32_t* c2 = counts + 2 * pitch;
    uint32_t* c3 = counts + 3 * pitch;
    int64_t k = 0;
    for (; k + 4 <= len; k += 4) {
        ++counts[index[k]];
        ++c1[index[k + 1]];
        ++c2[index[k + 2]];
        ++c3[index[k + 3]];
    }
    for (; k < len; ++k)
        ++counts[index[k]];
}

// Stratified sampling: one value at a pseudo-random offset within each run of `stride` values. A fixed
// offset would pick the same columns of every feature map whenever the stride divides the width, biasing
// the histogram towards (or away from) borders. Offsets follow a Weyl sequence (k times the golden ratio,
// modulo 1, scaled to the run), which is equidistributed, never periodic and costs one multiply-add; runs
// are capped at 65535 so the arithmetic stays 32-bit. Returns the positions (relative to run 0 of the
// chunk) of the `len` values drawn from runs first .. first + len of x[0..n).
template <typename Position>
void samplePositions(int64_t n, int64_t stride, int64_t firstStratum, int64_t first, int64_t len, Position* positions)
{
    const uint32_t span = static_cast<uint32_t>(std::min<int64_t>(stride, 65535));
    const uint32_t start = static_cast<uint32_t>(firstStratum + first) * kGolden;
#pragma omp simd
    for (int64_t k = 0; k < len; ++k)
        positions[k] = static_cast<Position>(k * stride + static_cast<int64_t>((((start + static_cast<uint32_t>(k) * kGolden) >> 16) * span) >> 16));
    const int64_t full = std::min(len, n / stride - first); // runs of full length in this chunk
    if (full < len) // the last run is cut short
        positions[len - 1] = static_cast<Position>((len - 1) * stride + (positions[len - 1] - (len - 1) * stride) % (n - (first + len - 1) * stride));
}

QS_MULTIVERSION
Binned binCentralSampleGeneric(const float* x, int64_t n, int64_t stride, int64_t firstStratum, float keepLo, float keepHi, const BinGrid& grid,
                               uint32_t* counts, float center)
{
    const int64_t picked = (n + stride - 1) / stride;
    const int bins = grid.bins;
    const float top = static_cast<float>(bins - 1);
    float gathered[kChunk];
    int64_t positions[kChunk];
    int32_t index[kChunk];
    Binned result;
    for (int64_t first = 0; first < picked; first += kChunk) {
        const int64_t len = std::min(kChunk, picked - first);
        const float* src = x + first;
        if (stride != 1) {
            samplePositions(n, stride, firstStratum, first, len, positions);
            const float* runs = x + first * stride;
            for (int64_t k = 0; k < len; ++k)
                gathered[k] = runs[positions[k]];
            src = gathered;
        }
        float dev = 0.0f;
        int32_t inside = 0;
        // Clamping in float before the conversion gives in-range indices without branches; values outside
        // [keepLo, keepHi] (counted exactly by binTails) go to the spare counter `bins`.
#pragma omp simd reduction(+ : dev, inside)
        for (int64_t k = 0; k < len; ++k) {
            const float v = src[k];
            const bool keep = v >= keepLo && v <= keepHi;
            const float position = std::min(std::max((v - grid.base) * grid.scale, 0.0f), top);
            index[k] = keep ? static_cast<int32_t>(position) : bins;
            dev += keep ? std::fabs(v - center) : 0.0f;
            inside += keep ? 1 : 0;
        }
        result.absDev += dev;
        result.count += inside;
        countIndices(index, len, counts, bins + 1);
    }
    return result;
}

#if defined(__x86_64__) && defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized" // see momentsAndTailsAvx512
// The same with explicit AVX-512: GCC 12 leaves the bin-index loop above scalar (about 1.5 ns a value, the
// largest cost of calibrating a small model); here 16 values a step, with a gather for the sample.
__attribute__((target("avx512f"))) Binned binCentralSampleAvx512(const float* x, int64_t n, int64_t stride, int64_t firstStratum, float keepLo,
                                                                   float keepHi, const BinGrid& grid, uint32_t* counts, float center)
{
    if (stride >= (int64_t{1} << 21)) // chunk positions must fit the gather's 32-bit indices
        return binCentralSampleGeneric(x, n, stride, firstStratum, keepLo, keepHi, grid, counts, center);
    const int64_t picked = (n + stride - 1) / stride;
    const int bins = grid.bins;
    const __m512 vlo = _mm512_set1_ps(keepLo), vhi = _mm512_set1_ps(keepHi), base = _mm512_set1_ps(grid.base), scale = _mm512_set1_ps(grid.scale);
    const __m512 zero = _mm512_setzero_ps(), top = _mm512_set1_ps(static_cast<float>(bins - 1)), vcenter = _mm512_set1_ps(center);
    const __m512i outside = _mm512_set1_epi32(bins);
    alignas(64) int32_t positions[kChunk];
    alignas(64) int32_t index[kChunk];
    Binned result;
    for (int64_t first = 0; first < picked; first += kChunk) {
        const int64_t len = std::min(kChunk, picked - first);
        if (stride != 1)
            samplePositions(n, stride, firstStratum, first, len, positions);
        const float* runs = x + first * stride;
        __m512 dev = zero;
        int64_t inside = 0;
        for (int64_t k = 0; k < len; k += 16) {
            const __mmask16 lanes = len - k >= 16 ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << (len - k)) - 1);
            const __m512 v = stride != 1 ? _mm512_mask_i32gather_ps(zero, lanes, _mm512_maskz_loadu_epi32(lanes, positions + k), runs, 4)
                                         : _mm512_maskz_loadu_ps(lanes, runs + k);
            const __mmask16 keep = _mm512_mask_cmp_ps_mask(lanes, v, vlo, _CMP_GE_OQ) & _mm512_cmp_ps_mask(v, vhi, _CMP_LE_OQ);
            const __m512 position = _mm512_min_ps(_mm512_max_ps(_mm512_mul_ps(_mm512_sub_ps(v, base), scale), zero), top);
            _mm512_mask_storeu_epi32(index + k, lanes, _mm512_mask_blend_epi32(keep, outside, _mm512_cvttps_epi32(position)));
            dev = _mm512_mask_add_ps(dev, keep, dev, _mm512_abs_ps(_mm512_sub_ps(v, vcenter)));
            inside += __builtin_popcount(keep);
        }
        result.absDev += _mm512_reduce_add_ps(dev);
        result.count += inside;
        countIndices(index, len, counts, bins + 1);
    }
    return result;
}
#pragma GCC diagnostic pop
#endif

} // namespace

Binned binCentralSample(const float* x, int64_t n, int64_t stride, int64_t firstStratum, float keepLo, float keepHi, const BinGrid& grid,
                        uint32_t* counts, float center)
{
#if defined(__x86_64__) && defined(__GNUC__)
    static const bool avx512 = __builtin_cpu_supports("avx512f");
    if (avx512)
        return binCentralSampleAvx512(x, n, stride, firstStratum, keepLo, keepHi, grid, counts, center);
#endif
    return binCentralSampleGeneric(x, n, stride, firstStratum, keepLo, keepHi, grid, counts, center);
}

QS_MULTIVERSION
void sumCountCopies(uint32_t* counts, int copies, int bins, std::size_t pitch)
{
    for (int copy = 1; copy < copies; ++copy) {
        const uint32_t* other = counts + static_cast<std::size_t>(copy) * pitch;
#pragma omp simd
        for (int b = 0; b < bins; ++b)
            counts[b] += other[b];
    }
}

namespace {

void appendOutside(const float* x, int64_t first, int64_t last, float keepLo, float keepHi, std::vector<float>& tails)
{
    for (int64_t i = first; i < last; ++i)
        if (x[i] < keepLo || x[i] > keepHi)
            tails.push_back(x[i]);
}

// Portable version: the vectorised moments, then a scan that tests groups of 64 values at once (tails are
// rare) and walks only the groups that hold one.
Moments momentsAndTailsGeneric(const float* x, int64_t n, float keepLo, float keepHi, std::vector<float>& tails)
{
    const Moments m = moments(x, n);
    if (m.min >= keepLo && m.max <= keepHi)
        return m;
    constexpr int64_t kGroup = 64;
    const int64_t groups = n / kGroup;
    for (int64_t group = 0; group < groups; ++group) {
        const float* g = x + group * kGroup;
        int outside = 0;
#pragma omp simd reduction(| : outside)
        for (int64_t i = 0; i < kGroup; ++i)
            outside |= (g[i] < keepLo) | (g[i] > keepHi);
        if (outside)
            appendOutside(x, group * kGroup, (group + 1) * kGroup, keepLo, keepHi, tails);
    }
    appendOutside(x, groups * kGroup, n, keepLo, keepHi, tails);
    return m;
}

#if defined(__x86_64__) && defined(__GNUC__)
// GCC 12's AVX-512 min/max intrinsics pass an undefined vector as their unused mask operand, which
// -Wmaybe-uninitialized reports once inlined.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
// Horizontal reduction through memory.
template <typename Op>
__attribute__((target("avx512f"))) float lanes(__m512 v, Op op)
{
    alignas(64) float lane[16];
    _mm512_store_ps(lane, v);
    float r = lane[0];
    for (int i = 1; i < 16; ++i)
        r = op(r, lane[i]);
    return r;
}

// One pass over the data does everything: per 64 values four loads feed min, max, sum, sum of squares and
// two compares whose masks give the positions of tail values directly. Partial sums stay in float for
// 2048 values, then go to double.
__attribute__((target("avx512f"))) Moments momentsAndTailsAvx512(const float* x, int64_t n, float keepLo, float keepHi,
                                                                   std::vector<float>& tails)
{
    Moments m;
    const __m512 vlo = _mm512_set1_ps(keepLo), vhi = _mm512_set1_ps(keepHi);
    __m512 lo = _mm512_set1_ps(x[0]), hi = lo;
    const int64_t blocks = n / 64;
    for (int64_t first = 0; first < blocks; first += 32) {
        const int64_t last = std::min(blocks, first + 32);
        __m512 s0 = _mm512_setzero_ps(), s1 = s0, q0 = s0, q1 = s0;
        for (int64_t block = first; block < last; ++block) {
            const float* p = x + block * 64;
            const __m512 a = _mm512_loadu_ps(p), b = _mm512_loadu_ps(p + 16), c = _mm512_loadu_ps(p + 32), d = _mm512_loadu_ps(p + 48);
            lo = _mm512_min_ps(lo, _mm512_min_ps(_mm512_min_ps(a, b), _mm512_min_ps(c, d)));
            hi = _mm512_max_ps(hi, _mm512_max_ps(_mm512_max_ps(a, b), _mm512_max_ps(c, d)));
            s0 = _mm512_add_ps(s0, _mm512_add_ps(a, b));
            s1 = _mm512_add_ps(s1, _mm512_add_ps(c, d));
            q0 = _mm512_fmadd_ps(a, a, _mm512_fmadd_ps(b, b, q0));
            q1 = _mm512_fmadd_ps(c, c, _mm512_fmadd_ps(d, d, q1));
            const uint64_t ma = static_cast<uint16_t>(_mm512_cmp_ps_mask(a, vlo, _CMP_LT_OQ) | _mm512_cmp_ps_mask(a, vhi, _CMP_GT_OQ));
            const uint64_t mb = static_cast<uint16_t>(_mm512_cmp_ps_mask(b, vlo, _CMP_LT_OQ) | _mm512_cmp_ps_mask(b, vhi, _CMP_GT_OQ));
            const uint64_t mc = static_cast<uint16_t>(_mm512_cmp_ps_mask(c, vlo, _CMP_LT_OQ) | _mm512_cmp_ps_mask(c, vhi, _CMP_GT_OQ));
            const uint64_t md = static_cast<uint16_t>(_mm512_cmp_ps_mask(d, vlo, _CMP_LT_OQ) | _mm512_cmp_ps_mask(d, vhi, _CMP_GT_OQ));
            for (uint64_t mask = ma | mb << 16 | mc << 32 | md << 48; mask; mask &= mask - 1)
                tails.push_back(p[__builtin_ctzll(mask)]);
        }
        m.sum += lanes(_mm512_add_ps(s0, s1), [](float a, float b) { return a + b; });
        m.sumSquares += lanes(_mm512_add_ps(q0, q1), [](float a, float b) { return a + b; });
    }
    m.min = lanes(lo, [](float a, float b) { return std::min(a, b); });
    m.max = lanes(hi, [](float a, float b) { return std::max(a, b); });
    for (int64_t i = blocks * 64; i < n; ++i) {
        const float v = x[i];
        m.min = std::min(m.min, v);
        m.max = std::max(m.max, v);
        m.sum += v;
        m.sumSquares += static_cast<double>(v) * v;
    }
    appendOutside(x, blocks * 64, n, keepLo, keepHi, tails);
    return m;
}
#pragma GCC diagnostic pop
#endif

} // namespace

Moments momentsAndTails(const float* x, int64_t n, float keepLo, float keepHi, std::vector<float>& tails)
{
#if defined(__x86_64__) && defined(__GNUC__)
    static const bool avx512 = __builtin_cpu_supports("avx512f");
    if (avx512)
        return momentsAndTailsAvx512(x, n, keepLo, keepHi, tails);
#endif
    return momentsAndTailsGeneric(x, n, keepLo, keepHi, tails);
}

Binned binCentralSamplePortable(const float* x, int64_t n, int64_t stride, int64_t firstStratum, float keepLo, float keepHi, const BinGrid& grid,
                                uint32_t* counts, float center)
{
    return binCentralSampleGeneric(x, n, stride, firstStratum, keepLo, keepHi, grid, counts, center);
}

} // namespace qs::stats_kernels
