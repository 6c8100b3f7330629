#include "widgets/clip_method_style.h"

#include "widgets/plots/plot_theme.h"

#include <QHash>

namespace qs::widgets {

namespace {
QColor methodColor(const QString& method, const QPalette& palette)
{
    const bool dark = isDarkPalette(palette);
    if (method == QLatin1String("none"))
        return palette.color(QPalette::Text);
    if (method == QLatin1String("avg"))
        return QColor(0xE6, 0x9F, 0x00); // orange
    if (method == QLatin1String("n_std"))
        return dark ? QColor(0x56, 0xB4, 0xE9) : QColor(0x30, 0x8C, 0xC8); // sky blue
    if (method == QLatin1String("gauss"))
        return QColor(0x00, 0x9E, 0x73); // bluish green
    if (method == QLatin1String("laplace"))
        return dark ? QColor(0xF0, 0xE4, 0x42) : QColor(0xB8, 0xA8, 0x00); // yellow (darker on light backgrounds)
    if (method == QLatin1String("percentile"))
        return dark ? QColor(0x4F, 0x8F, 0xE0) : QColor(0x00, 0x72, 0xB2); // blue
    if (method == QLatin1String("entropy"))
        return QColor(0xD5, 0x5E, 0x00); // vermillion
    if (method == QLatin1String("mse"))
        return QColor(0xCC, 0x79, 0xA7); // reddish purple
    if (method == QLatin1String("pytorch_histogram"))
        return QColor(0x44, 0xAA, 0x99); // teal (Paul Tol)
    // Any other method: a stable hue from its name, mid lightness so it reads on both backgrounds.
    return QColor::fromHsl(static_cast<int>(qHash(method) % 360), 150, dark ? 150 : 100);
}

// Methods whose colours are close (or whose ranges often coincide) get different dash patterns, so lines
// that overlap stay distinguishable without relying on colour alone.
Qt::PenStyle methodLine(const QString& method)
{
    if (method == QLatin1String("none") || method == QLatin1String("gauss") || method == QLatin1String("entropy"))
        return Qt::DashLine;
    if (method == QLatin1String("avg") || method == QLatin1String("laplace"))
        return Qt::DotLine;
    return Qt::DashDotLine;
}
} // namespace

ClipMethodStyle clipMethodStyle(const QString& method, const QPalette& palette) { return {methodColor(method, palette), methodLine(method)}; }

QPen clipMethodPen(const QString& method, const QPalette& palette, qreal width)
{
    const ClipMethodStyle style = clipMethodStyle(method, palette);
    return QPen(style.color, width, style.line);
}

} // namespace qs::widgets
