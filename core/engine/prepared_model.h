#pragma once
// A loaded model prepared for the engine, once per input shape, and shared by everything that runs it: the
// workbench's layer table (layerFacts() on the batch-1 graph), config import/export, model size, calibration
// and every compile. Preparation (shape inference, constant folding, BatchNorm folding) bakes the batch into
// folded shape constants, so each input shape has its own prepared graph; each is built on first use and
// kept. Thread-safe: jobs on worker threads and the GUI thread ask for graphs concurrently.

#include "core/engine/engine.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace qs {

class PreparedModel {
public:
    // equalizeChannels: every prepared graph gets cross-layer equalization (equalize_channels.h). It changes
    // the weights, not the function: FP32 results stay equal up to float rounding, and calibration, every
    // compile and the layer table see the equalized weights.
    explicit PreparedModel(std::shared_ptr<const Graph> model, bool equalizeChannels = false);

    const Graph& source() const { return *m_source; }
    std::shared_ptr<const Graph> sourcePtr() const { return m_source; }
    bool equalizesChannels() const { return m_equalizeChannels; }

    // The model prepared for `shapes` (BatchNorm folded), built the first time and shared afterwards.
    // Throws qs::Error as prepareGraph() does.
    std::shared_ptr<const Graph> graph(const InputShapes& shapes) const;
    // Compiles graph(shapes) (prepared again only when options ask not to fold BatchNorm; then not equalized).
    std::shared_ptr<const CompiledModel> compile(const InputShapes& shapes, const EngineOptions& options = {}) const;
    // `wanted` if the model prepares at its batch, else the same shapes at batch 1: models with a fixed batch
    // dim or batch-sized constants inside (a Reshape to [1, ...], a batch-1 constant concatenated with
    // activations) run at batch 1, so that our choice of batch never makes a model fail. Throws the error of
    // `wanted` when batch 1 fails too.
    InputShapes runnableShapes(const InputShapes& wanted) const;
    // How many graphs have been prepared so far (for tests and the log).
    int preparedCount() const;

private:
    std::shared_ptr<const Graph> m_source;
    bool m_equalizeChannels = false;
    mutable std::mutex m_mutex;
    mutable std::map<std::string, std::shared_ptr<const Graph>> m_graphs; // by a key of the shapes
};

} // namespace qs
