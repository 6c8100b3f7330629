#pragma once
// Run › Auto Mixed Precision: what to minimise (size, or latency measured at batch 1), the budget of the search (a
// top-1 drop in points on labelled data, an output-SQNR floor without labels), the weight widths a layer may step
// down through (8 always; size only: widths do not change int8 latency), and how many evaluation images every
// candidate is evaluated on. Defaults are core's AutoquantOptions, as quantscope-cli autoquant has them.

#include "core/ptq/autoquant.h"

#include <QDialog>

#include <map>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace qs::gui {

class AutoquantDialog : public QDialog {
    Q_OBJECT
public:
    // `evalLimit`: the dataset selection's number of evaluation images (< 0: all), the most a search can use.
    explicit AutoquantDialog(qint64 evalLimit, QWidget* parent = nullptr);

    AutoquantOptions options() const;
    qint64 samples() const; // < 0: every image the selection evaluates

    QComboBox* objectiveBox() const { return m_objective; } // item data: AutoquantObjective as int
    QDoubleSpinBox* maxDropBox() const { return m_maxDrop; }
    QDoubleSpinBox* minSqnrBox() const { return m_minSqnr; }
    QCheckBox* widthBox(int bits) const; // 6, 4 or 2; nullptr otherwise
    QSpinBox* samplesBox() const { return m_samples; }

private:
    QComboBox* m_objective;
    QDoubleSpinBox* m_maxDrop;
    QDoubleSpinBox* m_minSqnr;
    std::map<int, QCheckBox*> m_widths;
    QSpinBox* m_samples;
};

} // namespace qs::gui
