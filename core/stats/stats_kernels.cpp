#include "core/stats/stats_kernels.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

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
// incrementing one counter back to back would serialise on store-to-load forwarding; two copies halve
// that chain, and more cost more to zero and sum per batch than they save (measured on the demo model).
inline void countIndices(const int32_t* index, int64_t len, uint32_t* counts, int64_t pitch)
{
    static_assert(kCountCopies == 2);
    uint32_t* c1 = counts + pitch;
    int64_t k = 0;
    for (; k + 2 <= len; k += 2) {
        ++counts[index[k]];
        ++c1[index[k + 1]];
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

// Bin indices of `len` drawn values (their ReLU with kRelu) into `t`; values outside its central range go
// to the spare counter `bins`. Clamping in float before the conversion gives in-range indices without
// branches.
template <bool kRelu>
inline void binChunk(const float* src, int64_t len, const BinTarget& t, int32_t* index, Binned& result)
{
    const int bins = t.grid.bins;
    const float top = static_cast<float>(bins - 1);
    float dev = 0.0f;
    int32_t inside = 0;
#pragma omp simd reduction(+ : dev, inside)
    for (int64_t k = 0; k < len; ++k) {
        const float v = kRelu ? std::max(src[k], 0.0f) : src[k];
        const bool keep = v >= t.keepLo && v <= t.keepHi;
        const float position = std::min(std::max((v - t.grid.base) * t.grid.scale, 0.0f), top);
        index[k] = keep ? static_cast<int32_t>(position) : bins;
        dev += keep ? std::fabs(v - t.center) : 0.0f;
        inside += keep ? 1 : 0;
    }
    result.absDev += dev;
    result.count += inside;
    countIndices(index, len, t.counts, bins + 1);
}

QS_MULTIVERSION
Binned binCentralSampleGeneric(const float* x, int64_t n, int64_t stride, int64_t firstStratum, const BinTarget& target, const BinTarget* relu,
                               Binned* reluBinned)
{
    const int64_t picked = (n + stride - 1) / stride;
    float gathered[kChunk];
    int64_t positions[kChunk];
    int32_t index[kChunk];
    Binned result, reluResult;
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
        binChunk<false>(src, len, target, index, result);
        if (relu)
            binChunk<true>(src, len, *relu, index, reluResult);
    }
    if (reluBinned)
        *reluBinned = reluResult;
    return result;
}

#if defined(__x86_64__) && defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized" // see momentsAndTailsAvx512
// One target's constants in registers.
struct VectorTarget {
    __m512 lo, hi, base, scale, top, center;
    __m512i outside;
};

__attribute__((target("avx512f"), always_inline)) inline VectorTarget vectorTarget(const BinTarget& t)
{
    return {_mm512_set1_ps(t.keepLo), _mm512_set1_ps(t.keepHi), _mm512_set1_ps(t.grid.base), _mm512_set1_ps(t.grid.scale),
            _mm512_set1_ps(static_cast<float>(t.grid.bins - 1)), _mm512_set1_ps(t.center), _mm512_set1_epi32(t.grid.bins)};
}

// Bin indices of 16 values (the `lanes` that exist) into index[0..16); returns the lanes kept.
__attribute__((target("avx512f"), always_inline)) inline __mmask16 binVector(__m512 v, __mmask16 lanes, const VectorTarget& t, int32_t* index,
                                                                              __m512& dev)
{
    const __mmask16 keep = _mm512_mask_cmp_ps_mask(lanes, v, t.lo, _CMP_GE_OQ) & _mm512_cmp_ps_mask(v, t.hi, _CMP_LE_OQ);
    const __m512 position = _mm512_min_ps(_mm512_max_ps(_mm512_mul_ps(_mm512_sub_ps(v, t.base), t.scale), _mm512_setzero_ps()), t.top);
    _mm512_mask_storeu_epi32(index, lanes, _mm512_mask_blend_epi32(keep, t.outside, _mm512_cvttps_epi32(position)));
    dev = _mm512_mask_add_ps(dev, keep, dev, _mm512_abs_ps(_mm512_sub_ps(v, t.center)));
    return keep;
}

// The same with explicit AVX-512: GCC 12 leaves the bin-index loop above scalar (about 1.5 ns a value, the
// largest cost of calibrating a small model); here 16 values a step, with a gather for the sample.
__attribute__((target("avx512f"))) Binned binCentralSampleAvx512(const float* x, int64_t n, int64_t stride, int64_t firstStratum,
                                                                   const BinTarget& target, const BinTarget* relu, Binned* reluBinned)
{
    if (stride >= (int64_t{1} << 21)) // chunk positions must fit the gather's 32-bit indices
        return binCentralSampleGeneric(x, n, stride, firstStratum, target, relu, reluBinned);
    const int64_t picked = (n + stride - 1) / stride;
    const __m512 zero = _mm512_setzero_ps();
    const VectorTarget t = vectorTarget(target);
    const VectorTarget r = vectorTarget(relu ? *relu : target);
    alignas(64) int32_t positions[kChunk];
    alignas(64) int32_t index[kChunk];
    alignas(64) int32_t reluIndex[kChunk];
    Binned result, reluResult;
    for (int64_t first = 0; first < picked; first += kChunk) {
        const int64_t len = std::min(kChunk, picked - first);
        if (stride != 1)
            samplePositions(n, stride, firstStratum, first, len, positions);
        const float* runs = x + first * stride;
        __m512 dev = zero, reluDev = zero;
        int64_t inside = 0, reluInside = 0;
        for (int64_t k = 0; k < len; k += 16) {
            const __mmask16 lanes = len - k >= 16 ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << (len - k)) - 1);
            const __m512 v = stride != 1 ? _mm512_mask_i32gather_ps(zero, lanes, _mm512_maskz_loadu_epi32(lanes, positions + k), runs, 4)
                                         : _mm512_maskz_loadu_ps(lanes, runs + k);
            inside += __builtin_popcount(binVector(v, lanes, t, index + k, dev));
            if (relu)
                reluInside += __builtin_popcount(binVector(_mm512_max_ps(v, zero), lanes, r, reluIndex + k, reluDev));
        }
        result.absDev += _mm512_reduce_add_ps(dev);
        result.count += inside;
        countIndices(index, len, target.counts, target.grid.bins + 1);
        if (relu) {
            reluResult.absDev += _mm512_reduce_add_ps(reluDev);
            reluResult.count += reluInside;
            countIndices(reluIndex, len, relu->counts, relu->grid.bins + 1);
        }
    }
    if (reluBinned)
        *reluBinned = reluResult;
    return result;
}
#pragma GCC diagnostic pop
#endif

} // namespace

