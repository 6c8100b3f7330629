#include "app/gui/main_window.h"

#include "app/gui/jobs/job_status_widget.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/models/runs_table_model.h"
#include "app/gui/panels/analysis_docks.h"
#include "app/gui/panels/graph_panel.h"
#include "app/gui/panels/layer_panel.h"
#include "app/gui/panels/log_panel.h"
#include "app/gui/panels/plot_docks.h"
#include "widgets/graph/graph_view.h"
#include "widgets/plots/accuracy_size_plot.h"
#include "widgets/plots/layer_error_chart.h"
#include "widgets/plots/observer_comparison_view.h"
#include "widgets/plots/weight_range_view.h"
#include "app/gui/panels/runs_panel.h"
#include "app/gui/workbench.h"
#include "core/data/calibration_pool.h"
#include "core/util/error.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>

namespace qs::gui {

namespace {
// Saved dock states of another layout version are ignored (1: the side-by-side default of resetLayout()).
constexpr int kLayoutVersion = 1;
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_workbench(new Workbench(this)), m_layerPanel(new LayerPanel(m_workbench->layers(), this)),
      m_runsPanel(new RunsPanel(m_workbench->runs(), this)), m_log(new LogPanel(this)), m_jobStatus(new JobStatusWidget(m_workbench->jobs(), this)),
      m_stateLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/quantscope.png")));
    setAcceptDrops(true);
    setCentralWidget(m_layerPanel);
    createActions();
    createMenus();
    createDocks();
    statusBar()->addWidget(m_stateLabel, 1);
    statusBar()->addPermanentWidget(m_jobStatus);

    Workbench* w = m_workbench;
    connect(w, &Workbench::message, m_log, &LogPanel::info);
    connect(w, &Workbench::errorOccurred, this, &MainWindow::onJobError);
    connect(w, &Workbench::liveAccuracy, m_runsPanel, &RunsPanel::setLive);
    connect(w, &Workbench::liveAccuracy, m_jobStatus, &JobStatusWidget::setDetail);
    connect(w, &Workbench::dirtyChanged, this, &MainWindow::updateTitle);
    connect(w, &Workbench::stateChanged, this, [this] {
        updateActions();
        updateStatus();
        updateTitle();
    });
    connect(w, &Workbench::modelLoaded, this, [this](const QString& path) {
        addRecentFile(path);
        m_runsPanel->setLive(tr("Evaluate (Ctrl+E) to add a run; the first run is the FP32 baseline."));
    });
    connect(w, &Workbench::evaluationFinished, this, [this] { m_runsPanel->setLive(tr("Last evaluation finished.")); });
    connect(w, &Workbench::inputShapeNeeded, this,
            [this](const QString&, const QStringList& inputs, const QString& reason) { chooseInputShape(inputs, reason); });
    auto showMetric = [this, w] { m_runsPanel->setMetric(w->metric(), w->metricSelectable()); };
    connect(w, &Workbench::metricChanged, this, showMetric);
    connect(w, &Workbench::stateChanged, this, showMetric);
    connect(m_runsPanel, &RunsPanel::metricChosen, w, &Workbench::setMetricChoice);
    connect(w->jobs(), &JobRunner::jobStarted, this, &MainWindow::updateActions);
    connect(w->jobs(), &JobRunner::idle, this, &MainWindow::updateActions);
    connect(w->jobs(), &JobRunner::jobCancelled, this, [this] { m_runsPanel->setLive(tr("Cancelled.")); });

    const QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray())) {
        QSize size(1600, 1000); // room for the layer table, the histogram and the runs with their plot
        if (const QScreen* screen = QGuiApplication::primaryScreen())
            size = size.boundedTo(screen->availableSize() * 9 / 10);
        resize(size);
    }
    if (restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray(), kLayoutVersion))
        m_sizeDocksOnShow = false;
    rebuildRecentMenu();
    updateActions();
    updateStatus();
    updateTitle();
}

MainWindow::~MainWindow() = default;

QDockWidget* MainWindow::addDock(const QString& objectName, const QString& title, QWidget* content)
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(content);
    m_viewMenu->addAction(dock->toggleViewAction());
    return dock;
}

