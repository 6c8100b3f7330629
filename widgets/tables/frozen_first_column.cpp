#include "widgets/tables/frozen_first_column.h"

#include <QEvent>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>

namespace qs::widgets {

FrozenFirstColumn::FrozenFirstColumn(QTableView* table) : QObject(table), m_table(table), m_overlay(new QTableView(table))
{
    m_overlay->setObjectName(table->objectName() + QStringLiteral("Frozen"));
    m_overlay->setModel(table->model());
    m_overlay->setSelectionModel(table->selectionModel());
    m_overlay->setFocusPolicy(Qt::NoFocus);
    m_overlay->setSelectionBehavior(table->selectionBehavior());
    m_overlay->setSelectionMode(table->selectionMode());
    m_overlay->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_overlay->setAlternatingRowColors(table->alternatingRowColors());
    m_overlay->verticalHeader()->hide();
    m_overlay->verticalHeader()->setDefaultSectionSize(table->verticalHeader()->defaultSectionSize());
    m_overlay->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_overlay->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_overlay->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_overlay->setVerticalScrollMode(table->verticalScrollMode());
    m_overlay->setFrameShape(QFrame::NoFrame);
    // A line on its right edge, so the frozen names read as a pane rather than as a column that failed to scroll.
    m_overlay->setStyleSheet(QStringLiteral("QTableView { border-right: 1px solid palette(mid); }"));
    table->viewport()->stackUnder(m_overlay);
    syncColumns();
    m_overlay->show();

    // Not setSortingEnabled() on the overlay: that would sort the shared model by names as it is attached. A click on
    // the overlay's header is a click on the table's column 0, and the table's sort order shows on both.
    QHeaderView* header = m_overlay->horizontalHeader();
    header->setSectionsClickable(table->isSortingEnabled());
    header->setSortIndicatorShown(table->isSortingEnabled());
    header->setSortIndicator(table->horizontalHeader()->sortIndicatorSection(), table->horizontalHeader()->sortIndicatorOrder());
    connect(header, &QHeaderView::sectionClicked, table, [table](int column) {
        QHeaderView* own = table->horizontalHeader();
        if (!table->isSortingEnabled() || column != 0)
            return;
        const bool again = own->sortIndicatorSection() == 0;
        table->sortByColumn(0, again && own->sortIndicatorOrder() == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder);
    });
    connect(table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, header,
            [header](int column, Qt::SortOrder order) { header->setSortIndicator(column, order); });
    connect(table->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int logical, int, int size) {
        if (logical == 0) {
            m_overlay->setColumnWidth(0, size);
            updateGeometry();
        }
    });
    connect(table->verticalHeader(), &QHeaderView::sectionResized, this,
            [this](int logical, int, int size) { m_overlay->setRowHeight(logical, size); });
    connect(m_overlay->verticalScrollBar(), &QAbstractSlider::valueChanged, table->verticalScrollBar(), &QAbstractSlider::setValue);
    connect(table->verticalScrollBar(), &QAbstractSlider::valueChanged, m_overlay->verticalScrollBar(), &QAbstractSlider::setValue);
    connect(table->horizontalScrollBar(), &QAbstractSlider::valueChanged, this, &FrozenFirstColumn::updateGeometry);
    connect(table->model(), &QAbstractItemModel::modelReset, this, &FrozenFirstColumn::syncColumns);
    connect(table->model(), &QAbstractItemModel::columnsInserted, this, &FrozenFirstColumn::syncColumns);
    connect(table->model(), &QAbstractItemModel::layoutChanged, this, &FrozenFirstColumn::updateGeometry);
    table->installEventFilter(this);
    table->viewport()->installEventFilter(this);
}

bool FrozenFirstColumn::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() == QEvent::Resize || event->type() == QEvent::Show || event->type() == QEvent::LayoutRequest)
        updateGeometry();
    return QObject::eventFilter(watched, event);
}

void FrozenFirstColumn::syncColumns()
{
    for (int column = 1; column < m_table->model()->columnCount(); ++column)
        m_overlay->setColumnHidden(column, true);
    m_overlay->setColumnHidden(0, false);
    m_overlay->setColumnWidth(0, m_table->columnWidth(0));
    updateGeometry();
}

void FrozenFirstColumn::updateGeometry()
{
    // Only while the table is scrolled sideways: unscrolled, its own column 0 is in place (and takes its edits).
    const bool scrolled = m_table->horizontalScrollBar()->value() > 0;
    m_overlay->setVisible(scrolled && !m_table->isColumnHidden(0));
    if (!scrolled)
        return;
    const int frame = m_table->frameWidth();
    m_overlay->setGeometry(frame, frame, m_table->columnWidth(0) + 1, m_table->viewport()->height() + m_table->horizontalHeader()->height());
    m_overlay->verticalScrollBar()->setValue(m_table->verticalScrollBar()->value());
}

} // namespace qs::widgets
