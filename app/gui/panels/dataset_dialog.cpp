#include "app/gui/panels/dataset_dialog.h"

#include "app/gui/file_dialog_folders.h"
#include "core/data/dataset_factory.h"
#include "core/data/preprocess_spec.h"
#include "core/util/error.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace qs::gui {

DatasetDialog::DatasetDialog(const DatasetSelection& s, QWidget* parent)
    : QDialog(parent), m_kind(new QComboBox(this)), m_path(new QLineEdit(this)), m_split(new QComboBox(this)), m_preprocess(new QLineEdit(this)),
      m_limit(new QSpinBox(this)), m_calibration(new QSpinBox(this)), m_calibrationData(new QLineEdit(this)), m_initial(s),
      m_status(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Dataset"));
    for (const std::string& kind : knownDatasetKinds())
        m_kind->addItem(QString::fromStdString(kind));
    m_kind->setCurrentText(s.kind);
    m_path->setText(s.path);
    m_split->addItem(tr("test"), QStringLiteral("test"));
    m_split->addItem(tr("train"), QStringLiteral("train"));
    m_split->setCurrentIndex(s.split == QLatin1String("train") ? 1 : 0);
    m_preprocess->setText(s.preprocess);
    m_preprocess->setPlaceholderText(tr("automatic: the model's sidecar or the dataset's usual normalisation"));
    m_limit->setRange(0, 10'000'000);
    m_limit->setSpecialValueText(tr("all"));
    m_limit->setValue(s.evalLimit < 0 ? 0 : static_cast<int>(s.evalLimit));
    m_calibration->setRange(1, 1'000'000);
    m_calibration->setValue(static_cast<int>(s.calibrationSamples));
    m_calibrationData->setObjectName(QStringLiteral("calibrationData"));
    m_calibrationData->setText(s.calibrationData);
    m_calibrationData->setPlaceholderText(tr("none: the train split; for an image folder, its images that are not evaluated"));
    m_calibrationData->setToolTip(tr("Other data to calibrate on, as KIND:PATH (e.g. images:/data/calib). Image and tensor folders have no "
                                     "train split: without this, calibration uses the folder's images that are not evaluated, or, when "
                                     "every image is evaluated, the evaluated ones (the log says which)."));
    m_status->setWordWrap(true);

    auto* browse = new QPushButton(tr("Browse\u2026"), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("Kind:"), m_kind);
    form->addRow(tr("Directory:"), pathRow);
    form->addRow(tr("Evaluation split:"), m_split);
    form->addRow(tr("Preprocessing:"), m_preprocess);
    form->addRow(tr("Evaluation images:"), m_limit);
    form->addRow(tr("Calibration images:"), m_calibration);
    form->addRow(tr("Calibration data:"), m_calibrationData);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(560, sizeHint().height());

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Dataset directory"), startFolder(FileKind::Data, m_path->text()));
        if (dir.isEmpty())
            return;
        rememberFolder(FileKind::Data, dir);
        m_path->setText(dir);
    });
    connect(m_preprocess, &QLineEdit::textChanged, this, &DatasetDialog::validate);
    connect(m_path, &QLineEdit::textChanged, this, &DatasetDialog::validate);
    connect(m_calibrationData, &QLineEdit::textChanged, this, &DatasetDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

void DatasetDialog::validate()
{
    QString problem;
    try {
        parsePreprocessSpec(m_preprocess->text().trimmed().toStdString());
    } catch (const Error& e) {
        problem = tr("Preprocessing: %1").arg(QString::fromStdString(e.message()));
    }
    if (problem.isEmpty() && m_path->text().trimmed().isEmpty())
        problem = tr("Choose the dataset directory.");
    if (problem.isEmpty() && !m_calibrationData->text().trimmed().isEmpty()) {
        try {
            parseDatasetSpec(m_calibrationData->text().trimmed().toStdString());
        } catch (const Error& e) {
            problem = tr("Calibration data: %1").arg(QString::fromStdString(e.message()));
        }
    }
    m_status->setText(problem);
    m_status->setStyleSheet(problem.isEmpty() ? QString() : QStringLiteral("color: #c03030"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

DatasetSelection DatasetDialog::selection() const
{
    DatasetSelection s = m_initial; // what the dialog does not edit (the input shape) stays
    s.kind = m_kind->currentText();
    s.path = m_path->text().trimmed();
    s.split = m_split->currentData().toString();
    s.preprocess = m_preprocess->text().trimmed();
    s.evalLimit = m_limit->value() == 0 ? -1 : m_limit->value();
    s.calibrationSamples = m_calibration->value();
    s.calibrationData = m_calibrationData->text().trimmed();
    return s;
}

} // namespace qs::gui
