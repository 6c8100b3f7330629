#include "core/onnx_export/qdq_model.h"

#include "core/engine/cpu_features.h"
#include "core/engine/execution_plan.h"
#include "core/onnx_export/opset_upgrade.h"
#include "core/quant/integer_flow.h"
#include "core/transforms/graph_edit.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

namespace qs {
namespace {

class QdqWriter {
public:
    QdqWriter(const Graph& prepared, const QuantizationPlan& plan, const QdqOptions& options)
        : m_source(prepared), m_plan(plan), m_options(options)
    {
        m_out.graph = prepared;
        m_out.graph.nodes.clear();
        for (const auto& [name, info] : prepared.values)
            m_names.insert(name);
        for (const auto& [name, tensor] : prepared.initializers)
            m_names.insert(name);
        for (const ValueInfo& input : prepared.inputs)
            m_names.insert(input.name);
        for (const Node& node : prepared.nodes) {
            m_names.insert(node.name);
            m_names.insert(node.outputs.begin(), node.outputs.end());
        }
        // The values the engine makes as integers, as the twin places them (test_twin_placement holds the two together).
        m_madeAsIntegers = makeReferencePlan(prepared, std::make_shared<const QuantizationPlan>(plan))->valuesMadeAsIntegers();
    }

    QdqModel write()
    {
        for (const Node& source : m_source.nodes) {
            Node node = source;
            if (runsInt8(source)) {
                const std::string& input = source.input(0);
                if (const ActivationQuant* q = m_plan.activation(input); q && !m_madeAsIntegers.count(input))
                    node.inputs[0] = roundedCopy(input, *q);
                quantizeWeights(node);
                ++m_out.quantizedLayers;
            }
            std::vector<std::pair<std::string, const ActivationQuant*>> rounded; // outputs rounded where they are made
            for (std::string& out : node.outputs)
                if (const ActivationQuant* q = out.empty() ? nullptr : m_plan.activation(out); q && m_madeAsIntegers.count(out)) {
                    const std::string raw = fresh(out + "_float");
                    declareFloatValue(m_out.graph, raw, shapeOf(out));
                    rounded.emplace_back(out, q);
                    out = raw;
                }
            const std::vector<std::string> outputs = node.outputs;
            m_out.graph.nodes.push_back(std::move(node));
            for (const auto& [value, q] : rounded) {
                const std::size_t i = static_cast<std::size_t>(std::find(source.outputs.begin(), source.outputs.end(), value) - source.outputs.begin());
                addQuantizeDequantize(outputs[i], value, *q);
            }
        }
        m_out.graph.removeDeadCode();
        for (const auto& [key, nodes] : m_notes) {
            const auto& [kind, ofValues] = key;
            const char* what = ofValues ? (nodes.size() == 1 ? " value: " : " values: ") : (nodes.size() == 1 ? " layer: " : " layers: ");
            std::string line = kind + " (" + std::to_string(nodes.size()) + what;
            for (std::size_t i = 0; i < nodes.size() && i < 4; ++i)
                line += (i ? ", " : "") + nodes[i];
            m_out.notes.push_back(line + (nodes.size() > 4 ? ", ...)" : ")"));
        }
        return std::move(m_out);
    }

private:
    bool runsInt8(const Node& node) const { return m_plan.layer(node.name) && isIntegerLayer(m_source, node); }
    int64_t opset() const { return m_source.opsetVersion; }

    Shape shapeOf(const std::string& value) const
    {
        const ValueInfo* info = m_source.info(value);
        return info ? info->shape : Shape{};
    }

    std::string fresh(const std::string& base)
    {
        std::string name = base;
        for (int i = 1; m_names.count(name); ++i)
            name = base + "_" + std::to_string(i);
        m_names.insert(name);
        return name;
    }

    void note(const std::string& kind, const std::string& node) { m_notes[{kind, false}].push_back(node); }
    void noteValue(const std::string& kind, const std::string& value) { m_notes[{kind, true}].push_back(value); }

