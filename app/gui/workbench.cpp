#include "app/gui/workbench.h"

#include "app/gui/models/layer_table_model.h"
#include "app/gui/commands/layer_edit_command.h"
#include "app/gui/models/runs_table_model.h"
#include "app/gui/plot_data.h"
#include "core/data/subset.h"
#include "core/distiller/distiller_resolve.h"
#include "core/distiller/distiller_yaml.h"
#include "core/onnx_export/dynamic_batch.h"
#include "core/onnx_export/onnx_writer.h"
#include "core/onnx_export/qdq_model.h"
#include "core/quant/integer_flow.h"
#include "core/quant/plan_builder.h"
#include "core/transforms/prepare_graph.h"
#include "core/util/error.h"
#include "core/util/progress.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>
#include <QUndoStack>

#include <cmath>
#include <limits>
#include <set>
#include <utility>

namespace qs::gui {

Workbench::Workbench(QObject* parent)
    : QObject(parent), m_undo(new QUndoStack(this)), m_layers(new LayerTableModel(m_undo, this)), m_runs(new RunsTableModel(this)),
      m_jobs(new JobRunner(this))
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(400);
    connect(&m_debounce, &QTimer::timeout, this, &Workbench::evaluate);
    connect(m_layers, &LayerTableModel::configEdited, this, &Workbench::onConfigEdited);
    connect(m_layers, &LayerTableModel::configEdited, this, &Workbench::updatePredictions);
    connect(m_layers, &LayerTableModel::configEdited, this, [this] {
        if (m_layerErrors || m_sensitivity) { // they may have stopped (or, after an undo, started again) being current
            updateMeasuredColumns();
            emit analysisChanged();
        }
    });
    connect(m_undo, &QUndoStack::cleanChanged, this, [this] { emit dirtyChanged(isDirty()); });
    connect(m_runs, &RunsTableModel::runRenamed, this, [this] { setExtraDirty(true); });
    connect(m_jobs, &JobRunner::jobFailed, this, &Workbench::errorOccurred);
    // A job that failed on a model with dynamic dims and no shape for them most likely failed for want of one: ask.
    connect(m_jobs, &JobRunner::jobFailed, this, [this](const QString& kind) {
        if (kind == QLatin1String("load") || m_dynamicInputs.isEmpty() || !m_selection.inputShape.isEmpty())
            return;
        try {
            if (!inputShapeSpecs(m_selection, m_modelPath).empty())
                return;
        } catch (const Error&) {
        }
        emit inputShapeNeeded(m_modelPath, m_dynamicInputs,
                              tr("%1 leaves input dims dynamic (%2) and neither its preprocessing nor the data fixes them.")
                                  .arg(QFileInfo(m_modelPath).fileName(), m_dynamicInputs.join(QStringLiteral("; "))));
    });
    connect(m_jobs, &JobRunner::jobCancelled, this, [this](const QString& kind) { emit message(tr("%1 cancelled").arg(kind)); });
    // Listing the layers after an equalization toggle is cancelled by any job started before it ends (a calibration
    // right after the toggle): list them once the runner is idle, so the table never keeps the old weights.
    connect(m_jobs, &JobRunner::jobCancelled, this, [this](const QString& kind) {
        if (kind == QLatin1String("prepare"))
            m_relistAfterCancel = true;
    });
    connect(m_jobs, &JobRunner::idle, this, [this] {
        if (std::exchange(m_relistAfterCancel, false) && m_graph)
            listLayersAgain();
    });
}

Workbench::~Workbench() = default;

bool Workbench::isDirty() const { return !m_undo->isClean() || m_extraDirty; }

void Workbench::setExtraDirty(bool dirty)
{
    const bool before = isDirty();
    m_extraDirty = dirty;
    if (before != isDirty())
        emit dirtyChanged(isDirty());
}

void Workbench::onConfigEdited()
{
    // A new edit cancels a running evaluation and restarts it once the edits pause.
    if (m_jobs->isRunningOrQueued(QStringLiteral("evaluate")) || m_debounce.isActive()) {
        if (m_jobs->runningKind() == QLatin1String("evaluate"))
            m_jobs->cancel();
        m_debounce.start();
    }
}

