// The oneDNN execution plan: lowers the graph node by node through the lowering registry (a node no lowering
// takes, or one whose primitive oneDNN rejects, becomes a reference step), then runs the steps for each
// session. A session's activation buffers share one arena (planBuffers); graph inputs are bound to the
// caller's buffers on each run, and taps see each observed value after the step that produces it.
// Values no slot can hold, integers computed at run time or a shape known only at run time (NonMaxSuppression's
// selection and what is computed from it), are "run-time values": reference steps make and read them as tensors
// kept in the session, each run anew. They are not observable, and a node that reads one runs its reference kernel.
#include "core/engine/dnnl_plan.h"

#include "core/engine/dnnl_lowerings.h"
#include "core/util/error.h"

#include <omp.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <set>

namespace qs {
namespace {

struct FreeDeleter {
    void operator()(unsigned char* p) const { std::free(p); }
};

struct DnnlState : PlanState {
    std::unique_ptr<unsigned char, FreeDeleter> arena; // all activation buffers (see planBuffers)
    std::size_t arenaBytes = 0;
    dnnl::stream stream;
    std::vector<dnnl::memory> memories;                // per slot
    std::vector<std::unordered_map<int, dnnl::memory>> args; // per step
    std::vector<std::vector<float>> tapBuffers;
    std::map<std::string, Tensor> runtimeValues; // by value name (see the file comment)
};

class DnnlPlan : public ExecutionPlan {
public:
    DnnlPlan(const Graph& graph, const EngineOptions& options) : m_graph(graph), m_options(options), m_engine(dnnl::engine::kind::cpu, 0)
    {
        // oneDNN sizes its work partitioning when a primitive is created: create with the threads it will run with.
        if (options.threads > 0)
            omp_set_num_threads(options.threads);
        LoweringContext ctx(graph, options, m_engine, m_slots, m_steps);
        for (const auto& input : graph.inputs) {
            const int slot = ctx.addSlot(LoweringContext::plainDesc(input.shape));
            m_slots[slot].graphInput = true;
            ctx.bindValue(input.name, slot, true);
            m_inputSlots.push_back(slot);
        }
        for (const auto& node : graph.nodes) {
            if (ctx.isFused(node))
                continue;
            bool lowered = false;
            auto fused = ctx.fusedSnapshot();
            const bool readsRuntimeValue =
                std::any_of(node.inputs.begin(), node.inputs.end(), [&](const std::string& in) { return m_runtimeValues.count(in) != 0; });
            try {
                if (LowerFn lower = readsRuntimeValue ? nullptr : findLowering(node.opType))
                    lowered = lower(ctx, node);
            } catch (const dnnl::error& e) {
                lowered = false; // oneDNN has no implementation for this configuration: the reference runs it
            } catch (const Error& e) {
                throw Error(e.message(), {graph.sourcePath, node.label()});
            }
            if (!lowered)
                ctx.restoreFused(std::move(fused));
            if (!lowered)
                addReferenceStep(ctx, node);
        }
        for (const auto& output : graph.outputs) {
            // A constant output (folded at load time) is read from the graph, a run-time value from the session.
            const bool floatValue = output.dtype == DataType::Float32;
            const bool slotless = graph.isConstant(output.name) || !floatValue || m_runtimeValues.count(output.name);
            m_outputSlots.push_back(slotless ? -1 : ctx.plainSlotOf(output.name));
        }
        // Everything a tap can see: values still present after fusion.
        for (auto& step : m_steps)
            for (auto& [value, plain] : step.produced)
                m_observable.push_back(value);
        m_quantizedValues = ctx.quantizedValues();
        m_valueSlot.clear();
        for (const auto& value : m_observable)
            if (ctx.hasSlot(value))
                m_valueSlot[value] = ctx.rawSlotOf(value);
    }

