#include "app/gui/jobs/workbench_jobs.h"

#include "core/data/dataset_factory.h"
#include "core/data/subset.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ptq/range_collector.h"
#include "core/transforms/prepare_graph.h"
#include "core/util/error.h"

#include <QThread>

#include <algorithm>

namespace qs::gui {

int jobThreads() { return std::max(1, QThread::idealThreadCount() - 1); }

LoadedModel loadModel(const QString& path, Progress& progress)
{
    progress.report(0, 2, "importing");
    LoadedModel loaded;
    loaded.path = path;
    auto graph = std::make_shared<Graph>(importOnnxFile(path.toStdString()));
    progress.checkCancelled();
    progress.report(1, 2, "preparing");
    // Layers are listed on the graph the engine runs (BatchNorm folded), with batch 1 shapes.
    try {
        PrepareOptions options;
        options.shapes.batch = 1;
        options.foldBatchNorm = true;
        loaded.layers = quantizableLayers(prepareGraph(*graph, options));
    } catch (const Error& e) {
        loaded.warnings << QObject::tr("Shapes could not be inferred without a dataset (%1); layers are listed as in the file.")
                               .arg(QString::fromStdString(e.what()));
        loaded.layers = quantizableLayers(*graph);
    }
    loaded.graph = std::move(graph);
    progress.report(2, 2, "loaded");
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

Ranges calibrateMinMax(const Graph& model, const DatasetSelection& selection, const QString& modelPath, Progress& progress)
{
    const auto dataset = openDataset(selection.spec().toStdString(), Split::Train, preprocessFor(selection, modelPath), &progress);
    const auto indices = randomSubset(dataset->size(), std::max<int64_t>(1, selection.calibrationSamples), 0);
    Ranges ranges;
    observeActivations(
        model, *dataset, indices, 64, jobThreads(),
        [&](const std::string& value, const float* data, const Shape& shape) {
            const int64_t n = elementCount(shape);
            if (n <= 0)
                return;
            const auto [lo, hi] = std::minmax_element(data, data + n);
            auto [it, added] = ranges.try_emplace(value, ValueRange{*lo, *hi});
            if (!added) {
                it->second.min = std::min(it->second.min, *lo);
                it->second.max = std::max(it->second.max, *hi);
            }
        },
        &progress);
    return ranges;
}

namespace {

double weightMegabytes(const Graph& prepared, const QuantizationPlan* plan)
{
    double bytes = 0.0;
    for (const auto& [name, tensor] : prepared.initializers) {
        if (tensor.dtype() != DataType::Float32)
            continue;
        bytes += 4.0 * static_cast<double>(tensor.size());
    }
    if (plan)
        for (const auto& [layer, quant] : plan->layers)
            if (const Node* node = prepared.findNode(layer); node && node->hasInput(1))
                if (const Tensor* w = prepared.constant(node->input(1)))
                    bytes -= (4.0 - quant.bits / 8.0) * static_cast<double>(w->size());
    return bytes / 1e6;
}

} // namespace

EvalOutcome evaluateRuns(const EvalRequest& request, Progress& progress, const LiveCallback& live)
{
    EvalOutcome outcome;
    EvalOptions options;
    options.batch = request.batch;
    options.indices = request.indices;
    options.engine.threads = jobThreads();
    const InputShapes shapes = inputShapesFor(*request.graph, *request.dataset, request.batch);
    EngineOptions plain;
    plain.useDnnl = false;
    const Graph prepared = CompiledModel::compile(*request.graph, shapes, plain)->graph();
    const double fp32Size = weightMegabytes(prepared, nullptr);

    if (request.baseline) {
        EvalRun run;
        run.metrics = evaluate(*request.graph, *request.dataset, options, &progress,
                               [&](const EvalMetrics& soFar, int64_t total) { live(false, soFar, total); });
        run.sizeMB = run.fp32SizeMB = fp32Size;
        outcome.baseline = run;
    }
    if (request.quantized) {
        if (!request.ranges)
            throw Error("the model is not calibrated: run Calibrate first");
        const Ranges& ranges = *request.ranges;
        auto plan = std::make_shared<QuantizationPlan>(buildQuantizationPlan(
            prepared,
            [&](const Node& node) -> std::optional<LayerQuantSettings> {
                auto it = request.configs.find(node.name);
                return it == request.configs.end() ? std::nullopt : toEngineSettings(it->second);
            },
            [&](const std::string& value, const Node& layer, const LayerQuantSettings&) {
                auto it = ranges.find(value);
                if (it == ranges.end())
                    throw Error("no calibration range for value '" + value + "'", {request.graph->sourcePath, layer.label()});
                return it->second;
            }));
        EvalRun run;
        for (const auto& [node, note] : plan->notes)
            run.notes << QString::fromStdString(node + ": " + note);
        run.sizeMB = weightMegabytes(prepared, plan.get());
        run.fp32SizeMB = fp32Size;
        options.engine.quantization = plan;
        run.metrics = evaluate(*request.graph, *request.dataset, options, &progress,
                               [&](const EvalMetrics& soFar, int64_t total) { live(true, soFar, total); });
        outcome.quantized = run;
    }
    return outcome;
}

} // namespace qs::gui
