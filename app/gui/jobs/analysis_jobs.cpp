#include "app/gui/jobs/analysis_jobs.h"

#include "core/data/subset.h"


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
            if (!c.noClip) // autoquant leaves layers on the no-clip list alone
                c.clip = s.clip;
        }
        if (!(c == out[row]))
            c.overrideKey.clear(); // the layer now has its own settings (as a table edit leaves it)
        out[row] = c;
    }
    return out;
}

} // namespace qs::gui
