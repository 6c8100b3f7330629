#pragma once
// Every plot view stacks its QCustomPlot under a centred message label and shows one or the other: the
// message ("Calibrate, then ...") while there is nothing to draw, the plot once there is. These helpers keep
// the look of that label and the switching the same in every view.

#include <QString>

class QCustomPlot;
class QLabel;
class QVBoxLayout;
class QWidget;

namespace qs::widgets {

// The plot's common setup (object name for tests and style sheets, minimum size, hover tracking) and a
// message label styled as a placeholder, both appended to `layout` (made margin-less). Returns the label.
QLabel* addPlotWithMessage(QWidget* owner, QCustomPlot* plot, const QString& objectName, QVBoxLayout* layout);

// The message instead of the plot, which is emptied.
void showPlotMessage(QCustomPlot* plot, QLabel* message, const QString& text);
// The plot instead of the message.
void showPlot(QCustomPlot* plot, QLabel* message);

} // namespace qs::widgets
