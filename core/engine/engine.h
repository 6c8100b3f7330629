#pragma once
// Running a model. A CompiledModel is immutable: the prepared graph for one input shape plus its oneDNN
// primitives and reordered weights (rebuild it when the shape or the quantization changes). A Session is
// cheap and per job: it owns the activation buffers, so several sessions can run one CompiledModel from
// different threads.

#include "core/ir/graph.h"
#include "core/quant/quantization_plan.h"
#include "core/transforms/shape_inference.h"

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace qs {

struct EngineOptions {
    int threads = 0;          // oneDNN/OpenMP threads for this model's sessions; 0 = all cores
    bool useDnnl = true;      // false: the reference kernels only (the slow twin tests compare against)
    bool fusePostOps = true;  // fuse activations and residual adds into convolutions; off = every value observable
    bool foldBatchNorm = true;
    // Integer execution: null = FP32. Values and layers named here run in int8 (see quantization_plan.h).
    std::shared_ptr<const QuantizationPlan> quantization;
};

class ExecutionPlan;
class PlanState;

class CompiledModel {
public:
    // Prepares `model` for the given input shapes (see prepareGraph) and builds the execution plan.
    static std::shared_ptr<const CompiledModel> compile(const Graph& model, const InputShapes& shapes,
                                                        const EngineOptions& options = {});
    // Builds the plan for a graph prepared already (prepareGraph(), or PreparedModel::graph()): shared, not
    // prepared again. options.foldBatchNorm must be what it was prepared with.
    static std::shared_ptr<const CompiledModel> compilePrepared(std::shared_ptr<const Graph> prepared, const EngineOptions& options = {});
    ~CompiledModel();

    const Graph& graph() const { return *m_graph; } // the prepared graph that runs
    const EngineOptions& options() const { return m_options; }
    // Nodes executed by reference kernels because oneDNN could not take them (empty is the goal).
    std::vector<std::string> referenceNodes() const;
    // Values a Session tap can observe (all float values unless fused away).
    std::vector<std::string> observableValues() const;
    std::vector<std::string> integerValues() const; // see ExecutionPlan::integerValues
    // What the compiled model really stores as integers: value -> its scale, zero point and grid.
    std::map<std::string, ActivationQuant> integerQuantization() const;
    std::set<std::string> valuesMadeAsIntegers() const; // see ExecutionPlan::valuesMadeAsIntegers
    const ExecutionPlan& plan() const { return *m_plan; }

private:
    CompiledModel() = default;
    std::shared_ptr<const Graph> m_graph;
    EngineOptions m_options;
    std::unique_ptr<ExecutionPlan> m_plan;
};

class Session {
public:
    explicit Session(std::shared_ptr<const CompiledModel> model);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // One pointer per graph input, each a row-major float buffer of the compiled input shape.
    void run(std::span<const float* const> inputs);
    void run(const float* input) { run(std::span<const float* const>(&input, 1)); }

    std::size_t outputCount() const;
    // After a run: that run's shape, which differs from the compiled one (an unknown dim, -1) where it depends on
    // the data (a detector's NonMaxSuppression selection); before the first run, the compiled shape.
    Shape outputShape(std::size_t i) const;
    std::span<const float> output(std::size_t i) const;
    // A copy of output i of any element type (output() reads float32 only): what tests compare integer outputs with.
    Tensor outputTensor(std::size_t i) const;

    // Called after each run for every tapped value, in node order, with plain row-major data.
    using Tap = std::function<void(const std::string& value, const float* data, const Shape& shape)>;
    // With `rowMajor` false a tap may see each sample's values in another order (oneDNN's nhwc, saving a
    // reorder: statistics do not care); true gives exact row-major order, for element-wise comparisons.
    void setTaps(std::vector<std::string> values, Tap tap, bool rowMajor = false);

    const CompiledModel& model() const { return *m_model; }

private:
    std::shared_ptr<const CompiledModel> m_model;
    std::unique_ptr<PlanState> m_state;
};

} // namespace qs
