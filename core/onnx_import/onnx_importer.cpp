#include "core/onnx_import/onnx_importer.h"

#include "core/ops/op.h"
#include "core/util/error.h"

#include <onnx/onnx_pb.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace qs {
namespace {

namespace fs = std::filesystem;

std::string readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open file", {path});
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// How many values the typed fields of `proto` hold for its element type (raw_data aside).
int64_t typedValueCount(const onnx::TensorProto& proto, DataType type)
{
    switch (type) {
    case DataType::Float32: return proto.float_data_size();
    case DataType::Float64: return proto.double_data_size();
    case DataType::Int64: return proto.int64_data_size();
    case DataType::UInt32:
    case DataType::UInt64: return proto.uint64_data_size();
    default: return proto.int32_data_size();
    }
}

// Where a tensor's bytes live outside the model file (ONNX's external data): `location` relative to the model's
// folder, `offset` and `length` in bytes.
struct ExternalData {
    fs::path file;
    int64_t offset = 0;
    int64_t length = -1; // -1: to the end of the file
    int64_t fileSize = 0;
};

// The external-data entry of `proto`, checked before anything is read: the location must name a regular file
// inside `modelDir` (no absolute path, no "..", no symbolic link out of it), and offset and length must lie
// within that file.
ExternalData externalDataOf(const onnx::TensorProto& proto, const fs::path& modelDir)
{
    const std::string what = "tensor '" + proto.name() + "' stores its data in an external file";
    if (modelDir.empty())
        throw Error(what + ", which is only supported for initializers of a model read from a file");
    ExternalData ext;
    std::string location;
    auto parseCount = [&](const std::string& key, const std::string& text) {
        int64_t value = 0;
        std::size_t used = 0;
        try {
            value = std::stoll(text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != text.size() || text.empty() || value < 0)
            throw Error(what + " with " + key + " '" + text + "', which is not a byte count");
        return value;
    };
    for (const auto& entry : proto.external_data()) {
        if (entry.key() == "location")
            location = entry.value();
        else if (entry.key() == "offset")
            ext.offset = parseCount("offset", entry.value());
        else if (entry.key() == "length")
            ext.length = parseCount("length", entry.value());
    }
    if (location.empty())
        throw Error(what + " but names no location");
    const fs::path relative(location);
    if (relative.is_absolute() || relative.has_root_name() || relative.has_root_directory())
        throw Error(what + " at the absolute path '" + location + "'; ONNX requires a path relative to the model's folder");
    for (const auto& part : relative)
        if (part == "..")
            throw Error(what + " at '" + location + "', which leaves the model's folder");
    std::error_code ec;
    const fs::path folder = fs::weakly_canonical(modelDir, ec);
    const fs::path file = fs::weakly_canonical(modelDir / relative, ec);
    if (ec || std::mismatch(folder.begin(), folder.end(), file.begin(), file.end()).first != folder.end())
        throw Error(what + " at '" + location + "', which resolves outside the model's folder");
    if (!fs::is_regular_file(file, ec))
        throw Error(what + " '" + location + "', which does not exist next to the model", {(modelDir / relative).string()});
    ext.file = file;
    ext.fileSize = static_cast<int64_t>(fs::file_size(file, ec));
    if (ec)
        throw Error(what + " '" + location + "', which cannot be read: " + ec.message(), {file.string()});
    if (ext.offset > ext.fileSize)
        throw Error(what + " at offset " + std::to_string(ext.offset) + ", past the end of the " + std::to_string(ext.fileSize) +
                        "-byte file",
                    {file.string()});
    if (ext.length < 0)
        ext.length = ext.fileSize - ext.offset;
    if (ext.length > ext.fileSize - ext.offset)
        throw Error(what + ": offset " + std::to_string(ext.offset) + " + length " + std::to_string(ext.length) +
                        " runs past the end of the " + std::to_string(ext.fileSize) + "-byte file",
                    {file.string()});
    return ext;
}

// The declared dims are checked before anything is allocated: negative or overflowing dims, and dims that ask for
// more values than the file holds, are errors naming the tensor (they used to wrap, or allocate gigabytes first).
// `externalBytes` is the byte count of external data (-1: the data is inside the model).
void checkDeclaredSize(const onnx::TensorProto& proto, DataType type, const Shape& shape, int64_t externalBytes)
{
    int64_t count = 1;
    for (int64_t d : shape) {
        if (d < 0)
            throw Error("tensor '" + proto.name() + "' " + toString(shape) + " has a negative dimension");
        if (__builtin_mul_overflow(count, d, &count))
            throw Error("tensor '" + proto.name() + "' " + toString(shape) + " has more elements than can be counted");
    }
    int64_t bytes = 0;
    if (__builtin_mul_overflow(count, static_cast<int64_t>(elementSize(type)), &bytes))
        throw Error("tensor '" + proto.name() + "' " + toString(shape) + " is larger than can be addressed");
    const bool raw = externalBytes >= 0 || proto.has_raw_data();
    const int64_t present = externalBytes >= 0 ? externalBytes
                            : proto.has_raw_data() ? static_cast<int64_t>(proto.raw_data().size())
                                                   : typedValueCount(proto, type);
    const int64_t wanted = raw ? bytes : count;
    if (present != wanted)
        throw Error("tensor '" + proto.name() + "' " + toString(shape) + " has " + std::to_string(present) +
                    (raw ? " bytes" : " values") + " of data, expected " + std::to_string(wanted));
}

// `modelDir` is the folder external data is read from (empty: external data is refused).
Tensor tensorFromProto(const onnx::TensorProto& proto, const fs::path& modelDir = {})
{
    const auto type = static_cast<DataType>(proto.data_type());
    if (elementSize(type) == 0)
        throw Error("tensor '" + proto.name() + "' has unsupported element type " + toString(type));
    Shape shape(proto.dims().begin(), proto.dims().end());
    if (proto.data_location() == onnx::TensorProto::EXTERNAL) {
        const ExternalData ext = externalDataOf(proto, modelDir);
        checkDeclaredSize(proto, type, shape, ext.length);
        Tensor t(type, shape);
        std::ifstream in(ext.file, std::ios::binary);
        in.seekg(ext.offset);
        if (t.byteSize() > 0 && !in.read(static_cast<char*>(t.raw()), static_cast<std::streamsize>(t.byteSize())))
            throw Error("tensor '" + proto.name() + "': its external data could not be read", {ext.file.string()});
        return t;
    }
    checkDeclaredSize(proto, type, shape, -1);
    Tensor t(type, shape);
    const std::size_t bytes = t.byteSize();
    if (bytes == 0) // an empty repeated field may hand out a null pointer
        return t;
    if (proto.has_raw_data()) {
        if (proto.raw_data().size() != bytes)
            throw Error("tensor '" + proto.name() + "' " + toString(shape) + " has " + std::to_string(proto.raw_data().size()) +
                        " bytes of data, expected " + std::to_string(bytes));
        if (bytes > 0)
            std::memcpy(t.raw(), proto.raw_data().data(), bytes);
        return t;
    }
    auto check = [&](int count) {
        if (count != t.size())
            throw Error("tensor '" + proto.name() + "' " + toString(shape) + " has " + std::to_string(count) + " values, expected " +
                        std::to_string(t.size()));
    };
    switch (type) {
    case DataType::Float32:
        check(proto.float_data_size());
        std::memcpy(t.raw(), proto.float_data().data(), bytes);
        break;
    case DataType::Float64:
        check(proto.double_data_size());
        std::memcpy(t.raw(), proto.double_data().data(), bytes);
        break;
    case DataType::Int64:
        check(proto.int64_data_size());
        std::memcpy(t.raw(), proto.int64_data().data(), bytes);
        break;
    case DataType::UInt32:
    case DataType::UInt64:
        check(proto.uint64_data_size());
        for (int i = 0; i < t.size(); ++i)
            t.setElementFromDouble(i, static_cast<double>(proto.uint64_data(i)));
        break;
    case DataType::Float16: // stored as raw 16-bit patterns in int32_data
        check(proto.int32_data_size());
        for (int i = 0; i < t.size(); ++i)
            t.data<uint16_t>()[i] = static_cast<uint16_t>(proto.int32_data(i));
        break;
    default: // int32, int16, int8, uint16, uint8, bool: int32_data
        check(proto.int32_data_size());
        for (int i = 0; i < t.size(); ++i)
            t.setElementFromDouble(i, proto.int32_data(i));
        break;
    }
    return t;
}

ValueInfo valueInfoFromProto(const onnx::ValueInfoProto& proto)
{
    ValueInfo info;
    info.name = proto.name();
    if (!proto.has_type())
        return info;
    if (!proto.type().has_tensor_type())
        throw Error("value '" + proto.name() + "' is a sequence, map or optional; QuantScope supports tensors only");
    const auto& tensorType = proto.type().tensor_type();
    info.dtype = static_cast<DataType>(tensorType.elem_type());
    if (tensorType.has_shape()) {
        info.shapeKnown = true;
        for (const auto& dim : tensorType.shape().dim()) {
            info.shape.push_back(dim.has_dim_value() ? dim.dim_value() : -1);
            info.dimNames.push_back(dim.has_dim_param() ? dim.dim_param() : std::string());
        }
    }
    return info;
}

AttributeValue attributeFromProto(const onnx::AttributeProto& a)
{
    using A = onnx::AttributeProto;
    switch (a.type()) {
    case A::INT: return a.i();
    case A::FLOAT: return a.f();
    case A::STRING: return a.s();
    case A::INTS: return std::vector<int64_t>(a.ints().begin(), a.ints().end());
    case A::FLOATS: return std::vector<float>(a.floats().begin(), a.floats().end());
    case A::STRINGS: return std::vector<std::string>(a.strings().begin(), a.strings().end());
    case A::TENSOR: return tensorFromProto(a.t());
    default: throw Error("attribute '" + a.name() + "' has an unsupported kind (graphs and sparse tensors are not supported)");
    }
}

// Constant nodes become initializers; returns false if the node is not a Constant.
bool foldConstantNode(const onnx::NodeProto& node, Graph& graph)
{
    if (node.op_type() != "Constant" || node.output_size() != 1)
        return false;
    for (const auto& a : node.attribute()) {
        Tensor value;
        if (a.name() == "value")
            value = tensorFromProto(a.t());
        else if (a.name() == "value_float")
            value = Tensor::scalarFloat(a.f());
        else if (a.name() == "value_int")
            value = Tensor::scalarInt64(a.i());
        else if (a.name() == "value_floats")
            value = Tensor::fromFloats({a.floats_size()}, std::vector<float>(a.floats().begin(), a.floats().end()));
        else if (a.name() == "value_ints")
            value = Tensor::fromInt64({a.ints_size()}, std::vector<int64_t>(a.ints().begin(), a.ints().end()));
        else
            throw Error("Constant attribute '" + a.name() + "' is not supported");
        graph.initializers[node.output(0)] = std::move(value);
        return true;
    }
    throw Error("Constant node has no value");
}

} // namespace

Graph importOnnxBytes(const std::string& bytes, const std::string& sourceName)
{
    onnx::ModelProto model;
    if (bytes.empty())
        throw Error("the file is empty, not an ONNX model", {sourceName});
    if (!model.ParseFromString(bytes))
        throw Error("not a valid ONNX model: the protobuf data could not be parsed (truncated or not an .onnx file)", {sourceName});
    if (!model.has_graph() || model.graph().node_size() == 0)
        throw Error("not a valid ONNX model: it contains no graph nodes", {sourceName});
    if (model.graph().output_size() == 0) // it used to pass `info` and fail `eval` with an internal error
        throw Error("the graph declares no outputs, so running it computes nothing", {sourceName});

    Graph graph;
    graph.sourcePath = sourceName;
    graph.producer = model.producer_name() + (model.producer_version().empty() ? "" : " " + model.producer_version());
    for (const auto& opset : model.opset_import())
        if (opset.domain().empty() || opset.domain() == "ai.onnx")
            graph.opsetVersion = opset.version();
    if (graph.opsetVersion == 0)
        throw Error("the model declares no default-domain opset", {sourceName});
    if (graph.opsetVersion > kNewestKnownOpset)
        throw Error("the model declares opset " + std::to_string(graph.opsetVersion) + ", newer than opset " +
                        std::to_string(kNewestKnownOpset) + " (the newest QuantScope knows); its operators may mean what "
                        "QuantScope cannot check: export the model again with opset " + std::to_string(kNewestKnownOpset) + " or older",
                    {sourceName});

    const auto& g = model.graph();
    graph.name = g.name();
    try {
        const fs::path modelDir = fs::path(sourceName).parent_path().empty() ? fs::path(".") : fs::path(sourceName).parent_path();
        for (const auto& init : g.initializer())
            graph.initializers[init.name()] = tensorFromProto(init, modelDir);
    } catch (const Error& e) {
        throw e.withFile(sourceName);
    }
    try {
        for (const auto& input : g.input())
            if (!graph.initializers.count(input.name()))
                graph.inputs.push_back(valueInfoFromProto(input));
        for (const auto& output : g.output())
            graph.outputs.push_back(valueInfoFromProto(output));
        for (const auto& vi : g.value_info())
            graph.values[vi.name()] = valueInfoFromProto(vi);
    } catch (const Error& e) {
        throw e.withFile(sourceName);
    }

    std::map<std::string, std::vector<std::string>> unsupported; // op type -> node names
    std::set<std::string> names;
    int index = 0;
    for (const auto& proto : g.node()) {
        std::string name = proto.name().empty() ? proto.op_type() + "_" + std::to_string(index) : proto.name();
        for (int suffix = 1; names.count(name); ++suffix)
            name = (proto.name().empty() ? proto.op_type() : proto.name()) + "_dup" + std::to_string(suffix);
        names.insert(name);
        ++index;
        try {
            if (foldConstantNode(proto, graph))
                continue;
        } catch (const Error& e) {
            throw Error(e.message(), {sourceName, name + " (Constant)"});
        }
        const bool defaultDomain = proto.domain().empty() || proto.domain() == "ai.onnx";
        if (!defaultDomain || !findOp(proto.op_type())) {
            unsupported[(defaultDomain ? "" : proto.domain() + ":") + proto.op_type()].push_back(name);
            continue;
        }
        Node node;
        node.name = name;
        node.opType = proto.op_type();
        node.domain = proto.domain();
        node.inputs.assign(proto.input().begin(), proto.input().end());
        node.outputs.assign(proto.output().begin(), proto.output().end());
        try {
            for (const auto& a : proto.attribute())
                node.attributes.set(a.name(), attributeFromProto(a));
        } catch (const Error& e) {
            throw Error(e.message(), {sourceName, node.label()});
        }
        graph.nodes.push_back(std::move(node));
    }
    if (!unsupported.empty()) {
        std::string message = "unsupported operators:";
        for (const auto& [type, nodeNames] : unsupported) {
            message += "\n  " + type + " (" + std::to_string(nodeNames.size()) + " node" + (nodeNames.size() > 1 ? "s" : "") + "):";
            for (std::size_t i = 0; i < nodeNames.size() && i < 5; ++i)
                message += " " + nodeNames[i];
            if (nodeNames.size() > 5)
                message += " ...";
        }
        throw Error(message, {sourceName});
    }
    try {
        graph.sortTopologically();
    } catch (const Error& e) {
        throw e.withFile(sourceName);
    }
    return graph;
}

Graph importOnnxFile(const std::string& path)
{
    return importOnnxBytes(readFile(path), path);
}

Tensor readTensorProtoFile(const std::string& path)
{
    onnx::TensorProto proto;
    if (!proto.ParseFromString(readFile(path)))
        throw Error("not a serialized ONNX TensorProto", {path});
    try {
        return tensorFromProto(proto);
    } catch (const Error& e) {
        throw e.withFile(path);
    }
}

} // namespace qs