    // QuantizeLinear -> DequantizeLinear [-> Clip] from `input` into `output` on the grid `q`.
    void addQuantizeDequantize(const std::string& input, const std::string& output, const ActivationQuant& q)
    {
        Graph& g = m_out.graph;
        const DataType storage = q.isSigned ? DataType::Int8 : DataType::UInt8;
        const std::string scale = addConstant(g, fresh(output + "_scale"), Tensor::scalarFloat(q.scale));
        Tensor zero(storage, {});
        zero.setElementFromDouble(0, q.zeroPoint);
        const std::string zeroPoint = addConstant(g, fresh(output + "_zero_point"), std::move(zero));
        const std::string integers = fresh(output + "_quantized");
        g.values[integers] = ValueInfo{integers, storage, shapeOf(input), {}, true};
        const std::string dequantized = q.narrowerThanStorage() ? fresh(output + "_dequantized") : output;
        declareFloatValue(g, dequantized, shapeOf(input));
        g.nodes.push_back(Node{fresh(output + "_QuantizeLinear"), "QuantizeLinear", "", {input, scale, zeroPoint}, {integers}, {}});
        g.nodes.push_back(Node{fresh(output + "_DequantizeLinear"), "DequantizeLinear", "", {integers, scale, zeroPoint}, {dequantized}, {}});
        ++m_out.quantizedValues;
        if (!q.narrowerThanStorage())
            return;
        // The grid's ends, computed as DequantizeLinear computes its values, so the clamp keeps exactly the grid.
        const float lo = static_cast<float>(q.qmin() - q.zeroPoint) * q.scale;
        const float hi = static_cast<float>(q.qmax() - q.zeroPoint) * q.scale;
        Node clip{fresh(output + "_Clip"), "Clip", "", {dequantized}, {output}, {}};
        if (opset() >= 11) {
            clip.inputs.push_back(addConstant(g, fresh(output + "_min"), Tensor::scalarFloat(lo)));
            clip.inputs.push_back(addConstant(g, fresh(output + "_max"), Tensor::scalarFloat(hi)));
        } else {
            clip.attributes.set("min", lo);
            clip.attributes.set("max", hi);
        }
        g.nodes.push_back(std::move(clip));
        noteValue("grids narrower than 8 bits (or sym_restr) are a QuantizeLinear -> DequantizeLinear -> Clip: exact values, but "
                  "ONNX Runtime's int8 kernels take full 8-bit grids only",
                  output);
    }

    // A float-made value rounded for the int8 layers that read it, once.
    std::string roundedCopy(const std::string& value, const ActivationQuant& q)
    {
        auto [it, added] = m_roundedCopies.try_emplace(value);
        if (added) {
            it->second = fresh(value + "_rounded");
            addQuantizeDequantize(value, it->second, q);
        }
        return it->second;
    }

