#pragma once
// Text inside a plot that must fit the width the plot's layout gives it: a title (a layout element, whose
// height then changes) or a caption (an item, drawn over the axis rect). A title left at its full width would
// widen its layout column and squeeze or cut what sits beside it (the histogram's legend), or overflow a
// narrow dock on both sides; wrapped, it takes more lines instead.

#include <QString>

class QCustomPlot;
class QCPTextElement;
class QFontMetrics;

namespace qs::widgets {

// `text` with each line broken where it would be wider than `width`: after a `separator` (" · ", "; ", " "),
// and inside a part that is wider than `width` by itself at its spaces. A word wider than `width` stays whole.
// A break drops the separator it replaces.
QString wrapText(const QString& text, const QFontMetrics& metrics, int width, const QString& separator);

// For a title element that should not widen its column: its minimum width is 1 (call once, when it is made).
void letTitleWrap(QCPTextElement* title);
// Sets the title to `text` wrapped to the width the layout gave it and, when that changes the title, lays the
// plot out again at once (the frame being drawn shows it). Call from QCustomPlot::afterLayout.
void fitTitle(QCustomPlot* plot, QCPTextElement* title, const QString& text, const QString& separator);
// True when each line of the title is no wider than the title's rect and the rect lies inside the plot.
bool titleFits(const QCustomPlot* plot, const QCPTextElement* title);

} // namespace qs::widgets
