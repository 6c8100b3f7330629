#include "app/gui/panels/input_shape_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace qs::gui {

InputShapeDialog::InputShapeDialog(const QString& modelName, const QStringList& inputs, const QString& reason, const QString& current,
                                   std::function<QString(const QString&)> check, QWidget* parent)
    : QDialog(parent), m_check(std::move(check)), m_shape(new QLineEdit(this)), m_status(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Input Shape of %1").arg(modelName));
    setObjectName(QStringLiteral("inputShapeDialog"));
    auto* intro = new QLabel(this);
    intro->setWordWrap(true);
    QString text = reason.toHtmlEscaped();
    if (!inputs.isEmpty())
        text += QStringLiteral("<br><br>") + tr("Dynamic inputs: %1").arg(inputs.join(QStringLiteral("; ")).toHtmlEscaped());
    text += QStringLiteral("<br><br>") +
            tr("Give the shape to run it at, batch first, e.g. <b>1x3x320x320</b>, or <b>NAME=1x3x48x192</b> per input separated by ';'. "
               "It is remembered for this model and used for calibration, evaluation and the layer table.");
    intro->setText(text);
    m_shape->setObjectName(QStringLiteral("inputShape"));
    m_shape->setText(current);
    m_shape->setPlaceholderText(QStringLiteral("1x3x320x320"));
    m_status->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_shape);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(520, sizeHint().height());
    connect(m_shape, &QLineEdit::textChanged, this, &InputShapeDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

QString InputShapeDialog::shape() const { return m_shape->text().trimmed(); }

QString InputShapeDialog::problem() const { return m_check ? m_check(shape()) : QString(); }

void InputShapeDialog::validate()
{
    const QString why = problem();
    m_status->setText(why);
    m_status->setStyleSheet(why.isEmpty() ? QString() : QStringLiteral("color: #c03030"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

} // namespace qs::gui
