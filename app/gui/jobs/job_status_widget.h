#pragma once
// The status bar's view of the JobRunner: what runs, a progress bar, the ETA and a Cancel button.
// Hidden while nothing runs.

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace qs::gui {

class JobRunner;

class JobStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit JobStatusWidget(JobRunner* runner, QWidget* parent = nullptr);

    // An extra line of live information (running accuracy) next to the bar.
    void setDetail(const QString& text);

private:
    QLabel* m_title;
    QProgressBar* m_bar;
    QLabel* m_eta;
    QLabel* m_detail;
    QToolButton* m_cancel;
};

} // namespace qs::gui
