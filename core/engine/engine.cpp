#include "core/engine/engine.h"

#include "core/engine/execution_plan.h"
#include "core/transforms/prepare_graph.h"
#include "core/util/error.h"

namespace qs {

std::shared_ptr<const CompiledModel> CompiledModel::compile(const Graph& model, const InputShapes& shapes,
                                                            const EngineOptions& options)
{
    return compilePrepared(std::make_shared<const Graph>(prepareGraph(model, {shapes, options.foldBatchNorm})), options);
}

std::shared_ptr<const CompiledModel> CompiledModel::compilePrepared(std::shared_ptr<const Graph> prepared, const EngineOptions& options)
{
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
const Shape& Session::outputShape(std::size_t i) const { return m_model->graph().outputs.at(i).shape; }
std::span<const float> Session::output(std::size_t i) const { return m_model->plan().output(*m_state, i); }

void Session::setTaps(std::vector<std::string> values, Tap tap, bool rowMajor)
{
    m_state->tapValues = std::move(values);
    m_state->tap = std::move(tap);
    m_state->tapRowMajor = rowMajor;
}

} // namespace qs