    std::unique_ptr<PlanState> createState() const override
    {
        auto state = std::make_unique<DnnlState>();
        state->stream = dnnl::stream(m_engine);
        state->memories.resize(m_slots.size());
        const std::vector<std::size_t> offsets = planBuffers(state->arenaBytes);
        state->arena.reset(static_cast<unsigned char*>(std::aligned_alloc(64, std::max<std::size_t>(64, (state->arenaBytes + 63) / 64 * 64))));
        for (std::size_t i = 0; i < m_slots.size(); ++i) {
            const DnnlSlot& slot = m_slots[i];
            if (slot.constant)
                state->memories[i] = slot.constant;
            else if (slot.aliasOf < 0)
                state->memories[i] = slot.graphInput ? dnnl::memory(slot.desc, m_engine, DNNL_MEMORY_NONE)
                                                     : dnnl::memory(slot.desc, m_engine, state->arena.get() + offsets[i]);
        }
        for (std::size_t i = 0; i < m_slots.size(); ++i)
            if (m_slots[i].aliasOf >= 0 && !m_slots[i].constant && !m_slots[i].graphInput)
                state->memories[i] = dnnl::memory(m_slots[i].desc, m_engine, state->memories[m_slots[i].aliasOf].get_data_handle());
        for (const auto& step : m_steps) {
            std::unordered_map<int, dnnl::memory> args;
            for (const auto& [arg, slot] : step.args)
                args[arg] = state->memories[slot];
            state->args.push_back(std::move(args));
        }
        return state;
    }

    void run(PlanState& base, std::span<const float* const> inputs) const override
    {
        auto& state = static_cast<DnnlState&>(base);
        if (m_options.threads > 0)
            omp_set_num_threads(m_options.threads);
        state.runtimeValues.clear();
        // Graph inputs and their views point at the caller's buffers.
        for (std::size_t i = 0; i < m_slots.size(); ++i) {
            if (!m_slots[i].graphInput)
                continue;
            int root = static_cast<int>(i);
            while (m_slots[root].aliasOf >= 0)
                root = m_slots[root].aliasOf;
            const auto it = std::find(m_inputSlots.begin(), m_inputSlots.end(), root);
            void* handle = const_cast<float*>(inputs[it - m_inputSlots.begin()]);
            if (!state.memories[i])
                state.memories[i] = dnnl::memory(m_slots[i].desc, m_engine, handle);
            else
                state.memories[i].set_data_handle(handle);
            for (std::size_t s = 0; s < m_steps.size(); ++s)
                for (const auto& [arg, slot] : m_steps[s].args)
                    if (slot == static_cast<int>(i))
                        state.args[s][arg] = state.memories[i];
        }
        for (std::size_t s = 0; s < m_steps.size(); ++s) {
            const DnnlStep& step = m_steps[s];
            if (step.primitive) {
                try {
                    step.primitive.execute(state.stream, state.args[s]);
                } catch (const dnnl::error& e) {
                    throw Error(std::string("oneDNN failed: ") + e.what(), {m_graph.sourcePath, step.node});
                }
            } else {
                state.stream.wait();
                runReference(state, step);
            }
            if (state.tap && !step.produced.empty()) {
                state.stream.wait();
                deliverTaps(state, step);
            }
        }
        state.stream.wait();
    }

    std::span<const float> output(const PlanState& base, std::size_t i) const override
    {
        const auto& state = static_cast<const DnnlState&>(base);
        const int slot = m_outputSlots.at(i);
        if (slot < 0) {
            const std::string& name = m_graph.outputs.at(i).name;
            const auto runtime = state.runtimeValues.find(name);
            const Tensor* c = runtime != state.runtimeValues.end() ? &runtime->second : m_graph.constant(name);
            if (!c && m_runtimeValues.count(name))
                throw Error("output '" + name + "' has not been computed: run the session first", {m_graph.sourcePath});
            if (!c || c->dtype() != DataType::Float32)
                throw Error("output '" + name + "' is " + toString(c ? c->dtype() : m_graph.outputs.at(i).dtype) + ", not float32", {m_graph.sourcePath});
            return c->floats();
        }
        return {static_cast<const float*>(state.memories[slot].get_data_handle()),
                static_cast<std::size_t>(elementCount(m_graph.outputs.at(i).shape))};
    }

