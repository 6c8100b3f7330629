#include "core/onnx_export/opset_upgrade.h"

#include "core/transforms/graph_edit.h"

#include <limits>
#include <set>

namespace qs {
namespace {

class Upgrader {
public:
    explicit Upgrader(Graph& graph) : m_graph(graph)
    {
        for (const auto& [name, tensor] : graph.initializers)
            m_names.insert(name);
        for (const auto& [name, info] : graph.values)
            m_names.insert(name);
    }

    // "" or why the node cannot be said at opset 13.
    std::string upgrade(Node& node)
    {
        const std::string& op = node.opType;
        const int64_t from = m_graph.opsetVersion;
        if ((op == "Softmax" || op == "LogSoftmax") && node.attributes.has("_flatten_from"))
            return node.label() + " normalises over all dims from axis " + std::to_string(node.attributes.i("_flatten_from", 1)) +
                   " (its opset " + std::to_string(from) + " meaning), which opset 13 says with a Reshape around it";
        if (op == "Split" && node.attributes.has("split"))
            attributeToInput(node, "split", 1);
        else if ((op == "Squeeze" || op == "Unsqueeze" || op == "ReduceSum") && node.attributes.has("axes"))
            attributeToInput(node, "axes", 1);
        else if (op == "Slice" && from < 10) {
            attributeToInput(node, "starts", 1);
            attributeToInput(node, "ends", 2);
            if (node.attributes.has("axes"))
                attributeToInput(node, "axes", 3);
        } else if (op == "Pad" && from < 11) {
            attributeToInput(node, "pads", 1);
            const float value = node.attributes.f("value", 0.0f);
            node.attributes.erase("value");
            setInput(node, 2, constant(node.name + "_constant_value", Tensor::scalarFloat(value)));
        } else if (op == "Clip" && from < 11) {
            // Inference recorded the bounds as attributes (ONNX's defaults where absent): they become inputs.
            const float lo = node.attributes.f("min", -std::numeric_limits<float>::max());
            const float hi = node.attributes.f("max", std::numeric_limits<float>::max());
            setInput(node, 1, constant(node.name + "_min", Tensor::scalarFloat(lo)));
            setInput(node, 2, constant(node.name + "_max", Tensor::scalarFloat(hi)));
        } else if (op == "Upsample" || (op == "Resize" && from < 11)) {
            // Both meant asymmetric coordinates (inference recorded them): Resize-13 with those and the scales
            // inference resolved, or the output size where it kept none.
            const std::string data = node.inputs.at(0);
            node.opType = "Resize";
            node.attributes.erase("scales");
            node.inputs = {data, ""};
            if (node.attributes.has("_scales"))
                node.inputs.push_back(constant(node.name + "_scales", Tensor::fromFloats({static_cast<int64_t>(node.attributes.floats("_scales").size())},
                                                                                         node.attributes.floats("_scales"))));
            else
                node.inputs.insert(node.inputs.end(), {"", constant(node.name + "_sizes", Tensor::fromInt64({static_cast<int64_t>(node.attributes.ints("_out").size())},
                                                                                                        node.attributes.ints("_out")))});
        } else if (op == "Dropout") {
            node.attributes.erase("ratio"); // an input from opset 12 on; inference ignores it
        }
        return {};
    }

private:
    std::string constant(const std::string& base, Tensor value)
    {
        std::string name = base;
        for (int i = 1; m_names.count(name); ++i)
            name = base + "_" + std::to_string(i);
        m_names.insert(name);
        return addConstant(m_graph, name, std::move(value));
    }

    static void setInput(Node& node, std::size_t index, const std::string& value)
    {
        if (node.inputs.size() <= index)
            node.inputs.resize(index + 1);
        node.inputs[index] = value;
    }

    void attributeToInput(Node& node, const std::string& attribute, std::size_t index)
    {
        const std::vector<int64_t> values = node.attributes.ints(attribute);
        node.attributes.erase(attribute);
        setInput(node, index, constant(node.name + "_" + attribute, Tensor::fromInt64({static_cast<int64_t>(values.size())}, values)));
    }

    Graph& m_graph;
    std::set<std::string> m_names;
};

} // namespace

std::string upgradeToOpset13(Graph& graph)
{
    if (graph.opsetVersion >= 13)
        return {};
    Graph upgraded = graph;
    Upgrader upgrader(upgraded);
    for (Node& node : upgraded.nodes)
        if (std::string why = upgrader.upgrade(node); !why.empty())
            return why;
    upgraded.opsetVersion = 13;
    graph = std::move(upgraded);
    return {};
}

} // namespace qs
