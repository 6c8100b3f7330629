#pragma once
// PyTorch HistogramObserver's range search (`_non_linear_param_search`, from caffe2's
// NormMinimization::NonlinearQuantizationParamsSearch): shrink [min, max] bin by bin from whichever side
// holds less mass (quantile steps of 1e-5) while the L2 quantization error estimate
// (`_compute_quantization_error`, dst_nbins uniform target bins, mass uniform within a source bin) keeps
// falling; stop at the first increase. Float32 arithmetic as in PyTorch, so results match it to the ulp.

#include <span>

namespace qs {

struct FloatRange {
    float min = 0.0f;
    float max = 0.0f;
};

// `counts` over [minVal, maxVal]; dstBins = 2^bits of the target dtype (256 for (q)uint8/int8, also with
// reduce_range, as in PyTorch).
FloatRange nonLinearParamSearch(std::span<const float> counts, float minVal, float maxVal, int dstBins = 256);

// _compute_quantization_error for source bins [startBin, endBin].
float histogramL2Error(std::span<const float> counts, float minVal, float maxVal, int startBin, int endBin, int dstBins);

} // namespace qs
