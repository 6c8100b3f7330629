#include "app/gui/panels/help_dialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace qs::gui {

HelpDialog::HelpDialog(const QString& title, const QString& html, QWidget* parent) : QDialog(parent), m_browser(new QTextBrowser(this))
{
    setWindowTitle(title);
    m_browser->setOpenExternalLinks(true);
    m_browser->setHtml(html);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_browser);
    layout->addWidget(buttons);
    resize(720, 640);
}

QString HelpDialog::userGuideHtml()
{
    const QString name = QLocale().name(); // "de_DE", "zh_CN"
    const QStringList candidates{QStringLiteral(":/help/user_guide_%1.html").arg(name),
                                 QStringLiteral(":/help/user_guide_%1.html").arg(name.section(QLatin1Char('_'), 0, 0)),
                                 QStringLiteral(":/help/user_guide.html")};
    for (const QString& path : candidates) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly | QIODevice::Text))
            return QString::fromUtf8(file.readAll());
    }
    return {};
}

QString HelpDialog::shortcutsHtml(const QList<QAction*>& actions)
{
    QString rows;
    for (const QAction* action : actions) {
        if (action->shortcuts().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence& key : action->shortcuts())
            keys << key.toString(QKeySequence::NativeText).toHtmlEscaped();
        QString text = action->text();
        text.remove(QRegularExpression(QStringLiteral("&(?!&)"))).remove(QChar(0x2026));
        rows += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(keys.join(QStringLiteral(", ")), text.toHtmlEscaped());
    }
    return QStringLiteral("<table cellspacing=\"0\" cellpadding=\"4\">%1</table>").arg(rows);
}

} // namespace qs::gui