void Workbench::startLoad(const QString& path, std::optional<SessionData> session, const QString& sessionPath, const QString& inputShape)
{
    m_debounce.stop();
    const QString title = tr("Loading %1").arg(QFileInfo(path).fileName());
    DatasetSelection selection = session ? session->dataset : m_selection;
    selection.inputShape = inputShape;
    const bool equalize = session ? session->equalizeChannels : m_equalize;
    m_jobs->start(QStringLiteral("load"), title, [this, path, session, sessionPath, selection, equalize](Progress& progress) -> JobRunner::Apply {
        std::vector<InputShapeSpec> shapes;
        QStringList shapeWarnings;
        try {
            shapes = inputShapeSpecs(selection, path);
        } catch (const Error& e) { // a bad remembered shape or preprocessing: load without, and ask
            shapeWarnings << tr("The input shape or preprocessing for %1 was not used: %2").arg(QFileInfo(path).fileName(), QString::fromStdString(e.what()));
        }
        auto loaded = std::make_shared<LoadedModel>(loadModel(path, progress, shapes, equalize));
        loaded->warnings = shapeWarnings + loaded->warnings;
        loaded->shapeRejected = loaded->shapeRejected || !shapeWarnings.isEmpty();
        bool dataSized = false;
        try {
            dataSized = dataGivesSize(selection, path);
        } catch (const Error&) {
        }
        // A session's calibration statistics refer to the prepared graph, rebuilt here off the GUI thread; statistics
        // that no longer fit the model are dropped with a message, the rest of the session still opens.
        std::shared_ptr<const Calibration> calibration;
        if (session && session->statistics) {
            try {
                calibration = std::make_shared<const Calibration>(restoreCalibration(*loaded->graph, *session->statistics));
            } catch (const Error& e) {
                loaded->warnings << tr("The session's calibration statistics were not restored: %1").arg(QString::fromUtf8(e.what()));
            }
        }
        return [this, loaded, session, sessionPath, calibration, selection, dataSized, equalize] {
            m_equalize = equalize;
            m_relistAfterCancel = false; // this load lists the layers
            m_graph = loaded->graph;
            m_dynamicInputs = loaded->dynamicInputs;
            m_prepared = loaded->prepared;
            m_model = loaded->model;
            m_modelPath = loaded->path;
            m_layers->resetLayers(loaded->layers);
            m_runs->clear();
            QStringList layerOrder;
            for (const LayerInfo& layer : loaded->layers)
                layerOrder << layer.name;
            m_runs->setLayerOrder(layerOrder);
            m_calibration.reset();
            m_data.reset();
            m_undo->clear();
            m_runCounter = 0;
            m_autoCounter = 0;
            m_saidNotes.clear();
            clearAnalyses();
            for (const QString& w : loaded->warnings)
                emit message(w);
            emit message(tr("Loaded %1: %n quantizable layers", nullptr, static_cast<int>(loaded->layers.size())).arg(loaded->path));
            if (session)
                applySession(*session);
            m_selection.inputShape = loaded->shapeRejected ? QString() : selection.inputShape;
            if (calibration) {
                applyCalibration(calibration);
                emit message(tr("Restored the calibration statistics and histograms of %n values on %1 train images from the session", nullptr,
                                static_cast<int>(calibration->values.size()))
                                 .arg(calibration->samples));
            }
            // After the calibration, whose adoption clears analyses: they measured that calibration, so they
            // come back only with it.
            if (session && calibration)
                restoreAnalyses(session->analyses);
            else if (session && (session->analyses.layerErrors || session->analyses.sensitivity || session->analyses.autoquant))
                emit message(tr("The session's layer analyses were not restored: they measured calibration statistics that were not restored"));
            m_sessionPath = sessionPath;
            m_undo->setClean();
            setExtraDirty(false);
            emit dirtyChanged(isDirty());
            emit stateChanged();
            emit modelLoaded(m_modelPath);
            emit metricChanged();
            if (calibration)
                emit calibrationFinished();
            if (session)
                emit sessionOpened(m_sessionPath);
            if (!loaded->dynamicInputs.isEmpty() && (loaded->shapeRejected || !dataSized)) {
                const QString reason = loaded->shapeRejected ? loaded->warnings.join(QLatin1Char('\n'))
                                                             : tr("%1 leaves input dims dynamic (%2) and neither its preprocessing nor the data fixes them.")
                                                                   .arg(QFileInfo(m_modelPath).fileName(), loaded->dynamicInputs.join(QStringLiteral("; ")));
                emit message(tr("%1 needs an input shape: give it in Run \u203A Input Shape").arg(QFileInfo(m_modelPath).fileName()));
                emit inputShapeNeeded(m_modelPath, loaded->dynamicInputs, reason);
            }
        };
    });
}

