#include "app/gui/panels/layer_panel.h"

#include "app/gui/models/layer_table_model.h"
#include "widgets/tables/enum_combo_delegate.h"
#include "widgets/tables/frozen_first_column.h"
#include "widgets/tables/spin_box_delegate.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTableView>
#include <QVBoxLayout>

#include <set>

namespace qs::gui {

namespace {

// Matches the filter against the layer name or op type.
class LayerFilterProxy : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        const QRegularExpression re = filterRegularExpression();
        if (re.pattern().isEmpty())
            return true;
        for (int column : {int(LayerTableModel::Name), int(LayerTableModel::OpType)})
            if (re.match(sourceModel()->index(row, column, parent).data().toString()).hasMatch())
                return true;
        return false;
    }
};

// Commits an edit to every selected row when the edited row is part of a multi-row selection.
class LayerTableView : public QTableView {
public:
    LayerTableView(LayerTableModel* model, QSortFilterProxyModel* proxy, QWidget* parent)
        : QTableView(parent), m_model(model), m_proxy(proxy)
    {
    }

protected:
    void commitData(QWidget* editor) override
    {
        std::set<int> rows;
        QModelIndex edited;
        for (const QModelIndex& index : selectionModel()->selectedIndexes()) {
            rows.insert(m_proxy->mapToSource(index).row());
            if (indexWidget(index) == editor)
                edited = index;
        }
        if (rows.size() > 1 && edited.isValid() && !changesItsRow(editor, edited))
            return; // closed without a change: every selected row keeps its own value
        m_model->setBulkRows(rows.size() > 1 ? std::vector<int>(rows.begin(), rows.end()) : std::vector<int>{});
        QTableView::commitData(editor);
        m_model->setBulkRows({});
    }

private:
    // Whether the editor's value differs from what the edited row has. The delegate writes the value into a
    // scratch model (same column), so this holds for any editor a delegate makes.
    bool changesItsRow(QWidget* editor, const QModelIndex& edited) const
    {
        const QModelIndex source = m_proxy->mapToSource(edited);
        QStandardItemModel scratch(1, LayerTableModel::ColumnCount);
        const QModelIndex cell = scratch.index(0, source.column());
        itemDelegateForIndex(edited)->setModelData(editor, &scratch, cell);
        const QVariant value = cell.data(Qt::EditRole);
        if (!value.isValid())
            return true; // nothing written: let the model decide as before
        const LayerConfig& current = m_model->configs()[static_cast<std::size_t>(source.row())];
        const auto changed = LayerTableModel::withValue(current, source.column(), value);
        return !changed || !(*changed == current);
    }

    LayerTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
};

} // namespace

LayerPanel::LayerPanel(LayerTableModel* model, QWidget* parent)
    : QWidget(parent), m_model(model), m_proxy(new LayerFilterProxy(this)), m_view(new LayerTableView(model, m_proxy, this)),
      m_filter(new QLineEdit(this)), m_regex(new QCheckBox(tr("Regex"), this)), m_count(new QLabel(this))
{
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(Qt::EditRole);
    m_filter->setPlaceholderText(tr("Filter layers by name or op type"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(QStringLiteral("layerFilter"));
    m_view->setObjectName(QStringLiteral("layerTable"));
    m_view->setModel(m_proxy);
    // Config cells are edited with widgets/tables' delegates: spin boxes for the bit widths, combo boxes for
    // mode, clip method and the yes/no flags (the model takes and gives their strings under Qt::EditRole).
    auto* bits = new widgets::SpinBoxDelegate(m_view);
    auto* choices = new widgets::EnumComboDelegate(m_view);
    for (int column : {int(LayerTableModel::BitsActivations), int(LayerTableModel::BitsWeights)}) {
        bits->setColumn(column, {2, 8, {}, {}, {}});
        m_view->setItemDelegateForColumn(column, bits);
    }
    choices->setChoices(LayerTableModel::Mode, modeNames());
    choices->setChoices(LayerTableModel::Clip, clipMethodNames());
    for (int column : {int(LayerTableModel::PerChannel), int(LayerTableModel::NoQuant), int(LayerTableModel::NoClip)})
        choices->setChoices(column, LayerTableModel::flagNames());
    for (int column : {int(LayerTableModel::Mode), int(LayerTableModel::Clip), int(LayerTableModel::PerChannel),
                       int(LayerTableModel::NoQuant), int(LayerTableModel::NoClip)})
        m_view->setItemDelegateForColumn(column, choices);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // node order until the user sorts
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setToolTip(tr("Double-click a config cell to edit it; with several rows selected the edit applies to all of them"));
    // Twenty columns do not fit a dock: the layer names stay at the left edge while the rest scrolls.
    new widgets::FrozenFirstColumn(m_view);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Filter:"), this));
    top->addWidget(m_filter, 1);
    top->addWidget(m_regex);
    top->addWidget(m_count);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_view);

    connect(m_filter, &QLineEdit::textChanged, this, &LayerPanel::updateFilter);
    connect(m_regex, &QCheckBox::toggled, this, &LayerPanel::updateFilter);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        m_view->resizeColumnsToContents();
        updateCount();
    });
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& from, const QModelIndex& to) {
        if (to.column() - from.column() < LayerTableModel::ColumnCount - 1) // calibration ranges arrived: fit them
            m_view->resizeColumnsToContents();
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &LayerPanel::updateCount);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &LayerPanel::updateCount);
    updateCount();
}

void LayerPanel::setFilter(const QString& text, bool regex)
{
    m_regex->setChecked(regex);
    m_filter->setText(text);
    updateFilter();
}

void LayerPanel::updateFilter()
{
    const QString text = m_filter->text();
    QRegularExpression re(m_regex->isChecked() ? text : QRegularExpression::escape(text), QRegularExpression::CaseInsensitiveOption);
    if (!re.isValid()) {
        m_filter->setStyleSheet(QStringLiteral("color: #c03030"));
        m_filter->setToolTip(re.errorString());
        return;
    }
    m_filter->setStyleSheet({});
    m_filter->setToolTip({});
    m_proxy->setFilterRegularExpression(re);
    updateCount();
}

void LayerPanel::updateCount()
{
    m_count->setText(tr("%1 of %2 layers").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

std::vector<int> LayerPanel::selectedRows() const
{
    std::set<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows())
        rows.insert(m_proxy->mapToSource(index).row());
    return {rows.begin(), rows.end()};
}

} // namespace qs::gui
