#pragma once
// Chooses the data: kind, directory, split, preprocessing string (validated live with core's parser),
// number of evaluation images and calibration images, and optional separate calibration data ("KIND:PATH", for
// image and tensor folders, which have no train split). The input shape is kept as it was (Run › Input Shape).

#include "app/gui/session/dataset_selection.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace qs::gui {

class DatasetDialog : public QDialog {
    Q_OBJECT
public:
    explicit DatasetDialog(const DatasetSelection& selection, QWidget* parent = nullptr);
    DatasetSelection selection() const;

private:
    void validate();

    QComboBox* m_kind;
    QLineEdit* m_path;
    QComboBox* m_split;
    QLineEdit* m_preprocess;
    QSpinBox* m_limit;
    QSpinBox* m_calibration;
    QLineEdit* m_calibrationData;
    DatasetSelection m_initial;
    QLabel* m_status;
    QDialogButtonBox* m_buttons;
};

} // namespace qs::gui
