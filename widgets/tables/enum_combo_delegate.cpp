#include "widgets/tables/enum_combo_delegate.h"

#include <QComboBox>

namespace qs::widgets {

EnumComboDelegate::EnumComboDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

void EnumComboDelegate::setChoices(int column, const QStringList& choices)
{
    if (choices.isEmpty())
        m_choices.remove(column);
    else
        m_choices.insert(column, choices);
}

QStringList EnumComboDelegate::choices(int column) const { return m_choices.value(column); }

QWidget* EnumComboDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const auto it = m_choices.constFind(index.column());
    if (it == m_choices.constEnd())
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto* combo = new QComboBox(parent);
    combo->setFrame(false);
    combo->addItems(*it);
    // Commit on activation: picking an entry is the whole edit. commitData/closeEditor are signals of this
    // delegate; createEditor is const only by the base class's signature.
    auto* self = const_cast<EnumComboDelegate*>(this);
    connect(combo, &QComboBox::activated, self, [self, combo] {
        emit self->commitData(combo);
        emit self->closeEditor(combo, QAbstractItemDelegate::NoHint);
    });
    return combo;
}

void EnumComboDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    auto* combo = qobject_cast<QComboBox*>(editor);
    if (!combo || !m_choices.contains(index.column())) {
        QStyledItemDelegate::setEditorData(editor, index);
        return;
    }
    // A value outside the list (e.g. from an older config) leaves no entry selected rather than a wrong one.
    combo->setCurrentIndex(combo->findText(index.data(Qt::EditRole).toString(), Qt::MatchFixedString | Qt::MatchCaseSensitive));
}

void EnumComboDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    auto* combo = qobject_cast<QComboBox*>(editor);
    if (!combo || !m_choices.contains(index.column())) {
        QStyledItemDelegate::setModelData(editor, model, index);
        return;
    }
    if (combo->currentIndex() >= 0)
        model->setData(index, combo->currentText(), Qt::EditRole);
}

} // namespace qs::widgets
