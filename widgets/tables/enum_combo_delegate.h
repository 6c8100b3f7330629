#pragma once
// Edits a cell with a QComboBox from a fixed list of strings given per column (e.g. mode: asym/sym, clip
// method: none/avg/...). Model-agnostic: it reads and writes the string under Qt::EditRole. The choice is
// committed as soon as the user activates an entry (no extra Enter or focus change needed). Columns without
// a list are edited by QStyledItemDelegate's default editor.

#include <QHash>
#include <QStringList>
#include <QStyledItemDelegate>

namespace qs::widgets {

class EnumComboDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit EnumComboDelegate(QObject* parent = nullptr);

    // The strings offered in `column`; an empty list removes the column (default editor again).
    void setChoices(int column, const QStringList& choices);
    QStringList choices(int column) const;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

private:
    QHash<int, QStringList> m_choices;
};

} // namespace qs::widgets
