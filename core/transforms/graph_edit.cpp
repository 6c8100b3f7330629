#include "core/transforms/graph_edit.h"

namespace qs {

std::string addConstant(Graph& graph, const std::string& name, Tensor value)
{
    graph.values[name] = ValueInfo{name, value.dtype(), value.shape(), {}, true};
    graph.initializers[name] = std::move(value);
    return name;
}

void declareFloatValue(Graph& graph, const std::string& name, const Shape& shape)
{
    graph.values[name] = ValueInfo{name, DataType::Float32, shape, {}, true};
}

Node reshapeNode(Graph& graph, const std::string& name, const std::string& input, const std::string& output, const Shape& shape)
{
    Node reshape;
    reshape.name = name;
    reshape.opType = "Reshape";
    reshape.inputs = {input, addConstant(graph, name + "_shape", Tensor::fromInt64({static_cast<int64_t>(shape.size())}, shape))};
    reshape.outputs = {output};
    declareFloatValue(graph, output, shape);
    return reshape;
}

std::size_t replaceNode(Graph& graph, std::size_t index, const std::vector<Node>& replacement)
{
    const auto at = graph.nodes.begin() + static_cast<long>(index);
    graph.nodes.insert(graph.nodes.erase(at), replacement.begin(), replacement.end());
    return index + replacement.size() - 1;
}

} // namespace qs
