#include "app/gui/jobs/workbench_jobs.h"

#include "core/data/calibration_pool.h"
#include "core/data/dataset_factory.h"
#include "core/data/image_folder_dataset.h"
#include "core/data/subset.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ptq/model_size.h"
#include "core/transforms/prepare_graph.h"
#include "core/transforms/shape_inference.h"
#include "core/util/error.h"

#include <QFileInfo>
#include <QThread>

#include <algorithm>

namespace qs::gui {

int jobThreads() { return std::max(1, QThread::idealThreadCount() - 1); }

QStringList dynamicInputsOf(const Graph& model)
{
    QStringList inputs;
    for (const ValueInfo& input : model.inputs) {
        bool dynamic = !input.shapeKnown;
        QStringList dims;
        for (std::size_t d = 0; d < input.shape.size(); ++d) {
            const bool known = input.shape[d] > 0;
            dynamic = dynamic || (d > 0 && !known);
            dims << (known ? QString::number(input.shape[d])
                           : d < input.dimNames.size() && !input.dimNames[d].empty() ? QString::fromStdString(input.dimNames[d])
                                                                                     : QStringLiteral("?"));
        }
        if (dynamic)
            inputs << QStringLiteral("%1: %2").arg(QString::fromStdString(input.name), input.shapeKnown ? dims.join(QChar(0x00D7)) : QStringLiteral("?"));
    }
    return inputs;
}

std::vector<InputShapeSpec> parseInputShapes(const QString& text)
{
    std::vector<InputShapeSpec> shapes;
    for (const QString& part : text.split(QLatin1Char(';'), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            shapes.push_back(parseInputShapeSpec(part.trimmed().toStdString()));
    return shapes;
}

LoadedModel loadModel(const QString& path, Progress& progress, const std::vector<InputShapeSpec>& shapes, bool equalizeChannels)
{
    progress.report(0, 2, QObject::tr("importing").toStdString());
    auto graph = std::make_shared<const Graph>(importOnnxFile(path.toStdString()));
    auto model = std::make_shared<const PreparedModel>(graph, equalizeChannels);
    progress.checkCancelled();
    return listLayers(path, std::move(graph), std::move(model), progress, shapes);
}

LoadedModel listLayers(const QString& path, std::shared_ptr<const Graph> graph, std::shared_ptr<const PreparedModel> model,
                       Progress& progress, const std::vector<InputShapeSpec>& shapes)
{
    LoadedModel loaded;
    loaded.path = path;
    loaded.model = std::move(model);
    progress.report(1, 2, QObject::tr("preparing").toStdString());
    // Layers are listed on the graph the engine runs (BatchNorm folded), with batch 1 shapes.
    PrepareOptions options;
    options.foldBatchNorm = true;
    bool prepared = false;
    if (!shapes.empty()) {
        try {
            options.shapes = inputShapesFrom(*graph, shapes);
            options.shapes.batch = 1;
            loaded.prepared = loaded.model->graph(options.shapes);
            prepared = true;
        } catch (const Error& e) {
            QStringList given;
            for (const InputShapeSpec& spec : shapes)
                given << QString::fromStdString(toString(spec));
            loaded.warnings << QObject::tr("The input shape %1 does not fit %2: %3")
                                   .arg(given.join(QLatin1Char(';')), QFileInfo(path).fileName(), QString::fromStdString(e.what()));
            loaded.shapeRejected = true;
            options.shapes = {};
        }
    }
    if (!prepared) {
        options.shapes.batch = 1;
        try {
            loaded.prepared = loaded.model->graph(options.shapes);
        } catch (const Error& e) {
            loaded.warnings << QObject::tr("Shapes could not be inferred without a dataset (%1); layers are listed as in the file.")
                                   .arg(QString::fromStdString(e.what()));
            loaded.prepared = graph;
        }
        loaded.dynamicInputs = dynamicInputsOf(*graph);
    }
    loaded.layers = quantizableLayers(*loaded.prepared);
    loaded.graph = std::move(graph);
    progress.report(2, 2, QObject::tr("loaded").toStdString());
    return loaded;
}

namespace {
PreprocessSpec basePreprocessFor(const DatasetSelection& selection, const QString& modelPath)
{
    if (!selection.preprocess.trimmed().isEmpty())
        return parsePreprocessSpec(selection.preprocess.trimmed().toStdString());
    if (!modelPath.isEmpty())
        if (const auto sidecar = findPreprocessSidecar(modelPath.toStdString()))
            return loadPreprocessSidecar(*sidecar);
    return defaultPreprocessFor(selection.spec().toStdString());
}

// "dog.jpg, eagle.jpg, …": which samples calibrate, for the log (file names of image folders, else indices).
QString sampleNames(const Dataset& dataset, const std::vector<int64_t>& indices)
{
    constexpr std::size_t kNamed = 6;
    const auto* images = dynamic_cast<const ImageFolderDataset*>(&dataset);
    QStringList names;
    for (std::size_t i = 0; i < indices.size() && i < kNamed; ++i)
        names << (images ? QFileInfo(QString::fromStdString(images->filePath(indices[i]))).fileName() : QStringLiteral("#%1").arg(indices[i]));
    if (indices.size() > kNamed)
        names << QStringLiteral("\u2026");
    return names.join(QStringLiteral(", "));
}
} // namespace

PreprocessSpec preprocessFor(const DatasetSelection& selection, const QString& modelPath)
{
    PreprocessSpec spec = basePreprocessFor(selection, modelPath);
    if (std::vector<InputShapeSpec> shapes = parseInputShapes(selection.inputShape); !shapes.empty())
        spec.inputShapes = std::move(shapes); // as the CLI's --input-shape
    return spec;
}

std::vector<InputShapeSpec> inputShapeSpecs(const DatasetSelection& selection, const QString& modelPath)
{
    return preprocessFor(selection, modelPath).inputShapes;
}

bool dataGivesSize(const DatasetSelection& selection, const QString& modelPath)
{
    if (selection.kind == QLatin1String("tensors"))
        return true;
    const PreprocessSpec spec = preprocessFor(selection, modelPath);
    return spec.resizeHeight > 0 || spec.cropHeight > 0; // resize=N fixes the shorter side only
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

CalibrationData calibrationData(const DatasetSelection& selection, const QString& modelPath, Progress* progress)
{
    CalibrationData out;
    const PreprocessSpec preprocess = preprocessFor(selection, modelPath);
    const QString spec = selection.calibrationData.trimmed().isEmpty() ? selection.spec() : selection.calibrationData.trimmed();
    const bool separate = !selection.calibrationData.trimmed().isEmpty();
    if (separate || hasTrainSplit(spec.toStdString())) {
        out.dataset = openDataset(spec.toStdString(), Split::Train, preprocess, progress);
        out.indices = calibrationIndices(out.dataset->size(), selection);
        out.description = separate ? QObject::tr("%n images of %1 (separate calibration data)", nullptr, static_cast<int>(out.indices.size())).arg(spec)
                                   : QObject::tr("%n train images", nullptr, static_cast<int>(out.indices.size()));
        if (separate)
            out.description += QStringLiteral(": ") + sampleNames(*out.dataset, out.indices);
        return out;
    }
    // A folder has no train split: the images that are not evaluated, as the CLI does.
    out.dataset = openDataset(spec.toStdString(), Split::Test, preprocess, progress);
    const CalibrationPool pool = calibrationPool(out.dataset->size(), firstIndices(out.dataset->size(), selection.evalLimit));
    for (int64_t i : calibrationIndices(static_cast<int64_t>(pool.indices.size()), selection))
        out.indices.push_back(pool.indices[static_cast<std::size_t>(i)]);
    std::sort(out.indices.begin(), out.indices.end());
    out.sharesEvaluated = pool.sharesEvaluated;
    out.description = pool.sharesEvaluated
                          ? QObject::tr("%n images of %1, which are also evaluated: the folder has no train split and every image is evaluated "
                                        "(choose separate calibration data in Run \u203A Dataset, or evaluate fewer images)",
                                        nullptr, static_cast<int>(out.indices.size()))
                                .arg(spec)
                          : QObject::tr("%n images of %1 that are not evaluated", nullptr, static_cast<int>(out.indices.size())).arg(spec);
    out.description += QStringLiteral(": ") + sampleNames(*out.dataset, out.indices);
    return out;
}

Calibration calibrateStats(const PreparedModel& model, const DatasetSelection& selection, const QString& modelPath, Progress& progress,
                           QString* description)
{
    const CalibrationData data = calibrationData(selection, modelPath, &progress);
    if (description)
        *description = data.description;
    return calibrate(model, *data.dataset, data.indices, kCalibrationBatch, jobThreads(), &progress);
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

    const bool fidelity = request.metric == QualityMetric::Fidelity;
    if (request.baseline) {
        EvalRun run;
        if (fidelity) // FP32 is what fidelity compares with: nothing to measure
            run.metrics.samples = static_cast<int64_t>(request.indices.empty() ? request.dataset->size() : request.indices.size());
        else
            run.metrics = evaluate(*model, *request.dataset, options, &progress,
                                   [&](const EvalMetrics& soFar, int64_t total) { live(false, &soFar, nullptr, total); });
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
        EngineOptions fp32 = options.engine;
        options.engine.quantization = plan;
        if (fidelity) {
            run.fidelity = measureFidelity(*model, *request.dataset, options.indices, options.batch, fp32, options.engine, &progress,
                                           [&](const FidelityMetrics& soFar, int64_t total) { live(true, nullptr, &soFar, total); });
            run.metrics.samples = run.fidelity->samples;
            run.metrics.batch = run.fidelity->batch;
        } else {
            run.metrics = evaluate(*model, *request.dataset, options, &progress,
                                   [&](const EvalMetrics& soFar, int64_t total) { live(true, &soFar, nullptr, total); });
        }
        outcome.quantized = run;
    }
    return outcome;
}

} // namespace qs::gui
