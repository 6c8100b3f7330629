#pragma once
// The workbench's core jobs as plain functions of immutable inputs and a Progress (run by JobRunner on a
// worker thread; no widgets here). Loading imports the ONNX file and lists its quantizable layers on the
// prepared graph; calibration gathers the full statistics (min/max, averages, std, 2048-bin histogram) of
// every activation on a seeded train subset (folders without one: see calibrationData()); evaluation runs the FP32
// baseline and/or the current per-layer config in int8 over the evaluation split, with the plan from core's
// buildPlan(calibration, PtqConfig), measuring top-1 or fidelity to FP32 (measureFidelity).

#include "app/gui/models/layer_config.h"
#include "app/gui/session/dataset_selection.h"
#include "core/data/dataset.h"
#include "core/eval/evaluator.h"
#include "core/eval/fidelity.h"
#include "core/eval/metric_choice.h"
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
    // Inputs with a dynamic dim beyond the batch ("input: batch×3×height×width") when no shape was given.
    QStringList dynamicInputs;
    bool shapeRejected = false; // the given shapes did not fit the model (a warning says why)
};
// `shapes`: the user's shapes for inputs the model leaves dynamic (see inputShapeSpecs()); the layer table is
// listed at them. Shapes that do not fit are reported in the warnings, the model still loads. `equalizeChannels`:
// the prepared model gets cross-layer equalization (PreparedModel), so the table lists the equalized weights.
LoadedModel loadModel(const QString& path, Progress& progress, const std::vector<InputShapeSpec>& shapes = {},
                      bool equalizeChannels = false);
// loadModel() after the import: `model` (prepared from `graph`) at batch 1 and its layers. The workbench calls it
// alone when only the preparation changes (equalization toggled), so the source graph is not imported again.
LoadedModel listLayers(const QString& path, std::shared_ptr<const Graph> graph, std::shared_ptr<const PreparedModel> model,
                       Progress& progress, const std::vector<InputShapeSpec>& shapes = {});
// "input: batch×3×height×width" for every input of `model` with a dynamic dim after the first.
QStringList dynamicInputsOf(const Graph& model);
// Parses the selection's inputShape text (';'-separated InputShapeSpecs); throws qs::Error naming the text.
std::vector<InputShapeSpec> parseInputShapes(const QString& text);
// The shapes the workbench runs the model at: the selection's inputShape, else the preprocessing's input_shape.
std::vector<InputShapeSpec> inputShapeSpecs(const DatasetSelection& selection, const QString& modelPath);
// Whether the data gives the model's spatial size by itself: tensors, or preprocessing that resizes or crops
// to a fixed size. A model with dynamic dims then needs no input shape from the user.
bool dataGivesSize(const DatasetSelection& selection, const QString& modelPath);

struct OpenedData {
    DatasetSelection selection;
    QString modelPath;
    std::shared_ptr<const Dataset> dataset;
    QString preprocessUsed;
};
// Opens the evaluation split (preprocessing: the selection's, else the model's sidecar, else the default; the
// selection's inputShape replaces its input_shape).
OpenedData openEvaluationData(const DatasetSelection& selection, const QString& modelPath, Progress* progress);
PreprocessSpec preprocessFor(const DatasetSelection& selection, const QString& modelPath);

// The calibration indices: a seeded (seed 0) random subset of the train split of the selection's size.
std::vector<int64_t> calibrationIndices(int64_t trainSize, const DatasetSelection& selection);
// What calibration runs on: the selection's calibrationData, else the train split, else (image and tensor
// folders, core's calibrationPool()) the folder's images that are not evaluated, or, when every image is
// evaluated, the evaluated ones. `description` says which, for the log (file names for a few images).
struct CalibrationData {
    std::shared_ptr<const Dataset> dataset;
    std::vector<int64_t> indices;
    QString description;
    bool sharesEvaluated = false; // calibrates on images it also evaluates
};
CalibrationData calibrationData(const DatasetSelection& selection, const QString& modelPath, Progress* progress);
// Statistics of every activation of the prepared graph over calibrationData(); its description in `description`.
Calibration calibrateStats(const PreparedModel& model, const DatasetSelection& selection, const QString& modelPath, Progress& progress,
                           QString* description = nullptr);

struct EvalRequest {
    std::shared_ptr<const Graph> graph;
    std::shared_ptr<const Graph> prepared;       // the load's prepared graph (for the model size); null: prepared here
    std::shared_ptr<const PreparedModel> model;  // the load's prepared model (shared graphs); null: prepared here
    std::shared_ptr<const Dataset> dataset;
    std::vector<int64_t> indices;
    bool baseline = true;                          // evaluate FP32
    bool quantized = false;                        // evaluate the config (needs a calibration)
    QualityMetric metric = QualityMetric::Top1;    // fidelity: the config against FP32 (measureFidelity)
    PtqConfig config;                              // the table, see toPtqConfig()
    std::shared_ptr<const Calibration> calibration;
    int64_t batch = 64;
};
struct EvalRun {
    EvalMetrics metrics;                   // top-1 runs
    std::optional<FidelityMetrics> fidelity; // fidelity runs (none for the FP32 baseline, FP32 itself)
    double sizeMB = 0.0;
    double fp32SizeMB = 0.0;
    QStringList notes; // where the engine could not follow the config exactly
};
struct EvalOutcome {
    std::optional<EvalRun> baseline;
    std::optional<EvalRun> quantized;
};
// Called from the worker thread after each batch with the metrics so far: top-1's or fidelity's.
using LiveCallback = std::function<void(bool quantized, const EvalMetrics* top1, const FidelityMetrics* fidelity, int64_t total)>;
EvalOutcome evaluateRuns(const EvalRequest& request, Progress& progress, const LiveCallback& live);

} // namespace qs::gui
