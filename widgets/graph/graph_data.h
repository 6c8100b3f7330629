#pragma once
// What the graph view draws: the model's nodes in topological order and the values between them, each node with
// how it runs under the current quantization configuration. Plain data, filled by the app from core's facts
// (app/gui/graph_view_data.h) or by a test with its own.

#include <QString>

#include <vector>

namespace qs::widgets {

enum class GraphNodeKind {
    Int8,       // runs on integers (an int8 layer and what it fuses, pooling and views passing integers on)
    Fp32Island, // a multiply-accumulate node that stays FP32 (fp32Reason says why)
    Float,      // any other operator, run in FP32
    Input,      // a graph input
    Output,     // a graph output
};

struct GraphNode {
    QString name;   // unique; what nodeClicked() emits and selectNode() takes
    QString opType; // "Conv"; empty for inputs and outputs
    QString inputShape; // of its first computed input ("1×16×28×28"); an input's or output's own shape
    GraphNodeKind kind = GraphNodeKind::Float;
    QString fp32Reason; // for Fp32Island
    // The first node of the fused chain this node runs in ("" when none). The first node names itself; the
    // others follow it directly, in chain order, in the nodes list.
    QString group;
    QString fusedOps; // on a chain's first node: what it fuses ("Add+Relu"), for its tooltip
};

// How a value crosses between integer and FP32 execution on its way from one node to another.
enum class GraphBorder {
    None,
    Quantize,   // an FP32 value enters an int8 node
    Dequantize, // an int8 node's result leaves to an FP32 node
};

struct GraphEdge {
    int from = 0, to = 0; // indices into GraphData::nodes
    QString value;        // the value's name
    GraphBorder border = GraphBorder::None;
};

struct GraphData {
    std::vector<GraphNode> nodes;
    std::vector<GraphEdge> edges;
};

} // namespace qs::widgets
