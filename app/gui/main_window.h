#pragma once
// The workbench window. It only wires parts together: the Workbench (state and jobs), the layer panel as
// the central widget, dockable panels (runs, log, plots), menus/toolbar/shortcuts, recent files, drag and
// drop of .onnx files, QSettings-persisted geometry and dock state, and error reporting (message box +
// log, never modal-blocking a running job and never dropping the current session).
// The default dock layout keeps the work in view at once: the layer table (central) with the selected layer's
// histogram beside it and the runs with accuracy vs size below both; the other docks are tabs behind those.
// View › Reset Layout brings it back.

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;


namespace qs::gui {

class AnalysisDocks;
class GraphPanel;
class HelpDialog;
class InputShapeDialog;
class JobStatusWidget;
class LayerPanel;
class LogPanel;
class PlotDocks;
class RunsPanel;
class Workbench;
struct JobError;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    Workbench* workbench() const { return m_workbench; }
    LayerPanel* layerPanel() const { return m_layerPanel; }
    RunsPanel* runsPanel() const { return m_runsPanel; }
    LogPanel* logPanel() const { return m_log; }
    PlotDocks* plots() const { return m_plots; }
    GraphPanel* graphPanel() const { return m_graph; }
    AnalysisDocks* analysis() const { return m_analysis; }
    QMessageBox* errorBox() const { return m_errorBox; }
    QString lastError() const { return m_lastError; }
    // The open input-shape prompt (non-modal: a running job is never blocked), null when none.
    InputShapeDialog* inputShapeDialog() const;
    // Run › Input Shape: asks for the loaded model's dynamic input shape (also opened when a model needs one).
    InputShapeDialog* chooseInputShape(const QStringList& inputs = {}, const QString& reason = {});

    // Asks before discarding unsaved work (off in tests and screenshot runs).
    void setAskToSave(bool ask) { m_askToSave = ask; }

    // Help › User Guide and Help › Keyboard Shortcuts (non-modal; the window owns them).
    HelpDialog* showUserGuide();
    HelpDialog* showShortcuts();

    // The default dock layout (see above), sized to the window.
    void resetLayout();

public slots:
    void openModel(const QString& path);
    void openSession(const QString& path);
    void showError(const QString& title, const QString& text);

    // File > Export Quantized Model without its dialog: writes in the background, then logs the notes and emits
    // quantizedModelExported (or shows the error).
    void exportQuantizedModelTo(const QString& path);

signals:
    void errorShown(const QString& text);
    void quantizedModelExported(const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    QDockWidget* addDock(const QString& objectName, const QString& title, QWidget* content);
    void arrangeDefaultDocks();
    void sizeDefaultDocks();
    void updateActions();
    void updateTitle();
    void updateStatus();
    void addRecentFile(const QString& path);
    void rebuildRecentMenu();
    bool maybeSave();
    bool saveSession();
    bool saveSessionAs();
    QString modelFolder() const; // the loaded model's folder (file dialogs' fallback start folder)
    void chooseModel();
    void chooseSession();
    void chooseDataset();
    void exportRunsCsv();
    void exportConfigFile();
    void exportQuantizedModelFile();
    void importConfigFile();
    void chooseAutoquant();
    void onJobError(const QString& kind, const JobError& error);

    Workbench* m_workbench;
    LayerPanel* m_layerPanel;
    RunsPanel* m_runsPanel;
    LogPanel* m_log;
    PlotDocks* m_plots = nullptr;
    GraphPanel* m_graph = nullptr;
    AnalysisDocks* m_analysis = nullptr;
    JobStatusWidget* m_jobStatus;
    QLabel* m_stateLabel;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QPointer<QMessageBox> m_errorBox;
    QPointer<HelpDialog> m_guide;
    QPointer<HelpDialog> m_shortcuts;
    QPointer<InputShapeDialog> m_inputShapeDialog;
    QString m_lastError;
    bool m_askToSave = true;
    bool m_sizeDocksOnShow = false; // the default layout was arranged before the window had its size

    struct Docks {
        QDockWidget* runs = nullptr;
        QDockWidget* log = nullptr;
        QDockWidget* histogram = nullptr;
        QDockWidget* weights = nullptr;
        QDockWidget* observers = nullptr;
        QDockWidget* graph = nullptr; // tabbed behind the histogram
        QDockWidget* accuracy = nullptr;
        QDockWidget* layerErrors = nullptr; // tabbed behind the accuracy plot
        QDockWidget* sensitivity = nullptr;
    } m_docks;

    struct Actions {
        QAction* openModel = nullptr;
        QAction* openSession = nullptr;
        QAction* saveSession = nullptr;
        QAction* saveSessionAs = nullptr;
        QAction* exportRuns = nullptr;
        QAction* importConfig = nullptr;
        QAction* exportConfig = nullptr;
        QAction* exportQuantizedModel = nullptr;
        QAction* quit = nullptr;
        QAction* undo = nullptr;
        QAction* redo = nullptr;
        QAction* find = nullptr;
        QAction* dataset = nullptr;
        QAction* inputShape = nullptr;
        QAction* equalize = nullptr; // checkable: cross-layer equalization before calibrating
        QAction* calibrate = nullptr;
        QAction* evaluate = nullptr;
        QAction* cancel = nullptr;
        QAction* analyzeLayers = nullptr;
        QAction* sensitivity = nullptr;
        QAction* autoquant = nullptr;
        QAction* applyAutoquant = nullptr;
        QAction* resetLayout = nullptr;
        QAction* guide = nullptr;
        QAction* shortcuts = nullptr;
        QAction* aboutQt = nullptr;
        QAction* about = nullptr;
    } m_actions;
};

} // namespace qs::gui