void Workbench::setDataset(const DatasetSelection& selection)
{
    if (selection == m_selection)
        return;
    m_selection = selection;
    m_data.reset();
    m_calibration.reset();
    m_layers->setActivationRanges({});
    m_layers->setPredictedSqnr({});
    clearAnalyses();
    if (m_runs->rowCount() > 0) {
        m_runs->clear();
        emit message(tr("Dataset changed: runs and calibration cleared"));
    }
    setExtraDirty(true);
    emit stateChanged();
}

void Workbench::calibrate()
{
    if (!m_model)
        return;
    auto model = m_model;
    const DatasetSelection selection = m_selection;
    const QString modelPath = m_modelPath;
    m_jobs->start(QStringLiteral("calibrate"), tr("Calibrating"), [this, model, selection, modelPath](Progress& progress) -> JobRunner::Apply {
        auto source = std::make_shared<QString>();
        auto calibration = std::make_shared<const Calibration>(calibrateStats(*model, selection, modelPath, progress, source.get()));
        return [this, calibration, source] {
            applyCalibration(calibration);
            emit message(tr("Calibrated statistics and histograms of %n values on %1", nullptr, static_cast<int>(calibration->values.size()))
                             .arg(*source));
            setExtraDirty(true);
            emit stateChanged();
            emit calibrationFinished();
        };
    });
}

std::map<QString, LayerConfig> Workbench::currentConfigs() const
{
    std::map<QString, LayerConfig> configs;
    for (std::size_t i = 0; i < m_layers->layers().size(); ++i)
        configs[m_layers->layers()[i].name] = m_layers->configs()[i];
    return configs;
}

void Workbench::exportRunsCsv(const QString& path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(m_runs->toCsv().toUtf8()) < 0 || !file.commit())
        throw Error(tr("cannot write the CSV: %1").arg(file.errorString()).toStdString(), ErrorContext(path.toStdString()));
}

void Workbench::saveSession(const QString& path)
{
    SessionData s;
    s.modelPath = m_modelPath;
    s.dataset = m_selection;
    s.configs = currentConfigs();
    s.runs = m_runs->runs();
    s.calibration = m_calibration;
    s.metric = m_metricChoice;
    s.equalizeChannels = m_equalize;
    s.analyses = {m_layerErrors,
                  m_layerErrorsConfig,
                  m_sensitivity,
                  m_sensitivityConfig,
                  m_autoquant,
                  m_autoquantConfig,
                  m_autoquant ? autoquantRows(m_autoquant->config, m_autoquantConfig) : std::map<QString, LayerConfig>{}};
    qs::gui::saveSession(path, s);
    m_sessionPath = path;
    m_undo->setClean();
    setExtraDirty(false);
    emit dirtyChanged(isDirty());
    emit message(tr("Session saved to %1").arg(path));
}

void Workbench::openSession(const QString& path)
{
    SessionData session = loadSession(path);
    // Nothing changes until the model has loaded: a failure leaves the current session as it was.
    const QString modelPath = session.modelPath; // copied: the session is moved into the job
    const QString inputShape = session.dataset.inputShape;
    startLoad(modelPath, std::move(session), path, inputShape);
}

void Workbench::applyCalibration(std::shared_ptr<const Calibration> calibration)
{
    m_calibration = std::move(calibration);
    m_weightSqnr.clear(); // a new calibration may come with another model's prepared graph
    clearAnalyses();      // they measured the grids of the previous one
    showCalibratedRanges();
}

void Workbench::showCalibratedRanges()
{
    std::vector<std::optional<ValueRange>> rows;
    for (const LayerInfo& l : m_layers->layers()) {
        const ActivationStats* stats = m_calibration->stats(l.outputValue.toStdString());
        rows.push_back(stats ? std::optional<ValueRange>(ValueRange{static_cast<float>(stats->min), static_cast<float>(stats->max)}) : std::nullopt);
    }
    m_layers->setActivationRanges(rows);
    updatePredictions();
}

