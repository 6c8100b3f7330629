// The slow twin: every node through its naive reference kernel, tensors in a name map. With a quantization
// plan it is the fake-quantization simulation of the int8 engine: each planned value is rounded to its
// integer grid (and clamped to its bit range) where it is produced, and each integer layer computes with its
// weights on their symmetric integer grid. A planned value the engine makes as floats (a graph input, an FP32
// node's output) stays float where it is made and is rounded only for the int8 layers that read it, as the
// engine quantizes a copy for them; its FP32 readers read the float. Integer accumulation equals this float computation up to
// float rounding, so the oneDNN int8 plan must match it within one quantization step.
// Every value is a tensor of the run, so a shape known only at run time (NonMaxSuppression's selection) needs
// nothing special here; as in the oneDNN plan, such values are not observable.
#include "core/engine/cpu_features.h"
#include "core/engine/execution_plan.h"
#include "core/quant/integer_flow.h"
#include "core/ops/op.h"
#include "core/util/error.h"

#include <cstring>
#include <map>
#include <set>

namespace qs {
namespace {

struct ReferenceState : PlanState {
    std::map<std::string, Tensor> values;
    std::map<std::string, Tensor> rounded; // float-made values as int8 layers read them
};

class ReferencePlan : public ExecutionPlan {
public:
    ReferencePlan(const Graph& graph, std::shared_ptr<const QuantizationPlan> quantization)
        : m_graph(graph), m_quantization(std::move(quantization))
    {
        if (!m_quantization)
            return;
        findFloatMadeValues();
        for (const Node& node : m_graph.nodes) {
            const WeightQuant* wq = m_quantization->layer(node.name);
            const OpQuantTraits traits = quantTraitsOf(node);
            const std::size_t input = traits.weightInputs.empty() ? 1 : static_cast<std::size_t>(traits.weightInputs[0]);
            const Tensor* w = node.hasInput(input) ? m_graph.constant(node.input(input)) : nullptr;
            if (!wq || !w)
                continue;
            // Weights are quantized per output channel in output-channel-major order (a [K, N] Gemm matrix
            // transposed, ConvTranspose's [C_in, C_out/group, k...] regrouped), then put back in the node's layout.
            const Tensor source = outputChannelMajor(*w, traits);
            std::vector<int8_t> q;
            std::vector<float> scales;
            try {
                const ActivationQuant* in = m_quantization->activation(node.input(0));
                scales = quantizeWeights(source, in ? runnableWeightQuant(*wq, source, *in) : *wq, q);
            } catch (const Error& e) { // as the oneDNN lowering does: the message names the model and the node
                throw Error(e.message(), {m_graph.sourcePath, node.label()});
            }
            Tensor fake(DataType::Float32, source.shape());
            const int64_t per = fake.size() / static_cast<int64_t>(scales.size() == 1 ? 1 : source.shape()[0]);
            for (int64_t i = 0; i < fake.size(); ++i)
                fake.data<float>()[i] = scales[scales.size() == 1 ? 0 : static_cast<std::size_t>(i / per)] * q[static_cast<std::size_t>(i)];
            m_fakeWeights[node.name] = {input, weightsInLayout(fake, w->shape(), traits)};
        }
    }

    bool runsInt8(const Node& node) const { return m_quantization->layer(node.name) && isIntegerLayer(m_graph, node); }

    // Which values the engine makes as floats (core/engine/dnnl_lower_*), with post-ops fused as by default.
    // Integers come out of an int8 layer and what fuses after it, unless the fused residual is float (then the Add
    // and what follows run as FP32 steps); out of views and pooling of integers; out of a Concat with a
    // quantization (it quantizes float inputs too); out of an Add of two integer values and what fuses after it.
    void findFloatMadeValues()
    {
        std::set<std::string> integers;
        std::set<const Node*> fusedIntegers;
        auto isIntegers = [&](const std::string& v) { return integers.count(v) != 0; };
        for (const Node& node : m_graph.nodes) {
            const OpQuantTraits t = quantTraitsOf(node);
            bool makesIntegers = fusedIntegers.count(&node) != 0;
            std::vector<std::string> computed;
            for (const std::string& in : node.inputs)
                if (!in.empty() && !m_graph.isConstant(in))
                    computed.push_back(in);
            if (t.role == QuantRole::IntegerLayer && runsInt8(node)) {
                makesIntegers = true;
                const FusedChain chain = integerLayerChain(m_graph, node);
                if (!chain.residualAdd || isIntegers(chain.residual)) {
                    if (chain.residualAdd)
                        fusedIntegers.insert(chain.residualAdd);
                    fusedIntegers.insert(chain.activations.begin(), chain.activations.end());
                }
            } else if (t.role == QuantRole::PassThrough) {
                makesIntegers = makesIntegers || (!computed.empty() && isIntegers(computed[0]));
            } else if (t.role == QuantRole::Requantizing && !makesIntegers) {
                const bool planned = !node.outputs.empty() && m_quantization->activation(node.outputs[0]);
                const bool allRuntime = computed.size() == node.inputs.size();
                bool allIntegers = !computed.empty();
                for (const std::string& in : computed)
                    allIntegers = allIntegers && isIntegers(in);
                makesIntegers = planned && allRuntime && (t.quantizesFloatInputs || allIntegers);
                if (makesIntegers && !t.quantizesFloatInputs) {
                    const FusedChain chain = integerAddChain(m_graph, node);
                    fusedIntegers.insert(chain.activations.begin(), chain.activations.end());
                }
            }
            // Integers need a grid: an output the plan gives no quantization is float whatever made it (the engine
            // then dequantizes the layer's result, and a pooling after it runs on floats).
            for (const std::string& out : node.outputs)
                (makesIntegers && m_quantization->activation(out) ? integers : m_floatMade).insert(out);
        }
        for (const ValueInfo& input : m_graph.inputs)
            m_floatMade.insert(input.name);
    }

