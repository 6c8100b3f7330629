// The workbench's model inputs and quality metric: the shape for a model's dynamic inputs (validated by core,
// remembered per model path in QSettings and in the session), whether the model is prepared with cross-layer
// equalization, and the metric evaluations measure.
#include "app/gui/workbench.h"

#include "app/gui/jobs/workbench_jobs.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/models/runs_table_model.h"
#include "core/transforms/shape_inference.h"
#include "core/util/error.h"
#include "core/util/progress.h"

#include <QFileInfo>
#include <QSettings>
#include <QUndoStack>

namespace qs::gui {

namespace {
const QString kInputShapesKey = QStringLiteral("modelInputShapes"); // QSettings: absolute model path -> shape text
QString settingsPath(const QString& modelPath) { return QFileInfo(modelPath).absoluteFilePath(); }
} // namespace

QString Workbench::rememberedInputShape(const QString& modelPath)
{
    return QSettings().value(kInputShapesKey).toMap().value(settingsPath(modelPath)).toString();
}

void Workbench::openModel(const QString& path) { startLoad(path, std::nullopt, {}, rememberedInputShape(path)); }

QStringList Workbench::dynamicInputs() const { return m_dynamicInputs; }

QString Workbench::inputShapeProblem(const QString& text) const
{
    if (!m_graph)
        return tr("Open a model first.");
    try {
        const std::vector<InputShapeSpec> shapes = parseInputShapes(text);
        if (shapes.empty())
            return tr("Give a shape such as 1x3x320x320.");
        inputShapesFrom(*m_graph, shapes);
    } catch (const Error& e) {
        return QString::fromStdString(e.message());
    }
    return {};
}

bool Workbench::setInputShape(const QString& text, QString* problem)
{
    const QString why = inputShapeProblem(text);
    if (!why.isEmpty()) {
        if (problem)
            *problem = why;
        emit message(tr("Input shape '%1' not used for %2: %3").arg(text, QFileInfo(m_modelPath).fileName(), why));
        return false;
    }
    const QString shape = text.trimmed();
    QSettings settings;
    QVariantMap shapes = settings.value(kInputShapesKey).toMap();
    shapes[settingsPath(m_modelPath)] = shape;
    settings.setValue(kInputShapesKey, shapes);
    emit message(tr("Input shape of %1: %2 (remembered for this model)").arg(QFileInfo(m_modelPath).fileName(), shape));
    startLoad(m_modelPath, std::nullopt, {}, shape);
    return true;
}

void Workbench::setEqualizeChannels(bool on)
{
    if (on == m_equalize)
        return;
    m_equalize = on;
    // Other weights: what was measured on the old ones is not comparable, as after a dataset change.
    m_calibration.reset();
    m_weightSqnr.clear();
    m_layers->setActivationRanges({});
    m_layers->setPredictedSqnr({});
    clearAnalyses();
    m_runs->clear();
    emit message(on ? tr("Channels are equalized before calibrating (cross-layer equalization): calibration, analyses and runs cleared")
                    : tr("Channels are no longer equalized before calibrating: calibration, analyses and runs cleared"));
    setExtraDirty(true);
    if (m_graph) {
        // The new prepared model now, so every job started from here on runs the new weights; the table's weight
        // columns follow when the job has listed the layers again (off the GUI thread: preparing a large model
        // takes a while).
        m_model = std::make_shared<const PreparedModel>(m_graph, on);
        listLayersAgain();
    }
    emit stateChanged();
}

void Workbench::listLayersAgain()
{
    m_relistAfterCancel = false;
    std::vector<InputShapeSpec> shapes;
    try {
        shapes = inputShapeSpecs(m_selection, m_modelPath);
    } catch (const Error&) { // the load reported it; list the layers as the load did without
    }
    const auto graph = m_graph;
    const auto model = m_model;
    const QString path = m_modelPath;
    m_jobs->start(QStringLiteral("prepare"), tr("Preparing %1").arg(QFileInfo(path).fileName()),
                  [this, graph, model, path, shapes](Progress& progress) -> JobRunner::Apply {
                      auto listed = std::make_shared<const LoadedModel>(listLayers(path, graph, model, progress, shapes));
                      return [this, listed] {
                          if (listed->model != m_model) // toggled again or another model since
                              return;
                          adoptLayerList(*listed);
                      };
                  });
}

void Workbench::adoptLayerList(const LoadedModel& listed)
{
    // The same layers with other weights: keep each layer's config (and the undo stack, which refers to rows).
    const std::map<QString, LayerConfig> configs = currentConfigs();
    const LayerConfig global = m_layers->globalConfig();
    bool sameLayers = listed.layers.size() == m_layers->layers().size();
    for (std::size_t i = 0; sameLayers && i < listed.layers.size(); ++i)
        sameLayers = listed.layers[i].name == m_layers->layers()[i].name;
    m_prepared = listed.prepared;
    m_layers->resetLayers(listed.layers, global);
    std::vector<int> rows;
    std::vector<LayerConfig> kept;
    for (std::size_t i = 0; i < listed.layers.size(); ++i)
        if (const auto it = configs.find(listed.layers[i].name); it != configs.end()) {
            rows.push_back(static_cast<int>(i));
            kept.push_back(it->second);
        }
    m_layers->applyConfigs(rows, kept);
    if (!sameLayers)
        m_undo->clear();
    // resetLayers() dropped the columns that come from a calibration or analysis made in the meantime.
    if (m_calibration) {
        m_weightSqnr.clear(); // the predictions read the weights, which changed
        showCalibratedRanges();
    }
    updateMeasuredColumns();
    emit stateChanged();
}

QualityMetric Workbench::metric() const
{
    return metricSelectable() ? m_metricChoice.value_or(QualityMetric::Top1) : QualityMetric::Fidelity;
}

bool Workbench::metricSelectable() const
{
    if (!m_graph || !isSingleOutputClassifier(*m_graph))
        return false;
    // Before the data is opened, its kind tells: image and tensor folders carry no labels.
    if (m_data && m_data->selection == m_selection)
        return m_data->dataset->numClasses() > 0;
    return m_selection.kind != QLatin1String("images") && m_selection.kind != QLatin1String("tensors");
}

void Workbench::setMetricChoice(QualityMetric metric)
{
    if (m_metricChoice == metric)
        return;
    m_metricChoice = metric;
    setExtraDirty(true);
    emit metricChanged();
}

} // namespace qs::gui
