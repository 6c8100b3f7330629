// MainWindow's actions, menus and the file handling behind them (open, save, recent files, export).
#include "app/gui/main_window.h"

#include "app/gui/app_paths.h"
#include "app/gui/file_dialog_folders.h"
#include "app/gui/models/runs_table_model.h"
#include "app/gui/panels/autoquant_dialog.h"
#include "app/gui/panels/dataset_dialog.h"
#include "app/gui/panels/help_dialog.h"
#include "app/gui/panels/input_shape_dialog.h"
#include "app/gui/panels/layer_panel.h"
#include "app/gui/panels/log_panel.h"
#include "app/gui/workbench.h"
#include "core/util/error.h"

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QToolBar>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

namespace qs::gui {

namespace {
const QString kRecentKey = QStringLiteral("recentFiles");
constexpr int kMaxRecent = 8;
} // namespace

void MainWindow::createActions()
{
    auto make = [this](const QString& text, const QKeySequence& shortcut, const QString& tip, auto slot) {
        auto* a = new QAction(text, this);
        a->setShortcut(shortcut);
        a->setStatusTip(tip);
        a->setToolTip(tip);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    Workbench* w = m_workbench;
    m_actions.openModel = make(tr("&Open Model\u2026"), QKeySequence::Open, tr("Open an ONNX model"), [this] { chooseModel(); });
    m_actions.openSession = make(tr("Open &Session\u2026"), QKeySequence(tr("Ctrl+Shift+O")), tr("Open a saved workbench session"),
                                 [this] { chooseSession(); });
    m_actions.saveSession = make(tr("&Save Session"), QKeySequence::Save, tr("Save the model, data, config and runs"), [this] { saveSession(); });
    m_actions.saveSessionAs = make(tr("Save Session &As\u2026"), QKeySequence::SaveAs, tr("Save the session under a new name"), [this] { saveSessionAs(); });
    m_actions.exportRuns = make(tr("&Export Runs as CSV\u2026"), QKeySequence(), tr("Write the runs table to a CSV file"), [this] { exportRunsCsv(); });
    m_actions.importConfig = make(tr("&Import Config (Distiller YAML)\u2026"), QKeySequence(),
                                  tr("Apply a Distiller PostTrainLinearQuantizer YAML config to the layers (undoable)"),
                                  [this] { importConfigFile(); });
    m_actions.exportConfig = make(tr("E&xport Config (Distiller YAML)\u2026"), QKeySequence(),
                                  tr("Write the layer settings as a Distiller YAML config (usable with --qe-config-file)"),
                                  [this] { exportConfigFile(); });
    m_actions.exportQuantizedModel = make(tr("Export &Quantized Model (ONNX QDQ)\u2026"), QKeySequence(),
                                          tr("Write the model with the table's quantization as an ONNX QDQ model (int8 weights; "
                                             "ONNX Runtime runs it on its int8 kernels)"),
                                          [this] { exportQuantizedModelFile(); });
    m_actions.quit = make(tr("&Quit"), QKeySequence::Quit, tr("Quit QuantScope"), [this] { close(); });

    m_actions.undo = w->undoStack()->createUndoAction(this, tr("&Undo"));
    m_actions.undo->setShortcut(QKeySequence::Undo);
    m_actions.redo = w->undoStack()->createRedoAction(this, tr("&Redo"));
    m_actions.redo->setShortcut(QKeySequence::Redo);
    m_actions.find = make(tr("&Find Layer"), QKeySequence::Find, tr("Filter the layer table"), [this] {
        m_layerPanel->filterEdit()->setFocus();
        m_layerPanel->filterEdit()->selectAll();
    });

    m_actions.dataset = make(tr("&Dataset\u2026"), QKeySequence(tr("Ctrl+D")), tr("Choose the evaluation and calibration data"), [this] { chooseDataset(); });
    m_actions.inputShape = make(tr("Input &Shape\u2026"), QKeySequence(), tr("Give the shape of the model's dynamic inputs (e.g. 1x3x320x320)"),
                                [this] { chooseInputShape(); });
    m_actions.inputShape->setObjectName(QStringLiteral("inputShapeAction"));
    // Checked state follows the workbench (a session sets it), so the action only asks, on triggered.
    m_actions.equalize = new QAction(tr("E&qualize Channels Before Calibrating"), this);
    m_actions.equalize->setCheckable(true);
    m_actions.equalize->setStatusTip(tr("Rescale the weights of consecutive convolutions so their channels share one range (cross-layer "
                                        "equalization); clears the calibration, analyses and runs"));
    m_actions.equalize->setToolTip(m_actions.equalize->statusTip());
    m_actions.equalize->setObjectName(QStringLiteral("equalizeChannelsAction"));
    connect(m_actions.equalize, &QAction::triggered, w, &Workbench::setEqualizeChannels);
    m_actions.calibrate = make(tr("&Calibrate"), QKeySequence(tr("Ctrl+L")), tr("Observe activation ranges on calibration images"), [w] { w->calibrate(); });
    m_actions.evaluate = make(tr("&Evaluate"), QKeySequence(tr("Ctrl+E")), tr("Evaluate the current config (and the FP32 baseline first)"),
                              [w] { w->evaluate(); });
    m_actions.cancel = make(tr("C&ancel Job"), QKeySequence(Qt::Key_Escape), tr("Cancel the running job"), [w] { w->cancel(); });
    m_actions.analyzeLayers = make(tr("Analyze &Layers"), QKeySequence(),
                                   tr("Measure every int8 layer's SQNR against FP32 (whole model and layer alone, real int8 and "
                                      "simulated) on the first %1 evaluation images")
                                       .arg(Workbench::kLayerErrorSamples),
                                   [w] { w->analyzeLayers(); });
    m_actions.analyzeLayers->setObjectName(QStringLiteral("analyzeLayersAction"));
    m_actions.sensitivity = make(tr("&Sensitivity Sweep"), QKeySequence(),
                                 tr("Probe every layer alone at 8, 6 and 4 bits, and the model with only that layer in FP32, on the first "
                                    "%1 evaluation images")
                                     .arg(Workbench::kSensitivitySamples),
                                 [w] { w->sweepSensitivity(); });
    m_actions.sensitivity->setObjectName(QStringLiteral("sensitivitySweepAction"));
    m_actions.autoquant = make(tr("Auto &Mixed Precision\u2026"), QKeySequence(),
                               tr("Search per-layer weight widths that make the model smallest within a top-1 budget"),
                               [this] { chooseAutoquant(); });
    m_actions.autoquant->setObjectName(QStringLiteral("autoquantAction"));
    m_actions.applyAutoquant = make(tr("A&pply Mixed Precision"), QKeySequence(),
                                    tr("Put the widths the last search chose into the layer table (undoable)"), [w] { w->applyAutoquant(); });
    m_actions.applyAutoquant->setObjectName(QStringLiteral("applyAutoquantAction"));
    m_actions.resetLayout = make(tr("Reset &Layout"), QKeySequence(),
                                 tr("Show the layer table, the histogram, the runs and accuracy vs size side by side again"),
                                 [this] { resetLayout(); });
    m_actions.resetLayout->setObjectName(QStringLiteral("resetLayoutAction"));
    m_actions.guide = make(tr("&User Guide"), QKeySequence::HelpContents,
                           tr("The workflow, the keyboard shortcuts, the clip methods and the modes"), [this] { showUserGuide(); });
    m_actions.guide->setObjectName(QStringLiteral("userGuideAction"));
    m_actions.shortcuts = make(tr("&Keyboard Shortcuts"), QKeySequence(), tr("List the keyboard shortcuts"), [this] { showShortcuts(); });
    m_actions.shortcuts->setObjectName(QStringLiteral("shortcutsAction"));
    m_actions.aboutQt = make(tr("About &Qt"), QKeySequence(), {}, [] { QApplication::aboutQt(); });
    m_actions.aboutQt->setObjectName(QStringLiteral("aboutQtAction"));
    m_actions.about = make(tr("&About QuantScope"), QKeySequence(), {}, [this] {
        QMessageBox::about(this, tr("About QuantScope"),
                           tr("<b>QuantScope %1</b><br>Post-training quantization workbench for ONNX CNNs on oneDNN.").arg(appVersion()));
    });
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_actions.openModel);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(m_actions.openSession);
    file->addSeparator();
    file->addAction(m_actions.saveSession);
    file->addAction(m_actions.saveSessionAs);
    file->addSeparator();
    file->addAction(m_actions.importConfig);
    file->addAction(m_actions.exportConfig);
    file->addAction(m_actions.exportQuantizedModel);
    file->addAction(m_actions.exportRuns);
    file->addSeparator();
    file->addAction(m_actions.quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_actions.undo);
    edit->addAction(m_actions.redo);
    edit->addSeparator();
    edit->addAction(m_actions.find);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_actions.dataset);
    run->addAction(m_actions.inputShape);
    run->addAction(m_actions.equalize);
    run->addSeparator();
    run->addAction(m_actions.calibrate);
    run->addAction(m_actions.evaluate);
    run->addAction(m_actions.cancel);
    run->addSeparator();
    run->addAction(m_actions.analyzeLayers);
    run->addAction(m_actions.sensitivity);
    run->addAction(m_actions.autoquant);
    run->addAction(m_actions.applyAutoquant);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    help->addAction(m_actions.guide);
    help->addAction(m_actions.shortcuts);
    help->addSeparator();
    help->addAction(m_actions.aboutQt);
    help->addAction(m_actions.about);

    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(m_actions.openModel);
    bar->addAction(m_actions.dataset);
    bar->addSeparator();
    bar->addAction(m_actions.calibrate);
    bar->addAction(m_actions.evaluate);
    bar->addAction(m_actions.cancel);
    m_viewMenu->addAction(bar->toggleViewAction());
    m_viewMenu->addSeparator();
}

