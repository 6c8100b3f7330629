#pragma once
// Writes QuantScope's graph IR as an ONNX model: nodes in graph order, initializers as raw data, the inputs' and
// outputs' types and shapes (symbolic dim names kept), the default-domain opset the graph declares. What the
// importer reads in, the writer writes out, so a written model imports to the same graph (test_qdq_export).

#include "core/ir/graph.h"

#include <string>

namespace qs {

// The serialized model. `producer` goes into producer_name ("QuantScope" by default). Throws qs::Error naming
// the node for an attribute or tensor ONNX cannot hold.
std::string onnxModelBytes(const Graph& graph, const std::string& producer = "QuantScope");
// The same, written to `path` (replaced only once the whole file is written: a failed write keeps the old file).
void writeOnnxFile(const Graph& graph, const std::string& path, const std::string& producer = "QuantScope");

} // namespace qs
