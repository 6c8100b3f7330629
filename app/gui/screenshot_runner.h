#pragma once
// `quantscope --screenshot DIR`: loads the demo model, evaluates the default int8 config (with the FP32
// baseline) and three more configs (first conv FP32 + 6-bit activations; 6-bit weights; 4-bit weights
// with MSE activation ranges), then writes DIR/main_*.png with QWidget::grab() (the window in its default layout,
// the histogram, weight range and observer comparison docks each in front, the runs beside accuracy vs size; the
// dataset dialog and the user guide) and quits.
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

    MainWindow* m_window;
    QString m_directory;
    QString m_modelPath;
    int m_evaluations = 0;
    std::vector<std::function<void()>> m_queue;
};

} // namespace qs::gui