void MainWindow::createDocks()
{
    m_plots = new PlotDocks(m_workbench, m_layerPanel, m_runsPanel, this);
    m_docks.histogram = addDock(QStringLiteral("histogramDock"), tr("Activation histogram"), m_plots->histogramPanel());
    m_docks.weights = addDock(QStringLiteral("weightRangeDock"), tr("Weight ranges"), m_plots->weights());
    m_docks.observers = addDock(QStringLiteral("observerDock"), tr("Observer comparison"), m_plots->observers());
    m_graph = new GraphPanel(m_workbench, m_layerPanel, this);
    m_docks.graph = addDock(QStringLiteral("graphDock"), tr("Graph"), m_graph->view());
    m_docks.runs = addDock(QStringLiteral("runsDock"), tr("Runs"), m_runsPanel);
    m_docks.accuracy = addDock(QStringLiteral("accuracySizeDock"), tr("Accuracy vs size"), m_plots->accuracy());
    m_docks.log = addDock(QStringLiteral("logDock"), tr("Log"), m_log);
    m_analysis = new AnalysisDocks(m_workbench, m_layerPanel, this);
    m_docks.layerErrors = addDock(QStringLiteral("layerErrorDock"), tr("Layer errors"), m_analysis->layerErrors());
    m_docks.sensitivity = addDock(QStringLiteral("sensitivityDock"), tr("Sensitivity"), m_analysis->sensitivityPanel());
    // A finished analysis brings its view to the front (it is a tab behind the accuracy plot).
    connect(m_workbench, &Workbench::analysisFinished, this, [this](const QString& kind) {
        if (kind == QLatin1String("analyze"))
            m_docks.layerErrors->raise();
        else if (kind == QLatin1String("sensitivity"))
            m_docks.sensitivity->raise();
        else if (kind == QLatin1String("autoquant"))
            m_docks.accuracy->raise();
    });
    connect(m_runsPanel, &RunsPanel::restoreRequested, m_workbench, &Workbench::restoreRunConfig);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_actions.resetLayout);
    arrangeDefaultDocks();
    m_sizeDocksOnShow = true; // unless a saved state is restored
}

void MainWindow::resetLayout()
{
    arrangeDefaultDocks();
    if (isVisible())
        sizeDefaultDocks();
    else
        m_sizeDocksOnShow = true;
}

void MainWindow::arrangeDefaultDocks()
{
    // The bottom area spans the whole width, so the right area holds only the histogram beside the table.
    setCorner(Qt::BottomLeftCorner, Qt::BottomDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::BottomDockWidgetArea);
    const Docks& d = m_docks;
    for (QDockWidget* dock : {d.histogram, d.weights, d.observers, d.graph, d.layerErrors, d.sensitivity, d.runs, d.accuracy, d.log}) {
        dock->setFloating(false);
        removeDockWidget(dock);
    }
    // Before the window is shown the first dock of a tab group is its current tab; once shown, raise() picks it.
    addDockWidget(Qt::RightDockWidgetArea, d.histogram);
    tabifyDockWidget(d.histogram, d.weights);
    tabifyDockWidget(d.weights, d.observers);
    tabifyDockWidget(d.observers, d.graph);
    addDockWidget(Qt::BottomDockWidgetArea, d.runs);
    splitDockWidget(d.runs, d.accuracy, Qt::Horizontal);
    tabifyDockWidget(d.runs, d.log);
    // The analyses behind the plot, whose tab bar has room for their titles (the histogram's holds four already).
    tabifyDockWidget(d.accuracy, d.layerErrors);
    tabifyDockWidget(d.layerErrors, d.sensitivity);
    for (QDockWidget* dock : {d.histogram, d.weights, d.observers, d.graph, d.layerErrors, d.sensitivity, d.runs, d.accuracy, d.log})
        dock->show();
    d.histogram->raise();
    d.runs->raise();
    d.accuracy->raise();
}

void MainWindow::sizeDefaultDocks()
{
    // The layer table keeps about 60 % of the width (its many columns), the runs row about 40 % of the height, and
    // the runs table (eleven columns) a little more of that row than the plot.
    const Docks& d = m_docks;
    resizeDocks({d.histogram}, {width() * 2 / 5}, Qt::Horizontal);
    resizeDocks({d.runs}, {height() * 2 / 5}, Qt::Vertical);
    resizeDocks({d.runs, d.accuracy}, {width() * 11 / 20, width() * 9 / 20}, Qt::Horizontal);
    m_sizeDocksOnShow = false;
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (m_sizeDocksOnShow)
        sizeDefaultDocks();
}

