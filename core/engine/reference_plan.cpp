// The slow twin: every node through its naive reference kernel, tensors in a name map.
#include "core/engine/execution_plan.h"
#include "core/ops/op.h"
#include "core/util/error.h"

#include <cstring>
#include <map>
#include <set>

namespace qs {
namespace {

struct ReferenceState : PlanState {
    std::map<std::string, Tensor> values;
};

class ReferencePlan : public ExecutionPlan {
public:
    explicit ReferencePlan(const Graph& graph) : m_graph(graph) {}

    std::unique_ptr<PlanState> createState() const override { return std::make_unique<ReferenceState>(); }

    void run(PlanState& base, std::span<const float* const> inputs) const override
    {
        auto& state = static_cast<ReferenceState&>(base);
        state.values.clear();
        for (std::size_t i = 0; i < m_graph.inputs.size(); ++i) {
            const ValueInfo& info = m_graph.inputs[i];
            Tensor t(DataType::Float32, info.shape);
            std::memcpy(t.raw(), inputs[i], t.byteSize());
            state.values[info.name] = std::move(t);
        }
        const std::set<std::string> taps(state.tapValues.begin(), state.tapValues.end());
        for (const Node& node : m_graph.nodes) {
            std::vector<const Tensor*> in;
            for (const auto& name : node.inputs) {
                if (name.empty()) {
                    in.push_back(nullptr);
                } else if (const Tensor* c = m_graph.constant(name)) {
                    in.push_back(c);
                } else {
                    auto it = state.values.find(name);
                    if (it == state.values.end())
                        throw Error("value '" + name + "' was not computed", {m_graph.sourcePath, node.label()});
                    in.push_back(&it->second);
                }
            }
            std::vector<Tensor> out;
            try {
                out = findOp(node.opType)->run(node, in);
            } catch (const Error& e) {
                throw Error(e.message(), {m_graph.sourcePath, node.label()});
            }
            for (std::size_t i = 0; i < node.outputs.size() && i < out.size(); ++i) {
                if (node.outputs[i].empty())
                    continue;
                if (state.tap && taps.count(node.outputs[i]) && out[i].dtype() == DataType::Float32)
                    state.tap(node.outputs[i], out[i].data<float>(), out[i].shape());
                state.values[node.outputs[i]] = std::move(out[i]);
            }
        }
    }

    std::span<const float> output(const PlanState& base, std::size_t i) const override
    {
        const auto& state = static_cast<const ReferenceState&>(base);
        const std::string& name = m_graph.outputs.at(i).name;
        auto it = state.values.find(name);
        const Tensor* t = it != state.values.end() ? &it->second : m_graph.constant(name);
        if (!t || t->dtype() != DataType::Float32)
            throw Error("output '" + name + "' is not available as float", {m_graph.sourcePath});
        return t->floats();
    }

    std::vector<std::string> referenceNodes() const override
    {
        std::vector<std::string> names;
        for (const auto& node : m_graph.nodes)
            names.push_back(node.name);
        return names;
    }

    std::vector<std::string> observableValues() const override
    {
        std::vector<std::string> names;
        for (const auto& node : m_graph.nodes)
            for (const auto& out : node.outputs)
                if (!out.empty())
                    names.push_back(out);
        return names;
    }

private:
    const Graph& m_graph; // owned by the CompiledModel, which outlives its plan
};

} // namespace

std::unique_ptr<ExecutionPlan> makeReferencePlan(const Graph& graph) { return std::make_unique<ReferencePlan>(graph); }

} // namespace qs
