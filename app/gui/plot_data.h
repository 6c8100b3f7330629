#pragma once
// Turns core's calibration statistics, the layer table and the runs into the plain structs the plot views
// (qs_widgets) draw. Every method's range comes from core's pickRange() for the layer's bits and mode, its
// quality from predictQuality() on the same histogram, and the drawn grid from activationQuant().

#include "app/gui/models/layer_config.h"
#include "app/gui/models/runs_table_model.h"
#include "core/calibration/calibration.h"
#include "widgets/plots/accuracy_size_plot.h"
#include "widgets/plots/activation_histogram_view.h"
#include "widgets/plots/observer_comparison_view.h"
#include "widgets/plots/weight_range_view.h"

#include <map>
#include <optional>
#include <tuple>
#include <vector>

namespace qs::gui {

// Every range method on one value's statistics (methods that cannot run on these statistics are left out).
std::vector<widgets::MethodRange> methodRanges(const ActivationStats& stats, int bits, QuantMode mode);

// The layer's output (input = false) or input histogram with every method's range and the active one; for the
// output, each method's SQNR includes the weights' error (as predictedSqnr). For the
// input, `config` is inputConfig()'s and the histogram is that of layer.inputSourceValue, whose range sets it.
widgets::HistogramData histogramData(const Calibration& calibration, const LayerInfo& layer, const LayerConfig& config, bool input);
widgets::WeightRangeData weightRangeData(const LayerInfo& layer);
std::vector<widgets::ObserverLayer> observerLayers(const Calibration& calibration, const std::vector<LayerInfo>& layers,
                                                   const std::vector<LayerConfig>& configs);
// SQNR (dB) of the layer's weights on the grid its config stores them on (exact); nullopt for an FP32 layer.
std::optional<double> weightSqnr(const Calibration& calibration, const LayerInfo& layer, const LayerConfig& config);
// weightSqnr() by layer and weight grid, each computed once: the table's column is recomputed for every row on
// each edit, on the GUI thread, and quantizing all of a large model's weights again each time would stall it.
// The weights are the loaded model's: clear() when another model (or calibration) arrives.
class WeightSqnrCache {
public:
    std::optional<double> get(const Calibration& calibration, const LayerInfo& layer, const LayerConfig& config);
    void clear() { m_values.clear(); }

private:
    std::map<std::tuple<QString, int, QuantMode, bool>, std::optional<double>> m_values;
};

// Predicted SQNR (dB) of the layer's output under its config: the output's quantization error on the grid that
// runs (from the calibration histogram) combined with the error its quantized weights add (exact, from the
// weights; from `cache` when given); only the weights' when the output stays FP32; nullopt for an FP32 layer.
std::optional<double> predictedSqnr(const Calibration& calibration, const LayerInfo& layer, const LayerConfig& config,
                                    WeightSqnrCache* cache = nullptr);
// The runs that measured `metric` as points (qualityValue(): top-1 % or worst output SQNR dB; the first FP32 run is
// +inf under fidelity, the plot's reference line); id = row in the runs table; a quantized run's colour is that
// of its dominantClip(). Runs of the other metric are left out: the two never share an axis.
std::vector<widgets::RunPoint> runPoints(const std::vector<RunRecord>& runs, QualityMetric metric = QualityMetric::Top1);
// The plot's y axis label and tooltip value text for `metric` (AccuracySizePlot::setQualityAxis()).
std::pair<QString, QString> qualityAxisTexts(QualityMetric metric);

} // namespace qs::gui