    void quantizeWeights(Node& node)
    {
        const OpQuantTraits traits = quantTraitsOf(node);
        const std::size_t index = traits.weightInputs.empty() ? 1 : static_cast<std::size_t>(traits.weightInputs[0]);
        const Tensor* weights = node.hasInput(index) ? m_source.constant(node.input(index)) : nullptr;
        if (!weights)
            return;
        const Tensor major = outputChannelMajor(*weights, traits);
        std::vector<int8_t> q;
        std::vector<float> scales;
        const WeightQuant& planned = *m_plan.layer(node.name);
        const ActivationQuant* source = m_plan.activation(m_source.findNode(node.name)->input(0));
        const WeightQuant runnable = source ? runnableWeightQuant(planned, major, *source) : planned;
        if (runnable.bits != planned.bits || runnable.asymmetric != planned.asymmetric)
            note(narrowedWeightsNote(), node.name); // the file holds what this CPU runs
        try {
            scales = qs::quantizeWeights(major, runnable, q);
        } catch (const Error& e) {
            throw Error(e.message(), {m_source.sourcePath, node.label()});
        }
        const int64_t channels = static_cast<int64_t>(scales.size());
        const int64_t per = major.size() / channels;
        Graph& g = m_out.graph;
        const bool perAxis = channels > 1;
        if (perAxis && (traits.weightGroups != 1 || opset() < 13)) {
            // The same values as float weights: ONNX has no per-channel scale for this layout (before opset 13, none at all).
            Tensor fake(DataType::Float32, major.shape());
            for (int64_t i = 0; i < fake.size(); ++i)
                fake.data<float>()[i] = scales[static_cast<std::size_t>(i / per)] * q[static_cast<std::size_t>(i)];
            node.inputs[index] = addConstant(g, fresh(node.name + "_weight_on_grid"), weightsInLayout(fake, weights->shape(), traits));
            note(opset() < 13 ? "per-channel weights before opset 13 (no per-axis DequantizeLinear) are written as float weights on "
                                "their integer grid: convert the model to opset 13 for int8 weights"
                              : "grouped transposed-convolution weights have no single output axis: written as float weights on "
                                "their integer grid",
                 node.name);
            return;
        }
        // ONNX Runtime's u8 x s8 kernels without VNNI add products in pairs into 16 bits: 255 x (|w1| + |w2|) must stay
        // below 32768, which any pair of weights within +-64 does (its reduce_range) and 8-bit weights need not.
        if (std::any_of(q.begin(), q.end(), [](int8_t v) { return std::abs(int{v}) > 64; }))
            note("8-bit weights: ONNX Runtime's int8 kernels on CPUs without VNNI (AVX2 and older) can saturate on them; for such "
                 "a target quantize the weights at 7 bits with a symmetric mode (as ONNX Runtime's reduce_range does)",
                 node.name);
        Tensor integers(DataType::Float32, major.shape());
        for (int64_t i = 0; i < integers.size(); ++i)
            integers.data<float>()[i] = q[static_cast<std::size_t>(i)];
        const std::string quantized =
            addConstant(g, fresh(node.name + "_weight_quantized"), weightsInLayout(integers, weights->shape(), traits).cast(DataType::Int8));
        const Shape scaleShape = perAxis ? Shape{channels} : Shape{};
        const std::string scale = addConstant(g, fresh(node.name + "_weight_scale"), Tensor::fromFloats(scaleShape, scales));
        const std::string zeroPoint = addConstant(g, fresh(node.name + "_weight_zero_point"), Tensor(DataType::Int8, scaleShape));
        const std::string dequantized = fresh(node.name + "_weight");
        declareFloatValue(g, dequantized, weights->shape());
        Node dq{fresh(node.name + "_weight_DequantizeLinear"), "DequantizeLinear", "", {quantized, scale, zeroPoint}, {dequantized}, {}};
        if (perAxis)
            dq.attributes.set("axis", static_cast<int64_t>(traits.weightOutputAxis));
        g.nodes.push_back(std::move(dq));
        node.inputs[index] = dequantized;
        if (m_options.int32Biases)
            quantizeBias(node, traits, scales);
    }

