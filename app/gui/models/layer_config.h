#pragma once
// What the layer table shows and edits. LayerInfo formats core's layerFacts() (core/quant/layer_facts.h);
// LayerConfig is the user's per-layer quantization setting with Distiller's vocabulary (bits, mode,
// per-channel, clip method, no-quant, no-clip). toPtqConfig() turns the table into core's PtqConfig, which
// buildPlan() resolves with the calibration statistics: every column takes effect.
//
// Rows are the layers that have their own settings in the engine: Conv and Gemm with constant weights.
// Pooling, ReLU and views have none (the engine fuses ReLU into the layer before it and passes integers
// through pooling with the producer's quantization), so they are not listed.

#include "core/ir/graph.h"
#include "core/quant/plan_builder.h"
#include "core/ptq/ptq_config.h"
#include "core/ranges/clip_methods.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace qs::gui {

// core's RangeMethod under Distiller's names (none, avg, n_std, gauss, laplace, percentile, entropy, mse).
QString clipName(RangeMethod method);
std::optional<RangeMethod> parseClipName(const QString& text);
QStringList clipMethodNames();

QString modeName(QuantMode mode);              // sym, sym_restr, asym_u, asym_s
std::optional<QuantMode> parseMode(const QString& text);
QStringList modeNames();

// LayerConfig::overrideKey's marker for "the global settings of an imported config" (stored untranslated).
QString globalOverrideKey();

struct LayerConfig {
    int bitsActivations = 8;
    int bitsWeights = 8;
    QuantMode mode = QuantMode::AsymmetricUnsigned;
    bool perChannel = true;
    RangeMethod clip = RangeMethod::None;
    bool noQuant = false;
    bool noClip = false;
    // Where an imported Distiller config set this layer from, when that says more than the table: the
    // override pattern that matched (other than the layer's own export key), or "(global)" for the imported
    // global settings where they differ from the workbench's. Empty otherwise; the table then shows what
    // Export writes: "(global)" when the layer has the workbench's global settings, otherwise its own key
    // (LayerInfo::exportKey; an FP32 layer too, whose override sets null bits). Editing the layer clears it.
    QString overrideKey;

    bool operator==(const LayerConfig&) const = default;
};

struct LayerInfo {
    QString name;
    QString opType;
    QString outputShape;       // "1x16x28x28", empty when unknown
    QString outputValue;       // the value the layer's activation settings quantize: its output after the
                               // ReLU/Clip (and residual Add) the engine fuses into it
    QString fusedOps;          // "Relu" when outputValue is after a fused op; empty otherwise
    bool outputQuantized = true; // false when the output stays FP32 (graph output, or read by an FP32 op)
    QString fp32Reason;        // why the layer runs FP32 whatever its settings (empty: it can run int8)
    QString inputValue;
    QString inputSourceValue;  // the value whose range sets the input's grid (before pooling / views that pass integers)
    QString inputOwner;        // the node whose settings quantize it (this layer, or the one before the pooling)
    qint64 parameters = 0;     // elements of constant weight + bias inputs
    std::optional<float> weightMin, weightMax;
    std::vector<float> channelMin, channelMax; // per output channel (dim 0 of the weights)
    bool hasWeights = false;
    QString exportKey; // the override key Export writes for this layer (Distiller's module path, escaped)
};

// The layers with their own quantization settings (Conv/Gemm with constant weights), in node order.
std::vector<LayerInfo> quantizableLayers(const Graph& prepared);

// The settings that quantize row `row`'s input: those of the layer that owns its grid (the one before a pooling that
// passes integers through) when it is a row, otherwise the row's own.
const LayerConfig& inputConfig(const std::vector<LayerInfo>& layers, const std::vector<LayerConfig>& configs, std::size_t row);

// The clip method that takes effect (none when no-clip is set).
RangeMethod effectiveClip(const LayerConfig& config);
// Core's settings for one row; the mode applies to activations and weights, like Distiller's --qe-mode
// (8-bit asymmetric weights run on the symmetric grid; the plan notes it).
LayerPtqSettings toPtqSettings(const LayerConfig& config);
// The whole table as a PtqConfig: one per-layer entry per row; layers not in the table stay FP32.
PtqConfig toPtqConfig(const std::vector<LayerInfo>& layers, const std::vector<LayerConfig>& configs);

} // namespace qs::gui
