#pragma once
// One look per range (clip) method, the same in every view: the histogram's range lines, the observer
// comparison's bars, the runs on the accuracy-vs-size plot. A method keeps its colour and its line style
// wherever it is drawn, so "orange dotted" means avg in every dock. Colours are Okabe-Ito (colour-blind safe)
// and adjusted to the palette so they read on light and dark backgrounds.

#include <QColor>
#include <QPalette>
#include <QPen>
#include <QString>

namespace qs::widgets {

struct ClipMethodStyle {
    QColor color;
    Qt::PenStyle line = Qt::SolidLine; // for lines; bars and points use the colour only
};

// The style of a method by its Distiller name ("none", "avg", "n_std", ...); any other name gets a stable
// colour from its name. "none" (the observed min/max) is drawn in the text colour: it is the reference.
ClipMethodStyle clipMethodStyle(const QString& method, const QPalette& palette);
// A pen in the method's colour and line style.
QPen clipMethodPen(const QString& method, const QPalette& palette, qreal width);

} // namespace qs::widgets
