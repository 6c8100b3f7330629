// The workbench's model inputs and quality metric: the shape for a model's dynamic inputs (validated by core,
// remembered per model path in QSettings and in the session) and the metric evaluations measure.
#include "app/gui/workbench.h"

#include "core/transforms/shape_inference.h"
#include "core/util/error.h"

#include <QFileInfo>
#include <QSettings>

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
