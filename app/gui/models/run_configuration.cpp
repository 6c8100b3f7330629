#include "app/gui/models/run_configuration.h"

#include <QCoreApplication>

#include <algorithm>

namespace qs::gui {

namespace {
// The translation context of the texts below (lupdate reads it from here).
struct RunConfiguration {
    Q_DECLARE_TR_FUNCTIONS(RunConfiguration)
};

QString bitsText(int weights, int activations) { return QStringLiteral("W%1A%2").arg(weights).arg(activations); }
} // namespace

LayerSettings inLayerOrder(const std::map<QString, LayerConfig>& configs, const QStringList& order)
{
    LayerSettings layers;
    for (const QString& name : order)
        if (const auto it = configs.find(name); it != configs.end())
            layers.emplace_back(name, it->second);
    for (const auto& [name, config] : configs) // sorted by name
        if (!order.contains(name))
            layers.emplace_back(name, config);
    return layers;
}

QString settingText(const LayerConfig& config)
{
    if (config.noQuant)
        return QStringLiteral("FP32");
    QStringList parts{bitsText(config.bitsWeights, config.bitsActivations), modeName(config.mode)};
    if (config.perChannel)
        parts << QStringLiteral("pc");
    if (effectiveClip(config) != RangeMethod::None)
        parts << clipName(effectiveClip(config));
    return parts.join(QLatin1Char(' '));
}

QString settingDifference(const LayerConfig& base, const LayerConfig& config)
{
    if (config.noQuant)
        return QStringLiteral("FP32");
    if (base.noQuant)
        return settingText(config);
    QStringList parts;
    const bool weights = config.bitsWeights != base.bitsWeights, activations = config.bitsActivations != base.bitsActivations;
    if (weights && activations)
        parts << bitsText(config.bitsWeights, config.bitsActivations);
    else if (weights)
        parts << QStringLiteral("W%1").arg(config.bitsWeights);
    else if (activations)
        parts << QStringLiteral("A%1").arg(config.bitsActivations);
    if (config.mode != base.mode)
        parts << modeName(config.mode);
    if (config.perChannel != base.perChannel)
        parts << (config.perChannel ? QStringLiteral("pc") : RunConfiguration::tr("per-tensor"));
    if (effectiveClip(config) != effectiveClip(base))
        parts << (effectiveClip(config) == RangeMethod::None ? RunConfiguration::tr("no clip") : clipName(effectiveClip(config)));
    return parts.join(QLatin1Char(' '));
}

SettingSummary summarizeSettings(const LayerSettings& layers)
{
    SettingSummary summary;
    // Counted by text: equal texts are equal resolved settings (no-clip and clip none, for instance).
    std::vector<std::pair<QString, int>> counts; // in order of first use
    for (const auto& [name, config] : layers) {
        const QString text = settingText(config);
        const auto it = std::find_if(counts.begin(), counts.end(), [&text](const auto& c) { return c.first == text; });
        if (it == counts.end())
            counts.emplace_back(text, 1);
        else
            ++it->second;
    }
    if (counts.empty())
        return summary;
    const auto most = std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    summary.commonCount = most->second;
    bool found = false;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (settingText(layers[i].second) != most->first) {
            summary.exceptions.push_back(i);
        } else if (!found) {
            summary.common = layers[i].second;
            found = true;
        }
    }
    return summary;
}

