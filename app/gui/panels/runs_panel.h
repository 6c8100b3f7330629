#pragma once
// The runs table (FP32 baseline first, one row per evaluation) with the live accuracy of a running
// evaluation above it, and "Restore config" for the selected run (restoreRequested(row)).

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace qs::gui {

class RunsTableModel;

class RunsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunsPanel(RunsTableModel* model, QWidget* parent = nullptr);
    QTableView* view() const { return m_view; }
    void setLive(const QString& text);
    QPushButton* restoreButton() const { return m_restore; }
    int currentRun() const; // -1 if none

signals:
    void restoreRequested(int row);

private:
    void updateRestore();

    QTableView* m_view;
    QLabel* m_live;
    QPushButton* m_restore;
};

} // namespace qs::gui