    // The bias as int32 on the accumulator's grid (input scale x weight scale): the form ONNX Runtime fuses.
    void quantizeBias(Node& node, const OpQuantTraits& traits, const std::vector<float>& weightScales)
    {
        if (traits.biasInput < 0 || !node.hasInput(static_cast<std::size_t>(traits.biasInput)))
            return;
        const std::size_t index = static_cast<std::size_t>(traits.biasInput);
        const Tensor* bias = m_source.constant(node.input(index));
        const ActivationQuant* input = m_plan.activation(m_source.findNode(node.name)->input(0));
        if (!bias || bias->dtype() != DataType::Float32 || !input || node.attributes.f("beta", 1.0f) != 1.0f ||
            node.attributes.f("alpha", 1.0f) != 1.0f)
            return;
        // One value per output channel, on one axis (Gemm's C may be [N] or [1, N]).
        const int64_t channels = bias->size();
        int64_t axis = 0;
        for (std::size_t d = 0; d < bias->shape().size(); ++d)
            if (bias->shape()[d] == channels)
                axis = static_cast<int64_t>(d);
        if (weightScales.size() > 1 && static_cast<int64_t>(weightScales.size()) != channels)
            return;
        std::vector<float> scales(weightScales.size());
        Tensor integers(DataType::Int32, bias->shape());
        for (int64_t c = 0; c < channels; ++c) {
            const std::size_t s = weightScales.size() == 1 ? 0 : static_cast<std::size_t>(c);
            scales[s] = input->scale * weightScales[s];
            const double v = std::nearbyint(static_cast<double>(bias->data<float>()[c]) / scales[s]);
            if (!(scales[s] > 0.0f) || !std::isfinite(v) || std::fabs(v) > std::numeric_limits<int32_t>::max()) {
                note("biases beyond int32 on the accumulator grid stay float", node.name);
                return;
            }
            integers.data<int32_t>()[c] = static_cast<int32_t>(v);
        }
        Graph& g = m_out.graph;
        const bool perAxis = scales.size() > 1;
        const std::string quantized = addConstant(g, fresh(node.name + "_bias_quantized"), std::move(integers));
        const std::string scale =
            addConstant(g, fresh(node.name + "_bias_scale"), Tensor::fromFloats(perAxis ? Shape{channels} : Shape{}, scales));
        const std::string dequantized = fresh(node.name + "_bias");
        declareFloatValue(g, dequantized, bias->shape());
        Node dq{fresh(node.name + "_bias_DequantizeLinear"), "DequantizeLinear", "", {quantized, scale}, {dequantized}, {}};
        if (perAxis)
            dq.attributes.set("axis", axis);
        g.nodes.push_back(std::move(dq));
        node.inputs[index] = dequantized;
    }

    const Graph& m_source;
    const QuantizationPlan& m_plan;
    const QdqOptions m_options;
    QdqModel m_out;
    std::set<std::string> m_names;
    std::set<std::string> m_madeAsIntegers;
    std::map<std::string, std::string> m_roundedCopies;
    std::map<std::pair<std::string, bool>, std::vector<std::string>> m_notes; // (text, of values) -> layers or values
};

} // namespace

QdqModel qdqModel(const Graph& prepared, const QuantizationPlan& plan, const QdqOptions& options)
{
    for (const Node& node : prepared.nodes)
        if (node.opType == "LSTM" && !node.hasInput(1))
            throw Error("QuantScope runs this LSTM's input projection as a separate int8 Gemm, which ONNX's LSTM cannot express; "
                        "a QDQ model of it cannot be written yet",
                        {prepared.sourcePath, node.label()});
    // Per-axis DequantizeLinear (per-channel int8 weights) needs opset 13, QuantizeLinear 10: older graphs are
    // restated at 13 where their operators allow it.
    Graph upgraded = prepared;
    const std::string notUpgraded = upgradeToOpset13(upgraded);
    if (upgraded.opsetVersion < 10)
        throw Error("the model declares opset " + std::to_string(prepared.opsetVersion) +
                        "; QuantizeLinear needs opset 10 (per-channel weights 13), and it cannot be restated at 13: " + notUpgraded,
                    {prepared.sourcePath});
    QdqModel qdq = QdqWriter(upgraded, plan, options).write();
    if (upgraded.opsetVersion != prepared.opsetVersion)
        qdq.notes.push_back("written at opset 13 (the model declares opset " + std::to_string(prepared.opsetVersion) +
                            "; per-channel DequantizeLinear needs 13): Split, Squeeze, Slice, Pad, Clip and Resize take their "
                            "opset-13 form");
    else if (!notUpgraded.empty())
        qdq.notes.push_back("kept at opset " + std::to_string(prepared.opsetVersion) + ": " + notUpgraded);
    return qdq;
}

} // namespace qs
