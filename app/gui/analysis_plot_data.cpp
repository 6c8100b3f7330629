#include "app/gui/analysis_plot_data.h"

#include "app/gui/models/layer_table_model.h"
#include "core/calibration/calibration.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>
#include <limits>

namespace qs::gui {

namespace {
// The translation context of the texts below (lupdate reads it from here).
struct AnalysisPlotData {
    Q_DECLARE_TR_FUNCTIONS(AnalysisPlotData)
};

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString db(double v)
{
    if (std::isnan(v))
        return QStringLiteral("\u2014");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("\u221E") : QStringLiteral("-\u221E");
    return QLocale().toString(v, 'f', 1);
}

QString staleNote(const QString& action)
{
    return AnalysisPlotData::tr("Measured under an earlier config: run %1 again to measure the table as it is now.").arg(action);
}
} // namespace

std::vector<widgets::LayerErrorBar> layerErrorBars(const LayerErrorReport& report)
{
    std::vector<widgets::LayerErrorBar> bars;
    for (const LayerError& e : report.layers) {
        widgets::LayerErrorBar b;
        b.name = QString::fromStdString(e.node);
        b.label = QString::fromStdString(modulePath(e.node));
        b.accumulatedDb = e.accumulatedDb;
        b.isolatedDb = e.isolatedDb;
        b.predictedDb = e.predictedDb;
        b.simulationDiffers = std::abs(LayerTableModel::simulationGap(e)) > LayerTableModel::kSimulationGapDb; // false for NaN
        b.tooltip = AnalysisPlotData::tr("<b>%1</b> (%2)<br>accumulated, whole model int8: %3 dB (simulated %4 dB)<br>"
                                         "isolated, only this layer int8: %5 dB (simulated %6 dB)<br>predicted: %7 dB<br>Click to select the layer.")
                        .arg(b.name.toHtmlEscaped(), QString::fromStdString(e.opType), db(e.accumulatedDb), db(e.accumulatedTwinDb),
                             db(e.isolatedDb), db(e.isolatedTwinDb), db(e.predictedDb));
        bars.push_back(b);
    }
    return bars;
}

QString layerErrorCaption(const LayerErrorReport& report, bool current)
{
    QString text = AnalysisPlotData::tr("SQNR of each layer's output against FP32 on %n images, worst first: accumulated with the whole "
                                        "model in int8, isolated with only that layer, predicted from the calibration histogram; "
                                        "measured in %1 s. Rank correlation of predicted and isolated SQNR (Spearman's \u03C1): %2.",
                                        nullptr, static_cast<int>(report.samples))
                       .arg(QLocale().toString(report.seconds, 'f', 1), std::isnan(report.predictedVsIsolatedRank)
                                                                            ? QStringLiteral("\u2014")
                                                                            : QLocale().toString(report.predictedVsIsolatedRank, 'f', 2));
    if (!current)
        text += QLatin1Char(' ') + staleNote(AnalysisPlotData::tr("Analyze Layers"));
    return text;
}

QString probeName(const SensitivityProbe& p)
{
    if (!p.onlyThisLayer)
        return QStringLiteral("all_but");
    if (p.bitsActivations == 8 && p.bitsWeights == 8)
        return QStringLiteral("W8A8");
    return p.bitsActivations == 8 ? QStringLiteral("W%1").arg(p.bitsWeights) : QStringLiteral("A%1").arg(p.bitsActivations);
}

SensitivityMetric defaultMetric(const SensitivityReport& report)
{
    return report.labelled ? SensitivityMetric::Top1Drop : SensitivityMetric::OutputSqnr;
}

double sensitivityValue(const SensitivityReport& report, const SensitivityProbe& probe, SensitivityMetric metric)
{
    if (metric == SensitivityMetric::Top1Drop)
        return report.labelled ? report.fp32Top1 - probe.top1 : kNaN;
    return probe.outputSqnrDb;
}

widgets::SensitivityHeatmapData sensitivityHeatmap(const SensitivityReport& report, SensitivityMetric metric, bool current)
{
    if (!report.labelled)
        metric = SensitivityMetric::OutputSqnr;
    const bool drop = metric == SensitivityMetric::Top1Drop;
    widgets::SensitivityHeatmapData data;
    data.metric = drop ? AnalysisPlotData::tr("top-1 drop from FP32 (points)") : AnalysisPlotData::tr("output SQNR against FP32 (dB)");
    data.higherIsWorse = drop;
    data.harmless = drop ? 0.0 : kNaN;
    data.decimals = drop ? 2 : 1;
    if (!report.layers.empty())
        for (const SensitivityProbe& p : report.layers.front().probes) {
            data.columns << probeName(p);
            data.columnTooltips << (!p.onlyThisLayer ? AnalysisPlotData::tr("all_but: every other layer quantized with the table's config, this one FP32")
                                    : p.bitsActivations == 8
                                        ? AnalysisPlotData::tr("Only this layer quantized: weights at %1 bits, activations at 8").arg(p.bitsWeights)
                                        : AnalysisPlotData::tr("Only this layer quantized: activations at %1 bits, weights at 8").arg(p.bitsActivations));
        }
    for (const LayerSensitivity& l : report.layers) {
        widgets::SensitivityRow row;
        row.name = QString::fromStdString(l.node);
        row.label = QString::fromStdString(modulePath(l.node));
        for (const SensitivityProbe& p : l.probes) {
            row.values.push_back(sensitivityValue(report, p, metric));
            QString tip = AnalysisPlotData::tr("<b>%1</b>, %2").arg(row.name.toHtmlEscaped(), probeName(p));
            if (report.labelled)
                tip += AnalysisPlotData::tr("<br>top-1 %1 % (FP32 %2 %): %3 points lower")
                           .arg(QLocale().toString(p.top1, 'f', 2), QLocale().toString(report.fp32Top1, 'f', 2),
                                QLocale().toString(report.fp32Top1 - p.top1, 'f', 2));
            tip += AnalysisPlotData::tr("<br>output SQNR against FP32: %1 dB").arg(db(p.outputSqnrDb));
            if (!l.cached)
                tip += AnalysisPlotData::tr("<br>probed on the whole model (the values before this layer are not observable)");
            tip += AnalysisPlotData::tr("<br>Click to select the layer.");
            row.tooltips << tip;
        }
        data.rows.push_back(row);
    }
    const double wholeModel = report.fullProbeSeconds * report.probes;
    QString caption;
    if (report.labelled)
        caption = AnalysisPlotData::tr("On %n images: FP32 top-1 %1 %, every layer int8 %2 % (output SQNR %3 dB).", nullptr,
                                       static_cast<int>(report.samples))
                      .arg(QLocale().toString(report.fp32Top1, 'f', 2), QLocale().toString(report.baseTop1, 'f', 2), db(report.baseOutputSqnrDb));
    else
        caption = AnalysisPlotData::tr("On %n images without labels: every layer int8 has an output SQNR of %1 dB.", nullptr,
                                       static_cast<int>(report.samples))
                      .arg(db(report.baseOutputSqnrDb));
    caption += QLatin1Char(' ');
    caption += AnalysisPlotData::tr("Cost: %n probes in %1 s (activation cache %2 s, %3 MiB); run on the whole model they would take %4 s.",
                                    nullptr, report.probes)
                   .arg(QLocale().toString(report.seconds, 'f', 1), QLocale().toString(report.cacheSeconds, 'f', 1),
                        QLocale().toString(static_cast<double>(report.cacheBytes) / (1 << 20), 'f', 1), QLocale().toString(wholeModel, 'f', 1));
    if (std::isfinite(report.probedMacShare) && report.probedMacShare > 0.0 && report.probedMacShare < 1.0)
        caption += QLatin1Char(' ') + AnalysisPlotData::tr("The probes ran %1 % of the model's multiply-accumulates on average, so caching "
                                                           "saves at most %2\u00d7.")
                                          .arg(QLocale().toString(100.0 * report.probedMacShare, 'f', 0),
                                               QLocale().toString(1.0 / report.probedMacShare, 'f', 1));
    if (!current)
        caption += QLatin1Char(' ') + staleNote(AnalysisPlotData::tr("Sensitivity Sweep"));
    data.caption = caption;
    return data;
}

} // namespace qs::gui
