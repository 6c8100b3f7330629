#include "core/ranges/histogram_search.h"

#include "core/ranges/torch_numerics.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace qs {

namespace {

// _get_norm: density * (end^3 - begin^3) / 3, every operation in float32.
inline float l2Norm(float begin, float end, float density)
{
    const float e3 = end * end * end;
    const float b3 = begin * begin * begin;
    const float norm = (e3 - b3) / 3.0f;
    return density * norm;
}

} // namespace

float histogramL2Error(std::span<const float> counts, float minVal, float maxVal, int startBin, int endBin, int dstBins)
{
    const int bins = static_cast<int>(counts.size());
    // Python floats (double) for the widths, as `.item()` gives them...
    const double binWidthD = (static_cast<double>(maxVal) - static_cast<double>(minVal)) / bins;
    const double dstBinWidthD = binWidthD * (endBin - startBin + 1) / dstBins;
    if (dstBinWidthD == 0.0)
        return 0.0f;
    // ...rounded to float32 wherever they meet a float32 tensor.
    const float binWidth = static_cast<float>(binWidthD);
    const float dstBinWidth = static_cast<float>(dstBinWidthD);
    const float halfDst = static_cast<float>(dstBinWidthD / 2);
    const float negHalfDst = static_cast<float>(-dstBinWidthD / 2);
    const float maxDst = static_cast<float>(dstBins - 1);
    const float fullBinNorm = (halfDst * halfDst * halfDst - negHalfDst * negHalfDst * negHalfDst) / 3.0f;

    double sum = 0.0;
    for (int i = 0; i < bins; ++i) {
        const float srcBegin = static_cast<float>(i - startBin) * binWidth;
        const float srcEnd = srcBegin + binWidth;
        const float dstOfBegin = std::clamp(torch_numerics::divFloor(srcBegin, dstBinWidth), 0.0f, maxDst);
        const float dstOfBeginCenter = (dstOfBegin + 0.5f) * dstBinWidth;
        const float dstOfEnd = std::clamp(torch_numerics::divFloor(srcEnd, dstBinWidth), 0.0f, maxDst);
        const float density = counts[static_cast<std::size_t>(i)] / binWidth;

        float norm = 0.0f;
        norm += l2Norm(srcBegin - dstOfBeginCenter, halfDst, density);
        norm += (dstOfEnd - dstOfBegin - 1.0f) * (density * fullBinNorm);
        const float dstOfEndCenter = dstOfEnd * dstBinWidth + halfDst;
        norm += l2Norm(negHalfDst, srcEnd - dstOfEndCenter, density);
        sum += norm;
    }
    return static_cast<float>(sum);
}

FloatRange nonLinearParamSearch(std::span<const float> counts, float minVal, float maxVal, int dstBins)
{
    const int bins = static_cast<int>(counts.size());
    if (bins == 0)
        throw Error("histogram search on an empty histogram");
    const float binWidth = (maxVal - minVal) / static_cast<float>(bins);

    // cumsum accumulates in double on CPU and stores float32; the total is a float32 sum.
    std::vector<float> cSum(static_cast<std::size_t>(bins));
    double running = 0.0;
    for (int i = 0; i < bins; ++i) {
        running += counts[static_cast<std::size_t>(i)];
        cSum[static_cast<std::size_t>(i)] = static_cast<float>(running);
    }
    const double total = static_cast<float>(running);

    const double stepsize = 1e-5;
    double alpha = 0.0;
    double beta = 1.0;
    int startBin = 0;
    int endBin = bins - 1;
    double normMin = std::numeric_limits<double>::infinity();

    while (alpha < beta) {
        const double nextAlpha = alpha + stepsize;
        const double nextBeta = beta - stepsize;
        // Tensor-vs-Python-float comparisons run in float32.
        const float lowTarget = static_cast<float>(nextAlpha * total);
        const float highTarget = static_cast<float>(nextBeta * total);
        int l = startBin;
        int r = endBin;
        while (l < endBin && cSum[static_cast<std::size_t>(l)] < lowTarget)
            ++l;
        while (r > startBin && cSum[static_cast<std::size_t>(r)] > highTarget)
            --r;

        int nextStart = startBin;
        int nextEnd = endBin;
        if ((l - startBin) > (endBin - r)) {
            nextStart = l;
            alpha = nextAlpha;
        } else {
            nextEnd = r;
            beta = nextBeta;
        }
        if (nextStart == startBin && nextEnd == endBin)
            continue;

        const double norm = histogramL2Error(counts, minVal, maxVal, nextStart, nextEnd, dstBins);
        if (norm > normMin)
            break;
        normMin = norm;
        startBin = nextStart;
        endBin = nextEnd;
    }
    FloatRange result;
    result.min = minVal + binWidth * static_cast<float>(startBin);
    result.max = minVal + binWidth * static_cast<float>(endBin + 1);
    return result;
}

} // namespace qs
