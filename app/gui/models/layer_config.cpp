#include "app/gui/models/layer_config.h"

#include "core/ops/op.h"

#include <algorithm>
#include <map>

namespace qs::gui {

namespace {
const std::vector<std::pair<ClipMethod, const char*>> kClipNames = {
    {ClipMethod::None, "none"},       {ClipMethod::Avg, "avg"},         {ClipMethod::NStd, "n_std"},
    {ClipMethod::Gauss, "gauss"},     {ClipMethod::Laplace, "laplace"}, {ClipMethod::Percentile, "percentile"},
    {ClipMethod::Entropy, "entropy"}, {ClipMethod::Mse, "mse"},
};
const std::vector<std::pair<QuantMode, const char*>> kModeNames = {
    {QuantMode::Symmetric, "sym"}, {QuantMode::AsymmetricUnsigned, "asym_u"}, {QuantMode::AsymmetricSigned, "asym_s"}};
} // namespace

QString toString(ClipMethod method)
{
    for (const auto& [m, name] : kClipNames)
        if (m == method)
            return QString::fromLatin1(name);
    return {};
}

std::optional<ClipMethod> parseClipMethod(const QString& text)
{
    for (const auto& [m, name] : kClipNames)
        if (text.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return m;
    return std::nullopt;
}

QStringList clipMethodNames()
{
    QStringList names;
    for (const auto& entry : kClipNames)
        names << QString::fromLatin1(entry.second);
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

std::vector<LayerInfo> quantizableLayers(const Graph& g)
{
    std::vector<LayerInfo> layers;
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
        if (!node.outputs.empty()) {
            info.outputValue = QString::fromStdString(node.outputs[0]);
            if (const ValueInfo* v = g.info(node.outputs[0]); v && v->shapeKnown) {
                QStringList dims;
                for (int64_t d : v->shape)
                    dims << (d < 0 ? QStringLiteral("?") : QString::number(d));
                info.outputShape = dims.join(QChar(0xD7));
            }
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
        }
        layers.push_back(std::move(info));
    }
    return layers;
}

std::optional<LayerQuantSettings> toEngineSettings(const LayerConfig& config)
{
    if (config.noQuant)
        return std::nullopt;
    LayerQuantSettings s;
    s.bitsActivations = config.bitsActivations;
    s.bitsWeights = config.bitsWeights;
    s.modeActivations = config.mode;
    s.modeWeights = QuantMode::Symmetric; // oneDNN's int8 kernels take symmetric s8 weights only
    s.perChannel = config.perChannel;
    return s;
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
        if (c.clip != ClipMethod::None && !c.noClip)
            key += QLatin1Char(' ') + toString(c.clip);
        ++counts[key];
    }
    QStringList parts;
    auto most = std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    if (most != counts.end())
        parts << most->first;
    const int others = static_cast<int>(configs.size()) - fp32 - (most != counts.end() ? most->second : 0);
    if (others > 0)
        parts << QStringLiteral("%1 mixed").arg(others);
    if (fp32 > 0)
        parts << QStringLiteral("%1 FP32").arg(fp32);
    return parts.join(QStringLiteral(", "));
}

} // namespace qs::gui
