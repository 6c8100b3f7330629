#pragma once
// Per-layer sensitivity (AIMET's per-layer analysis, the probes behind HAWQ-style mixed precision): for every
// layer that runs int8, the metric when
//  - only that layer is quantized (everything else FP32), at each weight and activation bit width asked
//    (weights at b bits with 8-bit activations, and activations at b bits with 8-bit weights), and
//  - every layer but that one is quantized with the base configuration (the layer FP32), and, when asked,
//  - only that layer is quantized at its base bits with each of a list of activation clip methods (what
//    autoquant chooses each layer's clipping by).
// The metric is top-1 (when the data has labels and the model is a classifier) and, always, the SQNR of the
// model's first output against FP32.
//
// Cached probes: one FP32 run and one run of the base configuration tap, for every sample, the values that
// cross the cut before each layer; a probe then compiles and runs only the graph from its layer on, fed from
// the cache (FP32 values for "only this layer", the base configuration's for "all but this layer"). Layers
// whose cut values are not observable (fused away) are probed on the whole model.

#include "core/calibration/calibration.h"
#include "core/data/dataset.h"
#include "core/engine/prepared_model.h"
#include "core/ptq/ptq_config.h"
#include "core/util/progress.h"

#include <optional>
#include <string>
#include <vector>

namespace qs {

struct SensitivityProbe {
    int bitsWeights = 8;     // 0: the layer FP32 (the "all but this layer" probe)
    int bitsActivations = 8;
    bool onlyThisLayer = true;
    double top1 = 0.0;       // percent; NaN without labels
    double outputSqnrDb = 0.0;
    double macShare = 1.0;   // the share of the model's multiply-accumulates the probe ran (1: the whole model)
    std::optional<RangeMethod> clip; // set: a clip probe (only this layer, its base bits, activations clipped so)
};

struct LayerSensitivity {
    std::string node;
    std::string opType;
    bool cached = true; // false: probed on the whole model
    std::vector<SensitivityProbe> probes;
};

struct SensitivityOptions {
    std::vector<int> bits{8, 6, 4};
    std::vector<RangeMethod> clipMethods; // clip probes per layer (none by default)
    bool useCache = true;
    int64_t batch = 32;
    int threads = 0;
};

struct SensitivityReport {
    std::vector<LayerSensitivity> layers; // node order
    int64_t samples = 0;
    bool labelled = false;
    double fp32Top1 = 0.0;       // percent
    double baseTop1 = 0.0;       // the base configuration, every layer quantized
    double baseOutputSqnrDb = 0.0;
    int probes = 0;
    double seconds = 0.0;        // the whole sweep
    double cacheSeconds = 0.0;   // of which building the activation cache
    double fullProbeSeconds = 0.0; // one probe on the whole model (compile + run), measured once for comparison
    // The probes' work against whole-model probes: the mean of their macShare. 1 / probedMacShare bounds what
    // skipping prefixes can save; the timings say how much of it the sweep gets. NaN where not known (older sessions).
    double probedMacShare = 1.0;
    std::size_t cacheBytes = 0;
};

SensitivityReport measureSensitivity(const PreparedModel& model, const Dataset& dataset, const std::vector<int64_t>& indices,
                                     const Calibration& calibration, const PtqConfig& base, const SensitivityOptions& options = {},
                                     Progress* progress = nullptr);

// The graph from node `first` on: its inputs are the values produced before `first` (or graph inputs) that
// nodes from `first` on read, with their prepared shapes; initializers as in `prepared`, and the outputs that
// nodes from `first` on compute (a detector head finished before `first` is not one of them: it is what it was).
Graph graphFrom(const Graph& prepared, std::size_t first);

} // namespace qs
