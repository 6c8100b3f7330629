#include "app/gui/jobs/analysis_jobs.h"

#include "core/data/subset.h"

#include <QRegularExpression>

#include <algorithm>

namespace qs::gui {

std::vector<int64_t> analysisIndices(int64_t datasetSize, const DatasetSelection& selection, qint64 samples)
{
    const int64_t limit = selection.evalLimit < 0 ? datasetSize : std::min<int64_t>(datasetSize, selection.evalLimit);
    return firstIndices(datasetSize, samples < 0 ? limit : std::min<int64_t>(limit, samples));
}

AnalysisData prepareAnalysis(const AnalysisInputs& inputs, Progress& progress)
{
    AnalysisData out;
    out.data = inputs.data;
    if (!out.data || !(out.data->selection == inputs.selection) || out.data->modelPath != inputs.modelPath)
        out.data = std::make_shared<const OpenedData>(openEvaluationData(inputs.selection, inputs.modelPath, &progress));
    out.calibration = inputs.calibration;
    if (!out.calibration) {
        out.calibration = std::make_shared<const Calibration>(calibrateStats(*inputs.model, inputs.selection, inputs.modelPath, progress));
        out.calibrated = true;
    }
    out.indices = analysisIndices(out.data->dataset->size(), inputs.selection, inputs.samples);
    return out;
}

std::vector<std::optional<std::map<QString, LayerConfig>>> candidateConfigs(const std::vector<AutoquantCandidate>& trace,
                                                                            const std::map<QString, LayerConfig>& start)
{
    // The changes as core/ptq/autoquant.cpp writes them; matched from the end, so a layer name may hold spaces.
    static const QRegularExpression lower(QStringLiteral("^(.+) W(\\d+) -> W(\\d+)$"));
    static const QRegularExpression fp32(QStringLiteral("^(.+) FP32$"));
    std::vector<std::optional<std::map<QString, LayerConfig>>> out;
    std::optional<std::map<QString, LayerConfig>> kept = start;
    for (std::size_t i = 0; i < trace.size(); ++i) {
        if (i == 0 || !kept) { // the first candidate is the starting configuration
            out.push_back(i == 0 ? kept : std::nullopt);
            continue;
        }
        const QString change = QString::fromStdString(trace[i].change);
        std::optional<std::map<QString, LayerConfig>> candidate = kept;
        if (const auto m = lower.match(change); m.hasMatch() && candidate->count(m.captured(1))) {
            LayerConfig& c = candidate->at(m.captured(1));
            c.bitsWeights = m.captured(3).toInt();
            c.overrideKey.clear();
        } else if (const auto f = fp32.match(change); f.hasMatch() && candidate->count(f.captured(1))) {
            LayerConfig& c = candidate->at(f.captured(1));
            c.noQuant = true;
            c.overrideKey.clear();
        } else {
            candidate.reset();
        }
        out.push_back(candidate);
        if (trace[i].accepted)
            kept = candidate;
    }
    return out;
}

std::vector<LayerConfig> withChosenBits(const std::vector<LayerInfo>& layers, const std::vector<LayerConfig>& configs,
                                        const PtqConfig& chosen, const Graph& prepared)
{
    std::vector<LayerConfig> out = configs;
    for (std::size_t row = 0; row < layers.size() && row < out.size(); ++row) {
        const Node* node = prepared.findNode(layers[row].name.toStdString());
        if (!node)
            continue;
        const LayerPtqSettings s = chosen.resolve(*node);
        LayerConfig c = out[row];
        c.noQuant = !s.quantize;
        if (s.quantize) {
            c.bitsWeights = s.quant.bitsWeights;
            c.bitsActivations = s.quant.bitsActivations;
        }
        if (!(c == out[row]))
            c.overrideKey.clear(); // the layer now has its own settings (as a table edit leaves it)
        out[row] = c;
    }
    return out;
}

} // namespace qs::gui
