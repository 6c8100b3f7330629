#pragma once
// Feeding a dataset to a model: which array of a sample goes to which graph input, the shapes the model is
// compiled for, and one float buffer per graph input that a batch of samples is loaded into. Every job that
// runs a model over data (evaluation, fidelity, calibration, the per-layer analyses, bench) feeds it through
// here, so a model of several inputs works wherever a model of one does.
//
// Matching: a model of one input and a dataset of one array per sample match whatever the names (images,
// IDX, CIFAR, .npy folders); otherwise every graph input takes the array named after it, and an input
// without an array, an array no input takes, or a shape that does not fit throws qs::Error naming the input
// and the model. A named array stored with the model input's full rank and a leading 1 is one sample saved
// with its batch dimension: the 1 is dropped. Only float inputs can be fed: integer inputs (token ids, image
// sizes as int64) throw.

#include "core/data/dataset.h"
#include "core/engine/engine.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace qs {

// The shapes a model gets for a dataset: every input [batch, sample dims...], checked against the model's
// declared dims where they are known. Throws qs::Error (the model's path) when inputs and arrays do not match.
InputShapes inputShapesFor(const Graph& model, const Dataset& dataset, int64_t batch);

class ModelFeed {
public:
    // For `graph`, a model compiled or prepared for a batch: its inputs' shapes are fixed, the first dim the
    // batch. The dataset must outlive the feed.
    ModelFeed(const Graph& graph, const Dataset& dataset);

    int64_t batch() const { return m_batch; }
    std::size_t inputCount() const { return m_buffers.size(); }
    const ValueInfo& input(std::size_t i) const { return m_inputs[i]; }
    // One sample's elements of input i.
    int64_t sampleElements(std::size_t i) const { return m_sampleElements[i]; }
    // The whole buffer of input i: batch() rows, the last load's samples first, zeros after them.
    std::span<const float> data(std::size_t i) const { return m_buffers[i]; }

    // Loads up to batch() samples into the buffers and zeroes the rows past them (a last, partial batch).
    void load(std::span<const int64_t> indices);
    // One pointer per graph input, in graph-input order: what Session::run takes.
    std::span<const float* const> pointers() const { return m_pointers; }

private:
    const Dataset& m_dataset;
    std::vector<ValueInfo> m_inputs;
    int64_t m_batch = 1;
    std::vector<int64_t> m_sampleElements;
    std::vector<std::vector<float>> m_buffers; // graph-input order
    std::vector<const float*> m_pointers;      // graph-input order
    std::vector<float*> m_arrayBuffers;        // the dataset's array order
};

} // namespace qs
