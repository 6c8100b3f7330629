#pragma once
// Reads an ONNX model (opset 7-17) into QuantScope's graph IR. Constant nodes become initializers and every
// node gets a unique name. Problems are reported with the file name: a truncated or non-ONNX file, external
// tensor data, and unsupported operators, all of them listed at once with their node names.
// The returned graph is as in the file: shapes are fixed later (see core/transforms/prepare_graph.h).

#include "core/ir/graph.h"

#include <string>

namespace qs {

Graph importOnnxFile(const std::string& path);
Graph importOnnxBytes(const std::string& bytes, const std::string& sourceName);

// Reads a serialized onnx.TensorProto (the .pb files of ONNX's node tests).
Tensor readTensorProtoFile(const std::string& path);

} // namespace qs