HelpDialog* MainWindow::showUserGuide()
{
    if (!m_guide) {
        m_guide = new HelpDialog(tr("QuantScope User Guide"), HelpDialog::userGuideHtml(), this);
        m_guide->setObjectName(QStringLiteral("userGuide"));
    }
    m_guide->show();
    m_guide->raise();
    m_guide->activateWindow();
    return m_guide;
}

HelpDialog* MainWindow::showShortcuts()
{
    // Built when asked: the list follows the actions as they are now.
    delete m_shortcuts;
    QList<QAction*> actions;
    for (QAction* a : {m_actions.openModel, m_actions.openSession, m_actions.saveSession, m_actions.saveSessionAs, m_actions.quit, m_actions.undo,
                       m_actions.redo, m_actions.find, m_actions.dataset, m_actions.calibrate, m_actions.evaluate, m_actions.cancel, m_actions.guide})
        actions << a;
    m_shortcuts = new HelpDialog(tr("Keyboard Shortcuts"),
                                 HelpDialog::shortcutsHtml(actions) +
                                     tr("<p>In the layer table, F2 or typing edits the current cell; with several rows selected a change "
                                        "applies to all of them.</p>"),
                                 this);
    m_shortcuts->setObjectName(QStringLiteral("keyboardShortcuts"));
    m_shortcuts->resize(480, 460);
    m_shortcuts->show();
    return m_shortcuts;
}

