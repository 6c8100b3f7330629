#include "app/gui/screenshot_runner.h"

#include "app/gui/main_window.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/panels/dataset_dialog.h"
#include "app/gui/panels/layer_panel.h"
#include "app/gui/workbench.h"

#include <QDir>
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
    connect(w, &Workbench::errorOccurred, this, [this](const QString&, const JobError& e) {
        std::fprintf(stderr, "screenshot run failed: %s\n", qPrintable(e.message));
        emit done(1);
    });
    w->openModel(m_modelPath);
}

void ScreenshotRunner::step()
{
    Workbench* w = m_window->workbench();
    if (++m_evaluations == 1) {
        // A second config: the first convolution kept in FP32, the rest at 6-bit activations (one undoable bulk edit each).
        LayerTableModel* layers = w->layers();
        layers->setData(layers->index(0, LayerTableModel::NoQuant), true);
        std::vector<int> rest;
        for (int row = 1; row < layers->rowCount(); ++row)
            rest.push_back(row);
        layers->setBulkRows(rest);
        if (!rest.empty())
            layers->setData(layers->index(rest.front(), LayerTableModel::BitsActivations), 6);
        layers->setBulkRows({});
        w->evaluate();
        return;
    }
    QTableView* table = m_window->layerPanel()->view();
    table->selectRow(1);
    table->selectionModel()->select(m_window->layerPanel()->proxy()->index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    grab(QStringLiteral("main_window.png"));

    m_window->layerPanel()->setFilter(QStringLiteral("conv"), false);
    grab(QStringLiteral("main_layers_filtered.png"));
    m_window->layerPanel()->setFilter({}, false);

    DatasetDialog dialog(w->dataset(), m_window);
    dialog.show();
    dialog.grab().save(QDir(m_directory).filePath(QStringLiteral("main_dataset_dialog.png")));
    dialog.close();
    emit done(0);
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
