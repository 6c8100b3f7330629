#pragma once
// A written model whose batch size is left to the runtime. QuantScope prepares a model at fixed shapes (constant
// folding turns a torch export's Shape -> Gather -> Concat into Reshape targets such as [1, -1]), so the batch is
// found by comparison, not guessed: the same model prepared and written at batch 1 and at batch 2. Where the two
// differ only in the inputs' and outputs' dim 0 and in Reshape targets whose first entry is that dim 0 of a tensor
// whose dim 0 is the batch, the batch-1 graph is the model at any batch with those entries 0 (ONNX Reshape: copy the
// input's dim) and dim 0 named "batch". Anything else that depends on the batch (a detector's anchors built for
// one image, an Expand to a folded shape) keeps the file at batch 1, and the node that holds it is named.

#include "core/engine/prepared_model.h"
#include "core/ir/graph.h"
#include "core/onnx_export/qdq_model.h"

#include <optional>
#include <string>

namespace qs {

// `atOne` and `atTwo`: the same model written from the graph prepared at batch 1 and at batch 2 (same node and
// value names, as qdqModel() and the preparation make them). Returns the batch-1 graph with a dynamic batch, or
// std::nullopt with `why` saying which node or value holds the batch.
std::optional<Graph> withDynamicBatch(const Graph& atOne, const Graph& atTwo, std::string* why);

// qdqModel() of `atOne` (the model prepared at batch 1, every input's shape known), written with the batch left to
// the runtime where the model allows it: prepared again at batch 2, written, compared. Otherwise the file is the
// batch-1 model and a note says what holds the batch.
QdqModel qdqModelForAnyBatch(const PreparedModel& model, const Graph& atOne, const QuantizationPlan& plan, const QdqOptions& options = {});

} // namespace qs
