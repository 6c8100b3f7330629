#pragma once
// The graph view's data (widgets/graph/graph_data.h) for a prepared model under a configuration: every node in
// topological order with how it runs, from the same plan structure and fused-chain walk the engine uses
// (layerFacts(), buildQuantizationPlan(), int8Coverage() for the FP32 islands' reasons). A fused chain's nodes
// follow its first node directly (still a topological order: a fused Add's other operand comes before the layer).

#include "app/gui/models/layer_config.h"
#include "core/quant/layer_facts.h"
#include "widgets/graph/graph_data.h"

#include <vector>

namespace qs::gui {

// `prepared`: the batch-1 graph the layer names refer to. `quantized`: which integer layers the configuration
// runs int8 (default: all).
widgets::GraphData graphViewData(const Graph& prepared, const QuantizedLayerFn& quantized = {});

// The table's choice: a layer runs int8 unless it is set to no-quant; a layer without a row stays FP32 (as in
// toPtqConfig()).
QuantizedLayerFn quantizedByTable(const std::vector<LayerInfo>& layers, const std::vector<LayerConfig>& configs);

} // namespace qs::gui
