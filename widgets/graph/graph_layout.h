#pragma once
// Positions for a directed acyclic graph drawn top-down in layers (Sugiyama style), in plain C++ so that it is
// tested and timed without a scene. Layers: longest path from the sources, then every node moved down to just
// above its first reader (a node with a far-away reader would otherwise sit at the top). An edge that spans
// several layers passes each layer at a point of its own ("dummy" nodes), so the ordering sees it and nothing is
// drawn through a box. Order within layers: barycentre sweeps down and up, keeping the order with the fewest
// crossings. x: each layer in turn is placed as near to the mean x of its neighbours as the order and the gaps
// allow (exactly: isotonic regression), several sweeps, so chains come out straight.
// Sizes and coordinates are scene units; the caller sizes the boxes (to their text).

#include <utility>
#include <vector>

namespace qs::widgets {

struct LayoutSize {
    double width = 0.0, height = 0.0;
};

struct LayoutPoint {
    double x = 0.0, y = 0.0;
};

struct LayoutSpacing {
    double layerGap = 40.0; // between the bottom of one layer's tallest box and the top of the next layer
    double nodeGap = 28.0;  // between two boxes of a layer
    double edgeGap = 14.0;  // between an edge's pass through a layer and its neighbours
    int orderSweeps = 6;    // down-and-up barycentre passes
    int placeSweeps = 8;    // down-and-up coordinate passes
};

struct GraphLayout {
    std::vector<LayoutPoint> centers; // per node
    std::vector<int> layers;          // per node, 0 at the top
    // Per edge: from the producer's bottom (centre) through the top and bottom of every layer it passes to the
    // consumer's top (the edges that reach one box are spread over its top edge, in the order of their sources).
    std::vector<std::vector<LayoutPoint>> routes;
    double width = 0.0, height = 0.0; // everything lies within [0, width] x [0, height]
};

// `edges`: (producer, consumer) node indices. Edges that close a cycle are laid out reversed; an edge from a node
// to itself gets an empty route. Throws std::out_of_range for an index outside `nodes`.
GraphLayout layoutLayeredGraph(const std::vector<LayoutSize>& nodes, const std::vector<std::pair<int, int>>& edges,
                               const LayoutSpacing& spacing = {});

} // namespace qs::widgets