void MainWindow::openModel(const QString& path)
{
    if (!maybeSave())
        return;
    m_log->info(tr("Opening %1").arg(path));
    m_workbench->openModel(path);
}

void MainWindow::openSession(const QString& path)
{
    if (!maybeSave())
        return;
    try {
        m_workbench->openSession(path);
        addRecentFile(path);
    } catch (const Error& e) {
        JobError error{QString::fromStdString(e.what()), QString::fromStdString(e.message()), QString::fromStdString(e.context().file),
                       QString::fromStdString(e.context().node), e.context().line, e.context().sample};
        showError(tr("Could not open the session"), describe(error));
    }
}

QString MainWindow::modelFolder() const
{
    return m_workbench->modelPath().isEmpty() ? QString() : QFileInfo(m_workbench->modelPath()).absolutePath();
}

void MainWindow::chooseModel()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Model"), startFolder(FileKind::Model, modelFolder()),
                                                      tr("ONNX models (*.onnx);;All files (*)"));
    if (path.isEmpty())
        return;
    rememberFolder(FileKind::Model, path);
    openModel(path);
}

void MainWindow::chooseSession()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Session"), startFolder(FileKind::Session, modelFolder()),
                                                      tr("QuantScope sessions (*.qsession);;All files (*)"));
    if (path.isEmpty())
        return;
    rememberFolder(FileKind::Session, path);
    openSession(path);
}

