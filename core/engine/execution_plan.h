#pragma once
// The executable form of a prepared graph. Two implementations: the reference plan (naive kernels of
// core/ops, the slow twin) and the oneDNN plan (dnnl_plan.h). A plan is immutable; its PlanState holds
// one session's buffers.

#include "core/engine/engine.h"

#include <map>
#include <set>

namespace qs {

class PlanState {
public:
    virtual ~PlanState() = default;
    std::vector<std::string> tapValues;
    Session::Tap tap;
    bool tapRowMajor = false; // taps need NCHW order (comparisons), not just each sample's values (statistics)
};

class ExecutionPlan {
public:
    virtual ~ExecutionPlan() = default;
    virtual std::unique_ptr<PlanState> createState() const = 0;
    virtual void run(PlanState& state, std::span<const float* const> inputs) const = 0;
    virtual std::span<const float> output(const PlanState& state, std::size_t i) const = 0;
    // Output i's shape in the last run: the compiled shape, or the run's where it depends on the data (NonMaxSuppression).
    virtual Shape outputShape(const PlanState& state, std::size_t i) const = 0;
    // Output i when the plan holds it as a tensor (any element type: a constant, an integer or data-dependent
    // run-time value); nullptr when it lives in a float buffer (read it with output()).
    virtual const Tensor* heldOutput(const PlanState& state, std::size_t i) const = 0;
    virtual std::vector<std::string> referenceNodes() const = 0;
    virtual std::vector<std::string> observableValues() const = 0;
    // Observable values held as integers (u8/s8) between steps, with the quantization their slots hold, including
    // float values quantized into a copy for an int8 reader; the reference plan (the fake-quant twin) gives the
    // values it rounds where they are made.
    virtual std::map<std::string, ActivationQuant> integerQuantization() const = 0;
    // Observable values made as integers where they are produced (their own slot holds integers, so every
    // reader sees the rounded value); a float value quantized into a copy is not one.
    virtual std::set<std::string> valuesMadeAsIntegers() const = 0;
    std::vector<std::string> integerValues() const;
};

std::unique_ptr<ExecutionPlan> makeReferencePlan(const Graph& graph, std::shared_ptr<const QuantizationPlan> quantization);
std::unique_ptr<ExecutionPlan> makeDnnlPlan(const Graph& graph, const EngineOptions& options);

} // namespace qs
