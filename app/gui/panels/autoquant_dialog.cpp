#include "app/gui/panels/autoquant_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace qs::gui {

AutoquantDialog::AutoquantDialog(qint64 evalLimit, QWidget* parent)
    : QDialog(parent), m_objective(new QComboBox(this)), m_maxDrop(new QDoubleSpinBox(this)), m_minSqnr(new QDoubleSpinBox(this)), m_samples(new QSpinBox(this))
{
    setObjectName(QStringLiteral("autoquantDialog"));
    setWindowTitle(tr("Auto Mixed Precision"));
    const AutoquantOptions defaults;

    m_objective->addItem(tr("Size of the weights"), static_cast<int>(AutoquantObjective::Size));
    m_objective->addItem(tr("Latency (measured, batch 1)"), static_cast<int>(AutoquantObjective::Latency));
    m_objective->setCurrentIndex(m_objective->findData(static_cast<int>(defaults.objective)));
    m_objective->setToolTip(tr("Latency: every candidate is also timed, batch-1 inference of the whole model on this CPU (median of "
                               "at least 30 runs), and layers move between int8 and FP32 only: lower weight widths run the same "
                               "int8 kernels, so they do not change latency."));

    m_maxDrop->setRange(0.0, 100.0);
    m_maxDrop->setDecimals(2);
    m_maxDrop->setSingleStep(0.1);
    m_maxDrop->setSuffix(tr(" points"));
    m_maxDrop->setValue(defaults.maxTop1Drop);
    m_minSqnr->setRange(0.0, 200.0);
    m_minSqnr->setDecimals(1);
    m_minSqnr->setSuffix(tr(" dB"));
    m_minSqnr->setValue(defaults.minSqnrDb);

    auto* widths = new QHBoxLayout;
    auto* eight = new QCheckBox(tr("8 bits"), this);
    eight->setChecked(true);
    eight->setEnabled(false); // every search starts from 8 bits
    widths->addWidget(eight);
    for (int bits : {6, 4, 2}) {
        auto* box = new QCheckBox(tr("%1 bits").arg(bits), this);
        box->setChecked(std::find(defaults.weightBits.begin(), defaults.weightBits.end(), bits) != defaults.weightBits.end());
        m_widths[bits] = box;
        widths->addWidget(box);
    }
    widths->addStretch(1);
    auto widthsApply = [this] {
        for (const auto& [bits, box] : m_widths)
            box->setEnabled(m_objective->currentData().toInt() == static_cast<int>(AutoquantObjective::Size));
    };
    connect(m_objective, &QComboBox::currentIndexChanged, this, widthsApply);
    widthsApply();

    // 0 means "all": the special value reads as such.
    m_samples->setRange(0, evalLimit > 0 ? static_cast<int>(std::min<qint64>(evalLimit, std::numeric_limits<int>::max())) : 1'000'000'000);
    m_samples->setSpecialValueText(evalLimit > 0 ? tr("all %1 evaluation images").arg(evalLimit) : tr("all evaluation images"));
    m_samples->setValue(0);
    m_samples->setSingleStep(100);

    auto* form = new QFormLayout;
    form->addRow(tr("Minimise:"), m_objective);
    form->addRow(tr("Top-1 at most this far below FP32:"), m_maxDrop);
    form->addRow(tr("Without labels, worst output SQNR at least:"), m_minSqnr);
    form->addRow(tr("Weight widths a layer may take:"), widths);
    form->addRow(tr("Evaluate every candidate on:"), m_samples);

    auto* note = new QLabel(tr("The search starts from the table's config and lowers one layer's weight width at a time, in the order the "
                               "sensitivity sweep suggests; every candidate is a real int8 evaluation of the whole model and becomes a run "
                               "(the search's trace on the accuracy-vs-size plot). Activations keep their widths. For latency, layers "
                               "only move between int8 and FP32 and each candidate's measured latency shows in the runs table."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Search"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

QCheckBox* AutoquantDialog::widthBox(int bits) const
{
    const auto it = m_widths.find(bits);
    return it == m_widths.end() ? nullptr : it->second;
}

AutoquantOptions AutoquantDialog::options() const
{
    AutoquantOptions o;
    o.objective = static_cast<AutoquantObjective>(m_objective->currentData().toInt());
    o.maxTop1Drop = m_maxDrop->value();
    o.minSqnrDb = m_minSqnr->value();
    o.weightBits = {8};
    for (int bits : {6, 4, 2}) // descending, as autoquant() requires
        if (m_widths.at(bits)->isChecked())
            o.weightBits.push_back(bits);
    return o;
}

qint64 AutoquantDialog::samples() const { return m_samples->value() == 0 ? -1 : m_samples->value(); }

} // namespace qs::gui
