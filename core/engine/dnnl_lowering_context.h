#pragma once
// What a lowering sees while the oneDNN plan is built: the graph and options, the slot each value is held in
// (in which layout, whether as integers), and the operations that add slots and steps: reorders into the
// layout a consumer needs, quantize/dequantize steps at int8 borders, reordered constants, views, and the
// fusion bookkeeping (which nodes a producer absorbed as post-ops, residual Adds).

#include "core/engine/dnnl_plan.h"

#include <oneapi/dnnl/dnnl.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace qs {

class LoweringContext {
public:
    LoweringContext(const Graph& graph, const EngineOptions& options, dnnl::engine engine, std::vector<DnnlSlot>& slots,
                    std::vector<DnnlStep>& steps);

    const Graph& graph() const { return m_graph; }
    const EngineOptions& options() const { return m_options; }
    const dnnl::engine& engine() const { return m_engine; }

    const Shape& shapeOf(const std::string& value) const;
    const Tensor* constant(const std::string& value) const { return m_graph.constant(value); }
    bool isFloat(const std::string& value) const
    {
        const ValueInfo* info = m_graph.info(value);
        return info && info->dtype == DataType::Float32;
    }
    // Computed at run time (not a constant) and float32: what the FP32 lowerings of data-movement ops take.
    bool isRuntimeFloat(const std::string& value) const { return !constant(value) && isFloat(value); }

    bool hasSlot(const std::string& value) const { return m_valueSlots.count(value) != 0; }
    int rawSlotOf(const std::string& value) const;       // current slot: any layout, maybe quantized
    int slotOf(const std::string& value);                // f32 in any layout (dequantizes a quantized value)
    int plainSlotOf(const std::string& value);           // row-major f32 (inserts a reorder if needed)
    // Row-major as held: integers when the value is quantized (the slot keeps its quantization), else f32. What
    // data movement reads (views, Slice, Split, DepthToSpace): moved integers keep their scale and zero point.
    int plainSlotAsHeld(const std::string& value);
    // The element type a value is held in: u8/s8 when quantized, else f32.
    dnnl::memory::data_type heldType(const std::string& value) const;
    // The value as integers of `q` in layout `desc` (u8/s8 desc): reuses an equal quantization, otherwise
    // quantizes from f32 (clamping to q's bit range first when it is narrower than 8 bits).
    int quantizedSlotOf(const std::string& value, const ActivationQuant& q, const dnnl::memory::desc& desc);
    // By value: slots live in a vector that grows while lowering, so no reference into it may be kept.
    std::optional<ActivationQuant> quantOf(int slot) const { return m_slots.at(slot).quant; }
    void setQuant(int slot, const ActivationQuant& q) { m_slots.at(slot).quant = q; }
    // Every value that was stored as integers somewhere in the plan, with its quantization when it was stored
    // (including values quantized at an FP32 -> int8 border, whose bound slot stays float).
    const std::map<std::string, ActivationQuant>& quantizedValues() const { return m_quantizedValues; }
    const QuantizationPlan* quantization() const { return m_options.quantization.get(); }
    dnnl::memory::desc descOf(int slot) const { return m_slots.at(slot).desc; } // a copy: slots grow
    int addSlot(const dnnl::memory::desc& desc);
    int addAlias(const dnnl::memory::desc& desc, int of);
    // A constant in the layout a primitive asked for; `userDims` reinterprets the tensor's dims (grouped weights).
    int constantSlot(const Tensor& tensor, const dnnl::memory::dims& userDims, const dnnl::memory::desc& wanted);
    // A constant from raw data in `user` layout (e.g. s8 weights) reordered to `wanted`.
    int constantSlot(const void* data, const dnnl::memory::desc& user, const dnnl::memory::desc& wanted);
    int reorderTo(int slot, const dnnl::memory::desc& desc, const std::string& why);
    void bindValue(const std::string& value, int slot, bool plain);
    void addPrimitive(const Node& node, dnnl::primitive primitive, std::vector<std::pair<int, int>> args,
                      std::vector<std::string> produced);

    // The only reader of `value` if there is exactly one, it has not run yet, and `value` is neither a graph
    // output nor needed elsewhere; nullptr otherwise. Fusion is off when options().fusePostOps is false.
    const Node* soleConsumer(const std::string& value) const;
    // The other operand of a residual Add that `producer`'s output feeds, if it can be accumulated into
    // with a sum post-op: computed already, same shape. inPlace says whether its buffer may be overwritten
    // (every other reader has run already and none is a view that could be read later); otherwise the
    // caller accumulates into a copy.
    struct Residual {
        std::string value;
        bool inPlace = false;
    };
    std::optional<Residual> residualFor(const Node& producer, const Node& add) const;
    // Whether the residual's buffer may be overwritten by `producer`'s sum post-op (see Residual::inPlace).
    bool residualInPlace(const Node& producer, const std::string& residual) const;
    // A new slot with a copy of `slot` in layout `desc` (a reorder even when the layouts are equal).
    int copyTo(int slot, const dnnl::memory::desc& desc, const std::string& why);
    // Lets taps observe a value that needs no step of its own (a view): after the latest step.
    void observeAfterLastStep(const std::string& value);
    void markFused(const Node& node) { m_fused.insert(&node); }
    bool isFused(const Node& node) const { return m_fused.count(&node) != 0; }
    // Lowerings may mark followers fused before oneDNN accepts their primitive; the plan restores the set when
    // a lowering fails so the reference fallback still runs those nodes.
    std::set<const Node*> fusedSnapshot() const { return m_fused; }
    void restoreFused(std::set<const Node*> fused) { m_fused = std::move(fused); }

    static dnnl::memory::desc plainDesc(const Shape& shape, dnnl::memory::data_type type = dnnl::memory::data_type::f32);
    static dnnl::memory::data_type storageType(const ActivationQuant& q)
    {
        return q.isSigned ? dnnl::memory::data_type::s8 : dnnl::memory::data_type::u8;
    }
    // `desc`'s layout holding q's integers.
    static dnnl::memory::desc withStorageType(dnnl::memory::desc desc, const ActivationQuant& q)
    {
        desc.data.data_type = static_cast<dnnl_data_type_t>(storageType(q));
        return desc;
    }
    static dnnl::memory::dims dims(const Shape& shape) { return dnnl::memory::dims(shape.begin(), shape.end()); }

private:
    const Graph& m_graph;
    const EngineOptions& m_options;
    dnnl::engine m_engine;
    std::vector<DnnlSlot>& m_slots;
    std::vector<DnnlStep>& m_steps;
    std::map<std::string, int> m_valueSlots;
    std::map<std::string, int> m_plainSlots;
    std::map<std::string, int> m_floatSlots; // dequantized copies of quantized values
    std::map<std::string, ActivationQuant> m_quantizedValues;
    std::set<const Node*> m_fused;
};

} // namespace qs