    // The value `reader` sees as its input `index`: a float-made value rounded for an int8 layer's data input.
    const Tensor* asRead(ReferenceState& state, const Node& reader, std::size_t index, const Tensor* value) const
    {
        const std::string& name = reader.inputs[index];
        if (!m_quantization || index != 0 || !m_floatMade.count(name) || !m_quantization->activation(name) || !runsInt8(reader))
            return value;
        auto [it, added] = state.rounded.try_emplace(name);
        if (added) {
            it->second = *value;
            roundToGrid(name, it->second);
        }
        return &it->second;
    }

    void fakeQuantize(const std::string& value, Tensor& t) const
    {
        if (!m_floatMade.count(value))
            roundToGrid(value, t);
    }

    void roundToGrid(const std::string& value, Tensor& t) const
    {
        if (!m_quantization || t.dtype() != DataType::Float32)
            return;
        if (const ActivationQuant* q = m_quantization->activation(value))
            for (float& v : t.floats())
                v = q->fakeQuantize(v);
    }

    std::unique_ptr<PlanState> createState() const override { return std::make_unique<ReferenceState>(); }

    void run(PlanState& base, std::span<const float* const> inputs) const override
    {
        auto& state = static_cast<ReferenceState&>(base);
        state.values.clear();
        state.rounded.clear();
        for (std::size_t i = 0; i < m_graph.inputs.size(); ++i) {
            const ValueInfo& info = m_graph.inputs[i];
            Tensor t(DataType::Float32, info.shape);
            std::memcpy(t.raw(), inputs[i], t.byteSize());
            fakeQuantize(info.name, t);
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
                    in.push_back(asRead(state, node, in.size(), &it->second));
                }
            }
            if (auto fw = m_fakeWeights.find(node.name); fw != m_fakeWeights.end())
                in[fw->second.first] = &fw->second.second;
            std::vector<Tensor> out;
            try {
                out = findOp(node.opType)->run(node, in);
            } catch (const Error& e) {
                throw Error(e.message(), {m_graph.sourcePath, node.label()});
            }
            for (std::size_t i = 0; i < node.outputs.size() && i < out.size(); ++i) {
                if (node.outputs[i].empty())
                    continue;
                fakeQuantize(node.outputs[i], out[i]);
                if (state.tap && taps.count(node.outputs[i]) && out[i].dtype() == DataType::Float32 && hasStaticShape(node.outputs[i]))
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

    const Tensor* heldOutput(const PlanState& base, std::size_t i) const override
    {
        const auto& state = static_cast<const ReferenceState&>(base);
        const std::string& name = m_graph.outputs.at(i).name;
        const auto it = state.values.find(name);
        return it != state.values.end() ? &it->second : m_graph.constant(name);
    }

    Shape outputShape(const PlanState& base, std::size_t i) const override
    {
        const auto& state = static_cast<const ReferenceState&>(base);
        const auto it = state.values.find(m_graph.outputs.at(i).name);
        return it != state.values.end() ? it->second.shape() : m_graph.outputs.at(i).shape;
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
                if (!out.empty() && hasStaticShape(out))
                    names.push_back(out);
        return names;
    }

    // The values this twin rounds where they are made: those the engine holds as integers, if the placement rules
    // above restate the engine's (test_twin_placement checks that on real models).
    std::map<std::string, ActivationQuant> integerQuantization() const override
    {
        std::map<std::string, ActivationQuant> held;
        if (!m_quantization)
            return held;
        for (const Node& node : m_graph.nodes)
            for (const std::string& out : node.outputs)
                if (!out.empty() && !m_floatMade.count(out) && hasStaticShape(out))
                    if (const ActivationQuant* q = m_quantization->activation(out))
                        held.emplace(out, *q);
        return held;
    }

    std::set<std::string> valuesMadeAsIntegers() const override
    {
        std::set<std::string> made;
        for (const auto& [value, q] : integerQuantization())
            made.insert(value);
        return made;
    }

private:
    // Not a shape known only at run time.
    bool hasStaticShape(const std::string& value) const
    {
        const ValueInfo* info = m_graph.info(value);
        return info && hasFixedShape(*info);
    }

    const Graph& m_graph; // owned by the CompiledModel, which outlives its plan
    std::shared_ptr<const QuantizationPlan> m_quantization;
    std::map<std::string, std::pair<std::size_t, Tensor>> m_fakeWeights; // by node: weight input, its values on the grid
    std::set<std::string> m_floatMade; // values the engine makes as floats: rounded per int8 reader only
};

} // namespace

std::unique_ptr<ExecutionPlan> makeReferencePlan(const Graph& graph, std::shared_ptr<const QuantizationPlan> quantization)
{
    return std::make_unique<ReferencePlan>(graph, std::move(quantization));
}

} // namespace qs