void Workbench::updatePredictions()
{
    if (!m_calibration) {
        m_layers->setPredictedSqnr({});
        return;
    }
    std::vector<std::optional<double>> sqnr;
    for (std::size_t i = 0; i < m_layers->layers().size(); ++i)
        sqnr.push_back(predictedSqnr(*m_calibration, m_layers->layers()[i], m_layers->configs()[i], &m_weightSqnr));
    m_layers->setPredictedSqnr(sqnr);
}

bool Workbench::setClipMethod(int row, const QString& method)
{
    if (row < 0 || row >= m_layers->rowCount() || !parseClipName(method))
        return false;
    return m_layers->setData(m_layers->index(row, LayerTableModel::Clip), method);
}

bool Workbench::restoreRunConfig(int runRow)
{
    if (runRow < 0 || runRow >= m_runs->rowCount())
        return false;
    const RunRecord& run = m_runs->runs()[static_cast<std::size_t>(runRow)];
    if (run.layerConfigs.empty())
        return false;
    std::vector<int> rows;
    std::vector<LayerConfig> before, after;
    for (const auto& [name, config] : run.layerConfigs) {
        const int row = m_layers->rowOf(name);
        if (row < 0 || m_layers->configs()[static_cast<std::size_t>(row)] == config)
            continue;
        rows.push_back(row);
        before.push_back(m_layers->configs()[static_cast<std::size_t>(row)]);
        after.push_back(config);
    }
    if (!rows.empty())
        m_undo->push(new LayerEditCommand(m_layers, tr("Restore the config of %1").arg(run.name), rows, before, after));
    emit message(tr("Restored the config of %1 (%n layers changed)", nullptr, static_cast<int>(rows.size())).arg(run.name));
    return true;
}

namespace {

// The graph the layer names refer to (BatchNorm folded, as the table's layers), prepared once at load.
const Graph& preparedForConfig(const std::shared_ptr<const Graph>& prepared)
{
    if (!prepared)
        throw Error(Workbench::tr("open a model first").toStdString());
    return *prepared;
}

LayerConfig fromPtqSettings(const LayerPtqSettings& s)
{
    LayerConfig c;
    c.noQuant = !s.quantize;
    c.bitsActivations = s.quant.bitsActivations;
    c.bitsWeights = s.quant.bitsWeights;
    c.mode = s.quant.modeActivations;
    c.perChannel = s.quant.perChannel;
    c.clip = s.clip;
    return c;
}

// The values a config quantizes on `prepared` (the plan's structure; the ranges do not matter here).
std::set<std::string> quantizedValues(const Graph& prepared, const PtqConfig& config)
{
    std::set<std::string> values;
    for (const auto& [value, quant] : planLayout(prepared, config).activations)
        values.insert(value);
    return values;
}

} // namespace

PtqConfig exportedConfig(const LayerTableModel& table, const Graph& prepared)
{
    const PtqConfig evaluated = toPtqConfig(table.layers(), table.configs());
    PtqConfig exported = evaluated;
    exported.defaults = toPtqSettings(table.globalConfig());
    // Operators without a row run FP32 in the workbench (toPtqConfig()). Under the file's global settings a
    // requantizing one (an Add no convolution absorbs, a Concat) would get a quantization of its own: it keeps
    // an FP32 override instead, so that the file runs as the workbench did.
    const std::set<std::string> before = quantizedValues(prepared, evaluated);
    std::set<std::string> added;
    for (const std::string& value : quantizedValues(prepared, exported))
        if (!before.count(value))
            added.insert(value);
    if (added.empty())
        return exported;
    LayerPtqSettings fp32 = exported.defaults;
    fp32.quantize = false;
    for (const Node& node : prepared.nodes) {
        const OpQuantTraits traits = quantTraitsOf(node);
        if (traits.role != QuantRole::Requantizing || exported.perLayer.count(node.name) || node.outputs.empty())
            continue;
        bool ownQuantization = added.count(node.outputs[0]) != 0;
        if (traits.residualAdd && node.inputs.size() == 2)
            ownQuantization = ownQuantization || added.count(integerAddChain(prepared, node).end) != 0;
        if (ownQuantization)
            exported.perLayer[node.name] = fp32;
    }
    return exported;
}

void Workbench::exportConfig(const QString& path) const
{
    const Graph& prepared = preparedForConfig(m_prepared);
    saveDistillerConfig(fromPtqConfig(exportedConfig(*m_layers, prepared), prepared), path.toStdString());
}