void MainWindow::chooseAutoquant()
{
    AutoquantDialog dialog(m_workbench->dataset().evalLimit, this);
    if (dialog.exec() == QDialog::Accepted)
        m_workbench->autoMixedPrecision(dialog.options(), dialog.samples());
}

InputShapeDialog* MainWindow::inputShapeDialog() const { return m_inputShapeDialog; }

InputShapeDialog* MainWindow::chooseInputShape(const QStringList& inputs, const QString& reason)
{
    Workbench* w = m_workbench;
    if (!w->hasModel())
        return nullptr;
    delete m_inputShapeDialog;
    const QString why = reason.isEmpty() ? tr("The shape the model runs at where it leaves input dims dynamic.") : reason;
    m_inputShapeDialog = new InputShapeDialog(QFileInfo(w->modelPath()).fileName(), inputs.isEmpty() ? w->dynamicInputs() : inputs, why,
                                              w->dataset().inputShape, [w](const QString& text) { return w->inputShapeProblem(text); }, this);
    m_inputShapeDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_inputShapeDialog, &QDialog::accepted, this, [this, dialog = m_inputShapeDialog] {
        if (dialog)
            m_workbench->setInputShape(dialog->shape());
    });
    m_inputShapeDialog->open();
    return m_inputShapeDialog;
}

void MainWindow::chooseDataset()
{
    DatasetDialog dialog(m_workbench->dataset(), this);
    if (dialog.exec() == QDialog::Accepted)
        m_workbench->setDataset(dialog.selection());
}

bool MainWindow::maybeSave()
{
    if (!m_askToSave || !m_workbench->isDirty())
        return true;
    const auto answer = QMessageBox::question(this, tr("Unsaved session"), tr("The session has unsaved changes. Save them first?"),
                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return saveSession();
    return answer == QMessageBox::Discard;
}

bool MainWindow::saveSession()
{
    if (m_workbench->sessionPath().isEmpty())
        return saveSessionAs();
    try {
        m_workbench->saveSession(m_workbench->sessionPath());
        return true;
    } catch (const Error& e) {
        showError(tr("Could not save the session"), QString::fromStdString(e.what()));
        return false;
    }
}

bool MainWindow::saveSessionAs()
{
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save Session"),
        startPath(FileKind::Session, QFileInfo(m_workbench->modelPath()).completeBaseName() + QStringLiteral(".qsession"), modelFolder()),
        tr("QuantScope sessions (*.qsession)"));
    if (path.isEmpty())
        return false;
    rememberFolder(FileKind::Session, path);
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".qsession");
    try {
        m_workbench->saveSession(path);
        addRecentFile(path);
        updateTitle();
        return true;
    } catch (const Error& e) {
        showError(tr("Could not save the session"), QString::fromStdString(e.what()));
        return false;
    }
}

