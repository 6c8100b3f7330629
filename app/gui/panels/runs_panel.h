#pragma once
// The runs table (FP32 baseline first, one row per evaluation) with the live accuracy of a running
// evaluation above it.

#include <QWidget>

class QLabel;
class QTableView;

namespace qs::gui {

class RunsTableModel;

class RunsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunsPanel(RunsTableModel* model, QWidget* parent = nullptr);
    QTableView* view() const { return m_view; }
    void setLive(const QString& text);

private:
    QTableView* m_view;
    QLabel* m_live;
};

} // namespace qs::gui
