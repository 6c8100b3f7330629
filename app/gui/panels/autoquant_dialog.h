#pragma once
// Run › Auto Mixed Precision: the budget of the search (a top-1 drop in points on labelled data, an output-SQNR
// floor without labels), the weight widths a layer may step down through (8 always), and how many evaluation
// images every candidate is evaluated on. Defaults are core's AutoquantOptions, as quantscope-cli autoquant has them.

#include "core/ptq/autoquant.h"

#include <QDialog>

#include <map>

class QCheckBox;
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

    QDoubleSpinBox* maxDropBox() const { return m_maxDrop; }
    QDoubleSpinBox* minSqnrBox() const { return m_minSqnr; }
    QCheckBox* widthBox(int bits) const; // 6, 4 or 2; nullptr otherwise
    QSpinBox* samplesBox() const { return m_samples; }

private:
    QDoubleSpinBox* m_maxDrop;
    QDoubleSpinBox* m_minSqnr;
    std::map<int, QCheckBox*> m_widths;
    QSpinBox* m_samples;
};

} // namespace qs::gui
