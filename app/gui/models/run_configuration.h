#pragma once
// A run's per-layer configuration as text, for the runs table's label, tooltip and CSV columns and the
// configuration and comparison dialogs. A layer's resolved setting is one short text ("W8A8 sym pc avg",
// "FP32"): two layers have the same setting exactly when their texts are equal. A run's label names its most
// common setting and, honestly, the layers that differ from it ("W8A8 asym_u pc, mixed: conv1 A4").

#include "app/gui/models/layer_config.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace qs::gui {

// A run's settings, one per layer, in model order.
using LayerSettings = std::vector<std::pair<QString, LayerConfig>>;

// `configs` in the order of `order` (the model's layers); names not in it follow, sorted by name.
LayerSettings inLayerOrder(const std::map<QString, LayerConfig>& configs, const QStringList& order);

// "FP32" for a layer that stays FP32, otherwise bits (W weights, A activations), mode, "pc" for per-channel
// weights and the clip method that takes effect (left out when none).
QString settingText(const LayerConfig& config);
// What `config` changes against `base`, in the same vocabulary: "A4", "W4A6", "FP32", "sym", "per-tensor",
// "mse", "no clip".
QString settingDifference(const LayerConfig& base, const LayerConfig& config);

// The most common setting (ties: the one the earlier layer uses) and the layers that differ from it.
struct SettingSummary {
    LayerConfig common;
    int commonCount = 0;
    std::vector<std::size_t> exceptions; // indices into the LayerSettings, in model order
};
SettingSummary summarizeSettings(const LayerSettings& layers);

// The run's label: the common setting, then "mixed: " naming the exceptions: each layer with what differs
// when there are at most two ("mixed: conv1 A4, fc FP32"), otherwise counts by difference
// ("mixed: 3 layers A4, 1 layer FP32", then "2 other layers" beyond two kinds of difference). Empty for no layers.
QString runLabel(const LayerSettings& layers);
// Tooltip text: the common setting and how many layers use it, then every differing layer with its setting.
QString runTooltip(const LayerSettings& layers);

// A run's label or tooltip with what the model was prepared with: ", equalized" / a first line saying the
// channels were equalized (cross-layer equalization) before calibrating; unchanged when they were not.
QString withEqualization(const QString& label, bool equalized);
QString tooltipWithEqualization(const QString& tooltip, bool equalized);

// The clip method most of the quantized layers use (colours the run's point); nullopt when none is quantized.
std::optional<RangeMethod> dominantClip(const LayerSettings& layers);

// One layer whose setting differs between two runs (settingText() of each; "" where a run lacks the layer).
struct LayerDifference {
    QString layer;
    QString first, second;
};
std::vector<LayerDifference> compareSettings(const LayerSettings& first, const LayerSettings& second);

} // namespace qs::gui
