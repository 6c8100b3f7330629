#include "app/gui/models/layer_config.h"

#include "core/distiller/distiller_resolve.h"
#include "core/quant/layer_facts.h"


#include <algorithm>
#include <limits>
#include <map>
#include <set>

namespace qs::gui {

QString globalOverrideKey() { return QStringLiteral("(global)"); }

namespace {
} // namespace

QString clipName(RangeMethod method) { return QString::fromStdString(qs::toString(method)); }

std::optional<RangeMethod> parseClipName(const QString& text)
{
    for (RangeMethod m : allRangeMethods())
        if (text.compare(clipName(m), Qt::CaseInsensitive) == 0)
            return m;
    return std::nullopt;
}

QStringList clipMethodNames()
{
    QStringList names;
    for (RangeMethod m : allRangeMethods())
        names << clipName(m);
    return names;
}

QString modeName(QuantMode mode) { return QString::fromStdString(qs::toString(mode)); }

std::optional<QuantMode> parseMode(const QString& text)
{
    for (QuantMode m : allQuantModes())
        if (text.compare(modeName(m), Qt::CaseInsensitive) == 0)
            return m;
    return std::nullopt;
}

QStringList modeNames()
{
    QStringList names;
    for (QuantMode m : allQuantModes())
        names << modeName(m);
    return names;
}

std::vector<LayerInfo> quantizableLayers(const Graph& g)
{
    std::vector<LayerInfo> layers;
    const std::map<std::string, std::string> keys = distillerOverrideKeys(g);
    for (const LayerFacts& facts : layerFacts(g)) {
        if (!facts.hasWeights)
            continue;
        LayerInfo info;
        info.name = QString::fromStdString(facts.node);
        info.opType = QString::fromStdString(facts.opType);
        if (const auto key = keys.find(facts.node); key != keys.end())
            info.exportKey = QString::fromStdString(key->second);
        if (const ValueInfo* v = g.info(facts.nodeOutput); v && v->shapeKnown) {
            QStringList dims;
            for (int64_t d : v->shape)
                dims << (d < 0 ? QStringLiteral("?") : QString::number(d));
            info.outputShape = dims.join(QChar(0xD7));
        }
        info.outputValue = QString::fromStdString(facts.output);
        QStringList fused;
        for (const auto& type : facts.fused)
            fused << QString::fromStdString(type);
        info.fusedOps = fused.join(QLatin1Char('+'));
        info.outputQuantized = facts.outputQuantized;
        info.fp32Reason = QString::fromStdString(facts.fp32Reason);
        info.inputValue = QString::fromStdString(facts.input);
        info.inputSourceValue = QString::fromStdString(facts.inputSource);
        info.inputOwner = QString::fromStdString(facts.inputOwner);
        info.parameters = facts.parameters;
        info.hasWeights = true;
        info.weightMin = facts.weightMin;
        info.weightMax = facts.weightMax;
        info.channelMin = facts.channelMin;
        info.channelMax = facts.channelMax;
        layers.push_back(std::move(info));
    }
    return layers;
}

const LayerConfig& inputConfig(const std::vector<LayerInfo>& layers, const std::vector<LayerConfig>& configs, std::size_t row)
{
    for (std::size_t i = 0; i < layers.size() && i < configs.size(); ++i)
        if (layers[i].name == layers[row].inputOwner)
            return configs[i];
    return configs[row];
}

RangeMethod effectiveClip(const LayerConfig& config) { return config.noClip ? RangeMethod::None : config.clip; }

LayerPtqSettings toPtqSettings(const LayerConfig& config)
{
    LayerPtqSettings s;
    s.quantize = !config.noQuant;
    s.quant.bitsActivations = config.bitsActivations;
    s.quant.bitsWeights = config.bitsWeights;
    s.quant.modeActivations = config.mode;
    s.quant.modeWeights = config.mode;
    s.quant.perChannel = config.perChannel;
    s.clip = effectiveClip(config);
    return s;
}

PtqConfig toPtqConfig(const std::vector<LayerInfo>& layers, const std::vector<LayerConfig>& configs)
{
    PtqConfig config;
    config.defaults.quantize = false;
    for (std::size_t i = 0; i < layers.size() && i < configs.size(); ++i)
        config.perLayer[layers[i].name.toStdString()] = toPtqSettings(configs[i]);
    return config;
}

} // namespace qs::gui
