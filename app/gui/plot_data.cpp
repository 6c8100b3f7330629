#include "app/gui/plot_data.h"

#include "core/ranges/clip_methods.h"
#include "core/quant/integer_flow.h"
#include "core/util/error.h"

#include <QLocale>

#include <cmath>
#include <utility>
#include <QObject>

namespace qs::gui {

std::vector<widgets::MethodRange> methodRanges(const ActivationStats& stats, int bits, QuantMode mode)
{
    std::vector<widgets::MethodRange> ranges;
    for (const MethodRange& r : rankRanges(stats, bits, mode))
        ranges.push_back({clipName(r.method), r.range.min, r.range.max, r.quality.sqnrDb});
    return ranges;
}

widgets::HistogramData histogramData(const Calibration& calibration, const LayerInfo& layer, const LayerConfig& config, bool input)
{
    widgets::HistogramData data;
    // The input's grid is set where its integers come from (before a pooling or view that passes them on).
    const QString value = input ? layer.inputSourceValue : layer.outputValue;
    const ActivationStats* stats = calibration.stats(value.toStdString());
    if (!stats || stats->histogram.empty())
        return data;
    const Histogram& h = stats->histogram;
    data.lo = h.lo();
    data.hi = h.hi();
    data.counts = h.counts();
    const QString where = input ? QObject::tr("input") : layer.fusedOps.isEmpty() ? QObject::tr("output") : QObject::tr("output after fused %1").arg(layer.fusedOps);
    data.title = QStringLiteral("%1 \u2014 %2").arg(QString::fromStdString(modulePath(layer.name.toStdString())), where);
    const int bits = config.bitsActivations;
    data.subtitle = QObject::tr("value %1 · %2 samples · A%3 %4 · configured: %5")
                        .arg(value)
                        .arg(calibration.samples)
                        .arg(bits)
                        .arg(modeName(config.mode), config.noQuant ? QObject::tr("FP32") : clipName(effectiveClip(config)));
    if (!input && !layer.outputQuantized)
        data.subtitle += QObject::tr(" (this output stays FP32)");
    data.ranges = methodRanges(*stats, bits, config.mode);
    // For the output, each method's number is the layer's pred. SQNR were it chosen: the weights' error included,
    // as in the layer table's column.
    if (!input)
        if (const std::optional<double> weightDb = weightSqnr(calibration, layer, config)) {
            for (widgets::MethodRange& r : data.ranges)
                r.sqnrDb = combinedSqnrDb(r.sqnrDb, *weightDb);
            data.subtitle += QObject::tr(" · W%1 weights %2 dB, included in each method's SQNR")
                                 .arg(config.bitsWeights)
                                 .arg(QLocale().toString(*weightDb, 'f', 1));
        }
    if (!config.noQuant) {
        data.activeMethod = clipName(effectiveClip(config));
        for (const widgets::MethodRange& r : data.ranges)
            if (r.method == data.activeMethod) {
                const ActivationQuant q = activationQuant(ValueRange{static_cast<float>(r.lo), static_cast<float>(r.hi)}, bits, config.mode);
                data.grid.scale = q.scale;
                data.grid.zeroPoint = q.zeroPoint;
                data.grid.qmin = q.qmin();
                data.grid.qmax = q.qmax();
            }
    }
    return data;
}

widgets::WeightRangeData weightRangeData(const LayerInfo& layer)
{
    widgets::WeightRangeData data;
    data.title = QString::fromStdString(modulePath(layer.name.toStdString()));
    data.channelMin.assign(layer.channelMin.begin(), layer.channelMin.end());
    data.channelMax.assign(layer.channelMax.begin(), layer.channelMax.end());
    return data;
}

std::vector<widgets::ObserverLayer> observerLayers(const Calibration& calibration, const std::vector<LayerInfo>& layers,
                                                   const std::vector<LayerConfig>& configs)
{
    std::vector<widgets::ObserverLayer> result;
    for (std::size_t i = 0; i < layers.size() && i < configs.size(); ++i) {
        const ActivationStats* stats = calibration.stats(layers[i].outputValue.toStdString());
        if (!stats)
            continue;
        widgets::ObserverLayer l;
        l.name = layers[i].name;
        l.label = QString::fromStdString(modulePath(layers[i].name.toStdString()));
        if (!layers[i].fusedOps.isEmpty())
            l.label += QStringLiteral(" (+%1)").arg(layers[i].fusedOps);
        if (!layers[i].outputQuantized)
            l.label += QObject::tr(" (output stays FP32)");
        l.observedMin = stats->min;
        l.observedMax = stats->max;
        l.ranges = methodRanges(*stats, configs[i].bitsActivations, configs[i].mode);
        if (!configs[i].noQuant)
            l.activeMethod = clipName(effectiveClip(configs[i]));
        result.push_back(std::move(l));
    }
    return result;
}

std::optional<double> weightSqnr(const Calibration& calibration, const LayerInfo& layer, const LayerConfig& config)
{
    if (config.noQuant || !layer.fp32Reason.isEmpty())
        return std::nullopt;
    const Node* node = calibration.prepared.findNode(layer.name.toStdString());
    if (!node)
        return std::nullopt;
    try {
        return weightSqnrDb(outputChannelMajorWeights(calibration.prepared, *node), weightQuant(config.bitsWeights, config.mode, config.perChannel));
    } catch (const Error&) {
        return std::nullopt;
    }
}

std::optional<double> WeightSqnrCache::get(const Calibration& calibration, const LayerInfo& layer, const LayerConfig& config)
{
    const auto key = std::make_tuple(layer.name, config.bitsWeights, config.mode, config.perChannel);
    if (const auto it = m_values.find(key); it != m_values.end())
        return it->second;
    return m_values[key] = weightSqnr(calibration, layer, config);
}

std::optional<double> predictedSqnr(const Calibration& calibration, const LayerInfo& layer, const LayerConfig& config, WeightSqnrCache* cache)
{
    if (config.noQuant)
        return std::nullopt;
    const std::optional<double> weightDb = cache ? cache->get(calibration, layer, config) : weightSqnr(calibration, layer, config);
    if (!weightDb)
        return std::nullopt;
    if (!layer.outputQuantized)
        return weightDb; // the output stays FP32: only the weights add noise
    const ActivationStats* stats = calibration.stats(layer.outputValue.toStdString());
    if (!stats || stats->histogram.empty())
        return std::nullopt;
    try {
        const ValueRange range = pickRange(effectiveClip(config), *stats, config.bitsActivations, config.mode);
        return combinedSqnrDb(predictQuality(stats->histogram, range, config.bitsActivations, config.mode).sqnrDb, *weightDb);
    } catch (const Error&) {
        return std::nullopt;
    }
}

std::pair<QString, QString> qualityAxisTexts(QualityMetric metric)
{
    if (metric == QualityMetric::Fidelity)
        return {QObject::tr("worst output SQNR vs FP32 (dB)"), QObject::tr("worst output SQNR %1 dB")};
    return {QObject::tr("top-1 accuracy (%)"), QObject::tr("top-1 %1%")};
}

std::vector<widgets::RunPoint> runPoints(const std::vector<RunRecord>& runs, QualityMetric metric)
{
    std::vector<widgets::RunPoint> points;
    bool reference = false; // one FP32 line under fidelity
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const double value = qualityValue(runs[i], metric);
        if (std::isnan(value) || (runs[i].fp32 && metric == QualityMetric::Fidelity && std::exchange(reference, true)))
            continue;
        widgets::RunPoint p;
        p.id = static_cast<int>(i);
        p.name = runs[i].name;
        p.config = runs[i].config;
        p.sizeMB = runs[i].sizeMB;
        p.top1 = value;
        p.fp32 = runs[i].fp32;
        p.labelled = !runs[i].searchCandidate;
        if (const auto clip = dominantClip(inLayerOrder(runs[i].layerConfigs, {})); clip && !p.fp32)
            p.clipMethod = clipName(*clip);
        points.push_back(p);
    }
    return points;
}

} // namespace qs::gui
