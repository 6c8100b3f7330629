#pragma once
// The workbench's core jobs as plain functions of immutable inputs and a Progress (run by JobRunner on a
// worker thread; no widgets here). Loading imports the ONNX file and lists its quantizable layers on the
// prepared graph; calibration gathers the full statistics (min/max, averages, std, 2048-bin histogram) of
// every activation on a seeded train subset; evaluation runs the FP32 baseline and/or the current per-layer
// config in int8 over the evaluation split, with the plan from core's buildPlan(calibration, PtqConfig).

#include "app/gui/models/layer_config.h"
#include "app/gui/session/dataset_selection.h"
#include "core/data/dataset.h"
#include "core/eval/evaluator.h"
#include "core/calibration/calibration.h"
#include "core/ptq/ptq_config.h"

#include <QStringList>

#include <map>
#include <memory>

namespace qs::gui {

// oneDNN/OpenMP threads for jobs: leave the GUI one core.
int jobThreads();

struct LoadedModel {
    QString path;
    std::shared_ptr<const Graph> graph;
    // The model prepared once per input shape and shared by calibration and every evaluation of this load.
    std::shared_ptr<const PreparedModel> model;
    // Its batch-1 graph (BatchNorm folded), the one the layer names refer to: the table's layer facts, config
    // import/export and model size read it. Equal to graph when shapes could not be inferred without data.
    std::shared_ptr<const Graph> prepared;
    std::vector<LayerInfo> layers;
    QStringList warnings;
};
LoadedModel loadModel(const QString& path, Progress& progress);

struct OpenedData {
    DatasetSelection selection;
    QString modelPath;
    std::shared_ptr<const Dataset> dataset;
    QString preprocessUsed;
};
// Opens the evaluation split (preprocessing: the selection's, else the model's sidecar, else the default).
OpenedData openEvaluationData(const DatasetSelection& selection, const QString& modelPath, Progress* progress);
PreprocessSpec preprocessFor(const DatasetSelection& selection, const QString& modelPath);

// The calibration indices: a seeded (seed 0) random subset of the train split of the selection's size.
std::vector<int64_t> calibrationIndices(int64_t trainSize, const DatasetSelection& selection);
// Statistics of every activation of the prepared graph over calibrationIndices() of the train split.
Calibration calibrateStats(const PreparedModel& model, const DatasetSelection& selection, const QString& modelPath, Progress& progress);

struct EvalRequest {
    std::shared_ptr<const Graph> graph;
    std::shared_ptr<const Graph> prepared;       // the load's prepared graph (for the model size); null: prepared here
    std::shared_ptr<const PreparedModel> model;  // the load's prepared model (shared graphs); null: prepared here
    std::shared_ptr<const Dataset> dataset;
    std::vector<int64_t> indices;
    bool baseline = true;                          // evaluate FP32
    bool quantized = false;                        // evaluate the config (needs a calibration)
    PtqConfig config;                              // the table, see toPtqConfig()
    std::shared_ptr<const Calibration> calibration;
    int64_t batch = 64;
};
struct EvalRun {
    EvalMetrics metrics;
    double sizeMB = 0.0;
    double fp32SizeMB = 0.0;
    QStringList notes; // where the engine could not follow the config exactly
};
struct EvalOutcome {
    std::optional<EvalRun> baseline;
    std::optional<EvalRun> quantized;
};
// onBatch gets (stage, metrics so far, total) from the worker thread.
using LiveCallback = std::function<void(bool quantized, const EvalMetrics& soFar, int64_t total)>;
EvalOutcome evaluateRuns(const EvalRequest& request, Progress& progress, const LiveCallback& live);

} // namespace qs::gui