void MainWindow::exportRunsCsv()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Runs"), startPath(FileKind::Export, QStringLiteral("runs.csv"), modelFolder()),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    rememberFolder(FileKind::Export, path);
    try {
        m_workbench->exportRunsCsv(path);
        m_log->info(tr("Runs exported to %1").arg(path));
    } catch (const Error& e) {
        showError(tr("Could not export the runs"), QString::fromStdString(e.what()));
    }
}

void MainWindow::exportConfigFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Config"),
                                                      startPath(FileKind::Config, QStringLiteral("quantization.yaml"), modelFolder()),
                                                      tr("YAML files (*.yaml *.yml)"));
    if (path.isEmpty())
        return;
    rememberFolder(FileKind::Config, path);
    try {
        m_workbench->exportConfig(path);
        m_log->info(tr("Config exported to %1").arg(path));
    } catch (const Error& e) {
        showError(tr("Could not export the config"), QString::fromStdString(e.what()));
    }
}

void MainWindow::exportQuantizedModelFile()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Quantized Model"),
                                                      startPath(FileKind::Export, QStringLiteral("model_int8_qdq.onnx"), modelFolder()),
                                                      tr("ONNX models (*.onnx)"));
    if (path.isEmpty())
        return;
    rememberFolder(FileKind::Export, path);
    exportQuantizedModelTo(path);
}

void MainWindow::exportQuantizedModelTo(const QString& path)
{
    std::function<QStringList()> work;
    try {
        work = m_workbench->quantizedModelExport(path);
    } catch (const Error& e) {
        showError(tr("Could not export the quantized model"), QString::fromStdString(e.what()));
        return;
    }
    // Off the GUI thread, beside whatever job runs (the job runner would cancel it): the plan's clip searches and the
    // weights of a large model take seconds. One export at a time.
    struct Outcome {
        QStringList notes;
        QString error;
    };
    m_actions.exportQuantizedModel->setEnabled(false);
    m_log->info(tr("Exporting the quantized model to %1\u2026").arg(path));
    auto* watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, path] {
        const Outcome outcome = watcher->result();
        watcher->deleteLater();
        m_actions.exportQuantizedModel->setEnabled(true);
        if (!outcome.error.isEmpty()) {
            showError(tr("Could not export the quantized model"), outcome.error);
            return;
        }
        m_log->info(tr("Quantized model exported to %1").arg(path));
        for (const QString& note : outcome.notes)
            m_log->info(tr("Note: %1").arg(note));
        emit quantizedModelExported(path);
    });
    watcher->setFuture(QtConcurrent::run([work = std::move(work)] {
        try {
            return Outcome{work(), {}};
        } catch (const std::exception& e) {
            return Outcome{{}, QString::fromStdString(e.what())};
        }
    }));
}

void MainWindow::importConfigFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Config"), startFolder(FileKind::Config, modelFolder()),
                                                      tr("YAML files (*.yaml *.yml)"));
    if (path.isEmpty())
        return;
    rememberFolder(FileKind::Config, path);
    try {
        for (const QString& warning : m_workbench->importConfig(path))
            m_log->info(warning);
    } catch (const Error& e) {
        showError(tr("Could not import the config; nothing was changed"), QString::fromStdString(e.what()));
    }
}

void MainWindow::addRecentFile(const QString& path)
{
    QSettings settings;
    QStringList files = settings.value(kRecentKey).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecent)
        files.removeLast();
    settings.setValue(kRecentKey, files);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = QSettings().value(kRecentKey).toStringList();
    for (const QString& file : files) {
        QAction* a = m_recentMenu->addAction(QFileInfo(file).fileName());
        a->setStatusTip(file);
        connect(a, &QAction::triggered, this, [this, file] {
            if (file.endsWith(QLatin1String(".qsession")))
                openSession(file);
            else
                openModel(file);
        });
    }
    m_recentMenu->setEnabled(!files.isEmpty());
    if (!files.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear List"), this, [this] {
            QSettings().remove(kRecentKey);
            rebuildRecentMenu();
        });
    }
}

} // namespace qs::gui
