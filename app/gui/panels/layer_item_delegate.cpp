#include "app/gui/panels/layer_item_delegate.h"

#include "app/gui/models/layer_table_model.h"

#include <QComboBox>
#include <QSpinBox>

namespace qs::gui {

namespace {
bool isFlag(int column)
{
    return column == LayerTableModel::PerChannel || column == LayerTableModel::NoQuant || column == LayerTableModel::NoClip;
}
} // namespace

QWidget* LayerItemDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const int column = index.column();
    if (column == LayerTableModel::BitsActivations || column == LayerTableModel::BitsWeights) {
        auto* spin = new QSpinBox(parent);
        spin->setRange(2, 8);
        spin->setFrame(false);
        return spin;
    }
    if (column == LayerTableModel::Mode || column == LayerTableModel::Clip || isFlag(column)) {
        auto* combo = new QComboBox(parent);
        if (column == LayerTableModel::Mode)
            for (const QString& name : modeNames())
                combo->addItem(name, name);
        else if (column == LayerTableModel::Clip)
            for (const QString& name : clipMethodNames())
                combo->addItem(name, name);
        else {
            combo->addItem(tr("yes"), true);
            combo->addItem(tr("no"), false);
        }
        return combo;
    }
    return QStyledItemDelegate::createEditor(parent, option, index);
}

void LayerItemDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    const QVariant value = index.data(Qt::EditRole);
    if (auto* spin = qobject_cast<QSpinBox*>(editor))
        spin->setValue(value.toInt());
    else if (auto* combo = qobject_cast<QComboBox*>(editor))
        combo->setCurrentIndex(std::max(0, combo->findData(value)));
    else
        QStyledItemDelegate::setEditorData(editor, index);
}

void LayerItemDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    if (auto* spin = qobject_cast<QSpinBox*>(editor)) {
        spin->interpretText();
        model->setData(index, spin->value());
    } else if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        model->setData(index, combo->currentData());
    } else {
        QStyledItemDelegate::setModelData(editor, model, index);
    }
}

} // namespace qs::gui
