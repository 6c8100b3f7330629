#pragma once
// What the layer table shows and edits. LayerInfo is read from the prepared graph (facts about a layer);
// LayerConfig is the user's per-layer quantization setting with Distiller's vocabulary (bits, mode,
// per-channel, clip method, no-quant, no-clip). Until core/quant lands this is the GUI's own copy of
// those semantics; it is resolved into the engine's QuantizationPlan by the evaluation job.

#include "core/ir/graph.h"
#include "core/ptq/plan_builder.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace qs::gui {

enum class ClipMethod { None, Avg, NStd, Gauss, Laplace, Percentile, Entropy, Mse };
QString toString(ClipMethod method);           // Distiller's names: none, avg, n_std, gauss, laplace, ...
std::optional<ClipMethod> parseClipMethod(const QString& text);
QStringList clipMethodNames();

QString modeName(QuantMode mode);              // sym, asym_u, asym_s
std::optional<QuantMode> parseMode(const QString& text);
QStringList modeNames();

struct LayerConfig {
    int bitsActivations = 8;
    int bitsWeights = 8;
    QuantMode mode = QuantMode::AsymmetricUnsigned;
    bool perChannel = true;
    ClipMethod clip = ClipMethod::None;
    bool noQuant = false;
    bool noClip = false;

    bool operator==(const LayerConfig&) const = default;
};

struct LayerInfo {
    QString name;
    QString opType;
    QString outputShape;       // "1x16x28x28", empty when unknown
    QString outputValue;       // the value whose range calibration observes
    QString inputValue;
    qint64 parameters = 0;     // elements of constant weight + bias inputs
    std::optional<float> weightMin, weightMax;
    bool hasWeights = false;
};

// The quantizable layers of a prepared graph, in node order.
std::vector<LayerInfo> quantizableLayers(const Graph& prepared);

// The engine's per-layer settings for a config (nullopt: FP32).
std::optional<LayerQuantSettings> toEngineSettings(const LayerConfig& config);

// A short human summary of a whole config ("8/8 asym_u per-ch, 2 FP32"), for the runs table.
QString summarize(const std::vector<LayerConfig>& configs);

} // namespace qs::gui