QString runLabel(const LayerSettings& layers)
{
    if (layers.empty())
        return {};
    const SettingSummary summary = summarizeSettings(layers);
    const QString common = settingText(summary.common);
    if (summary.exceptions.empty())
        return common;
    QStringList parts;
    if (summary.exceptions.size() <= 2) {
        for (std::size_t i : summary.exceptions)
            parts << layers[i].first + QLatin1Char(' ') + settingDifference(summary.common, layers[i].second);
    } else {
        std::vector<std::pair<QString, int>> groups; // difference -> layers, in order of first use
        for (std::size_t i : summary.exceptions) {
            const QString difference = settingDifference(summary.common, layers[i].second);
            const auto it = std::find_if(groups.begin(), groups.end(), [&difference](const auto& g) { return g.first == difference; });
            if (it == groups.end())
                groups.emplace_back(difference, 1);
            else
                ++it->second;
        }
        constexpr std::size_t kShownGroups = 2;
        int rest = 0;
        for (std::size_t g = 0; g < groups.size(); ++g) {
            if (g < kShownGroups)
                parts << (groups[g].second == 1 ? RunConfiguration::tr("1 layer %1")
                                                : RunConfiguration::tr("%n layers %1", nullptr, groups[g].second))
                             .arg(groups[g].first);
            else
                rest += groups[g].second;
        }
        if (rest > 0)
            parts << (rest == 1 ? RunConfiguration::tr("1 other layer") : RunConfiguration::tr("%n other layers", nullptr, rest));
    }
    return common + QStringLiteral(", ") + RunConfiguration::tr("mixed: %1").arg(parts.join(QStringLiteral(", ")));
}

QString runTooltip(const LayerSettings& layers)
{
    if (layers.empty())
        return {};
    const SettingSummary summary = summarizeSettings(layers);
    QStringList lines;
    lines << RunConfiguration::tr("%1 on %2 of %3 layers").arg(settingText(summary.common)).arg(summary.commonCount).arg(layers.size());
    if (summary.exceptions.empty()) {
        lines << RunConfiguration::tr("No layer differs.");
    } else {
        lines << RunConfiguration::tr("Layers that differ:");
        for (std::size_t i : summary.exceptions)
            lines << QStringLiteral("  %1: %2").arg(layers[i].first, settingText(layers[i].second));
    }
    lines << RunConfiguration::tr("Double-click for every layer's settings; select two runs to compare them (context menu).");
    return lines.join(QLatin1Char('\n'));
}

QString withEqualization(const QString& label, bool equalized)
{
    return equalized ? RunConfiguration::tr("%1, equalized").arg(label) : label;
}

QString tooltipWithEqualization(const QString& tooltip, bool equalized)
{
    if (!equalized)
        return tooltip;
    const QString line = RunConfiguration::tr("Channels equalized (cross-layer equalization) before calibrating.");
    return tooltip.isEmpty() ? line : line + QLatin1Char('\n') + tooltip;
}

std::optional<RangeMethod> dominantClip(const LayerSettings& layers)
{
    std::vector<std::pair<RangeMethod, int>> counts; // in order of first use
    for (const auto& [name, config] : layers) {
        if (config.noQuant)
            continue;
        const RangeMethod clip = effectiveClip(config);
        const auto it = std::find_if(counts.begin(), counts.end(), [clip](const auto& c) { return c.first == clip; });
        if (it == counts.end())
            counts.emplace_back(clip, 1);
        else
            ++it->second;
    }
    if (counts.empty())
        return std::nullopt;
    return std::max_element(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second < b.second; })->first;
}

std::vector<LayerDifference> compareSettings(const LayerSettings& first, const LayerSettings& second)
{
    auto find = [](const LayerSettings& layers, const QString& name) -> const LayerConfig* {
        const auto it = std::find_if(layers.begin(), layers.end(), [&name](const auto& l) { return l.first == name; });
        return it == layers.end() ? nullptr : &it->second;
    };
    QStringList names;
    for (const LayerSettings* run : {&first, &second})
        for (const auto& [name, config] : *run)
            if (!names.contains(name))
                names << name;
    std::vector<LayerDifference> differences;
    for (const QString& name : names) {
        const LayerConfig* a = find(first, name);
        const LayerConfig* b = find(second, name);
        const QString textA = a ? settingText(*a) : QString(), textB = b ? settingText(*b) : QString();
        if (textA != textB)
            differences.push_back({name, textA, textB});
    }
    return differences;
}

} // namespace qs::gui
