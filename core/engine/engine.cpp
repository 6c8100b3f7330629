#include "core/engine/engine.h"

#include "core/engine/execution_plan.h"
#include "core/transforms/prepare_graph.h"
#include "core/util/error.h"

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace qs {

std::shared_ptr<const CompiledModel> CompiledModel::compile(const Graph& model, const InputShapes& shapes,
                                                            const EngineOptions& options)
{
    return compilePrepared(std::make_shared<const Graph>(prepareGraph(model, {shapes, options.foldBatchNorm})), options);
}

namespace {

// The engine keeps every computed value of a run in memory: an input shape whose activations cannot fit is an error
// naming the shape and the bytes, before anything is allocated (it used to end in std::bad_alloc).
void checkActivationMemory(const Graph& g)
{
    uint64_t total = 0, largest = 0;
    std::string largestValue;
    for (const Node& node : g.nodes)
        for (const std::string& value : node.outputs) {
            const ValueInfo* info = value.empty() ? nullptr : g.info(value);
            if (!info || !info->shapeKnown)
                continue;
            const int64_t count = elementCount(info->shape); // throws on overflow
            if (count < 0) // a dim known at run time only (NonMaxSuppression's selection): no bound to check
                continue;
            uint64_t bytes = 0;
            if (__builtin_mul_overflow(static_cast<uint64_t>(count), static_cast<uint64_t>(std::max<std::size_t>(elementSize(info->dtype), 1)), &bytes) ||
                __builtin_add_overflow(total, bytes, &total))
                total = UINT64_MAX;
            if (bytes > largest) {
                largest = bytes;
                largestValue = value;
            }
        }
    const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGE_SIZE);
    const uint64_t memory = pages > 0 && pageSize > 0 ? static_cast<uint64_t>(pages) * static_cast<uint64_t>(pageSize) : 0;
    if (memory == 0 || total <= memory)
        return;
    std::string shapes;
    for (const ValueInfo& in : g.inputs)
        shapes += (shapes.empty() ? "" : ", ") + in.name + " " + toString(in.shape);
    auto gib = [](uint64_t bytes) {
        char text[32];
        std::snprintf(text, sizeof text, "%.1f GiB", static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
        return std::string(bytes == UINT64_MAX ? "more than 16 EiB" : text);
    };
    throw Error("input shape " + shapes + " needs " + gib(total) + " of activations (the largest, '" + largestValue + "', " + gib(largest) +
                    "), more than this machine's " + gib(memory) + " of memory: give a smaller --input-shape or batch",
                {g.sourcePath});
}

} // namespace

std::shared_ptr<const CompiledModel> CompiledModel::compilePrepared(std::shared_ptr<const Graph> prepared, const EngineOptions& options)
{
    checkActivationMemory(*prepared);
    std::shared_ptr<CompiledModel> compiled(new CompiledModel());
    compiled->m_options = options;
    compiled->m_graph = std::move(prepared);
    compiled->m_plan = options.useDnnl ? makeDnnlPlan(*compiled->m_graph, options) : makeReferencePlan(*compiled->m_graph, options.quantization);
    return compiled;
}

CompiledModel::~CompiledModel() = default;

std::vector<std::string> CompiledModel::referenceNodes() const { return m_plan->referenceNodes(); }
std::vector<std::string> CompiledModel::observableValues() const { return m_plan->observableValues(); }
std::vector<std::string> CompiledModel::integerValues() const { return m_plan->integerValues(); }
std::map<std::string, ActivationQuant> CompiledModel::integerQuantization() const { return m_plan->integerQuantization(); }
std::set<std::string> CompiledModel::valuesMadeAsIntegers() const { return m_plan->valuesMadeAsIntegers(); }

std::vector<std::string> ExecutionPlan::integerValues() const
{
    std::vector<std::string> values;
    for (const auto& [value, q] : integerQuantization())
        values.push_back(value);
    return values;
}

Session::Session(std::shared_ptr<const CompiledModel> model) : m_model(std::move(model)), m_state(m_model->plan().createState()) {}
Session::~Session() = default;

void Session::run(std::span<const float* const> inputs)
{
    if (inputs.size() != m_model->graph().inputs.size())
        throw Error("the model has " + std::to_string(m_model->graph().inputs.size()) + " inputs, " + std::to_string(inputs.size()) + " given",
                    {m_model->graph().sourcePath});
    m_model->plan().run(*m_state, inputs);
}

std::size_t Session::outputCount() const { return m_model->graph().outputs.size(); }
Shape Session::outputShape(std::size_t i) const { return m_model->plan().outputShape(*m_state, i); }
std::span<const float> Session::output(std::size_t i) const { return m_model->plan().output(*m_state, i); }

Tensor Session::outputTensor(std::size_t i) const
{
    if (const Tensor* held = m_model->plan().heldOutput(*m_state, i))
        return *held;
    return Tensor::fromFloats(outputShape(i), output(i));
}

void Session::setTaps(std::vector<std::string> values, Tap tap, bool rowMajor)
{
    m_state->tapValues = std::move(values);
    m_state->tap = std::move(tap);
    m_state->tapRowMajor = rowMajor;
}

} // namespace qs
