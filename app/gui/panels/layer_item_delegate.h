#pragma once
// Editors for the layer table's config columns: a spin box for bit widths, a combo box for mode, clip
// method and the yes/no flags. (Replace with widgets/tables' delegates once that library lands.)

#include <QStyledItemDelegate>

namespace qs::gui {

class LayerItemDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
};

} // namespace qs::gui
