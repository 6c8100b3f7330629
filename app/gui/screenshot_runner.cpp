#include "app/gui/screenshot_runner.h"

#include "app/gui/main_window.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/models/runs_table_model.h"
#include "app/gui/panels/analysis_docks.h"
#include "app/gui/panels/autoquant_dialog.h"
#include "app/gui/panels/dataset_dialog.h"
#include "app/gui/panels/help_dialog.h"
#include "app/gui/panels/layer_panel.h"
#include "app/gui/panels/runs_panel.h"
#include "app/gui/workbench.h"
#include "core/ptq/autoquant.h"
#include "widgets/plots/layer_error_chart.h"

#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QTabBar>
#include <QItemSelectionModel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>

#include <cstdio>

namespace qs::gui {

ScreenshotRunner::ScreenshotRunner(MainWindow* window, QString directory, QString modelPath)
    : QObject(window), m_window(window), m_directory(std::move(directory)), m_modelPath(std::move(modelPath))
{
}

void ScreenshotRunner::start()
{
    QDir().mkpath(m_directory);
    Workbench* w = m_window->workbench();
    connect(w, &Workbench::modelLoaded, this, [w] { w->evaluate(); });
    connect(w, &Workbench::evaluationFinished, this, [this] { QTimer::singleShot(200, this, &ScreenshotRunner::step); });
    connect(w, &Workbench::analysisFinished, this, &ScreenshotRunner::onAnalysisFinished);
    connect(w, &Workbench::errorOccurred, this, [this](const QString&, const JobError& e) {
        std::fprintf(stderr, "screenshot run failed: %s\n", qPrintable(e.message));
        emit done(1);
    });
    w->openModel(m_modelPath);
}

void ScreenshotRunner::step()
{
    Workbench* w = m_window->workbench();
    LayerTableModel* layers = w->layers();
    auto setAll = [layers](int column, const QVariant& value) { layers->setDataForRows({}, column, value); };
    ++m_evaluations;
    if (m_evaluations == 1) {
        // A second config: the first convolution kept in FP32, the rest at 6-bit activations (one undoable bulk edit each).
        layers->setData(layers->index(0, LayerTableModel::NoQuant), true);
        std::vector<int> rest;
        for (int row = 1; row < layers->rowCount(); ++row)
            rest.push_back(row);
        if (!rest.empty())
            layers->setDataForRows(rest, LayerTableModel::BitsActivations, 6);
        w->evaluate();
        return;
    }
    if (m_evaluations == 2) { // 6-bit weights everywhere, then 4-bit weights with MSE-optimal activation ranges
        layers->setData(layers->index(0, LayerTableModel::NoQuant), false);
        setAll(LayerTableModel::BitsActivations, 8);
        setAll(LayerTableModel::BitsWeights, 6);
        w->evaluate();
        return;
    }
    if (m_evaluations == 3) {
        setAll(LayerTableModel::BitsWeights, 4);
        setAll(LayerTableModel::Clip, QStringLiteral("mse"));
        w->evaluate();
        return;
    }
    QTableView* table = m_window->layerPanel()->view();
    table->selectRow(1);
    table->selectionModel()->select(m_window->layerPanel()->proxy()->index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    // One step at a time: each waits for the previous one's grab (timers alone would bunch up if the loop stalls),
    // and the plots, which redraw on the next pass of the event loop, show the selection before they are grabbed.
    m_queue.push_back([this] { grab(QStringLiteral("main_window.png")); });
    m_queue.push_back([this] { m_window->layerPanel()->setFilter(QStringLiteral("conv"), false); });
    m_queue.push_back([this] {
        grab(QStringLiteral("main_layers_filtered.png"));
        m_window->layerPanel()->setFilter({}, false);
    });
    m_queue.push_back([this, w, table] {
        DatasetDialog dialog(w->dataset(), m_window);
        dialog.show();
        dialog.grab().save(QDir(m_directory).filePath(QStringLiteral("main_dataset_dialog.png")));
        dialog.close();

        AutoquantDialog autoquant(10000, m_window);
        // Latency chosen: the objective this dialog offers besides size (the width boxes grey out).
        autoquant.objectiveBox()->setCurrentIndex(autoquant.objectiveBox()->findData(static_cast<int>(AutoquantObjective::Latency)));
        autoquant.show();
        autoquant.grab().save(QDir(m_directory).filePath(QStringLiteral("main_autoquant_dialog.png")));
        autoquant.close();

        HelpDialog* guide = m_window->showUserGuide();
        guide->grab().save(QDir(m_directory).filePath(QStringLiteral("main_user_guide.png")));
        guide->close();

        // The plot docks, each raised in turn, with the second layer selected.
        table->selectRow(1);
    });
    const QStringList docks = {QStringLiteral("histogramDock"), QStringLiteral("weightRangeDock"), QStringLiteral("observerDock")};
    const QStringList files = {QStringLiteral("main_histogram.png"), QStringLiteral("main_weight_ranges.png"),
                               QStringLiteral("main_observer_comparison.png")};
    for (int i = 0; i < docks.size(); ++i) {
        m_queue.push_back([this, dock = docks[i]] {
            if (auto* d = m_window->findChild<QDockWidget*>(dock))
                showDock(d);
        });
        m_queue.push_back([this, file = files[i]] { grab(file); });
    }
    m_queue.push_back([this] {
        // The default layout has the runs beside accuracy vs size already.
        m_window->resetLayout();
        m_window->layerPanel()->view()->selectRow(1);
        m_window->runsPanel()->view()->selectRow(3);
    });
    m_queue.push_back([this] { grab(QStringLiteral("main_runs_accuracy.png")); });
    m_queue.push_back([w] {
        w->restoreRunConfig(1); // the analyses start from uniform 8 bits (Run 1), as a user would
        w->analyzeLayers();     // continues in onAnalysisFinished
    });
    runQueue();
}

void ScreenshotRunner::onAnalysisFinished(const QString& kind)
{
    Workbench* w = m_window->workbench();
    if (kind == QLatin1String("analyze")) {
        m_queue.push_back([this] {
            QTableView* table = m_window->layerPanel()->view();
            table->selectRow(2);
            // The measured columns in view, beside the predicted one.
            table->scrollTo(table->model()->index(2, LayerTableModel::SimulationGap));
            if (auto* d = m_window->findChild<QDockWidget*>(QStringLiteral("layerErrorDock")))
                showDock(d);
        });
        m_queue.push_back([this, w] {
            grab(QStringLiteral("main_layer_errors.png"));
            saveWidget(m_window->analysis()->layerErrors(), QStringLiteral("analysis_layer_errors.png"));
            w->sweepSensitivity();
        });
    } else if (kind == QLatin1String("sensitivity")) {
        m_queue.push_back([this] {
            if (auto* d = m_window->findChild<QDockWidget*>(QStringLiteral("sensitivityDock")))
                showDock(d);
        });
        m_queue.push_back([this, w] {
            grab(QStringLiteral("main_sensitivity.png"));
            saveWidget(m_window->analysis()->sensitivityPanel(), QStringLiteral("analysis_sensitivity.png"));
            AutoquantOptions options;
            options.maxTop1Drop = 0.5;
            w->autoMixedPrecision(options);
        });
    } else if (kind == QLatin1String("autoquant")) {
        m_queue.push_back([this, w] {
            const auto& runs = w->runs()->runs();
            for (std::size_t i = 0; i < runs.size(); ++i)
                if (runs[i].name.contains(QStringLiteral("chosen")))
                    m_window->runsPanel()->view()->selectRow(static_cast<int>(i));
        });
        m_queue.push_back([this] { grab(QStringLiteral("main_autoquant.png")); });
        m_queue.push_back([this] { emit done(0); });
    }
    runQueue();
}

void ScreenshotRunner::saveWidget(QWidget* widget, const QString& name)
{
    const QString path = QDir(m_directory).filePath(name);
    if (!widget->grab().save(path))
        std::fprintf(stderr, "could not write %s\n", qPrintable(path));
    else
        std::printf("%s\n", qPrintable(path));
}

void ScreenshotRunner::runQueue()
{
    if (m_queue.empty())
        return;
    QTimer::singleShot(300, this, [this] {
        auto next = std::move(m_queue.front());
        m_queue.erase(m_queue.begin());
        next();
        runQueue();
    });
}

void ScreenshotRunner::showDock(QDockWidget* dock)
{
    // raise() alone does not switch tabs reliably: select the dock's tab in whichever tab bar holds it.
    dock->show();
    dock->raise();
    const QList<QTabBar*> bars = m_window->findChildren<QTabBar*>();
    for (QTabBar* bar : bars)
        for (int i = 0; i < bar->count(); ++i)
            if (bar->tabText(i) == dock->windowTitle())
                bar->setCurrentIndex(i);
}

void ScreenshotRunner::grab(const QString& name)
{
    const QString path = QDir(m_directory).filePath(name);
    if (!m_window->grab().save(path))
        std::fprintf(stderr, "could not write %s\n", qPrintable(path));
    else
        std::printf("%s\n", qPrintable(path));
}

} // namespace qs::gui
