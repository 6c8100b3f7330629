#include "app/gui/panels/runs_panel.h"

#include "app/gui/models/runs_table_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace qs::gui {

RunsPanel::RunsPanel(RunsTableModel* model, QWidget* parent) : QWidget(parent), m_view(new QTableView(this)), m_live(new QLabel(this))
{
    m_view->setObjectName(QStringLiteral("runsTable"));
    m_view->setModel(model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_live->setText(tr("Evaluate (Ctrl+E) to add a run; the first run is the FP32 baseline."));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_live);
    layout->addWidget(m_view);
    auto resize = [this] { m_view->resizeColumnsToContents(); };
    connect(model, &QAbstractItemModel::rowsInserted, this, resize);
    connect(model, &QAbstractItemModel::modelReset, this, resize);
}

void RunsPanel::setLive(const QString& text) { m_live->setText(text); }

} // namespace qs::gui
