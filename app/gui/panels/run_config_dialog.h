#pragma once
// What a run evaluated, layer by layer: every layer's settings (quantized or FP32, bits, mode, per-channel,
// clip method) with the layers that differ from the run's most common setting in bold; or, for two runs, the
// layers whose settings differ, side by side. Non-modal, deleted on close; the runs panel opens it.

#include <QDialog>

class QLabel;
class QTableWidget;

namespace qs::gui {

class RunsTableModel;

class RunConfigDialog : public QDialog {
    Q_OBJECT
public:
    // Every layer's settings of the run in `row`.
    static RunConfigDialog* forRun(const RunsTableModel& runs, int row, QWidget* parent);
    // The layers whose settings differ between the runs in rows `first` and `second`.
    static RunConfigDialog* comparing(const RunsTableModel& runs, int first, int second, QWidget* parent);

    QLabel* summary() const { return m_summary; }
    QTableWidget* table() const { return m_table; }

private:
    explicit RunConfigDialog(QWidget* parent);

    QLabel* m_summary;
    QTableWidget* m_table;
};

} // namespace qs::gui
