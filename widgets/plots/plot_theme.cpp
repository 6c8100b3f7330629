#include "widgets/plots/plot_theme.h"

#include <qcustomplot.h>

namespace qs::widgets {

bool isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightnessF() < palette.color(QPalette::Text).lightnessF();
}

void applyPlotTheme(QCustomPlot* plot, const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    QColor grid = palette.color(QPalette::Mid);
    grid.setAlpha(110);
    plot->setBackground(base);
    const QList<QCPAxisRect*> rects = plot->axisRects();
    for (QCPAxisRect* rect : rects) {
        rect->setBackground(base);
        const QList<QCPAxis*> axes = rect->axes();
        for (QCPAxis* axis : axes) {
            axis->setBasePen(QPen(text, 1));
            axis->setTickPen(QPen(text, 1));
            axis->setSubTickPen(QPen(text, 1));
            axis->setTickLabelColor(text);
            axis->setLabelColor(text);
            axis->setSelectedTickLabelColor(text);
            axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
            axis->grid()->setSubGridVisible(false);
            axis->grid()->setZeroLinePen(QPen(grid, 1, Qt::SolidLine));
        }
    }
    QColor legendBackground = base;
    legendBackground.setAlpha(225);
    plot->legend->setBrush(legendBackground);
    plot->legend->setBorderPen(QPen(palette.color(QPalette::Mid)));
    plot->legend->setTextColor(text);
    plot->legend->setSelectedTextColor(text);
}

} // namespace qs::widgets
