#include "app/gui/jobs/job_status_widget.h"

#include "app/gui/jobs/job_runner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace qs::gui {

JobStatusWidget::JobStatusWidget(JobRunner* runner, QWidget* parent)
    : QWidget(parent), m_title(new QLabel(this)), m_bar(new QProgressBar(this)), m_eta(new QLabel(this)), m_detail(new QLabel(this)),
      m_cancel(new QToolButton(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_bar->setMaximumWidth(180);
    m_bar->setTextVisible(true);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Cancel the running job (Esc)"));
    m_cancel->setObjectName(QStringLiteral("cancelJobButton"));
    layout->addWidget(m_title);
    layout->addWidget(m_bar);
    layout->addWidget(m_eta);
    layout->addWidget(m_detail);
    layout->addWidget(m_cancel);
    hide();

    connect(m_cancel, &QToolButton::clicked, runner, &JobRunner::cancel);
    connect(runner, &JobRunner::jobStarted, this, [this](const QString&, const QString& title) {
        m_title->setText(title);
        m_bar->setRange(0, 0);
        m_eta->clear();
        m_detail->clear();
        show();
    });
    connect(runner, &JobRunner::progressChanged, this, [this](qint64 done, qint64 total, const QString&, double eta) {
        if (total > 0) {
            m_bar->setRange(0, 1000);
            m_bar->setValue(static_cast<int>(1000.0 * static_cast<double>(done) / static_cast<double>(total)));
        }
        m_eta->setText(eta >= 0 ? tr("ETA %1 s").arg(eta, 0, 'f', eta < 10 ? 1 : 0) : QString());
    });
    connect(runner, &JobRunner::idle, this, &QWidget::hide);
}

void JobStatusWidget::setDetail(const QString& text) { m_detail->setText(text); }

} // namespace qs::gui
