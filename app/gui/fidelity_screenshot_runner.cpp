#include "app/gui/fidelity_screenshot_runner.h"

#include "app/gui/main_window.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/panels/layer_panel.h"
#include "app/gui/panels/runs_panel.h"
#include "app/gui/workbench.h"

#include <QDir>
#include <QTableView>
#include <QTimer>

#include <cstdio>

namespace qs::gui {

FidelityScreenshotRunner::FidelityScreenshotRunner(MainWindow* window, QString directory, QString modelPath, DatasetSelection data)
    : QObject(window), m_window(window), m_directory(std::move(directory)), m_modelPath(std::move(modelPath)), m_data(std::move(data))
{
}

void FidelityScreenshotRunner::start()
{
    QDir().mkpath(m_directory);
    Workbench* w = m_window->workbench();
    connect(w, &Workbench::modelLoaded, this, &FidelityScreenshotRunner::onLoaded);
    connect(w, &Workbench::calibrationFinished, this, [this, w] {
        m_window->layerPanel()->view()->selectRow(1);
        w->evaluate();
    });
    connect(w, &Workbench::evaluationFinished, this, [this] { QTimer::singleShot(200, this, &FidelityScreenshotRunner::onEvaluated); });
    connect(w, &Workbench::errorOccurred, this, [this](const QString&, const JobError& e) {
        std::fprintf(stderr, "screenshot run failed: %s\n", qPrintable(e.message));
        emit done(1);
    });
    w->openModel(m_modelPath);
}

void FidelityScreenshotRunner::onLoaded()
{
    Workbench* w = m_window->workbench();
    // A model that asks for its shape gets the one given (as a user would type it into the prompt).
    if (!w->dynamicInputs().isEmpty() && w->dataset().inputShape != m_data.inputShape && !m_data.inputShape.isEmpty()) {
        w->setInputShape(m_data.inputShape); // loads again
        return;
    }
    if (m_started)
        return;
    m_started = true;
    if (auto* prompt = m_window->findChild<QDialog*>(QStringLiteral("inputShapeDialog")))
        prompt->close();
    w->setDataset(m_data);
    w->calibrate();
}

void FidelityScreenshotRunner::onEvaluated()
{
    Workbench* w = m_window->workbench();
    LayerTableModel* layers = w->layers();
    auto setAll = [layers](int column, const QVariant& value) { layers->setDataForRows({}, column, value); };
    ++m_evaluations;
    if (m_evaluations == 1) {
        setAll(LayerTableModel::BitsWeights, 6);
        w->evaluate();
        return;
    }
    if (m_evaluations == 2) {
        layers->setData(layers->index(0, LayerTableModel::NoQuant), true);
        setAll(LayerTableModel::BitsWeights, 4);
        setAll(LayerTableModel::Clip, QStringLiteral("mse"));
        w->evaluate();
        return;
    }
    m_window->resetLayout();
    m_window->layerPanel()->view()->selectRow(1);
    m_window->runsPanel()->view()->selectRow(1);
    QTimer::singleShot(500, this, &FidelityScreenshotRunner::finish);
}

void FidelityScreenshotRunner::finish()
{
    const QString path = QDir(m_directory).filePath(QStringLiteral("real_model_fidelity.png"));
    if (!m_window->grab().save(path)) {
        std::fprintf(stderr, "could not write %s\n", qPrintable(path));
        emit done(1);
        return;
    }
    std::printf("%s\n", qPrintable(path));
    emit done(0);
}

} // namespace qs::gui
