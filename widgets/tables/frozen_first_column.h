#pragma once
// Keeps a table's first column (the row's name) on screen while the other columns scroll sideways, as a
// spreadsheet's frozen pane: a wide table (twenty columns of settings and measurements) otherwise shows numbers
// without saying which row they belong to. An overlay view over the table's left edge shows column 0 only; it
// shares the table's model and selection model, so a click on a name selects that row in the table, and the two
// scroll together vertically. Model-agnostic; attach once the table has its model.

#include <QObject>

class QTableView;

namespace qs::widgets {

// No Q_OBJECT: no signals or slots of its own (its connections are to member functions and lambdas).
class FrozenFirstColumn : public QObject {
public:
    // Parented to `table`; the overlay is a child of the table, named `<table's objectName>Frozen`.
    explicit FrozenFirstColumn(QTableView* table);

    QTableView* overlay() const { return m_overlay; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void syncColumns();
    void updateGeometry();

    QTableView* m_table;
    QTableView* m_overlay;
};

} // namespace qs::widgets
