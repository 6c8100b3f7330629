// LoweringContext (dnnl_lowering_context.h): slot bookkeeping and the reorder, quantize, dequantize and copy
// steps lowerings ask for.
#include "core/engine/dnnl_lowering_context.h"

#include "core/quant/integer_flow.h"
#include "core/util/error.h"

#include <algorithm>

namespace qs {

LoweringContext::LoweringContext(const Graph& graph, const EngineOptions& options, dnnl::engine engine,
                                 std::vector<DnnlSlot>& slots, std::vector<DnnlStep>& steps)
    : m_graph(graph), m_options(options), m_engine(std::move(engine)), m_slots(slots), m_steps(steps)
{
}

const Shape& LoweringContext::shapeOf(const std::string& value) const
{
    const ValueInfo* info = m_graph.info(value);
    if (!info || !info->shapeKnown)
        throw Error("the shape of '" + value + "' is unknown");
    return info->shape;
}

dnnl::memory::desc LoweringContext::plainDesc(const Shape& shape, dnnl::memory::data_type type)
{
    if (shape.empty())
        return dnnl::memory::desc({1}, type, dnnl::memory::dims{1});
    dnnl::memory::dims strides(shape.size(), 1);
    for (int i = static_cast<int>(shape.size()) - 2; i >= 0; --i)
        strides[i] = strides[i + 1] * std::max<int64_t>(shape[i + 1], 1);
    return dnnl::memory::desc(dims(shape), type, strides);
}

int LoweringContext::slotOf(const std::string& value)
{
    const int raw = rawSlotOf(value);
    // A copy: addSlot() below may reallocate m_slots, and a reference into it would dangle.
    const std::optional<ActivationQuant> q = m_slots[raw].quant;
    if (!q)
        return raw;
    if (auto it = m_floatSlots.find(value); it != m_floatSlots.end())
        return it->second;
    // Dequantize at an int8 -> FP32 border: scale * (q - zero point). oneDNN 2.6's reorder ignores a source zero
    // point (an asymmetric value without ReLU came out shifted by zero point x scale at every FP32 reader, found
    // by the sensitivity probes), so the reorder only converts and scales, and an in-place linear step subtracts.
    const auto dst = plainDesc(shapeOf(value));
    const int target = addSlot(dst);
    dnnl::primitive_attr attr;
    attr.set_output_scales(0, {q->scale});
    DnnlStep step;
    step.node = "dequantize " + value;
    step.primitive = dnnl::reorder(dnnl::reorder::primitive_desc(m_engine, m_slots[raw].desc, m_engine, dst, attr));
    step.args = {{DNNL_ARG_FROM, raw}, {DNNL_ARG_TO, target}};
    m_steps.push_back(std::move(step));
    if (q->zeroPoint != 0) {
        const dnnl::eltwise_forward::desc d(dnnl::prop_kind::forward_inference, dnnl::algorithm::eltwise_linear, dst, 1.0f,
                                            -q->scale * static_cast<float>(q->zeroPoint));
        DnnlStep shift;
        shift.node = "dequantize " + value + " (zero point)";
        shift.primitive = dnnl::eltwise_forward(dnnl::eltwise_forward::primitive_desc(d, m_engine));
        shift.args = {{DNNL_ARG_SRC, target}, {DNNL_ARG_DST, target}};
        m_steps.push_back(std::move(shift));
    }
    m_floatSlots[value] = target;
    m_plainSlots[value] = target;
    return target;
}

int LoweringContext::quantizedSlotOf(const std::string& value, const ActivationQuant& q, const dnnl::memory::desc& desc)
{
    const int raw = rawSlotOf(value);
    const std::optional<ActivationQuant> have = m_slots[raw].quant; // a copy: slots grow below
    if (have && *have == q) {
        const int slot = reorderTo(raw, desc, value);
        m_slots[slot].quant = q;
        return slot;
    }
    if (have && storageType(*have) == storageType(q) && !q.narrowerThanStorage()) {
        // Integers to integers of another grid, q = round(s / s' (x - z) + z'), as one eltwise step on the integers
        // themselves (it rounds to nearest and saturates), then the layout asked for: no float copy, which cost
        // three steps (ShuffleNet's concats requantize a half they pass on at every unit).
        const float ratio = have->scale / q.scale;
        const dnnl::memory::desc held = m_slots[raw].desc;
        const dnnl::eltwise_forward::desc d(dnnl::prop_kind::forward_inference, dnnl::algorithm::eltwise_linear, held, ratio,
                                            static_cast<float>(q.zeroPoint) - ratio * static_cast<float>(have->zeroPoint));
        const dnnl::eltwise_forward::primitive_desc pd(d, m_engine);
        const int requantized = addSlot(pd.dst_desc());
        DnnlStep step;
        step.node = "requantize " + value;
        step.primitive = dnnl::eltwise_forward(pd);
        step.args = {{DNNL_ARG_SRC, raw}, {DNNL_ARG_DST, requantized}};
        m_steps.push_back(std::move(step));
        m_slots[requantized].quant = q;
        // The value itself stays stored on its own grid (taps and integerQuantization() read that); this is a copy.
        return reorderTo(requantized, desc, value);
    }
    int source = slotOf(value);
    if (q.narrowerThanStorage()) { // the reorder saturates only to the 8-bit range: clamp to the narrower grid first
        const float lo = q.scale * static_cast<float>(q.qmin() - q.zeroPoint), hi = q.scale * static_cast<float>(q.qmax() - q.zeroPoint);
        const dnnl::eltwise_forward::desc d(dnnl::prop_kind::forward_inference, dnnl::algorithm::eltwise_clip_v2, descOf(source), lo, hi);
        const dnnl::eltwise_forward::primitive_desc pd(d, m_engine);
        const int clipped = addSlot(pd.dst_desc());
        DnnlStep step;
        step.node = "clamp " + value + " to " + std::to_string(q.bits) + " bits";
        step.primitive = dnnl::eltwise_forward(pd);
        step.args = {{DNNL_ARG_SRC, source}, {DNNL_ARG_DST, clipped}};
        m_steps.push_back(std::move(step));
        source = clipped;
    }
    dnnl::primitive_attr attr;
    if (q.zeroPoint != 0) {
        // oneDNN 2.6's jit reorder into a channels-last integer layout with a destination zero point gets some
        // shapes wrong (a 58-channel 40x40 map, measured; 60 channels are exact), so the shift is applied in float
        // first: x / scale + zero point, then a plain conversion (rounding and saturating as the reorder would).
        const dnnl::eltwise_forward::desc d(dnnl::prop_kind::forward_inference, dnnl::algorithm::eltwise_linear, descOf(source),
                                            1.0f / q.scale, static_cast<float>(q.zeroPoint));
        const dnnl::eltwise_forward::primitive_desc pd(d, m_engine);
        const int shifted = addSlot(pd.dst_desc());
        DnnlStep shift;
        shift.node = "scale and shift " + value + " to its integer grid";
        shift.primitive = dnnl::eltwise_forward(pd);
        shift.args = {{DNNL_ARG_SRC, source}, {DNNL_ARG_DST, shifted}};
        m_steps.push_back(std::move(shift));
        source = shifted;
    } else {
        attr.set_output_scales(0, {1.0f / q.scale});
    }
    const int target = addSlot(desc);
    DnnlStep step;
    step.node = "quantize " + value;
    step.primitive = dnnl::reorder(dnnl::reorder::primitive_desc(m_engine, m_slots[source].desc, m_engine, desc, attr));
    step.args = {{DNNL_ARG_FROM, source}, {DNNL_ARG_TO, target}};
    m_steps.push_back(std::move(step));
    m_slots[target].quant = q;
    if (!have) // stored as integers at an FP32 -> int8 border; a value with integers of its own keeps their grid
        m_quantizedValues[value] = q;
    return target;
}

int LoweringContext::rawSlotOf(const std::string& value) const
{
    auto it = m_valueSlots.find(value);
    if (it == m_valueSlots.end())
        throw Error("value '" + value + "' has not been computed");
    return it->second;
}

int LoweringContext::addSlot(const dnnl::memory::desc& desc)
{
    m_slots.push_back(DnnlSlot{desc, -1, {}, false, std::nullopt});
    return static_cast<int>(m_slots.size()) - 1;
}

int LoweringContext::constantSlot(const void* data, const dnnl::memory::desc& user, const dnnl::memory::desc& wanted)
{
    dnnl::memory source(user, m_engine, const_cast<void*>(data));
    dnnl::memory target(wanted, m_engine);
    dnnl::stream stream(m_engine);
    dnnl::reorder(source, target).execute(stream, source, target);
    stream.wait();
    m_slots.push_back(DnnlSlot{wanted, -1, target, false, std::nullopt});
    return static_cast<int>(m_slots.size()) - 1;
}

int LoweringContext::addAlias(const dnnl::memory::desc& desc, int of)
{
    while (m_slots[of].aliasOf >= 0)
        of = m_slots[of].aliasOf;
    DnnlSlot slot{desc, of, m_slots[of].constant ? m_slots[of].constant : dnnl::memory(), m_slots[of].graphInput, m_slots[of].quant};
    if (slot.constant)
        slot.constant = dnnl::memory(desc, m_engine, m_slots[of].constant.get_data_handle());
    m_slots.push_back(slot);
    return static_cast<int>(m_slots.size()) - 1;
}

int LoweringContext::constantSlot(const Tensor& tensor, const dnnl::memory::dims& userDims, const dnnl::memory::desc& wanted)
{
    const Tensor f = tensor.cast(DataType::Float32);
    Shape shape(userDims.begin(), userDims.end());
    if (elementCount(shape) != f.size())
        throw Error("internal: constant of " + toString(f.shape()) + " viewed as " + toString(shape));
    dnnl::memory user(plainDesc(shape), m_engine, const_cast<void*>(f.raw()));
    dnnl::memory target(wanted, m_engine);
    dnnl::stream stream(m_engine);
    dnnl::reorder(user, target).execute(stream, user, target);
    stream.wait();
    m_slots.push_back(DnnlSlot{wanted, -1, target, false, std::nullopt});
    return static_cast<int>(m_slots.size()) - 1;
}

int LoweringContext::reorderTo(int slot, const dnnl::memory::desc& desc, const std::string& why)
{
    if (m_slots[slot].desc == desc)
        return slot;
    const int target = addSlot(desc);
    DnnlStep step;
    step.node = "reorder for " + why;
    step.primitive = dnnl::reorder(dnnl::reorder::primitive_desc(m_engine, m_slots[slot].desc, m_engine, desc));
    step.args = {{DNNL_ARG_FROM, slot}, {DNNL_ARG_TO, target}};
    m_steps.push_back(std::move(step));
    m_slots[target].quant = m_slots[slot].quant; // a layout change keeps the integers' meaning
    return target;
}

int LoweringContext::plainSlotOf(const std::string& value)
{
    if (auto it = m_plainSlots.find(value); it != m_plainSlots.end())
        return it->second;
    const int slot = reorderTo(slotOf(value), plainDesc(shapeOf(value)), value);
    m_plainSlots[value] = slot;
    m_slots[slot].quant.reset();
    return slot;
}

int LoweringContext::plainSlotAsHeld(const std::string& value)
{
    const int raw = rawSlotOf(value);
    const std::optional<ActivationQuant> q = m_slots[raw].quant;
    return q ? reorderTo(raw, plainDesc(shapeOf(value), storageType(*q)), value) : plainSlotOf(value);
}

dnnl::memory::data_type LoweringContext::heldType(const std::string& value) const
{
    const std::optional<ActivationQuant> q = quantOf(rawSlotOf(value));
    return q ? storageType(*q) : dnnl::memory::data_type::f32;
}

void LoweringContext::bindValue(const std::string& value, int slot, bool plain)
{
    m_valueSlots[value] = slot;
    m_floatSlots.erase(value);
    // Recorded now: a sum post-op may later reuse this buffer in place for another value's integers.
    if (m_slots[slot].quant)
        m_quantizedValues[value] = *m_slots[slot].quant;
    if (plain && !m_slots[slot].quant)
        m_plainSlots[value] = slot;
    else
        m_plainSlots.erase(value);
}

void LoweringContext::addPrimitive(const Node& node, dnnl::primitive primitive, std::vector<std::pair<int, int>> args,
                                   std::vector<std::string> produced)
{
    DnnlStep step;
    step.node = node.label();
    step.primitive = std::move(primitive);
    step.args = std::move(args);
    for (auto& value : produced)
        step.produced.emplace_back(std::move(value), -1);
    m_steps.push_back(std::move(step));
}

std::optional<LoweringContext::Residual> LoweringContext::residualFor(const Node& producer, const Node& add) const
{
    if (!quantTraitsOf(add).residualAdd || add.inputs.size() != 2)
        return std::nullopt;
    const std::string& out = producer.outputs[0];
    const std::string& other = add.input(0) == out ? add.input(1) : add.input(0);
    if (other == out || !hasSlot(other) || constant(other) || shapeOf(other) != shapeOf(out))
        return std::nullopt;
    return Residual{other, residualInPlace(producer, other)};
}

bool LoweringContext::residualInPlace(const Node& producer, const std::string& residual) const
{
    for (const auto& in : m_graph.inputs)
        if (in.name == residual)
            return false; // never write into the caller's buffer
    if (m_graph.isGraphOutput(residual))
        return false;
    const long here = &producer - m_graph.nodes.data();
    for (int reader : m_graph.consumersOf(residual)) {
        const Node& r = m_graph.nodes[reader];
        if (quantTraitsOf(r).residualAdd && r.hasInput(0) && (r.input(0) == producer.outputs[0] || r.input(1) == producer.outputs[0]))
            continue; // the Add being fused
        // A later reader still needs the value; a view may alias its buffer and be read later.
        if (reader > here || quantTraitsOf(r).view)
            return false;
    }
    return true;
}

int LoweringContext::copyTo(int slot, const dnnl::memory::desc& desc, const std::string& why)
{
    const int target = addSlot(desc);
    DnnlStep step;
    step.node = "copy for " + why;
    step.primitive = dnnl::reorder(dnnl::reorder::primitive_desc(m_engine, m_slots[slot].desc, m_engine, desc));
    step.args = {{DNNL_ARG_FROM, slot}, {DNNL_ARG_TO, target}};
    m_steps.push_back(std::move(step));
    m_slots[target].quant = m_slots[slot].quant;
    return target;
}

void LoweringContext::observeAfterLastStep(const std::string& value)
{
    if (!m_steps.empty())
        m_steps.back().produced.emplace_back(value, -1);
}

const Node* LoweringContext::soleConsumer(const std::string& value) const
{
    if (!m_options.fusePostOps || m_graph.isGraphOutput(value))
        return nullptr;
    const auto consumers = m_graph.consumersOf(value);
    if (consumers.size() != 1)
        return nullptr;
    const Node& node = m_graph.nodes[consumers[0]];
    int uses = 0;
    for (const auto& in : node.inputs)
        uses += in == value;
    return uses == 1 && !isFused(node) ? &node : nullptr;
}

} // namespace qs
