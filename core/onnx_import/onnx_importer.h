#pragma once
// Reads an ONNX model into QuantScope's graph IR. Constant nodes become initializers and every node gets a unique
// name. Problems are reported with the file name: a truncated or non-ONNX file, an opset newer than
// kNewestKnownOpset, external tensor data that is missing, out of bounds or outside the model's folder, and
// unsupported operators, all of them listed at once with their node names. Operators follow their opset 7-17
// definitions; the later opsets up to kNewestKnownOpset changed nothing the supported operators use except
// attributes the operators check themselves.
// The returned graph is as in the file: shapes are fixed later (see core/transforms/prepare_graph.h).

#include "core/ir/graph.h"

#include <string>

namespace qs {

// ONNX 1.18's default-domain opset. A model that declares a newer one is refused rather than read with
// definitions that may have changed.
inline constexpr int64_t kNewestKnownOpset = 23;

Graph importOnnxFile(const std::string& path);
Graph importOnnxBytes(const std::string& bytes, const std::string& sourceName);

// Reads a serialized onnx.TensorProto (the .pb files of ONNX's node tests).
Tensor readTensorProtoFile(const std::string& path);

} // namespace qs
