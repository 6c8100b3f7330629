#pragma once
// Runs core jobs off the GUI thread with QtConcurrent, one at a time. A job is a plain function of a
// qs::Progress (cancel flag + throttled progress) that returns an "apply" closure; the runner calls that
// closure on the GUI thread when the job succeeded, so results only ever touch widgets and models there.
// Starting a job while another runs cancels the running one and starts the new one once it has stopped
// (a newer queued job replaces an older queued one). qs::Error, qs::Cancelled and other exceptions are
// caught here, at the job boundary, and reported with the error's file/node/line context.

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace qs {
class Progress;
}

namespace qs::gui {

struct JobError {
    QString message;     // the full formatted message
    QString brief;       // the message without context
    QString file;
    QString node;
    int line = 0;
    qint64 sample = -1;
};

class JobRunner : public QObject {
    Q_OBJECT
public:
    using Apply = std::function<void()>;
    using Job = std::function<Apply(qs::Progress&)>;

    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override; // cancels and waits: jobs never outlive the window

    // kind: a short id ("load", "evaluate") callers use to ask what is running; title: shown to the user.
    void start(const QString& kind, const QString& title, Job job);
    void cancel(); // cancels the running job and drops a queued one
    bool isBusy() const { return m_running != nullptr; }
    QString runningKind() const;
    bool isRunningOrQueued(const QString& kind) const;

signals:
    void jobStarted(const QString& kind, const QString& title);
    // ETA in seconds, negative when unknown.
    void progressChanged(qint64 done, qint64 total, const QString& stage, double etaSeconds);
    void jobFinished(const QString& kind);
    void jobFailed(const QString& kind, const qs::gui::JobError& error);
    void jobCancelled(const QString& kind);
    void idle();

private:
    struct Outcome {
        Apply apply;
        bool cancelled = false;
        std::optional<JobError> error;
    };
    struct Running;
    struct Pending {
        QString kind, title;
        Job job;
    };

    void launch(Pending pending);
    void onFinished();
    void onProgress(quint64 token, qint64 done, qint64 total, const QString& stage);

    std::unique_ptr<Running> m_running;
    std::optional<Pending> m_queued;
    quint64 m_nextToken = 1;
};

} // namespace qs::gui

Q_DECLARE_METATYPE(qs::gui::JobError)
