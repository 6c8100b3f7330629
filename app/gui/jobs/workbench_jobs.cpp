#include "app/gui/jobs/workbench_jobs.h"

#include "core/data/dataset_factory.h"
#include "core/data/subset.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ptq/model_size.h"
#include "core/transforms/prepare_graph.h"
#include "core/util/error.h"

#include <QThread>

#include <algorithm>

namespace qs::gui {

int jobThreads() { return std::max(1, QThread::idealThreadCount() - 1); }

LoadedModel loadModel(const QString& path, Progress& progress)
{
    progress.report(0, 2, QObject::tr("importing").toStdString());
    LoadedModel loaded;
    loaded.path = path;
    auto graph = std::make_shared<const Graph>(importOnnxFile(path.toStdString()));
    loaded.model = std::make_shared<const PreparedModel>(graph);
    progress.checkCancelled();
    progress.report(1, 2, QObject::tr("preparing").toStdString());
    // Layers are listed on the graph the engine runs (BatchNorm folded), with batch 1 shapes.
    try {
        PrepareOptions options;
        options.shapes.batch = 1;
        options.foldBatchNorm = true;
        loaded.prepared = loaded.model->graph(options.shapes);
    } catch (const Error& e) {
        loaded.warnings << QObject::tr("Shapes could not be inferred without a dataset (%1); layers are listed as in the file.")
                               .arg(QString::fromStdString(e.what()));
        loaded.prepared = graph;
    }
    loaded.layers = quantizableLayers(*loaded.prepared);
    loaded.graph = std::move(graph);
    progress.report(2, 2, QObject::tr("loaded").toStdString());
    return loaded;
}

PreprocessSpec preprocessFor(const DatasetSelection& selection, const QString& modelPath)
{
    if (!selection.preprocess.trimmed().isEmpty())
        return parsePreprocessSpec(selection.preprocess.trimmed().toStdString());
    if (!modelPath.isEmpty())
        if (const auto sidecar = findPreprocessSidecar(modelPath.toStdString()))
            return loadPreprocessSidecar(*sidecar);
    return defaultPreprocessFor(selection.spec().toStdString());
}

OpenedData openEvaluationData(const DatasetSelection& selection, const QString& modelPath, Progress* progress)
{
    OpenedData data;
    data.selection = selection;
    data.modelPath = modelPath;
    const PreprocessSpec preprocess = preprocessFor(selection, modelPath);
    data.preprocessUsed = QString::fromStdString(formatSpec(preprocess));
    data.dataset = openDataset(selection.spec().toStdString(), parseSplit(selection.split.toStdString()), preprocess, progress);
    return data;
}

std::vector<int64_t> calibrationIndices(int64_t trainSize, const DatasetSelection& selection)
{
    return randomSubset(trainSize, std::max<int64_t>(1, selection.calibrationSamples), 0);
}

Calibration calibrateStats(const PreparedModel& model, const DatasetSelection& selection, const QString& modelPath, Progress& progress)
{
    const auto dataset = openDataset(selection.spec().toStdString(), Split::Train, preprocessFor(selection, modelPath), &progress);
    return calibrate(model, *dataset, calibrationIndices(dataset->size(), selection), kCalibrationBatch, jobThreads(), &progress);
}

EvalOutcome evaluateRuns(const EvalRequest& request, Progress& progress, const LiveCallback& live)
{
    EvalOutcome outcome;
    EvalOptions options;
    options.batch = request.batch;
    options.indices = request.indices;
    options.engine.threads = jobThreads();
    // One prepared graph per batch for both runs (and every later evaluation of this load).
    const std::shared_ptr<const PreparedModel> model = request.model ? request.model : std::make_shared<const PreparedModel>(request.graph);
    // Sizes depend on the weights only, not on the batch: the load's prepared graph has them.
    std::shared_ptr<const Graph> prepared = request.prepared;
    if (!prepared)
        prepared = model->graph(inputShapesFor(*request.graph, *request.dataset, request.batch));
    const double fp32Size = modelSize(*prepared, nullptr).fp32Megabytes();

    if (request.baseline) {
        EvalRun run;
        run.metrics = evaluate(*model, *request.dataset, options, &progress,
                               [&](const EvalMetrics& soFar, int64_t total) { live(false, soFar, total); });
        run.sizeMB = run.fp32SizeMB = fp32Size;
        outcome.baseline = run;
    }
    if (request.quantized) {
        if (!request.calibration)
            throw Error(QObject::tr("the model is not calibrated: run Calibrate first").toStdString());
        // The same resolution as the CLI: every column of the table (clip method included) takes effect.
        const auto plan = buildPlan(*request.calibration, request.config);
        EvalRun run;
        std::map<std::string, QStringList> byNote; // one line per kind of note, naming its layers
        for (const auto& [node, note] : plan->notes)
            byNote[note] << QString::fromStdString(node);
        for (const auto& [note, nodes] : byNote)
            run.notes << QObject::tr("%1 (%2)").arg(QString::fromStdString(note), nodes.join(QStringLiteral(", ")));
        run.sizeMB = modelSize(*prepared, plan.get()).quantizedMegabytes();
        run.fp32SizeMB = fp32Size;
        options.engine.quantization = plan;
        run.metrics = evaluate(*model, *request.dataset, options, &progress,
                               [&](const EvalMetrics& soFar, int64_t total) { live(true, soFar, total); });
        outcome.quantized = run;
    }
    return outcome;
}

} // namespace qs::gui