    const Tensor* heldOutput(const PlanState& base, std::size_t i) const override
    {
        const auto& state = static_cast<const DnnlState&>(base);
        const std::string& name = m_graph.outputs.at(i).name;
        const auto it = state.runtimeValues.find(name);
        return it != state.runtimeValues.end() ? &it->second : m_graph.constant(name);
    }

    Shape outputShape(const PlanState& base, std::size_t i) const override
    {
        const auto& state = static_cast<const DnnlState&>(base);
        const auto it = state.runtimeValues.find(m_graph.outputs.at(i).name);
        return it != state.runtimeValues.end() ? it->second.shape() : m_graph.outputs.at(i).shape;
    }

    std::vector<std::string> referenceNodes() const override
    {
        std::vector<std::string> names;
        for (const auto& step : m_steps)
            if (!step.primitive)
                names.push_back(step.node);
        return names;
    }

    std::vector<std::string> observableValues() const override { return m_observable; }

    std::map<std::string, ActivationQuant> integerQuantization() const override { return m_quantizedValues; }

    std::set<std::string> valuesMadeAsIntegers() const override
    {
        std::set<std::string> made;
        for (const auto& [value, q] : m_quantizedValues) {
            const auto slot = m_valueSlot.find(value);
            if (slot != m_valueSlot.end() && m_slots[static_cast<std::size_t>(slot->second)].desc.data_type() != dnnl::memory::data_type::f32)
                made.insert(value);
        }
        return made;
    }

private:
    // Activation buffers share one arena: a buffer is live from the first step that touches it to the
    // last (graph outputs to the end), and buffers whose lifetimes do not overlap may take the same bytes.
    // Greedy first-fit over buffers sorted by size. Returns each root slot's byte offset.
    std::vector<std::size_t> planBuffers(std::size_t& total) const
    {
        const std::size_t n = m_slots.size();
        auto root = [&](int slot) {
            while (m_slots[slot].aliasOf >= 0)
                slot = m_slots[slot].aliasOf;
            return slot;
        };
        std::vector<int> first(n, -1), last(n, -1);
        auto touch = [&](int slot, int step) {
            if (slot < 0)
                return;
            const int r = root(slot);
            if (first[r] < 0)
                first[r] = step;
            last[r] = std::max(last[r], step);
        };
        for (std::size_t s = 0; s < m_steps.size(); ++s) {
            for (const auto& [arg, slot] : m_steps[s].args)
                touch(slot, static_cast<int>(s));
            for (int slot : m_steps[s].inputSlots)
                touch(slot, static_cast<int>(s));
            for (int slot : m_steps[s].outputSlots)
                touch(slot, static_cast<int>(s));
        }
        for (int slot : m_outputSlots)
            if (slot >= 0)
                last[root(slot)] = static_cast<int>(m_steps.size());
        std::vector<int> order;
        for (std::size_t i = 0; i < n; ++i)
            if (m_slots[i].aliasOf < 0 && !m_slots[i].constant && !m_slots[i].graphInput)
                order.push_back(static_cast<int>(i));
        std::sort(order.begin(), order.end(), [&](int a, int b) { return m_slots[a].desc.get_size() > m_slots[b].desc.get_size(); });
        struct Placed {
            std::size_t offset, size;
            int first, last;
        };
        std::vector<Placed> placed;
        std::vector<std::size_t> offsets(n, 0);
        total = 0;
        for (int i : order) {
            const std::size_t size = (m_slots[i].desc.get_size() + 63) / 64 * 64;
            const int f = first[i] < 0 ? 0 : first[i], l = last[i] < 0 ? static_cast<int>(m_steps.size()) : last[i];
            // Lowest offset that overlaps no live-at-the-same-time buffer.
            std::vector<std::pair<std::size_t, std::size_t>> busy;
            for (const auto& p : placed)
                if (!(p.last < f || l < p.first))
                    busy.emplace_back(p.offset, p.offset + p.size);
            std::sort(busy.begin(), busy.end());
            std::size_t offset = 0;
            for (const auto& [begin, end] : busy) {
                if (offset + size <= begin)
                    break;
                offset = std::max(offset, end);
            }
            placed.push_back({offset, size, f, l});
            offsets[i] = offset;
            total = std::max(total, offset + size);
        }
        return offsets;
    }

