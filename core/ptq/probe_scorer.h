#pragma once
// The evaluation sample of the sensitivity probes and the mixed-precision search, which both judge a
// configuration by two numbers of the model's first output: top-1 against the labels (when there are labels
// and the model is a classifier) and SQNR against the FP32 output of the same samples.

#include "core/data/dataset.h"
#include "core/engine/prepared_model.h"
#include "core/eval/fidelity.h"

#include <memory>
#include <string>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace qs {

// The samples, the shapes they run at and what the first output holds. `what` names the caller in errors.
struct ProbeSample {
    std::vector<int64_t> indices;
    int64_t total = 0;
    InputShapes shapes;
    std::shared_ptr<const Graph> graph; // prepared for `shapes`
    int64_t batch = 1;
    int64_t classes = 0;                // elements of one sample's first output
    std::vector<int> labels;            // empty unless labelled
    bool labelled = false;

    ProbeSample(const PreparedModel& model, const Dataset& dataset, const std::vector<int64_t>& requested, int64_t batchWanted,
                const std::string& what);
};

struct ProbeOutcome {
    double top1 = std::numeric_limits<double>::quiet_NaN(); // percent; NaN without labels
    double sqnrDb = std::numeric_limits<double>::infinity(); // of the first output against FP32
};

class ProbeScorer {
public:
    // labels: one per sample in sample order, or empty; reference: FP32 outputs of all samples, or null.
    ProbeScorer(const std::vector<int>& labels, const std::vector<float>* reference, int64_t classes)
        : m_labels(labels), m_reference(reference), m_classes(classes) {}

    // The outputs of samples [first, first + rows).
    void add(const float* outputs, int64_t first, int64_t rows)
    {
        const std::size_t n = static_cast<std::size_t>(rows * m_classes);
        if (m_reference)
            accumulateFidelity(m_fidelity, std::span<const float>(*m_reference).subspan(static_cast<std::size_t>(first * m_classes), n),
                               std::span<const float>(outputs, n));
        if (m_labels.empty())
            return;
        for (int64_t r = 0; r < rows; ++r) {
            const float* row = outputs + r * m_classes;
            const auto best = std::max_element(row, row + m_classes) - row;
            m_correct += std::isfinite(row[best]) && best == m_labels[static_cast<std::size_t>(first + r)];
        }
        m_rows += rows;
    }

    ProbeOutcome outcome() const
    {
        ProbeOutcome o;
        if (!m_labels.empty() && m_rows > 0)
            o.top1 = 100.0 * static_cast<double>(m_correct) / static_cast<double>(m_rows);
        if (m_reference)
            o.sqnrDb = m_fidelity.sqnrDb();
        return o;
    }

private:
    const std::vector<int>& m_labels;
    const std::vector<float>* m_reference;
    int64_t m_classes;
    OutputFidelity m_fidelity;
    int64_t m_correct = 0, m_rows = 0;
};

} // namespace qs
