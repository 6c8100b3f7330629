#pragma once
// Measured per-layer quantization error (Numeric Suite's compare_model_outputs, ONNX Runtime's qdq_loss_debug,
// AIMET's QuantAnalyzer): for every layer that runs int8, the SQNR of its output (after what is fused into it)
// against FP32 on the same samples,
//  - accumulated: the whole model quantized, so the error of every earlier layer arrives too;
//  - isolated: only that layer quantized, its input FP32;
// each for the real int8 run on oneDNN and for the fake-quantization twin on the reference kernels, so the gap
// between simulated and real int8 shows per layer. Predicted SQNR (from the histogram) stands beside it.

#include "core/calibration/calibration.h"
#include "core/data/dataset.h"
#include "core/engine/prepared_model.h"
#include "core/ptq/ptq_config.h"
#include "core/util/progress.h"

#include <string>
#include <vector>

namespace qs {

struct LayerError {
    std::string node;
    std::string opType;
    std::string value;              // the tensor measured: the layer's output after fused ops
    double accumulatedDb = 0.0;     // oneDNN int8, whole model quantized
    double accumulatedTwinDb = 0.0; // fake-quantization twin, whole model quantized
    double isolatedDb = 0.0;        // oneDNN int8, only this layer quantized
    double isolatedTwinDb = 0.0;    // fake-quantization twin, only this layer quantized
    double predictedDb = 0.0;       // from the calibration histogram (NaN where it cannot be predicted)
};

struct LayerErrorOptions {
    int64_t batch = 8;
    bool isolated = true; // one compile per layer (and per engine): the slow part
    bool twin = true;     // the reference-kernel twin: exact but slow on large models
    int threads = 0;
};

struct LayerErrorReport {
    std::vector<LayerError> layers; // node order
    int64_t samples = 0;
    double seconds = 0.0;
    // Spearman rank correlation of predicted and measured isolated SQNR over layers where both are finite.
    double predictedVsIsolatedRank = 0.0;
};

LayerErrorReport measureLayerErrors(const PreparedModel& model, const Dataset& dataset, const std::vector<int64_t>& indices,
                                    const Calibration& calibration, const PtqConfig& config, const LayerErrorOptions& options = {},
                                    Progress* progress = nullptr);

// Spearman's rho of two equally long lists (average ranks for ties); NaN for fewer than 3 pairs.
double spearmanRank(const std::vector<double>& a, const std::vector<double>& b);

} // namespace qs
