#include "core/ptq/ptq_config.h"

#include "core/engine/cpu_features.h"
#include "core/quant/integer_flow.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace qs {

bool nameMatches(const std::string& nodeName, const std::string& pattern)
{
    return nodeName == pattern || modulePath(nodeName) == pattern;
}

LayerPtqSettings PtqConfig::resolve(const Node& node, std::string* source) const
{
    LayerPtqSettings s = defaults;
    std::string from = "global";
    if (auto it = perLayer.find(node.name); it != perLayer.end()) {
        s = it->second;
        from = "layer";
    }
    for (const auto& name : noClipLayers)
        if (nameMatches(node.name, name)) {
            s.clip = RangeMethod::None;
            from += ", no-clip list";
        }
    for (const auto& name : noQuantLayers)
        if (nameMatches(node.name, name)) {
            s.quantize = false;
            from += ", no-quant list";
        }
    if (source)
        *source = from;
    return s;
}

std::string PtqConfig::summary() const
{
    const auto& q = defaults.quant;
    std::string text = toString(q.modeActivations) + " " + std::to_string(q.bitsActivations) + "/" + std::to_string(q.bitsWeights) +
                       (q.perChannel ? " pc" : " pt") + " " + toString(defaults.clip);
    if (!noClipLayers.empty())
        text += ", " + std::to_string(noClipLayers.size()) + " unclipped";
    if (!noQuantLayers.empty())
        text += ", " + std::to_string(noQuantLayers.size()) + " FP32";
    if (!perLayer.empty())
        text += ", " + std::to_string(perLayer.size()) + " edited";
    return text;
}

std::shared_ptr<QuantizationPlan> buildPlan(const Calibration& calibration, const PtqConfig& config)
{
    const Graph& g = calibration.prepared;
    auto plan = std::make_shared<QuantizationPlan>(buildQuantizationPlan(
        g,
        [&](const Node& node) -> std::optional<LayerQuantSettings> {
            const LayerPtqSettings s = config.resolve(node);
            if (!s.quantize)
                return std::nullopt;
            return s.quant;
        },
        [&](const std::string& value, const Node& layer, const LayerQuantSettings& quant) {
            // Where the statistics came from, for the messages below: the model alone does not tell a user which
            // stats file to fix.
            const std::string from = calibration.source.empty() ? "" : " (statistics from " + calibration.source + ")";
            const ActivationStats* stats = calibration.stats(value);
            if (!stats)
                throw Error("no calibration statistics for value '" + value + "'" + from, {g.sourcePath, layer.label()});
            const LayerPtqSettings s = config.resolve(layer);
            if (needsHistogram(s.clip) && stats->histogram.empty())
                throw Error("clip method '" + toString(s.clip) + "' needs histograms, which these statistics lack (a Distiller stats "
                            "file has none: calibrate with QuantScope, or add the .hist.yaml sidecar)" + from,
                            {g.sourcePath, layer.label()});
            ValueRange range;
            try {
                range = pickRange(s.clip, *stats, quant.bitsActivations, quant.modeActivations, s.rangeOptions);
            } catch (const Error& e) {
                throw Error("value '" + value + "': " + e.message() + from, {g.sourcePath, layer.label()});
            }
            // A range that is infinite or NaN, or whose span (0 included, as the grid has it) overflows a float,
            // gives an infinite scale: the int8 model would then compute NaN everywhere. Statistics read from a
            // file are checked there already; this catches what a range method or a calibration makes of them.
            const float span = std::max(range.max, 0.0f) - std::min(range.min, 0.0f);
            if (!std::isfinite(range.min) || !std::isfinite(range.max) || !std::isfinite(span)) {
                auto text = [](float v) {
                    char buffer[32];
                    std::snprintf(buffer, sizeof buffer, "%g", static_cast<double>(v));
                    return std::string(buffer);
                };
                throw Error("the activation range of value '" + value + "' is [" + text(range.min) + ", " + text(range.max) +
                                "], which gives no finite quantization scale" + from,
                            {g.sourcePath, layer.label()});
            }
            return range;
        }));
    for (const auto& [name, weights] : plan->layers) { // what this CPU's kernels run (cpu_features.h)
        const Node* node = g.findNode(name);
        const ActivationQuant* source = node ? plan->activation(node->input(0)) : nullptr;
        if (!source)
            continue;
        WeightQuant runnable;
        try {
            runnable = runnableWeightQuant(weights, outputChannelMajorWeights(g, *node), *source);
        } catch (const Error& e) { // non-finite weights: the message names the model and the layer
            throw Error(e.message(), {g.sourcePath, node->label()});
        }
        if (runnable.bits != weights.bits || runnable.asymmetric != weights.asymmetric) {
            std::string& text = plan->notes[name];
            text = text.empty() ? narrowedWeightsNote() : text + "; " + narrowedWeightsNote();
        }
    }
    return plan;
}

QuantizationPlan planLayout(const Graph& prepared, const PtqConfig& config)
{
    return buildQuantizationPlan(
        prepared,
        [&](const Node& node) -> std::optional<LayerQuantSettings> {
            const LayerPtqSettings s = config.resolve(node);
            return s.quantize ? std::optional<LayerQuantSettings>(s.quant) : std::nullopt;
        },
        [](const std::string&, const Node&, const LayerQuantSettings&) { return ValueRange{0.0f, 1.0f}; });
}

} // namespace qs
