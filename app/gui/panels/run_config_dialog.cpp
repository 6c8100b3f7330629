#include "app/gui/panels/run_config_dialog.h"

#include "app/gui/models/run_configuration.h"
#include "app/gui/models/runs_table_model.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace qs::gui {

namespace {
QTableWidgetItem* cell(const QString& text, bool bold = false)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (bold) {
        QFont font = item->font();
        font.setBold(true);
        item->setFont(font);
    }
    return item;
}
} // namespace

RunConfigDialog::RunConfigDialog(QWidget* parent) : QDialog(parent), m_summary(new QLabel(this)), m_table(new QTableWidget(this))
{
    setAttribute(Qt::WA_DeleteOnClose);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setObjectName(QStringLiteral("runConfigTable"));
    m_table->verticalHeader()->hide();
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(760, 480);
}

RunConfigDialog* RunConfigDialog::forRun(const RunsTableModel& runs, int row, QWidget* parent)
{
    auto* dialog = new RunConfigDialog(parent);
    dialog->setObjectName(QStringLiteral("runConfigDialog"));
    const RunRecord& run = runs.runs()[static_cast<std::size_t>(row)];
    dialog->setWindowTitle(tr("Configuration of %1").arg(run.name));
    const LayerSettings layers = runs.layerSettings(row);
    const SettingSummary common = summarizeSettings(layers);
    if (layers.empty())
        dialog->m_summary->setText(tr("This run's per-layer configuration was not stored (a session from an older QuantScope)."));
    else if (common.exceptions.empty())
        dialog->m_summary->setText(tr("<b>%1</b>: every layer at %2.").arg(run.name.toHtmlEscaped(), settingText(common.common).toHtmlEscaped()));
    else
        dialog->m_summary->setText(tr("<b>%1</b>: %2 of %3 layers at %4; the layers in bold differ.")
                                       .arg(run.name.toHtmlEscaped())
                                       .arg(common.commonCount)
                                       .arg(layers.size())
                                       .arg(settingText(common.common).toHtmlEscaped()));
    if (!run.outputs.empty()) // a fidelity run: every output's numbers above the layers
        dialog->m_summary->setText(RunsTableModel::fidelityText(run).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")) +
                                   QStringLiteral("<br><br>") + dialog->m_summary->text());

    QTableWidget* table = dialog->m_table;
    table->setColumnCount(7);
    table->setHorizontalHeaderLabels({tr("Layer"), tr("Runs as"), tr("Bits W"), tr("Bits A"), tr("Mode"), tr("Per-channel"), tr("Clip")});
    table->setRowCount(static_cast<int>(layers.size()));
    const QString none = QStringLiteral("\u2014");
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const auto& [name, c] = layers[i];
        const bool differs = std::find(common.exceptions.begin(), common.exceptions.end(), i) != common.exceptions.end();
        const int r = static_cast<int>(i);
        const QStringList values = c.noQuant ? QStringList{name, QStringLiteral("FP32"), none, none, none, none, none}
                                             : QStringList{name,
                                                           tr("quantized"),
                                                           QString::number(c.bitsWeights),
                                                           QString::number(c.bitsActivations),
                                                           modeName(c.mode),
                                                           c.perChannel ? tr("yes") : tr("no"),
                                                           clipName(effectiveClip(c))};
        for (int column = 0; column < values.size(); ++column)
            table->setItem(r, column, cell(values[column], differs));
        table->item(r, 0)->setToolTip(settingText(c));
    }
    table->resizeColumnsToContents();
    return dialog;
}

RunConfigDialog* RunConfigDialog::comparing(const RunsTableModel& runs, int first, int second, QWidget* parent)
{
    auto* dialog = new RunConfigDialog(parent);
    dialog->setObjectName(QStringLiteral("runCompareDialog"));
    const RunRecord& a = runs.runs()[static_cast<std::size_t>(first)];
    const RunRecord& b = runs.runs()[static_cast<std::size_t>(second)];
    dialog->setWindowTitle(tr("%1 vs %2").arg(a.name, b.name));
    const LayerSettings layersA = runs.layerSettings(first), layersB = runs.layerSettings(second);
    const std::vector<LayerDifference> differences = compareSettings(layersA, layersB);
    const int total = static_cast<int>(std::max(layersA.size(), layersB.size()));
    if (layersA.empty() || layersB.empty())
        dialog->m_summary->setText(tr("The per-layer configuration of %1 was not stored (a session from an older QuantScope).")
                                       .arg((layersA.empty() ? a : b).name));
    else if (differences.empty())
        dialog->m_summary->setText(tr("%1 and %2 evaluated the same settings on all %3 layers.").arg(a.name, b.name).arg(total));
    else
        dialog->m_summary->setText(tr("%1 of %2 layers differ between %3 and %4.").arg(differences.size()).arg(total).arg(a.name, b.name));

    QTableWidget* table = dialog->m_table;
    table->setColumnCount(3);
    table->setHorizontalHeaderLabels({tr("Layer"), a.name, b.name});
    if (layersA.empty() || layersB.empty())
        return dialog;
    table->setRowCount(static_cast<int>(differences.size()));
    for (std::size_t i = 0; i < differences.size(); ++i) {
        const int r = static_cast<int>(i);
        table->setItem(r, 0, cell(differences[i].layer));
        const QString none = QStringLiteral("\u2014"); // the run has no such layer
        table->setItem(r, 1, cell(differences[i].first.isEmpty() ? none : differences[i].first));
        table->setItem(r, 2, cell(differences[i].second.isEmpty() ? none : differences[i].second));
    }
    table->resizeColumnsToContents();
    return dialog;
}

} // namespace qs::gui
