#pragma once
// A clearly labelled empty panel for a view whose data or plotting library has not landed yet.
// It never shows made-up numbers: only what is missing and what will fill it.

#include <QLabel>

namespace qs::gui {

class PlaceholderPanel : public QLabel {
    Q_OBJECT
public:
    PlaceholderPanel(const QString& title, const QString& explanation, QWidget* parent = nullptr);
};

} // namespace qs::gui
