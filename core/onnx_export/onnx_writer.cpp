#include "core/onnx_export/onnx_writer.h"

#include "core/util/error.h"

#include <onnx/onnx_pb.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <variant>

namespace qs {
namespace {

void fillTensor(onnx::TensorProto& proto, const std::string& name, const Tensor& t)
{
    if (elementSize(t.dtype()) == 0)
        throw Error("tensor '" + name + "' has element type " + toString(t.dtype()) + ", which cannot be written");
    proto.set_name(name);
    proto.set_data_type(static_cast<int>(t.dtype()));
    for (int64_t d : t.shape())
        proto.add_dims(d);
    proto.set_raw_data(t.raw(), t.byteSize());
}

void fillValueInfo(onnx::ValueInfoProto& proto, const ValueInfo& info)
{
    proto.set_name(info.name);
    auto* type = proto.mutable_type()->mutable_tensor_type();
    type->set_elem_type(static_cast<int>(info.dtype == DataType::Undefined ? DataType::Float32 : info.dtype));
    if (!info.shapeKnown)
        return;
    auto* shape = type->mutable_shape();
    for (std::size_t i = 0; i < info.shape.size(); ++i) {
        auto* dim = shape->add_dim();
        const std::string symbolic = i < info.dimNames.size() ? info.dimNames[i] : std::string();
        if (info.shape[i] >= 0)
            dim->set_dim_value(info.shape[i]);
        else if (!symbolic.empty())
            dim->set_dim_param(symbolic);
    }
}

void fillAttribute(onnx::AttributeProto& proto, const std::string& name, const AttributeValue& value)
{
    using A = onnx::AttributeProto;
    proto.set_name(name);
    std::visit(
        [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, int64_t>) {
                proto.set_type(A::INT);
                proto.set_i(v);
            } else if constexpr (std::is_same_v<T, float>) {
                proto.set_type(A::FLOAT);
                proto.set_f(v);
            } else if constexpr (std::is_same_v<T, std::string>) {
                proto.set_type(A::STRING);
                proto.set_s(v);
            } else if constexpr (std::is_same_v<T, std::vector<int64_t>>) {
                proto.set_type(A::INTS);
                for (int64_t x : v)
                    proto.add_ints(x);
            } else if constexpr (std::is_same_v<T, std::vector<float>>) {
                proto.set_type(A::FLOATS);
                for (float x : v)
                    proto.add_floats(x);
            } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                proto.set_type(A::STRINGS);
                for (const std::string& x : v)
                    proto.add_strings(x);
            } else {
                proto.set_type(A::TENSOR);
                fillTensor(*proto.mutable_t(), name, v);
            }
        },
        value);
}

// Shape inference records what it resolved on the node (core/ops): QuantScope's own attributes ("_out", "_scales"...),
// Clip's bounds (inputs from opset 11), and the coordinate modes Upsample and Resize-10 imply. ONNX refuses the
// first and the attributes an operator does not have at the model's opset, so they stay out of the file; the node
// means the same without them.
bool isWrittenAttribute(const Node& node, const std::string& name, int64_t opset)
{
    if (name.empty() || name[0] == '_')
        return false;
    if (node.opType == "Clip" && opset >= 11 && (name == "min" || name == "max"))
        return false;
    if ((node.opType == "Upsample" || (node.opType == "Resize" && opset < 11)) &&
        (name == "coordinate_transformation_mode" || name == "nearest_mode"))
        return false;
    return true;
}

} // namespace

std::string onnxModelBytes(const Graph& graph, const std::string& producer)
{
    onnx::ModelProto model;
    const int64_t version = graph.opsetVersion > 0 ? graph.opsetVersion : 13;
    // The oldest IR version that allows the opset (ONNX's versioning table): what older runtimes read too.
    model.set_ir_version(version >= 21 ? 10 : version >= 19 ? 9 : 8);
    model.set_producer_name(producer);
    auto* opset = model.add_opset_import();
    opset->set_domain("");
    opset->set_version(version);
    std::set<std::string> domains;
    for (const Node& node : graph.nodes)
        if (!node.domain.empty() && node.domain != "ai.onnx")
            domains.insert(node.domain);
    for (const std::string& domain : domains) {
        auto* custom = model.add_opset_import();
        custom->set_domain(domain);
        custom->set_version(1);
    }

    auto* g = model.mutable_graph();
    g->set_name(graph.name.empty() ? "quantscope" : graph.name);
    for (const ValueInfo& input : graph.inputs)
        fillValueInfo(*g->add_input(), input);
    for (const ValueInfo& output : graph.outputs) {
        ValueInfo info = output;
        if (const ValueInfo* known = graph.info(output.name); known && !info.shapeKnown)
            info = *known;
        if (info.dtype == DataType::Undefined)
            if (const Tensor* c = graph.constant(output.name))
                info.dtype = c->dtype();
        fillValueInfo(*g->add_output(), info);
    }
    for (const auto& [name, tensor] : graph.initializers)
        fillTensor(*g->add_initializer(), name, tensor);
    for (const Node& node : graph.nodes) {
        auto* n = g->add_node();
        n->set_name(node.name);
        n->set_op_type(node.opType);
        if (!node.domain.empty())
            n->set_domain(node.domain);
        for (const std::string& in : node.inputs)
            n->add_input(in);
        for (const std::string& out : node.outputs)
            n->add_output(out);
        try {
            for (const auto& [name, value] : node.attributes.all())
                if (isWrittenAttribute(node, name, graph.opsetVersion))
                    fillAttribute(*n->add_attribute(), name, value);
        } catch (const Error& e) {
            throw Error(e.message(), {graph.sourcePath, node.label()});
        }
    }
    std::string bytes;
    if (!model.SerializeToString(&bytes))
        throw Error("the ONNX model could not be serialized (over protobuf's 2 GiB limit?)", {graph.sourcePath});
    return bytes;
}

void writeOnnxFile(const Graph& graph, const std::string& path, const std::string& producer)
{
    const std::string bytes = onnxModelBytes(graph, producer);
    const std::string partial = path + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out || !out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !out.flush()) {
            std::remove(partial.c_str());
            throw Error("cannot write the ONNX model", {path});
        }
    }
    std::error_code ec;
    std::filesystem::rename(partial, path, ec);
    if (ec) {
        std::remove(partial.c_str());
        throw Error("cannot write the ONNX model: " + ec.message(), {path});
    }
}

} // namespace qs
