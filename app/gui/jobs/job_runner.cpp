#include "app/gui/jobs/job_runner.h"

#include "core/util/error.h"
#include "core/util/progress.h"

#include <QtConcurrent/QtConcurrentRun>

namespace qs::gui {

struct JobRunner::Running {
    QString kind, title;
    quint64 token = 0;
    std::shared_ptr<Progress> progress;
    QFutureWatcher<Outcome> watcher;
    QElapsedTimer clock;
};

JobRunner::JobRunner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<JobError>();
}

JobRunner::~JobRunner()
{
    m_queued.reset();
    if (m_running) {
        m_running->progress->cancel();
        m_running->watcher.disconnect(this);
        m_running->watcher.waitForFinished();
    }
}

QString JobRunner::runningKind() const { return m_running ? m_running->kind : QString(); }

bool JobRunner::isRunningOrQueued(const QString& kind) const
{
    return (m_running && m_running->kind == kind && !m_running->progress->cancelled()) || (m_queued && m_queued->kind == kind);
}

void JobRunner::start(const QString& kind, const QString& title, Job job)
{
    Pending pending{kind, title, std::move(job)};
    if (m_running) {
        m_queued = std::move(pending);
        m_running->progress->cancel();
        return;
    }
    launch(std::move(pending));
}

void JobRunner::cancel()
{
    m_queued.reset();
    if (m_running)
        m_running->progress->cancel();
}

void JobRunner::launch(Pending pending)
{
    m_running = std::make_unique<Running>();
    Running& r = *m_running;
    r.kind = pending.kind;
    r.title = pending.title;
    r.token = m_nextToken++;
    const quint64 token = r.token;
    r.progress = std::make_shared<Progress>([this, token](long long done, long long total, const std::string& stage) {
        const QString text = QString::fromStdString(stage);
        QMetaObject::invokeMethod(this, [this, token, done, total, text] { onProgress(token, done, total, text); }, Qt::QueuedConnection);
    });
    connect(&r.watcher, &QFutureWatcher<Outcome>::finished, this, &JobRunner::onFinished);
    r.clock.start();
    emit jobStarted(r.kind, r.title);
    emit progressChanged(0, 0, r.title, -1.0);
    r.watcher.setFuture(QtConcurrent::run([job = std::move(pending.job), progress = r.progress]() -> Outcome {
        Outcome outcome;
        try {
            outcome.apply = job(*progress);
        } catch (const Cancelled&) {
            outcome.cancelled = true;
        } catch (const Error& e) {
            const ErrorContext& c = e.context();
            outcome.error = JobError{QString::fromStdString(e.what()), QString::fromStdString(e.message()), QString::fromStdString(c.file),
                                     QString::fromStdString(c.node), c.line, c.sample};
        } catch (const std::exception& e) {
            outcome.error = JobError{QString::fromLocal8Bit(e.what()), QString::fromLocal8Bit(e.what()), {}, {}, 0, -1};
        } catch (...) {
            outcome.error = JobError{tr("unknown error"), tr("unknown error"), {}, {}, 0, -1};
        }
        if (!outcome.error && progress->cancelled())
            outcome.cancelled = true;
        return outcome;
    }));
}

void JobRunner::onProgress(quint64 token, qint64 done, qint64 total, const QString& stage)
{
    if (!m_running || m_running->token != token || m_running->progress->cancelled())
        return;
    const double elapsed = static_cast<double>(m_running->clock.elapsed()) / 1000.0;
    const double eta = done > 0 && total > done ? elapsed * static_cast<double>(total - done) / static_cast<double>(done) : (done >= total && total > 0 ? 0.0 : -1.0);
    emit progressChanged(done, total, stage, eta);
}

void JobRunner::onFinished()
{
    std::unique_ptr<Running> finished = std::move(m_running);
    Outcome outcome = finished->watcher.result();
    const QString kind = finished->kind;
    if (outcome.cancelled) {
        emit jobCancelled(kind);
    } else if (outcome.error) {
        emit jobFailed(kind, *outcome.error);
    } else {
        try { // results are applied on the GUI thread; this is still the job's boundary
            if (outcome.apply)
                outcome.apply();
            emit jobFinished(kind);
        } catch (const Error& e) {
            const ErrorContext& c = e.context();
            emit jobFailed(kind, JobError{QString::fromStdString(e.what()), QString::fromStdString(e.message()), QString::fromStdString(c.file),
                                          QString::fromStdString(c.node), c.line, c.sample});
        } catch (const std::exception& e) {
            emit jobFailed(kind, JobError{QString::fromLocal8Bit(e.what()), QString::fromLocal8Bit(e.what()), {}, {}, 0, -1});
        }
    }
    if (m_queued) {
        Pending next = std::move(*m_queued);
        m_queued.reset();
        launch(std::move(next));
    } else {
        emit idle();
    }
}

} // namespace qs::gui
