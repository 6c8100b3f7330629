#pragma once
// `quantscope --screenshot DIR`: loads the demo model, evaluates the default int8 config (with the FP32
// baseline), evaluates a second config, then writes DIR/main_*.png with QWidget::grab() and quits.
// Used by scripts/screenshots.sh (under xvfb-run) to look at what we build.

#include <QObject>
#include <QString>

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

    MainWindow* m_window;
    QString m_directory;
    QString m_modelPath;
    int m_evaluations = 0;
};

} // namespace qs::gui