Binned binCentralSample(const float* x, int64_t n, int64_t stride, int64_t firstStratum, const BinTarget& target, const BinTarget* relu,
                        Binned* reluBinned)
{
#if defined(__x86_64__) && defined(__GNUC__)
    static const bool avx512 = __builtin_cpu_supports("avx512f");
    if (avx512)
        return binCentralSampleAvx512(x, n, stride, firstStratum, target, relu, reluBinned);
#endif
    return binCentralSampleGeneric(x, n, stride, firstStratum, target, relu, reluBinned);
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

// Appends x[first..last) outside [lo, hi] (their ReLU with kRelu).
template <bool kRelu>
void appendOutside(const float* x, int64_t first, int64_t last, float lo, float hi, std::vector<float>& tails)
{
    for (int64_t i = first; i < last; ++i)
        if (x[i] < lo || x[i] > hi)
            tails.push_back(kRelu ? std::max(x[i], 0.0f) : x[i]);
}

// For max(x, 0) against [keepLo, keepHi] (keepHi >= 0 in practice): y < keepLo only when keepLo > 0, and
// then exactly when x < keepLo; y > keepHi exactly when x > keepHi if keepHi >= 0, always otherwise. So
// ReLU tails are x's values outside these bounds.
std::pair<float, float> reluBoundsOnInput(const ReluSums& relu)
{
    const float below = -std::numeric_limits<float>::infinity();
    return {relu.keepLo > 0.0f ? relu.keepLo : below, relu.keepHi >= 0.0f ? relu.keepHi : below};
}

// Scan that tests groups of 64 values at once (tails are rare) and walks only the groups that hold one.
template <bool kRelu>
void scanTails(const float* x, int64_t n, float lo, float hi, std::vector<float>& tails)
{
    constexpr int64_t kGroup = 64;
    const int64_t groups = n / kGroup;
    for (int64_t group = 0; group < groups; ++group) {
        const float* g = x + group * kGroup;
        int outside = 0;
#pragma omp simd reduction(| : outside)
        for (int64_t i = 0; i < kGroup; ++i)
            outside |= (g[i] < lo) | (g[i] > hi);
        if (outside)
            appendOutside<kRelu>(x, group * kGroup, (group + 1) * kGroup, lo, hi, tails);
    }
    appendOutside<kRelu>(x, groups * kGroup, n, lo, hi, tails);
}

QS_MULTIVERSION
void reluSums(const float* x, int64_t n, ReluSums& relu)
{
    for (int64_t first = 0; first < n; first += kBlock) {
        const int64_t last = std::min(n, first + kBlock);
        float s = 0.0f, s2 = 0.0f;
#pragma omp simd reduction(+ : s, s2)
        for (int64_t i = first; i < last; ++i) {
            const float y = std::max(x[i], 0.0f);
            s += y;
            s2 += y * y;
        }
        relu.sum += s;
        relu.sumSquares += s2;
    }
}

// Portable version: the vectorised moments, then the tail scans.
Moments momentsAndTailsGeneric(const float* x, int64_t n, float keepLo, float keepHi, std::vector<float>& tails, ReluSums* relu)
{
    const Moments m = moments(x, n);
    if (relu) {
        reluSums(x, n, *relu);
        const auto [lo, hi] = reluBoundsOnInput(*relu);
        if (m.min < lo || m.max > hi)
            scanTails<true>(x, n, lo, hi, *relu->tails);
    }
    if (m.min < keepLo || m.max > keepHi)
        scanTails<false>(x, n, keepLo, keepHi, tails);
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

__attribute__((target("avx512f"), always_inline)) inline uint64_t outsideMask(__m512 a, __m512 b, __m512 c, __m512 d, __m512 lo, __m512 hi)
{
    const uint64_t ma = static_cast<uint16_t>(_mm512_cmp_ps_mask(a, lo, _CMP_LT_OQ) | _mm512_cmp_ps_mask(a, hi, _CMP_GT_OQ));
    const uint64_t mb = static_cast<uint16_t>(_mm512_cmp_ps_mask(b, lo, _CMP_LT_OQ) | _mm512_cmp_ps_mask(b, hi, _CMP_GT_OQ));
    const uint64_t mc = static_cast<uint16_t>(_mm512_cmp_ps_mask(c, lo, _CMP_LT_OQ) | _mm512_cmp_ps_mask(c, hi, _CMP_GT_OQ));
    const uint64_t md = static_cast<uint16_t>(_mm512_cmp_ps_mask(d, lo, _CMP_LT_OQ) | _mm512_cmp_ps_mask(d, hi, _CMP_GT_OQ));
    return ma | mb << 16 | mc << 32 | md << 48;
}

// Adds four vectors to two chains of sums and two of sums of squares.
__attribute__((target("avx512f"), always_inline)) inline void accumulate(__m512 a, __m512 b, __m512 c, __m512 d, __m512& s0, __m512& s1, __m512& q0,
                                                                         __m512& q1)
{
    s0 = _mm512_add_ps(s0, _mm512_add_ps(a, b));
    s1 = _mm512_add_ps(s1, _mm512_add_ps(c, d));
    q0 = _mm512_fmadd_ps(a, a, _mm512_fmadd_ps(b, b, q0));
    q1 = _mm512_fmadd_ps(c, c, _mm512_fmadd_ps(d, d, q1));
}

// Appends the 64 values at p (a, b, c, d) outside [lo, hi] (their ReLU with kRelu). The block's extremes
// tell whether it holds one at all (most blocks do not); only then the values are compared.
template <bool kRelu>
__attribute__((target("avx512f"), always_inline)) inline void appendBlockTails(const float* p, __m512 a, __m512 b, __m512 c, __m512 d, __m512 blockMin,
                                                                               __m512 blockMax, __m512 lo, __m512 hi, std::vector<float>& tails)
{
    if (!(_mm512_cmp_ps_mask(blockMin, lo, _CMP_LT_OQ) | _mm512_cmp_ps_mask(blockMax, hi, _CMP_GT_OQ)))
        return;
    for (uint64_t mask = outsideMask(a, b, c, d, lo, hi); mask; mask &= mask - 1)
        tails.push_back(kRelu ? std::max(p[__builtin_ctzll(mask)], 0.0f) : p[__builtin_ctzll(mask)]);
}

// One pass over the data does everything: per 64 values four loads feed min, max, sum, sum of squares and
// two compares whose masks give the positions of tail values directly (and with kRelu the same for
// max(x, 0)). Partial sums stay in float for 2048 values, then go to double.
template <bool kRelu>
__attribute__((target("avx512f"))) Moments momentsAndTailsAvx512(const float* x, int64_t n, float keepLo, float keepHi, std::vector<float>& tails,
                                                                   ReluSums* relu)
{
    Moments m;
    const __m512 vlo = _mm512_set1_ps(keepLo), vhi = _mm512_set1_ps(keepHi), zero = _mm512_setzero_ps();
    float reluLo = 0.0f, reluHi = 0.0f;
    if constexpr (kRelu)
        std::tie(reluLo, reluHi) = reluBoundsOnInput(*relu);
    const __m512 rlo = _mm512_set1_ps(reluLo), rhi = _mm512_set1_ps(reluHi);
    __m512 lo = _mm512_set1_ps(x[0]), hi = lo;
    const int64_t blocks = n / 64;
    for (int64_t first = 0; first < blocks; first += 32) {
        const int64_t last = std::min(blocks, first + 32);
        __m512 s0 = zero, s1 = zero, q0 = zero, q1 = zero, r0 = zero, r1 = zero, rq0 = zero, rq1 = zero;
        for (int64_t block = first; block < last; ++block) {
            const float* p = x + block * 64;
            const __m512 a = _mm512_loadu_ps(p), b = _mm512_loadu_ps(p + 16), c = _mm512_loadu_ps(p + 32), d = _mm512_loadu_ps(p + 48);
            const __m512 blockMin = _mm512_min_ps(_mm512_min_ps(a, b), _mm512_min_ps(c, d));
            const __m512 blockMax = _mm512_max_ps(_mm512_max_ps(a, b), _mm512_max_ps(c, d));
            lo = _mm512_min_ps(lo, blockMin);
            hi = _mm512_max_ps(hi, blockMax);
            accumulate(a, b, c, d, s0, s1, q0, q1);
            appendBlockTails<false>(p, a, b, c, d, blockMin, blockMax, vlo, vhi, tails);
            if constexpr (kRelu) {
                accumulate(_mm512_max_ps(a, zero), _mm512_max_ps(b, zero), _mm512_max_ps(c, zero), _mm512_max_ps(d, zero), r0, r1, rq0, rq1);
                appendBlockTails<true>(p, a, b, c, d, blockMin, blockMax, rlo, rhi, *relu->tails);
            }
        }
        m.sum += lanes(_mm512_add_ps(s0, s1), [](float a, float b) { return a + b; });
        m.sumSquares += lanes(_mm512_add_ps(q0, q1), [](float a, float b) { return a + b; });
        if constexpr (kRelu) {
            relu->sum += lanes(_mm512_add_ps(r0, r1), [](float a, float b) { return a + b; });
            relu->sumSquares += lanes(_mm512_add_ps(rq0, rq1), [](float a, float b) { return a + b; });
        }
    }
    m.min = lanes(lo, [](float a, float b) { return std::min(a, b); });
    m.max = lanes(hi, [](float a, float b) { return std::max(a, b); });
    for (int64_t i = blocks * 64; i < n; ++i) {
        const float v = x[i];
        m.min = std::min(m.min, v);
        m.max = std::max(m.max, v);
        m.sum += v;
        m.sumSquares += static_cast<double>(v) * v;
        if constexpr (kRelu) {
            const float y = std::max(v, 0.0f);
            relu->sum += y;
            relu->sumSquares += static_cast<double>(y) * y;
        }
    }
    appendOutside<false>(x, blocks * 64, n, keepLo, keepHi, tails);
    if constexpr (kRelu)
        appendOutside<true>(x, blocks * 64, n, reluLo, reluHi, *relu->tails);
    return m;
}
#pragma GCC diagnostic pop
#endif

} // namespace

Moments momentsAndTails(const float* x, int64_t n, float keepLo, float keepHi, std::vector<float>& tails, ReluSums* relu)
{
#if defined(__x86_64__) && defined(__GNUC__)
    static const bool avx512 = __builtin_cpu_supports("avx512f");
    if (avx512)
        return relu ? momentsAndTailsAvx512<true>(x, n, keepLo, keepHi, tails, relu) : momentsAndTailsAvx512<false>(x, n, keepLo, keepHi, tails, relu);
#endif
    return momentsAndTailsGeneric(x, n, keepLo, keepHi, tails, relu);
}

Moments momentsAndTailsPortable(const float* x, int64_t n, float keepLo, float keepHi, std::vector<float>& tails, ReluSums* relu)
{
    return momentsAndTailsGeneric(x, n, keepLo, keepHi, tails, relu);
}

Binned binCentralSamplePortable(const float* x, int64_t n, int64_t stride, int64_t firstStratum, const BinTarget& target, const BinTarget* relu,
                                Binned* reluBinned)
{
    return binCentralSampleGeneric(x, n, stride, firstStratum, target, relu, reluBinned);
}

} // namespace qs::stats_kernels
