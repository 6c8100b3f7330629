#include "widgets/tables/spin_box_delegate.h"

#include <QSpinBox>

#include <algorithm>

namespace qs::widgets {

SpinBoxDelegate::SpinBoxDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

void SpinBoxDelegate::setColumn(int column, const Column& spec)
{
    Column c = spec;
    c.maximum = std::max(c.maximum, c.minimum);
    m_columns.insert(column, c);
}

void SpinBoxDelegate::removeColumn(int column) { m_columns.remove(column); }

bool SpinBoxDelegate::isSpecial(const Column& spec, const QVariant& value)
{
    if (spec.specialText.isEmpty())
        return false;
    if (!spec.specialValue.isValid())
        return !value.isValid() || value.isNull();
    return value == spec.specialValue;
}

QWidget* SpinBoxDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const auto it = m_columns.constFind(index.column());
    if (it == m_columns.constEnd())
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto* spin = new QSpinBox(parent);
    spin->setFrame(false);
    // QSpinBox shows specialValueText at its minimum, so the special entry sits one below the real range.
    const bool special = !it->specialText.isEmpty();
    spin->setRange(special ? it->minimum - 1 : it->minimum, it->maximum);
    spin->setSpecialValueText(it->specialText);
    spin->setSuffix(it->suffix);
    return spin;
}

void SpinBoxDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    auto* spin = qobject_cast<QSpinBox*>(editor);
    const auto it = m_columns.constFind(index.column());
    if (!spin || it == m_columns.constEnd()) {
        QStyledItemDelegate::setEditorData(editor, index);
        return;
    }
    const QVariant value = index.data(Qt::EditRole);
    if (isSpecial(*it, value)) {
        spin->setValue(spin->minimum());
        return;
    }
    bool ok = false;
    const int v = value.toInt(&ok);
    spin->setValue(ok ? std::clamp(v, it->minimum, it->maximum) : it->minimum);
}

void SpinBoxDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    auto* spin = qobject_cast<QSpinBox*>(editor);
    const auto it = m_columns.constFind(index.column());
    if (!spin || it == m_columns.constEnd()) {
        QStyledItemDelegate::setModelData(editor, model, index);
        return;
    }
    spin->interpretText();
    if (!it->specialText.isEmpty() && spin->value() == spin->minimum())
        model->setData(index, it->specialValue, Qt::EditRole);
    else
        model->setData(index, spin->value(), Qt::EditRole);
}

void SpinBoxDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto it = m_columns.constFind(index.column());
    if (it == m_columns.constEnd())
        return;
    if (isSpecial(*it, index.data(Qt::EditRole)))
        option->text = it->specialText;
}

} // namespace qs::widgets
