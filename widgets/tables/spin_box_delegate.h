#pragma once
// Edits an integer cell with a QSpinBox limited to a per-column range, optionally with one special value
// shown as text below the minimum (e.g. bits 2..8 plus "float" for "not quantized", or "unset" for "inherit
// the default"). Model-agnostic: it reads and writes Qt::EditRole; the special entry writes the column's
// `specialValue` (any QVariant, e.g. 0 or an invalid QVariant) and a cell holding that value opens on it and
// is displayed with the special text. Columns without a range use QStyledItemDelegate's default editor.

#include <QHash>
#include <QString>
#include <QStyledItemDelegate>
#include <QVariant>

namespace qs::widgets {

class SpinBoxDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    struct Column {
        int minimum = 0;
        int maximum = 99;
        QString specialText;  // empty: no special value
        QVariant specialValue; // written when the special text is chosen
        QString suffix;        // e.g. " bit"
    };

    explicit SpinBoxDelegate(QObject* parent = nullptr);

    void setColumn(int column, const Column& spec);
    void removeColumn(int column);
    bool hasColumn(int column) const { return m_columns.contains(column); }

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

private:
    // True when `value` is the column's special value (an unset cell counts when the special value is unset too).
    static bool isSpecial(const Column& spec, const QVariant& value);

    QHash<int, Column> m_columns;
};

} // namespace qs::widgets