std::function<QStringList()> Workbench::quantizedModelExport(const QString& path) const
{
    preparedForConfig(m_prepared);
    if (!m_calibration)
        throw Error(tr("the model is not calibrated: run Calibrate first").toStdString());
    // Snapshots: the table may be edited, or another model opened, while the file is written.
    return [model = m_model, prepared = m_prepared, calibration = m_calibration,
            config = toPtqConfig(m_layers->layers(), m_layers->configs()), file = path.toStdString()] {
        const auto plan = buildPlan(*calibration, config);
        const QdqModel qdq = qdqModelForAnyBatch(*model, *prepared, *plan);
        writeOnnxFile(qdq.graph, file);
        QStringList notes;
        for (const std::string& note : qdq.notes)
            notes << QString::fromStdString(note);
        return notes;
    };
}

QStringList Workbench::importConfig(const QString& path)
{
    const Graph& prepared = preparedForConfig(m_prepared);
    std::vector<DistillerWarning> warnings;
    const DistillerConfig distiller = readDistillerConfig(path.toStdString(), &warnings);
    std::vector<DistillerMatch> matches;
    const PtqConfig config = toPtqConfig(distiller, prepared, &matches, &warnings);
    std::vector<int> rows;
    std::vector<LayerConfig> before, after;
    for (std::size_t row = 0; row < m_layers->layers().size(); ++row) {
        const Node* node = prepared.findNode(m_layers->layers()[row].name.toStdString());
        if (!node)
            throw Error(tr("layer '%1' is not in the model").arg(m_layers->layers()[row].name).toStdString(), {path.toStdString()});
        LayerConfig imported = fromPtqSettings(config.resolve(*node));
        const auto match = std::find_if(matches.begin(), matches.end(), [&](const DistillerMatch& m) { return m.node == node->name; });
        // Only what the table would not show by itself (see LayerConfig::overrideKey).
        const QString pattern = match != matches.end() ? QString::fromStdString(match->pattern) : QString();
        if (pattern.isEmpty() && !(toPtqSettings(imported) == toPtqSettings(m_layers->globalConfig())))
            imported.overrideKey = globalOverrideKey(); // the imported global settings, not the workbench's
        else if (!pattern.isEmpty() && pattern != m_layers->layers()[row].exportKey)
            imported.overrideKey = pattern;
        if (imported == m_layers->configs()[row])
            continue;
        rows.push_back(static_cast<int>(row));
        before.push_back(m_layers->configs()[row]);
        after.push_back(imported);
    }
    if (!rows.empty())
        m_undo->push(new LayerEditCommand(m_layers, tr("Import %1").arg(QFileInfo(path).fileName()), rows, before, after));
    QStringList messages;
    for (const auto& w : warnings)
        messages << QString::fromStdString((w.line > 0 ? path.toStdString() + ":" + std::to_string(w.line) + ": " : std::string()) + w.message);
    emit message(tr("Imported %1: %n layers changed", nullptr, static_cast<int>(rows.size())).arg(QFileInfo(path).fileName()));
    return messages;
}

void Workbench::applySession(const SessionData& s)
{
    m_selection = s.dataset;
    m_metricChoice = s.metric;
    std::vector<int> rows;
    std::vector<LayerConfig> configs;
    for (const auto& [name, config] : s.configs) {
        const int row = m_layers->rowOf(name);
        if (row < 0) {
            emit message(tr("Session config names layer '%1', which the model does not have; ignored").arg(name));
            continue;
        }
        rows.push_back(row);
        configs.push_back(config);
    }
    m_layers->applyConfigs(rows, configs);
    if (s.hadCalibration && !s.statistics)
        emit message(tr("This session comes from an older QuantScope that stored ranges only: Calibrate again (Ctrl+L) to see histograms and predicted SQNR"));
    // Labels are made again from each run's stored settings: a session from before honest labels said "W8A8"
    // for a run whose layers were mixed.
    std::vector<RunRecord> runs = s.runs;
    for (RunRecord& run : runs)
        if (!run.fp32 && !run.layerConfigs.empty())
            run.config = withEqualization(runLabel(inLayerOrder(run.layerConfigs, m_runs->layerOrder())), run.equalized);
    m_runs->setRuns(std::move(runs));
    m_runCounter = static_cast<int>(std::count_if(s.runs.begin(), s.runs.end(), [](const RunRecord& r) { return !r.fp32; }));
}

} // namespace qs::gui
