#include "core/onnx_export/dynamic_batch.h"

#include "core/util/error.h"

#include <cstring>
#include <type_traits>
#include <variant>

namespace qs {

namespace {

bool sameTensor(const Tensor& a, const Tensor& b)
{
    return a.dtype() == b.dtype() && a.shape() == b.shape() && a.byteSize() == b.byteSize() &&
           (a.byteSize() == 0 || std::memcmp(a.raw(), b.raw(), a.byteSize()) == 0);
}

bool sameAttributes(const Attributes& a, const Attributes& b)
{
    if (a.all().size() != b.all().size())
        return false;
    for (const auto& [name, value] : a.all()) {
        const auto other = b.all().find(name);
        if (other == b.all().end() || value.index() != other->second.index())
            return false;
        const bool same = std::visit(
            [&](const auto& mine) {
                using T = std::decay_t<decltype(mine)>;
                const T& theirs = std::get<T>(other->second);
                if constexpr (std::is_same_v<T, Tensor>)
                    return sameTensor(mine, theirs);
                else
                    return mine == theirs;
            },
            value);
        if (!same)
            return false;
    }
    return true;
}

// A graph input or output: the same at both batches but dim 0, which is 1 and 2. Returns it with dim 0 "batch".
std::optional<ValueInfo> batchedValue(const ValueInfo& one, const ValueInfo* two)
{
    if (!two || !one.shapeKnown || !two->shapeKnown || one.shape.empty() || one.shape.size() != two->shape.size() || one.shape[0] != 1 ||
        two->shape[0] != 2)
        return std::nullopt;
    for (std::size_t d = 1; d < one.shape.size(); ++d)
        if (one.shape[d] != two->shape[d])
            return std::nullopt;
    ValueInfo batched = one;
    batched.shape[0] = -1;
    batched.dimNames.resize(one.shape.size());
    batched.dimNames[0] = "batch";
    return batched;
}

const ValueInfo* findValue(const std::vector<ValueInfo>& list, const std::string& name)
{
    for (const ValueInfo& v : list)
        if (v.name == name)
            return &v;
    return nullptr;
}

// The shape a value has in `g`: a declared input or output, else what shape inference recorded.
const ValueInfo* shapeOf(const Graph& g, const std::string& value)
{
    if (const ValueInfo* v = findValue(g.inputs, value); v && v->shapeKnown)
        return v;
    if (const ValueInfo* v = findValue(g.outputs, value); v && v->shapeKnown)
        return v;
    return g.info(value);
}

} // namespace

std::optional<Graph> withDynamicBatch(const Graph& atOne, const Graph& atTwo, std::string* why)
{
    auto fail = [&](const std::string& text) -> std::optional<Graph> {
        if (why)
            *why = text;
        return std::nullopt;
    };
    if (atOne.nodes.size() != atTwo.nodes.size() || atOne.inputs.size() != atTwo.inputs.size() ||
        atOne.outputs.size() != atTwo.outputs.size() || atOne.initializers.size() != atTwo.initializers.size())
        return fail("the model prepared at batch 2 is another graph than at batch 1");
    for (std::size_t i = 0; i < atOne.nodes.size(); ++i) {
        const Node& a = atOne.nodes[i];
        const Node& b = atTwo.nodes[i];
        if (a.name != b.name || a.opType != b.opType || a.inputs != b.inputs || a.outputs != b.outputs)
            return fail("node " + a.label() + " differs between batch 1 and batch 2");
        if (!sameAttributes(a.attributes, b.attributes))
            return fail("an attribute of node " + a.label() + " depends on the batch");
    }
    Graph out = atOne;
    for (const auto& [name, one] : atOne.initializers) {
        const auto two = atTwo.initializers.find(name);
        if (two == atTwo.initializers.end())
            return fail("constant '" + name + "' exists at batch 1 only");
        if (sameTensor(one, two->second))
            continue;
        // Only a Reshape target [batch, ...] of a tensor whose dim 0 is the batch: 0 there copies that dim.
        const std::vector<int> readers = atOne.consumersOf(name);
        bool reshapeTarget = !readers.empty() && one.dtype() == DataType::Int64 && one.rank() == 1 && one.size() >= 1 &&
                             two->second.dtype() == DataType::Int64 && two->second.size() == one.size() &&
                             one.data<int64_t>()[0] == 1 && two->second.data<int64_t>()[0] == 2 &&
                             std::memcmp(one.data<int64_t>() + 1, two->second.data<int64_t>() + 1,
                                         static_cast<std::size_t>(one.size() - 1) * sizeof(int64_t)) == 0;
        for (int r : readers) {
            const Node& reader = atOne.nodes[static_cast<std::size_t>(r)];
            const ValueInfo* dataOne = reader.opType == "Reshape" ? shapeOf(atOne, reader.input(0)) : nullptr;
            const ValueInfo* dataTwo = reader.opType == "Reshape" ? shapeOf(atTwo, reader.input(0)) : nullptr;
            reshapeTarget = reshapeTarget && reader.opType == "Reshape" && reader.input(1) == name && reader.input(0) != name &&
                            reader.attributes.i("allowzero", 0) == 0 && dataOne && dataTwo &&
                            dataOne->shapeKnown && dataTwo->shapeKnown && !dataOne->shape.empty() && !dataTwo->shape.empty() &&
                            dataOne->shape[0] == 1 && dataTwo->shape[0] == 2;
            if (!reshapeTarget)
                return fail("constant '" + name + "' read by " + reader.label() + " depends on the batch");
        }
        if (!reshapeTarget)
            return fail("constant '" + name + "' depends on the batch");
        out.initializers[name].data<int64_t>()[0] = 0;
    }
    for (std::size_t i = 0; i < atOne.inputs.size(); ++i) {
        const auto batched = batchedValue(atOne.inputs[i], findValue(atTwo.inputs, atOne.inputs[i].name));
        if (!batched)
            return fail("input '" + atOne.inputs[i].name + "' does not have the batch as its first dim");
        out.inputs[i] = *batched;
    }
    for (std::size_t i = 0; i < atOne.outputs.size(); ++i) {
        const ValueInfo* one = shapeOf(atOne, atOne.outputs[i].name);
        const ValueInfo* two = shapeOf(atTwo, atOne.outputs[i].name);
        const auto batched = one ? batchedValue(*one, two) : std::nullopt;
        if (!batched)
            return fail("output '" + atOne.outputs[i].name + "' does not have the batch as its first dim");
        out.outputs[i] = *batched;
        out.outputs[i].name = atOne.outputs[i].name;
    }
    // Shapes recorded at batch 1 no longer hold; the writer writes none but the inputs' and outputs'.
    out.values.clear();
    return out;
}

QdqModel qdqModelForAnyBatch(const PreparedModel& model, const Graph& atOne, const QuantizationPlan& plan, const QdqOptions& options)
{
    QdqModel written = qdqModel(atOne, plan, options);
    InputShapes two;
    two.batch = 2;
    for (const ValueInfo& input : atOne.inputs) {
        Shape shape = input.shape;
        if (!shape.empty())
            shape[0] = 2;
        two.exact[input.name] = shape;
    }
    std::string why;
    try {
        const QdqModel atTwo = qdqModel(*model.graph(two), plan, options);
        if (auto dynamic = withDynamicBatch(written.graph, atTwo.graph, &why)) {
            written.graph = std::move(*dynamic);
            written.dynamicBatch = true;
            return written;
        }
    } catch (const Error& e) {
        why = "the model does not run at batch 2" + (e.context().node.empty() ? std::string() : " (node " + e.context().node + ")") + ": " +
              e.message();
    }
    written.notes.push_back("written at batch 1, not with a dynamic batch: " + why);
    return written;
}

} // namespace qs
