#pragma once
// Turns core's analysis reports into the plain structs the analysis views (qs_widgets) draw: the measured layer
// errors into the bar chart's rows, the sensitivity sweep into the heat map's cells (a top-1 drop from FP32 in
// points when the data has labels, else the output SQNR), each with a caption that says what was measured, on
// how many samples, at what cost, and whether the table still has the config it measured.

#include "core/ptq/layer_error.h"
#include "core/ptq/sensitivity.h"
#include "widgets/plots/layer_error_chart.h"
#include "widgets/plots/sensitivity_heatmap.h"

#include <QString>

#include <vector>

namespace qs::gui {

// One bar row per measured layer (labelled by module path), in the report's order (the chart sorts).
std::vector<widgets::LayerErrorBar> layerErrorBars(const LayerErrorReport& report);
QString layerErrorCaption(const LayerErrorReport& report, bool current);

// The probe's column name as quantscope-cli sensitivity prints it: W8A8, W6, W4, A6, A4, all_but.
QString probeName(const SensitivityProbe& probe);

enum class SensitivityMetric {
    Top1Drop,   // FP32 top-1 minus the probe's, in points (labelled data only)
    OutputSqnr, // the model output's SQNR against FP32, in dB
};
// The metric the heat map shows by default: the top-1 drop when the data has labels.
SensitivityMetric defaultMetric(const SensitivityReport& report);
// Rows in model order; columns as the first layer's probes. Top1Drop without labels falls back to OutputSqnr.
widgets::SensitivityHeatmapData sensitivityHeatmap(const SensitivityReport& report, SensitivityMetric metric, bool current);
// A cell's value as the heat map shows it (NaN when the probe has none).
double sensitivityValue(const SensitivityReport& report, const SensitivityProbe& probe, SensitivityMetric metric);

} // namespace qs::gui
