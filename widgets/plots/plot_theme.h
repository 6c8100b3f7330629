#pragma once
// Shared look of the plots: colours follow the widget's palette (light and dark themes), and every range
// method has one fixed colour and dash pattern so it reads the same in every view. Each plot view owns a
// QCustomPlot; this header only forward-declares it (qcustomplot.h is included by widgets/plots/*.cpp only).

#include <QColor>
#include <QPalette>
#include <QString>

class QCustomPlot;

namespace qs::widgets {

// Background, axes, grid, labels and legend from `palette`.
void applyPlotTheme(QCustomPlot* plot, const QPalette& palette);

// A colour for a range method ("none", "avg", ...) that stays readable on light and dark backgrounds
// (Okabe-Ito, colour-blind safe); unknown names get a neutral colour.
QColor methodColor(const QString& method, const QPalette& palette);
// Qt::PenStyle for a method's marker, so coincident lines of different methods stay distinguishable.
Qt::PenStyle methodDash(const QString& method);

// True when the palette's window is dark (text lighter than the background).
bool isDarkPalette(const QPalette& palette);

} // namespace qs::widgets