    void addReferenceStep(LoweringContext& ctx, const Node& node)
    {
        DnnlStep step;
        step.node = node.label();
        step.op = findOp(node.opType);
        step.graphNode = &node;
        for (const auto& in : node.inputs) {
            if (in.empty() || m_graph.isConstant(in) || m_runtimeValues.count(in)) {
                step.inputSlots.push_back(-1);
                continue;
            }
            const ValueInfo* info = m_graph.info(in);
            if (!info || info->dtype != DataType::Float32)
                throw Error("runtime tensor '" + in + "' is not float32, which the engine does not support", {m_graph.sourcePath, node.label()});
            step.inputSlots.push_back(ctx.plainSlotOf(in));
        }
        for (const auto& out : node.outputs) {
            if (out.empty()) {
                step.outputSlots.push_back(-1);
                continue;
            }
            const ValueInfo* info = m_graph.info(out);
            if (!info || info->dtype != DataType::Float32 || !hasFixedShape(*info)) {
                m_runtimeValues.insert(out);
                step.outputSlots.push_back(-1);
                continue;
            }
            const int slot = ctx.addSlot(LoweringContext::plainDesc(info->shape));
            ctx.bindValue(out, slot, true);
            step.outputSlots.push_back(slot);
            step.produced.emplace_back(out, slot);
        }
        m_steps.push_back(std::move(step));
    }

    void runReference(DnnlState& state, const DnnlStep& step) const
    {
        const Node& node = *step.graphNode;
        std::vector<Tensor> owned(node.inputs.size());
        std::vector<const Tensor*> in(node.inputs.size(), nullptr);
        for (std::size_t i = 0; i < node.inputs.size(); ++i) {
            if (node.inputs[i].empty())
                continue;
            if (const Tensor* c = m_graph.constant(node.inputs[i])) {
                in[i] = c;
                continue;
            }
            if (m_runtimeValues.count(node.inputs[i])) {
                const auto it = state.runtimeValues.find(node.inputs[i]);
                if (it == state.runtimeValues.end()) // its producer threw on an earlier run of this session
                    throw Error("value '" + node.inputs[i] + "' was not computed", {m_graph.sourcePath, node.label()});
                in[i] = &it->second;
                continue;
            }
            owned[i] = Tensor(DataType::Float32, m_graph.info(node.inputs[i])->shape);
            if (owned[i].byteSize() > 0) // an empty tensor's buffers may be null: memcpy(null, null, 0) is UB
                std::memcpy(owned[i].raw(), state.memories[step.inputSlots[i]].get_data_handle(), owned[i].byteSize());
            in[i] = &owned[i];
        }
        std::vector<Tensor> out;
        try {
            out = step.op->run(node, in);
        } catch (const Error& e) {
            throw Error(e.message(), {m_graph.sourcePath, node.label()});
        }
        for (std::size_t i = 0; i < step.outputSlots.size() && i < out.size(); ++i) {
            // A kernel reading run-time values may meet data that inference could not check (a Reshape of the selection).
            if (step.outputSlots[i] >= 0 && out[i].size() != elementCount(m_graph.info(node.outputs[i])->shape))
                throw Error("output '" + node.outputs[i] + "' came out " + toString(out[i].shape()) + ", inference said " +
                                toString(m_graph.info(node.outputs[i])->shape),
                            {m_graph.sourcePath, node.label()});
            if (step.outputSlots[i] >= 0 && out[i].byteSize() > 0)
                std::memcpy(state.memories[step.outputSlots[i]].get_data_handle(), out[i].raw(), out[i].byteSize());
            else if (m_runtimeValues.count(node.outputs[i]))
                state.runtimeValues[node.outputs[i]] = std::move(out[i]);
        }
    }

