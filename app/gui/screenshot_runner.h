#pragma once
// `quantscope --screenshot DIR`: loads the demo model, evaluates the default int8 config (with the FP32
// baseline) and three more configs (first conv FP32 + 6-bit activations; 6-bit weights; 4-bit weights
// with MSE activation ranges), then writes DIR/main_*.png with QWidget::grab() (the window in its default layout,
// the histogram, weight range and observer comparison docks each in front, the runs beside accuracy vs size; the
// dataset dialog and the user guide). Then the analyses, each waited for: Analyze Layers (the window with the
// layer-error chart in front, and the chart alone as analysis_layer_errors.png), the Sensitivity Sweep (the same
// with the heat map: main_sensitivity.png, analysis_sensitivity.png) and Auto Mixed Precision (its candidates as
// runs on the accuracy plot: main_autoquant.png); then it quits.
// Used by scripts/screenshots.sh (under xvfb-run) to look at what we build.

#include <QObject>
#include <QString>

#include <functional>
#include <vector>

class QDockWidget;

namespace qs::gui {

class MainWindow;

class ScreenshotRunner : public QObject {
    Q_OBJECT
public:
    ScreenshotRunner(MainWindow* window, QString directory, QString modelPath);
    void start();

signals:
    void done(int exitCode);

private:
    void grab(const QString& name);
    void step();
    void showDock(QDockWidget* dock);
    void runQueue();
    void onAnalysisFinished(const QString& kind);
    void saveWidget(QWidget* widget, const QString& name);

    MainWindow* m_window;
    QString m_directory;
    QString m_modelPath;
    int m_evaluations = 0;
    std::vector<std::function<void()>> m_queue;
};

} // namespace qs::gui
