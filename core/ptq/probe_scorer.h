#pragma once
// The evaluation sample of the sensitivity probes and the mixed-precision search, which both judge a
// configuration by two numbers: top-1 of the model's first output against the labels (when there are labels and
// the model is a classifier) and the worst SQNR of its outputs against FP32 on the same samples (a detector's
// every head counts, not only the first).

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

// The samples, the shapes they run at and the outputs compared. `what` names the caller in errors.
struct ProbeSample {
    std::vector<int64_t> indices;
    int64_t total = 0;
    InputShapes shapes;
    std::shared_ptr<const Graph> graph; // prepared for `shapes`
    int64_t batch = 1;
    // The graph outputs compared with FP32: float32, a shape fixed at load time, the batch first (a detector's
    // heads, a segmenter's map); outputs of data-dependent shape (after NonMaxSuppression) or of other types are
    // left out. Their graph output indices and elements per sample, in graph order.
    std::vector<std::size_t> outputs;
    std::vector<int64_t> outputElements;
    int64_t classes = 0;                // elements of one sample's first output (top-1 reads it)
    std::vector<int> labels;            // empty unless labelled
    bool labelled = false;

    ProbeSample(const PreparedModel& model, const Dataset& dataset, const std::vector<int64_t>& requested, int64_t batchWanted,
                const std::string& what);
};

struct ProbeOutcome {
    double top1 = std::numeric_limits<double>::quiet_NaN(); // percent; NaN without labels
    double sqnrDb = std::numeric_limits<double>::infinity(); // the worst compared output's SQNR against FP32
};

// Each compared output's FP32 values over all samples, in ProbeSample::outputs' order.
using ProbeReference = std::vector<std::vector<float>>;

class ProbeScorer {
public:
    // labels: one per sample in sample order, or empty (top-1 reads compared output 0, the graph's first output);
    // reference: FP32 outputs of all samples, or null.
    ProbeScorer(const std::vector<int>& labels, const ProbeReference* reference, const std::vector<int64_t>& outputElements)
        : m_labels(labels), m_reference(reference), m_elements(outputElements), m_fidelity(outputElements.size()) {}

    // Compared output k of samples [first, first + rows).
    void add(std::size_t k, const float* values, int64_t first, int64_t rows)
    {
        const int64_t per = m_elements[k];
        const std::size_t n = static_cast<std::size_t>(rows * per);
        if (m_reference)
            accumulateFidelity(m_fidelity[k], std::span<const float>((*m_reference)[k]).subspan(static_cast<std::size_t>(first * per), n),
                               std::span<const float>(values, n));
        if (k != 0 || m_labels.empty())
            return;
        for (int64_t r = 0; r < rows; ++r) {
            const float* row = values + r * per;
            const auto best = std::max_element(row, row + per) - row;
            m_correct += std::isfinite(row[best]) && best == m_labels[static_cast<std::size_t>(first + r)];
        }
        m_rows += rows;
    }

    // Every compared output of a session that ran samples [first, first + rows) of the whole model (`outputs`:
    // ProbeSample::outputs); `record`, when given, keeps them as the FP32 reference.
    void addOutputs(const Session& session, const std::vector<std::size_t>& outputs, int64_t first, int64_t rows, ProbeReference* record = nullptr)
    {
        if (record)
            record->resize(outputs.size());
        for (std::size_t k = 0; k < outputs.size(); ++k) {
            const float* values = session.output(outputs[k]).data();
            if (record)
                (*record)[k].insert((*record)[k].end(), values, values + rows * m_elements[k]);
            add(k, values, first, rows);
        }
    }

    ProbeOutcome outcome() const
    {
        ProbeOutcome o;
        if (!m_labels.empty() && m_rows > 0)
            o.top1 = 100.0 * static_cast<double>(m_correct) / static_cast<double>(m_rows);
        if (m_reference)
            for (const OutputFidelity& f : m_fidelity)
                o.sqnrDb = std::min(o.sqnrDb, f.sqnrDb());
        return o;
    }

private:
    const std::vector<int>& m_labels;
    const ProbeReference* m_reference;
    std::vector<int64_t> m_elements;
    std::vector<OutputFidelity> m_fidelity;
    int64_t m_correct = 0, m_rows = 0;
};

} // namespace qs