    static bool batchOutermostDense(const dnnl::memory::desc& desc, const Shape& shape)
    {
        const dnnl_memory_desc_t& d = desc.data;
        if (d.data_type != dnnl_f32 || d.format_kind != dnnl_blocked || d.format_desc.blocking.inner_nblks != 0 || shape.empty())
            return false;
        const int64_t perSample = elementCount(shape) / std::max<int64_t>(shape[0], 1);
        return static_cast<int64_t>(desc.get_size()) == elementCount(shape) * 4 && (shape[0] == 1 || d.format_desc.blocking.strides[0] == perSample);
    }

    void deliverTaps(DnnlState& state, const DnnlStep& step) const
    {
        for (const auto& [value, plainSlot] : step.produced) {
            if (std::find(state.tapValues.begin(), state.tapValues.end(), value) == state.tapValues.end())
                continue;
            const Shape& shape = m_graph.info(value)->shape;
            if (plainSlot >= 0) {
                state.tap(value, static_cast<const float*>(state.memories[plainSlot].get_data_handle()), shape);
                continue;
            }
            auto it = m_valueSlot.find(value);
            if (it == m_valueSlot.end())
                continue;
            const dnnl::memory& src = state.memories[it->second];
            // Statistics do not care about the order of values within a sample: a dense layout whose batch dim is
            // outermost (nhwc, as oneDNN picks for f32 convs) is handed over as is, saving a reorder per value.
            if (!state.tapRowMajor && batchOutermostDense(src.get_desc(), shape)) {
                state.tap(value, static_cast<const float*>(src.get_data_handle()), shape);
                continue;
            }
            std::vector<float> plain(static_cast<std::size_t>(elementCount(shape)));
            dnnl::memory dst(LoweringContext::plainDesc(shape), m_engine, plain.data());
            if (src.get_desc() == dst.get_desc()) {
                state.tap(value, static_cast<const float*>(src.get_data_handle()), shape);
                continue;
            }
            // Integers reach the tap as the real values they stand for, read with the value's own scale and storage
            // type: a residual's buffer that a sum post-op reuses in place is the sum's destination slot, whose
            // desc and quantization are the sum's (u8 after a ReLU) while the residual was stored there as s8.
            // The reorder only converts; scale and zero point are applied here, because oneDNN 2.6's reorder
            // ignored the source zero point (the values of an asymmetric value without ReLU came out shifted).
            dnnl::memory::desc srcDesc = src.get_desc();
            const bool integers = srcDesc.data_type() != dnnl::memory::data_type::f32;
            const auto own = m_quantizedValues.find(value);
            const ActivationQuant* q = !integers ? nullptr
                                       : own != m_quantizedValues.end() ? &own->second
                                       : m_slots[it->second].quant ? &*m_slots[it->second].quant
                                                                    : nullptr;
            if (q)
                srcDesc = LoweringContext::withStorageType(srcDesc, *q);
            dnnl::memory typed(srcDesc, m_engine, src.get_data_handle());
            dnnl::reorder(dnnl::reorder::primitive_desc(m_engine, srcDesc, m_engine, dst.get_desc())).execute(state.stream, typed, dst);
            state.stream.wait();
            if (q)
                for (float& v : plain)
                    v = q->scale * (v - static_cast<float>(q->zeroPoint));
            state.tap(value, plain.data(), shape);
        }
    }

    const Graph& m_graph;
    EngineOptions m_options;
    dnnl::engine m_engine;
    std::vector<DnnlSlot> m_slots;
    std::vector<DnnlStep> m_steps;
    std::vector<int> m_inputSlots, m_outputSlots;
    std::vector<std::string> m_observable;
    std::map<std::string, int> m_valueSlot;
    std::map<std::string, ActivationQuant> m_quantizedValues; // every value held as integers, as it was stored
    std::set<std::string> m_runtimeValues; // made by reference steps as tensors of the session (see the file comment)
};

} // namespace

std::unique_ptr<ExecutionPlan> makeDnnlPlan(const Graph& graph, const EngineOptions& options)
{
    return std::make_unique<DnnlPlan>(graph, options);
}

} // namespace qs
