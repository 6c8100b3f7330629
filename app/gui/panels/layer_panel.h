#pragma once
// The layer table with its filter (plain text or a regular expression over layer names and op types).
// Editing a cell while several rows are selected applies the value to every selected row as one
// undoable step (bulk edit), when the value differs from the edited row's: an editor closed without a
// change leaves every row with its own value.

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace qs::gui {

class LayerTableModel;

class LayerPanel : public QWidget {
    Q_OBJECT
public:
    explicit LayerPanel(LayerTableModel* model, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    QLineEdit* filterEdit() const { return m_filter; }
    void setFilter(const QString& text, bool regex);
    // Source rows of the current selection.
    std::vector<int> selectedRows() const;

private:
    void updateFilter();
    void updateCount();

    LayerTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QLineEdit* m_filter;
    QCheckBox* m_regex;
    QLabel* m_count;
};

} // namespace qs::gui
