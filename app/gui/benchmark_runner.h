#pragma once
// `quantscope --benchmark`: the workbench's two interactive timings, measured on the real window.
//  - startup: from process start (the kernel's start time in /proc/self/stat, so loading the shared
//    libraries counts) to the window shown with the model loaded and the layer table filled: the first
//    paint of the table's viewport with the model's rows in it;
//  - re-evaluation: after a calibration and a first evaluation (which adds the FP32 baseline), one layer's
//    weight bits are changed through the view's model (the filter proxy a cell edit writes to), and the
//    int8 evaluation of the whole test split runs again, as Evaluate does; timed from the edit to the new
//    run row.
// Prints both (plain text, or one JSON line with --json) and quits. A benchmark, not a test.

#include <QElapsedTimer>
#include <QObject>
#include <QString>

namespace qs::gui {

class MainWindow;

// Seconds since this process started, from /proc/self/stat; negative where that is unavailable.
double secondsSinceProcessStart();

class BenchmarkRunner : public QObject {
    Q_OBJECT
public:
    BenchmarkRunner(MainWindow* window, QString modelPath, bool json);
    void start();

signals:
    void done(int exitCode);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onTablePainted();
    void report();

    MainWindow* m_window;
    QString m_modelPath;
    bool m_json;
    int m_evaluations = 0;
    bool m_waitingForPaint = false;
    double m_startupSeconds = 0.0;
    int m_rows = 0;
    QElapsedTimer m_reevaluation;
    double m_reevaluationSeconds = 0.0;
};

} // namespace qs::gui
