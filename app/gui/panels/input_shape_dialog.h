#pragma once
// Asks for the shape of a model's dynamic inputs ("1x3x320x320", or "NAME=1x3x48x192" per input separated by
// ';'), naming the inputs and why the shape is needed. The text is checked live by the caller's `check`
// (Workbench::inputShapeProblem: core's InputShapeSpec parser and the model's own dims); OK is enabled only
// for a shape that fits, and a refused one shows the reason.

#include <QDialog>

#include <functional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace qs::gui {

class InputShapeDialog : public QDialog {
    Q_OBJECT
public:
    // `check` returns why a text is not usable, empty when it is.
    InputShapeDialog(const QString& modelName, const QStringList& inputs, const QString& reason, const QString& current,
                     std::function<QString(const QString&)> check, QWidget* parent = nullptr);
    QString shape() const;
    QLineEdit* shapeEdit() const { return m_shape; }
    QString problem() const; // what the status line says against the current text; empty when it fits

private:
    void validate();

    std::function<QString(const QString&)> m_check;
    QLineEdit* m_shape;
    QLabel* m_status;
    QDialogButtonBox* m_buttons;
};

} // namespace qs::gui
