#include "app/gui/panels/log_panel.h"

#include "app/gui/jobs/job_runner.h"

#include <QTime>

namespace qs::gui {

LogPanel::LogPanel(QWidget* parent) : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("logPanel"));
    setReadOnly(true);
    setMaximumBlockCount(5000);
}

void LogPanel::info(const QString& text)
{
    appendPlainText(QTime::currentTime().toString(QStringLiteral("HH:mm:ss  ")) + text);
}

void LogPanel::error(const QString& text)
{
    appendHtml(QStringLiteral("<span style=\"color:#c03030\">%1  %2</span>")
                   .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"))));
}

QString describe(const JobError& e)
{
    QStringList lines{e.brief.isEmpty() ? e.message : e.brief};
    if (!e.file.isEmpty())
        lines << QObject::tr("File: %1").arg(e.file);
    if (!e.node.isEmpty())
        lines << QObject::tr("Node: %1").arg(e.node);
    if (e.line > 0)
        lines << QObject::tr("Line: %1").arg(e.line);
    if (e.sample >= 0)
        lines << QObject::tr("Sample: %1").arg(e.sample);
    return lines.join(QLatin1Char('\n'));
}

} // namespace qs::gui
