#pragma once
// Automatic mixed precision: per-layer weight bit widths (and FP32 where nothing else fits) that make the
// model smallest, or fastest, while its metric stays within a budget, every candidate verified by a real int8 run.
//
// Search (sensitivity-guided greedy, as AIMET's AMP and HAWQ order their moves): start from the base
// configuration (uniform 8 bits); offer each layer the activation clip method (of a short list) whose
// only-this-layer probe keeps the output closest to FP32, the changes tried together and halved until the whole
// model's output measures closer to FP32 (within budget if it was); if it still misses the budget, return
// layers to FP32 in the order of their "all but this layer" gain until it fits, then offer each but the last
// int8 again (latest first), kept within budget. Then, from the sensitivity
// sweep's single-layer probes, each layer's output noise at every lower weight width is known; repeatedly take
// the move (one layer one width down) that saves the most bytes per unit of added noise, evaluate the whole
// model with it, keep it when the metric stays within budget, else block that layer from going lower. Activations stay at the base's
// width (they do not change the size). Budget: top-1 drop in points from FP32 when the data has labels,
// otherwise a floor on the output SQNR against FP32 (the fidelity metric).
//
// Latency objective: every candidate's batch-1 latency is measured (latency_probe.h), and so, once before the
// FP32 walk, is the model with each quantized layer alone FP32: its cost. The walk takes layers by all-but gain
// per unit of that cost (costs below 1 % of the model's latency count as 1 %), an FP32-returned layer is offered
// int8 again only when that measures faster, and layers whose FP32 cost is below -3 % of the model's latency
// (FP32 measurably faster than int8 in context: reorders around a lone int8 layer) are tried FP32, each kept
// when within budget and measured faster. No weight-width descent: on oneDNN a 2-, 4- or 6-bit layer runs the
// same int8 kernels as at 8 bits, so widths do not change latency; weights keep the base's widths. The chosen
// configuration is the accepted one within budget with the lowest measured latency (the last accepted, unless
// timing noise made the clipping step, which changes no kernel, measure slower than the start).

#include "core/calibration/calibration.h"
#include "core/data/dataset.h"
#include "core/engine/prepared_model.h"
#include "core/ptq/latency_probe.h"
#include "core/ptq/ptq_config.h"
#include "core/util/progress.h"

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace qs {

enum class AutoquantObjective { Size, Latency };

struct AutoquantOptions {
    AutoquantObjective objective = AutoquantObjective::Size;
    double maxTop1Drop = 0.1;  // points, labelled data
    double minSqnrDb = 30.0;   // output SQNR floor, data without labels
    // Strictly descending from 8 (or 7: weights for int8 kernels without VNNI, with a base at 7 bits); the widths a
    // layer may step through.
    std::vector<int> weightBits{8, 6, 4, 2};
    // Activation clip methods a layer may take (empty: every layer keeps the base's). Layers on the base's
    // no-clip list keep theirs.
    std::vector<RangeMethod> clipMethods{RangeMethod::None, RangeMethod::Avg, RangeMethod::Mse, RangeMethod::Entropy};
    int64_t sensitivitySamples = 1000; // the sweep that orders the moves runs on the first this many samples
    int64_t batch = 64;
    int threads = 0;
    LatencyProbeOptions latency; // the latency objective's timing (its threads: `threads`)
};

// One evaluated configuration: the search's trace (what the accuracy-vs-size plot shows).
struct AutoquantCandidate {
    std::string change;        // "uniform", "clipping: 5 layers", "l3.c2 W8 -> W4", "l1.c1 FP32"
    double top1 = 0.0;         // percent (NaN without labels)
    double sqnrDb = 0.0;       // output SQNR against FP32
    double megabytes = 0.0;    // parameters as stored
    bool withinBudget = false;
    bool accepted = false;     // became the current configuration
    bool clipping = false;     // a clipping move: kept only when the output measures closer to FP32 (not by budget)
    PtqConfig config;          // what was evaluated (every quantized layer explicit)
    double latencyMs = std::numeric_limits<double>::quiet_NaN(); // batch 1, median (latency objective; NaN: not measured)
};

struct AutoquantResult {
    PtqConfig config;          // the chosen configuration (every layer explicit)
    bool labelled = false;
    double fp32Top1 = 0.0;
    double fp32Megabytes = 0.0;
    double fp32LatencyMs = std::numeric_limits<double>::quiet_NaN(); // as AutoquantCandidate::latencyMs
    AutoquantCandidate uniform; // the base configuration
    AutoquantCandidate chosen;
    std::size_t chosenIndex = 0; // of `chosen` in the trace
    std::vector<AutoquantCandidate> trace;
    double seconds = 0.0;
};

AutoquantResult autoquant(const PreparedModel& model, const Dataset& dataset, const std::vector<int64_t>& indices,
                          const Calibration& calibration, const PtqConfig& base, const AutoquantOptions& options = {},
                          Progress* progress = nullptr);

// The chosen bits of a configuration per layer, "W4A8", "W4A8 mse" (activations clipped so) or "FP32", in node
// order: for reports.
std::vector<std::pair<std::string, std::string>> layerBits(const PtqConfig& config, const Graph& prepared);

} // namespace qs
