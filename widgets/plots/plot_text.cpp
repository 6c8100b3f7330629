#include "widgets/plots/plot_text.h"

#include <qcustomplot.h>

#include <QFontMetrics>
#include <QStringList>

#include <utility>
#include <vector>

namespace qs::widgets {

QString wrapText(const QString& text, const QFontMetrics& metrics, int width, const QString& separator)
{
    QStringList lines;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        std::vector<std::pair<QString, QString>> tokens; // (joiner before it, token)
        for (const QString& part : line.split(separator)) {
            const QString joiner = tokens.empty() ? QString() : separator;
            if (metrics.horizontalAdvance(part) <= width) {
                tokens.emplace_back(joiner, part);
                continue;
            }
            const QStringList words = part.split(QLatin1Char(' '));
            for (qsizetype i = 0; i < words.size(); ++i)
                tokens.emplace_back(i == 0 ? joiner : QStringLiteral(" "), words[i]);
        }
        QString current;
        for (const auto& [joiner, token] : tokens) {
            const QString joined = current.isEmpty() ? token : current + joiner + token;
            if (!current.isEmpty() && metrics.horizontalAdvance(joined) > width) {
                lines << current;
                current = token;
            } else {
                current = joined;
            }
        }
        lines << current;
    }
    return lines.join(QLatin1Char('\n'));
}

void letTitleWrap(QCPTextElement* title) { title->setMinimumSize(1, 0); } // height 0: the text's own

void fitTitle(QCustomPlot* plot, QCPTextElement* title, const QString& text, const QString& separator)
{
    const QString wrapped = wrapText(text, QFontMetrics(title->font()), title->rect().width(), separator);
    if (wrapped == title->text())
        return;
    // A new height for the title's row: lay out again now, within this replot (what QCustomPlot::updateLayout()
    // does, without emitting afterLayout again). The widths do not depend on the title, so this settles at once.
    title->setText(wrapped);
    for (auto phase : {QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins, QCPLayoutElement::upLayout})
        plot->plotLayout()->update(phase);
}

bool titleFits(const QCustomPlot* plot, const QCPTextElement* title)
{
    if (!plot->rect().contains(title->rect()))
        return false;
    const QFontMetrics metrics(title->font());
    for (const QString& line : title->text().split(QLatin1Char('\n')))
        if (metrics.horizontalAdvance(line) > title->rect().width())
            return false;
    return true;
}

} // namespace qs::widgets
