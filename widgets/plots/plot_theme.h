#pragma once
// Shared look of the plots: colours follow the widget's palette (light and dark themes); a range method's colour
// and line style come from widgets/clip_method_style.h. Each plot view owns a QCustomPlot; this header only
// forward-declares it (qcustomplot.h is included by widgets/plots/*.cpp only).

#include <QPalette>

class QCustomPlot;

namespace qs::widgets {

// Background, axes, grid, labels and legend from `palette`.
void applyPlotTheme(QCustomPlot* plot, const QPalette& palette);

// True when the palette's window is dark (text lighter than the background).
bool isDarkPalette(const QPalette& palette);

} // namespace qs::widgets
