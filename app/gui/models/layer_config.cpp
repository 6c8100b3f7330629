#include "app/gui/models/layer_config.h"

#include "core/distiller/distiller_resolve.h"
#include "core/ops/op.h"

#include <QObject>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

namespace qs::gui {

QString globalOverrideKey() { return QStringLiteral("(global)"); }

namespace {
const std::vector<std::pair<QuantMode, const char*>> kModeNames = {
    {QuantMode::Symmetric, "sym"}, {QuantMode::AsymmetricUnsigned, "asym_u"}, {QuantMode::AsymmetricSigned, "asym_s"}};
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

QString modeName(QuantMode mode)
{
    for (const auto& [m, name] : kModeNames)
        if (m == mode)
            return QString::fromLatin1(name);
    return {};
}

std::optional<QuantMode> parseMode(const QString& text)
{
    for (const auto& [m, name] : kModeNames)
        if (text.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return m;
    return std::nullopt;
}

QStringList modeNames()
{
    QStringList names;
    for (const auto& entry : kModeNames)
        names << QString::fromLatin1(entry.second);
    return names;
}

namespace {
const Node* soleReader(const Graph& g, const std::string& value)
{
    if (g.isGraphOutput(value))
        return nullptr;
    const auto readers = g.consumersOf(value);
    return readers.size() == 1 ? &g.nodes[static_cast<std::size_t>(readers[0])] : nullptr;
}
bool takesIntegers(const Graph& g, const Node& reader)
{
    static const std::set<std::string> passing = {"MaxPool", "AveragePool", "GlobalAveragePool", "Flatten", "Reshape", "Add"};
    if (passing.count(reader.opType))
        return true;
    return (reader.opType == "Conv" || reader.opType == "Gemm") && reader.hasInput(1) && g.isConstant(reader.input(1));
}
} // namespace

std::vector<LayerInfo> quantizableLayers(const Graph& g)
{
    std::vector<LayerInfo> layers;
    const std::map<std::string, std::string> keys = distillerOverrideKeys(g);
    for (const Node& node : g.nodes) {
        const Op* op = findOp(node.opType);
        if (!op || !node.domain.empty())
            continue;
        const OpQuantTraits traits = op->quantTraits(node);
        if (!traits.quantizable)
            continue;
        LayerInfo info;
        info.name = QString::fromStdString(node.name);
        info.opType = QString::fromStdString(node.opType);
        if (const auto key = keys.find(node.name); key != keys.end())
            info.exportKey = QString::fromStdString(key->second);
        if (!node.outputs.empty()) {
            if (const ValueInfo* v = g.info(node.outputs[0]); v && v->shapeKnown) {
                QStringList dims;
                for (int64_t d : v->shape)
                    dims << (d < 0 ? QStringLiteral("?") : QString::number(d));
                info.outputShape = dims.join(QChar(0xD7));
            }
            // The end of the chain the engine fuses (as the plan builder does): [Add] then ReLU / LeakyRelu / Clip.
            std::string end = node.outputs[0];
            QStringList fused;
            if (const Node* next = soleReader(g, end); next && next->opType == "Add") {
                end = next->outputs[0];
                fused << QStringLiteral("Add");
            }
            for (const Node* next = soleReader(g, end); next && (next->opType == "Relu" || next->opType == "LeakyRelu" || next->opType == "Clip");
                 next = soleReader(g, end)) {
                end = next->outputs[0];
                fused << QString::fromStdString(next->opType);
            }
            info.outputValue = QString::fromStdString(end);
            info.fusedOps = fused.join(QLatin1Char('+'));
            const auto readers = g.consumersOf(end);
            info.outputQuantized = !g.isGraphOutput(end) && !readers.empty();
            for (int r : readers)
                info.outputQuantized = info.outputQuantized && takesIntegers(g, g.nodes[static_cast<std::size_t>(r)]);
        }
        if (!node.inputs.empty())
            info.inputValue = QString::fromStdString(node.inputs[0]);
        std::vector<int> paramInputs = traits.weightInputs;
        if (traits.biasInput >= 0)
            paramInputs.push_back(traits.biasInput);
        for (int i : paramInputs) {
            const Tensor* t = node.hasInput(static_cast<std::size_t>(i)) ? g.constant(node.input(static_cast<std::size_t>(i))) : nullptr;
            if (!t)
                continue;
            info.parameters += t->size();
            const bool isWeight = std::find(traits.weightInputs.begin(), traits.weightInputs.end(), i) != traits.weightInputs.end();
            if (!isWeight || t->dtype() != DataType::Float32 || t->size() == 0)
                continue;
            info.hasWeights = true;
            const auto values = t->floats();
            const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
            info.weightMin = std::min(info.weightMin.value_or(*lo), *lo);
            info.weightMax = std::max(info.weightMax.value_or(*hi), *hi);
            // Per output channel: dim 0 for Conv [O, I, kH, kW]; Gemm's B is [K, N] unless transB (then [N, K]).
            const Shape& shape = t->shape();
            if (shape.size() >= 2 && info.channelMin.empty()) {
                const bool gemmColumns = node.opType == "Gemm" && node.attributes.i("transB", 0) == 0;
                const int64_t outer = shape[0], inner = t->size() / std::max<int64_t>(outer, 1);
                const int64_t channels = gemmColumns ? inner : outer;
                info.channelMin.assign(static_cast<std::size_t>(channels), std::numeric_limits<float>::max());
                info.channelMax.assign(static_cast<std::size_t>(channels), std::numeric_limits<float>::lowest());
                for (int64_t k = 0; k < t->size(); ++k) {
                    const auto c = static_cast<std::size_t>(gemmColumns ? k % inner : k / inner);
                    info.channelMin[c] = std::min(info.channelMin[c], values[static_cast<std::size_t>(k)]);
                    info.channelMax[c] = std::max(info.channelMax[c], values[static_cast<std::size_t>(k)]);
                }
            }
        }
        if (!info.hasWeights) // pooling/concat: no settings of their own in the engine
            continue;
        layers.push_back(std::move(info));
    }
    return layers;
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

QString summarize(const std::vector<LayerConfig>& configs)
{
    if (configs.empty())
        return {};
    std::map<QString, int> counts;
    int fp32 = 0;
    for (const LayerConfig& c : configs) {
        if (c.noQuant) {
            ++fp32;
            continue;
        }
        QString key = QStringLiteral("W%1A%2 %3%4").arg(c.bitsWeights).arg(c.bitsActivations).arg(modeName(c.mode),
                                                                                              c.perChannel ? QStringLiteral(" pc") : QString());
        if (effectiveClip(c) != RangeMethod::None)
            key += QLatin1Char(' ') + clipName(c.clip);
        ++counts[key];
    }
    QStringList parts;
    auto most = std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    if (most != counts.end())
        parts << most->first;
    const int others = static_cast<int>(configs.size()) - fp32 - (most != counts.end() ? most->second : 0);
    if (others > 0)
        parts << QObject::tr("%1 mixed").arg(others);
    if (fp32 > 0)
        parts << QObject::tr("%1 FP32").arg(fp32);
    return parts.join(QStringLiteral(", "));
}

} // namespace qs::gui
