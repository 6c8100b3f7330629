#pragma once
// The calibration pass: runs the FP32 model over calibration samples once (one run per batch, nothing
// fused) and accumulates ActivationStats for every activation value, reading each value or deriving its
// statistics from another's (ReLU outputs, reshapes: derived_statistics.h). Statistics are keyed by value name
// of the prepared graph (BatchNorm folded), which is also what the quantization plan uses; layerStats()
// gives Distiller's per-layer view (inputs / output of each quantizable node).

#include "core/data/dataset.h"
#include "core/engine/prepared_model.h"
#include "core/ir/graph.h"
#include "core/stats/activation_stats.h"
#include "core/util/progress.h"

#include <map>
#include <string>
#include <vector>

namespace qs {

struct Calibration {
    Graph prepared;                                 // the graph the value names refer to
    std::map<std::string, ActivationStats> values;  // by value name
    int64_t samples = 0;
    std::string source; // the statistics file it was read from, for error messages; empty when calibrated here

    const ActivationStats* stats(const std::string& value) const;
};

// The batch the CLI and the workbench calibrate with (Laplace b is averaged over batches, so it shapes the
// statistics a little, as in Distiller).
constexpr int64_t kCalibrationBatch = 32;

// `histogramSamplesPerBatch`: see ActivationStats (0 bins every value: exact histograms, slower).
// `deriveStatistics`: ReLU outputs and reshapes get their statistics from their inputs' (see
// derived_statistics.h); off, every value is read from the running model (for tests comparing the two).
Calibration calibrate(const Graph& model, const Dataset& dataset, const std::vector<int64_t>& indices, int64_t batch = kCalibrationBatch,
                      int threads = 0, Progress* progress = nullptr, int64_t histogramSamplesPerBatch = kHistogramSamplesPerBatch,
                      bool deriveStatistics = true);
// Same on a prepared model: its graph for the calibration batch is prepared once and shared with evaluation.
Calibration calibrate(const PreparedModel& model, const Dataset& dataset, const std::vector<int64_t>& indices, int64_t batch = kCalibrationBatch,
                      int threads = 0, Progress* progress = nullptr, int64_t histogramSamplesPerBatch = kHistogramSamplesPerBatch,
                      bool deriveStatistics = true);

// Distiller's view: one entry per quantizable layer (node), with the stats of its activation inputs and output.
struct LayerStats {
    std::string layer; // node name
    std::vector<std::pair<int, std::string>> inputs; // (input index, value name) of non-constant inputs
    std::string output;
};
std::vector<LayerStats> layerStats(const Graph& prepared);

// Distiller-style module path of an ONNX node name exported by PyTorch:
// "/layer1/layer1.0/conv1/Conv" -> "layer1.0.conv1", "/fc/Gemm" -> "fc"; other names are returned unchanged.
std::string modulePath(const std::string& nodeName);

} // namespace qs
