#pragma once
// The runs table (FP32 baseline first, one row per evaluation) with the live accuracy of a running
// evaluation above it, and "Restore config" for the selected run (restoreRequested(row)). What a run
// evaluated is one step away: a row's tooltip names the layers that differ from its most common setting,
// a double-click (outside the editable name) or the context menu's "Show Configuration" lists every layer's
// settings, and "Compare Runs" on two selected rows lists the layers whose settings differ. A metric selector
// (top-1 or fidelity to FP32) is enabled where both apply; the columns of a metric no run measured are hidden.

#include "core/eval/metric_choice.h"

#include <QWidget>

#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace qs::gui {

class RunConfigDialog;
class RunsTableModel;

class RunsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunsPanel(RunsTableModel* model, QWidget* parent = nullptr);
    QTableView* view() const { return m_view; }
    void setLive(const QString& text);
    QPushButton* restoreButton() const { return m_restore; }
    QAction* showConfigurationAction() const { return m_showConfiguration; }
    QAction* compareAction() const { return m_compare; }
    int currentRun() const; // -1 if none
    std::vector<int> selectedRuns() const; // rows, ascending

    // Open the dialogs (non-modal; returned for tests, deleted on close).
    RunConfigDialog* showConfiguration(int row);
    RunConfigDialog* compareRuns(int first, int second);

    // Shows the workbench's metric; the selector is enabled only when `selectable` (both metrics apply).
    void setMetric(QualityMetric metric, bool selectable);
    QComboBox* metricSelector() const { return m_metric; }

signals:
    void restoreRequested(int row);
    void metricChosen(QualityMetric metric); // the user changed the selector

private:
    void updateActions();
    void updateColumns();

    RunsTableModel* m_model;
    QTableView* m_view;
    QLabel* m_live;
    QPushButton* m_restore;
    QAction* m_showConfiguration;
    QAction* m_compare;
    QComboBox* m_metric;
    QualityMetric m_shown = QualityMetric::Top1;
};

} // namespace qs::gui
