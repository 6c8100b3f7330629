#include "app/gui/panels/placeholder_panel.h"

namespace qs::gui {

PlaceholderPanel::PlaceholderPanel(const QString& title, const QString& explanation, QWidget* parent) : QLabel(parent)
{
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setMargin(12);
    setMinimumSize(160, 80);
    setFrameShape(QFrame::StyledPanel);
    setForegroundRole(QPalette::PlaceholderText);
    setText(QStringLiteral("<b>%1</b><br>%2").arg(title.toHtmlEscaped(), explanation.toHtmlEscaped()));
}

} // namespace qs::gui
