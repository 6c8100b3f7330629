#pragma once
// The graph view's key, drawn over its top-left corner: what the node colours, the fused-chain frame, the Q / DQ
// markers and the error badge colours mean. Painted from graph_style.h, so it cannot disagree with the items.

#include <QWidget>

namespace qs::widgets {

class GraphLegend : public QWidget {
    Q_OBJECT
public:
    explicit GraphLegend(QWidget* parent = nullptr);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    QStringList texts() const;
};

} // namespace qs::widgets