void MainWindow::updateActions()
{
    const bool model = m_workbench->hasModel();
    const bool busy = m_workbench->jobs()->isBusy();
    m_actions.calibrate->setEnabled(model);
    m_actions.evaluate->setEnabled(model);
    m_actions.inputShape->setEnabled(model);
    m_actions.equalize->setChecked(m_workbench->equalizesChannels());
    m_actions.cancel->setEnabled(busy);
    m_actions.analyzeLayers->setEnabled(model);
    m_actions.sensitivity->setEnabled(model);
    m_actions.autoquant->setEnabled(model);
    m_actions.applyAutoquant->setEnabled(m_workbench->autoquantResult() != nullptr);
    m_actions.saveSession->setEnabled(model);
    m_actions.saveSessionAs->setEnabled(model);
    m_actions.exportRuns->setEnabled(m_workbench->runs()->rowCount() > 0);
}

void MainWindow::updateTitle()
{
    const QString path = m_workbench->sessionPath().isEmpty() ? m_workbench->modelPath() : m_workbench->sessionPath();
    setWindowFilePath(path);
    setWindowTitle(path.isEmpty() ? tr("QuantScope") : tr("%1[*] \u2014 QuantScope").arg(QFileInfo(path).fileName()));
    setWindowModified(m_workbench->isDirty());
}

void MainWindow::updateStatus()
{
    const Workbench* w = m_workbench;
    const QString model = w->hasModel() ? QFileInfo(w->modelPath()).fileName() : tr("no model");
    // Folders have no splits: the split is shown only where it picks something; an input shape where one is given.
    bool split = true;
    try {
        split = hasTrainSplit(w->dataset().spec().toStdString());
    } catch (const Error&) {
    }
    QString data = split ? tr("%1 (%2)").arg(w->dataset().spec(), w->dataset().split) : w->dataset().spec();
    if (!w->dataset().inputShape.isEmpty())
        data += QStringLiteral("  \u00B7  ") + w->dataset().inputShape;
    const QString calib = w->calibrated() ? tr("calibrated") : tr("not calibrated");
    m_stateLabel->setText(QStringLiteral("%1  \u00B7  %2  \u00B7  %3").arg(model, data, calib));
}

void MainWindow::onJobError(const QString& kind, const JobError& error)
{
    QString title;
    if (kind == QLatin1String("load"))
        title = tr("Could not open the model");
    else if (kind == QLatin1String("calibrate"))
        title = tr("Calibration failed");
    else if (kind == QLatin1String("evaluate"))
        title = tr("Evaluation failed");
    else if (kind == QLatin1String("analyze"))
        title = tr("Layer analysis failed");
    else if (kind == QLatin1String("sensitivity"))
        title = tr("Sensitivity sweep failed");
    else if (kind == QLatin1String("autoquant"))
        title = tr("Auto mixed precision failed");
    else
        title = tr("Error");
    if (kind == QLatin1String("evaluate"))
        m_runsPanel->setLive(tr("Evaluation failed."));
    showError(title, describe(error));
}

void MainWindow::showError(const QString& title, const QString& text)
{
    m_lastError = text;
    m_log->error(title + QStringLiteral(": ") + text);
    if (m_errorBox)
        m_errorBox->close();
    // Window-modal and non-blocking: jobs and their results keep flowing while the box is up.
    m_errorBox = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    m_errorBox->setObjectName(QStringLiteral("errorBox"));
    m_errorBox->setAttribute(Qt::WA_DeleteOnClose);
    m_errorBox->open();
    emit errorShown(text);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    m_workbench->cancel();
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState(kLayoutVersion));
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls()) {
        const QString suffix = QFileInfo(url.toLocalFile()).suffix().toLower();
        if (url.isLocalFile() && (suffix == QLatin1String("onnx") || suffix == QLatin1String("qsession"))) {
            event->acceptProposedAction();
            return;
        }
    }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls()) {
        const QString path = url.toLocalFile();
        if (path.endsWith(QLatin1String(".qsession"), Qt::CaseInsensitive))
            openSession(path);
        else if (path.endsWith(QLatin1String(".onnx"), Qt::CaseInsensitive))
            openModel(path);
        else
            continue;
        event->acceptProposedAction();
        return;
    }
}

} // namespace qs::gui
