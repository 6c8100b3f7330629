#include "app/gui/benchmark_runner.h"

#include "app/gui/main_window.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/models/runs_table_model.h"
#include "app/gui/panels/layer_panel.h"
#include "app/gui/workbench.h"

#include <QEvent>
#include <QFile>
#include <QTableView>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace qs::gui {

double secondsSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1.0;
    // Field 22 is the start time in clock ticks since boot; the command name (field 2) may hold spaces,
    // so count from the closing parenthesis.
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 20)
        return -1.0;
    const double startTicks = fields[19].toDouble();
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9 - startTicks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

BenchmarkRunner::BenchmarkRunner(MainWindow* window, QString modelPath, bool json)
    : QObject(window), m_window(window), m_modelPath(std::move(modelPath)), m_json(json)
{
}

void BenchmarkRunner::start()
{
    Workbench* w = m_window->workbench();
    connect(w, &Workbench::modelLoaded, this, [this] {
        // Usable once the table has been painted with the model's rows (see eventFilter).
        QWidget* viewport = m_window->layerPanel()->view()->viewport();
        m_waitingForPaint = true;
        viewport->installEventFilter(this);
        viewport->update();
    });
    connect(w, &Workbench::calibrationFinished, this, [w] { w->evaluate(); });
    connect(w, &Workbench::evaluationFinished, this, [this, w] {
        ++m_evaluations;
        if (m_evaluations == 1) {
            QTimer::singleShot(0, this, [this, w] {
                QAbstractItemModel* table = m_window->layerPanel()->view()->model();
                m_reevaluation.start();
                table->setData(table->index(0, LayerTableModel::BitsWeights), 6);
                w->evaluate();
            });
            return;
        }
        m_reevaluationSeconds = static_cast<double>(m_reevaluation.nsecsElapsed()) * 1e-9;
        report();
    });
    connect(w, &Workbench::errorOccurred, this, [this](const QString&, const JobError& e) {
        std::fprintf(stderr, "benchmark failed: %s\n", qPrintable(e.message));
        emit done(1);
    });
    w->openModel(m_modelPath);
}

bool BenchmarkRunner::eventFilter(QObject* watched, QEvent* event)
{
    if (m_waitingForPaint && event->type() == QEvent::Paint && m_window->workbench()->layers()->rowCount() > 0) {
        m_waitingForPaint = false;
        watched->removeEventFilter(this);
        // Timed once this paint has been done.
        QTimer::singleShot(0, this, &BenchmarkRunner::onTablePainted);
    }
    return QObject::eventFilter(watched, event);
}

void BenchmarkRunner::onTablePainted()
{
    m_startupSeconds = secondsSinceProcessStart();
    m_rows = m_window->workbench()->layers()->rowCount();
    m_window->workbench()->calibrate();
}

void BenchmarkRunner::report()
{
    const int runs = m_window->workbench()->runs()->rowCount();
    if (m_json)
        std::printf("{\"model\":\"%s\",\"startup_s\":%.3f,\"layers\":%d,\"reevaluation_s\":%.3f,\"runs\":%d}\n", qPrintable(m_modelPath),
                    m_startupSeconds, m_rows, m_reevaluationSeconds, runs);
    else
        std::printf("model: %s\nstartup to a usable window (%d layers in the table): %.3f s\n"
                    "edit one layer -> int8 re-evaluation of the test split -> new run row: %.3f s (%d runs)\n",
                    qPrintable(m_modelPath), m_rows, m_startupSeconds, m_reevaluationSeconds, runs);
    std::fflush(stdout);
    emit done(0);
}

} // namespace qs::gui
