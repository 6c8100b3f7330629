#include "core/transforms/shape_inference.h"

#include "core/ops/op.h"
#include "core/util/error.h"

namespace qs {

void fixInputShapes(Graph& graph, const InputShapes& shapes)
{
    for (auto& input : graph.inputs) {
        if (auto it = shapes.exact.find(input.name); it != shapes.exact.end()) {
            if (input.shapeKnown && input.shape.size() != it->second.size())
                throw Error("input '" + input.name + "' has rank " + std::to_string(input.shape.size()) + ", the given shape " +
                            toString(it->second) + " does not", {graph.sourcePath});
            input.shape = it->second;
            input.shapeKnown = true;
        }
        if (!input.shapeKnown)
            throw Error("input '" + input.name + "' has no declared shape; give its shape explicitly", {graph.sourcePath});
        for (std::size_t d = 0; d < input.shape.size(); ++d) {
            if (input.shape[d] >= 0)
                continue;
            if (d == 0)
                input.shape[d] = shapes.batch;
            else
                throw Error("input '" + input.name + "' dim " + std::to_string(d) + " is dynamic" +
                                (d < input.dimNames.size() && !input.dimNames[d].empty() ? " ('" + input.dimNames[d] + "')" : "") +
                                "; give the input shape explicitly",
                            {graph.sourcePath});
        }
        if (input.dtype == DataType::Undefined)
            input.dtype = DataType::Float32;
        graph.values[input.name] = input;
    }
}

void inferShapes(Graph& graph)
{
    for (const auto& [name, tensor] : graph.initializers) {
        ValueInfo info;
        info.name = name;
        info.dtype = tensor.dtype();
        info.shape = tensor.shape();
        info.shapeKnown = true;
        graph.values[name] = info;
    }
    for (const auto& input : graph.inputs)
        graph.values[input.name] = input;

    std::vector<Node> kept;
    kept.reserve(graph.nodes.size());
    for (auto& node : graph.nodes) {
        const Op* op = findOp(node.opType);
        if (!op)
            throw Error("unsupported operator", {graph.sourcePath, node.label()});
        InferContext ctx{node, {}, {}, graph.opsetVersion, {}, std::nullopt};
        bool allConstant = true;
        for (const auto& in : node.inputs) {
            if (in.empty()) {
                ctx.inputs.push_back(nullptr);
                ctx.constants.push_back(nullptr);
                continue;
            }
            const ValueInfo* info = graph.info(in);
            if (!info)
                throw Error("input '" + in + "' is not defined before use", {graph.sourcePath, node.label()});
            ctx.inputs.push_back(info);
            const Tensor* c = graph.constant(in);
            ctx.constants.push_back(c);
            allConstant = allConstant && c;
        }
        try {
            op->infer(ctx);
            if (ctx.outputs.size() < node.outputs.size() && !ctx.values)
                throw Error("operator produced " + std::to_string(ctx.outputs.size()) + " outputs, node declares " +
                            std::to_string(node.outputs.size()));
            std::vector<Tensor> values;
            if (ctx.values) {
                values = std::move(*ctx.values);
            } else if (allConstant && op->foldable()) {
                values = op->run(node, ctx.constants);
            }
            for (std::size_t i = 0; i < node.outputs.size(); ++i) {
                if (node.outputs[i].empty())
                    continue;
                ValueInfo info;
                if (i < values.size()) {
                    info.dtype = values[i].dtype();
                    info.shape = values[i].shape();
                    info.shapeKnown = true;
                } else {
                    info = ctx.outputs.at(i);
                }
                info.name = node.outputs[i];
                graph.values[info.name] = info;
                if (i < values.size())
                    graph.initializers[info.name] = std::move(values[i]);
            }
        } catch (const Error& e) {
            throw Error(e.message(), {graph.sourcePath, node.label()});
        }
        bool folded = true;
        for (const auto& out : node.outputs)
            if (!out.empty() && !graph.isConstant(out))
                folded = false;
        if (!folded)
            kept.push_back(std::move(node));
    }
    graph.nodes = std::move(kept);
    for (auto& output : graph.outputs)
        if (const ValueInfo* info = graph.info(output.name))
            output = *info;
    graph.removeDeadCode();
}

} // namespace qs
