#include "core/ptq/ptq_config.h"

#include "core/util/error.h"

#include <algorithm>

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
            const ActivationStats* stats = calibration.stats(value);
            if (!stats)
                throw Error("no calibration statistics for value '" + value + "'", {g.sourcePath, layer.label()});
            const LayerPtqSettings s = config.resolve(layer);
            const bool needsHistogram = s.clip == RangeMethod::Percentile || s.clip == RangeMethod::Entropy || s.clip == RangeMethod::Mse;
            if (needsHistogram && stats->histogram.empty())
                throw Error("clip method '" + toString(s.clip) + "' needs histograms, which these statistics lack (a Distiller stats "
                            "file has none: calibrate with QuantScope, or add the .hist.yaml sidecar)",
                            {g.sourcePath, layer.label()});
            return pickRange(s.clip, *stats, quant.bitsActivations, quant.modeActivations, s.rangeOptions);
        }));
    return plan;
}

} // namespace qs
