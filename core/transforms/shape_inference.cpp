#include "core/transforms/shape_inference.h"

#include "core/ops/op.h"
#include "core/util/error.h"

#include <algorithm>

namespace qs {

namespace {

// Constant folding creates data the file does not hold (ConstantOfShape, Expand, Tile, Range, Resize): a few bytes
// of model can ask for gigabytes. All that folding creates is bounded by the model's own constants plus 1 MiB,
// which exporters' shape computations (a few KiB) never come near; a folded Transpose of a weight costs what the
// weight does. Folding runs the reference kernels: a 4D linear Resize folded to 4 MB took 8 s under the sanitizers.
constexpr int64_t kFoldingAllowance = int64_t(1) << 20;

// Bytes of a value of this type and shape; 0 when unknown, INT64_MAX when past counting.
int64_t byteCount(DataType type, const Shape& shape)
{
    const int64_t count = elementCount(shape);
    int64_t bytes = 0;
    if (count < 0)
        return 0;
    if (__builtin_mul_overflow(count, static_cast<int64_t>(elementSize(type)), &bytes))
        return INT64_MAX;
    return bytes;
}

} // namespace

InputShapes inputShapesFrom(const Graph& model, const std::vector<InputShapeSpec>& specs)
{
    InputShapes shapes;
    auto inputNames = [&] {
        std::string names;
        for (const ValueInfo& in : model.inputs)
            names += (names.empty() ? "'" : ", '") + in.name + "'";
        return names;
    };
    for (const InputShapeSpec& spec : specs) {
        const ValueInfo* input = nullptr;
        if (spec.input.empty()) {
            if (model.inputs.size() != 1)
                throw Error("the model has " + std::to_string(model.inputs.size()) + " inputs (" + inputNames() +
                                "): name the one each shape is for, e.g. " + (model.inputs.empty() ? "x" : model.inputs[0].name) + "=" +
                                toString(spec),
                            {model.sourcePath});
            input = &model.inputs[0];
        } else {
            for (const ValueInfo& in : model.inputs)
                if (in.name == spec.input)
                    input = &in;
            if (!input)
                throw Error("input shape " + toString(spec) + ": the model has no input '" + spec.input + "' (inputs: " + inputNames() + ")",
                            {model.sourcePath});
        }
        const Shape shape(spec.dims.begin(), spec.dims.end());
        if (input->shapeKnown) {
            bool fits = input->shape.size() == shape.size();
            for (std::size_t d = 1; fits && d < shape.size(); ++d) // the batch dim may differ: evaluation chooses it
                fits = input->shape[d] < 0 || input->shape[d] == shape[d];
            if (!fits)
                throw Error("input shape " + toString(spec) + " does not fit input '" + input->name + "', declared " + toString(input->shape),
                            {model.sourcePath});
        }
        shapes.exact[input->name] = shape;
        shapes.batch = shape.empty() ? 1 : shape[0];
    }
    return shapes;
}

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

    int64_t foldingBudget = kFoldingAllowance;
    // Each constant may become float once (a QDQ model's DequantizeLinear makes float32 weights of int8 ones).
    for (const auto& [name, tensor] : graph.initializers)
        foldingBudget += std::max(static_cast<int64_t>(tensor.byteSize()), tensor.size() * static_cast<int64_t>(sizeof(float)));
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
                for (const ValueInfo& out : ctx.outputs) {
                    const int64_t bytes = byteCount(out.dtype, out.shape);
                    if (bytes > foldingBudget)
                        throw Error("folding its constant inputs would create " + toString(out.shape) + " " + toString(out.dtype) +
                                    (bytes == INT64_MAX ? "" : " (" + std::to_string(bytes) + " bytes)") +
                                    ", more than this model's constants allow (" + std::to_string(foldingBudget) +
                                    " bytes: their size as float32 plus 1 MiB); is the model corrupt?");
                    foldingBudget -= bytes;
                }
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
                } else if (i < ctx.outputs.size()) {
                    info = ctx.outputs[i];
                } else { // a Shape node declaring two outputs: it computed one value (was an escaping std::out_of_range)
                    throw Error("operator produced " + std::to_string(std::max(values.size(), ctx.outputs.size())) +
                                " outputs, node declares " + std::to_string(node.outputs.size()));
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
