#pragma once
// A post-training quantization configuration with Distiller's semantics, resolved per layer: global
// settings, explicit per-layer settings (the GUI's edits or a YAML file's resolved overrides), and the
// --qe-no-clip-layers / --qe-no-quant-layers lists (matched against node names and their module paths).
// buildPlan() turns it, with calibration statistics, into the engine's QuantizationPlan.

#include "core/quant/quantization_plan.h"
#include "core/calibration/calibration.h"
#include "core/quant/plan_builder.h"
#include "core/ranges/clip_methods.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace qs {

struct LayerPtqSettings {
    bool quantize = true;
    LayerQuantSettings quant;
    RangeMethod clip = RangeMethod::None;
    RangeOptions rangeOptions;

    bool operator==(const LayerPtqSettings& o) const
    {
        return quantize == o.quantize && quant.bitsActivations == o.quant.bitsActivations && quant.bitsWeights == o.quant.bitsWeights &&
               quant.modeActivations == o.quant.modeActivations && quant.modeWeights == o.quant.modeWeights &&
               quant.perChannel == o.quant.perChannel && clip == o.clip && rangeOptions.nStds == o.rangeOptions.nStds &&
               rangeOptions.percentile == o.rangeOptions.percentile;
    }
};

struct PtqConfig {
    LayerPtqSettings defaults;
    std::vector<std::string> noClipLayers;  // clip none for these
    std::vector<std::string> noQuantLayers; // FP32 for these
    std::map<std::string, LayerPtqSettings> perLayer; // by node name, replaces the defaults

    // Effective settings of a node and, in `source`, where they came from ("global", "layer", "no-quant list"...).
    LayerPtqSettings resolve(const Node& node, std::string* source = nullptr) const;
    // A one-line summary for run names: "asym_u 8/8 pc avg" plus exceptions.
    std::string summary() const;
};

bool nameMatches(const std::string& nodeName, const std::string& pattern);

// Throws qs::Error naming the value when a needed statistic is missing, or naming the method when it
// needs histograms that the statistics lack (e.g. loaded from a Distiller file without sidecar).
std::shared_ptr<QuantizationPlan> buildPlan(const Calibration& calibration, const PtqConfig& config);
// Which layers and values the configuration quantizes on `prepared`, without statistics (every range is
// [0, 1]): enough to say what runs in int8 (core/quant/int8_coverage.h) before calibrating.
QuantizationPlan planLayout(const Graph& prepared, const PtqConfig& config);

} // namespace qs
