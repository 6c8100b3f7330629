#include "widgets/graph/graph_layout.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <queue>
#include <stdexcept>

namespace qs::widgets {

namespace {

// A box of the caller's or a point where an edge passes a layer.
struct Vertex {
    double width = 0.0, height = 0.0;
    bool dummy = false;
    int layer = 0;
    int order = 0; // position within its layer
    double x = 0.0, y = 0.0;
    std::vector<int> up, down; // neighbours in the layer above and below
};

// Kahn's algorithm, smallest index first so that the caller's (topological) order is kept; a node left in a
// cycle is taken when nothing else is ready. Returns each node's position in the order.
std::vector<int> topologicalPositions(int n, const std::vector<std::pair<int, int>>& edges)
{
    std::vector<std::vector<int>> out(static_cast<std::size_t>(n));
    std::vector<int> indegree(static_cast<std::size_t>(n), 0);
    for (const auto& [from, to] : edges) {
        if (from == to)
            continue;
        out[static_cast<std::size_t>(from)].push_back(to);
        ++indegree[static_cast<std::size_t>(to)];
    }
    std::priority_queue<int, std::vector<int>, std::greater<>> ready;
    for (int v = 0; v < n; ++v)
        if (indegree[static_cast<std::size_t>(v)] == 0)
            ready.push(v);
    std::vector<int> position(static_cast<std::size_t>(n), -1);
    int next = 0, scan = 0;
    while (next < n) {
        if (ready.empty()) { // a cycle: take the first node not placed yet
            while (position[static_cast<std::size_t>(scan)] >= 0)
                ++scan;
            ready.push(scan);
            indegree[static_cast<std::size_t>(scan)] = 0;
        }
        const int v = ready.top();
        ready.pop();
        if (position[static_cast<std::size_t>(v)] >= 0)
            continue;
        position[static_cast<std::size_t>(v)] = next++;
        for (int w : out[static_cast<std::size_t>(v)])
            if (position[static_cast<std::size_t>(w)] < 0 && --indegree[static_cast<std::size_t>(w)] == 0)
                ready.push(w);
    }
    return position;
}

// Minimises sum w_i (x_i - d_i)^2 subject to x_{i+1} - x_i >= gap_i (pool adjacent violators on x_i minus the
// sum of the gaps before it, which turns the gaps into plain monotonicity).
std::vector<double> placeRow(const std::vector<double>& desired, const std::vector<double>& weight, const std::vector<double>& gap)
{
    const std::size_t n = desired.size();
    std::vector<double> offset(n, 0.0);
    for (std::size_t i = 1; i < n; ++i)
        offset[i] = offset[i - 1] + gap[i - 1];
    struct Block {
        double weightedSum, weight;
        std::size_t count;
        double mean() const { return weightedSum / weight; }
    };
    std::vector<Block> blocks;
    for (std::size_t i = 0; i < n; ++i) {
        blocks.push_back({weight[i] * (desired[i] - offset[i]), weight[i], 1});
        while (blocks.size() > 1 && blocks[blocks.size() - 2].mean() > blocks.back().mean()) {
            const Block last = blocks.back();
            blocks.pop_back();
            blocks.back().weightedSum += last.weightedSum;
            blocks.back().weight += last.weight;
            blocks.back().count += last.count;
        }
    }
    std::vector<double> x;
    x.reserve(n);
    for (const Block& b : blocks)
        for (std::size_t k = 0; k < b.count; ++k)
            x.push_back(b.mean() + offset[x.size()]);
    return x;
}

class Layouter {
public:
    Layouter(const std::vector<LayoutSize>& sizes, const std::vector<std::pair<int, int>>& edges, const LayoutSpacing& spacing)
        : m_edges(edges), m_spacing(spacing), m_nodeCount(static_cast<int>(sizes.size()))
    {
        for (const LayoutSize& s : sizes)
            m_vertices.push_back(Vertex{s.width, s.height, false, 0, 0, 0.0, 0.0, {}, {}});
    }

    GraphLayout run()
    {
        assignLayers();
        addChains();
        orderLayers();
        placeHorizontally();
        placeVertically();
        return result();
    }

private:
    Vertex& vertex(int v) { return m_vertices[static_cast<std::size_t>(v)]; }
    std::vector<int>& row(int layer) { return m_rows[static_cast<std::size_t>(layer)]; }

    void assignLayers()
    {
        const std::vector<int> position = topologicalPositions(m_nodeCount, m_edges);
        std::vector<std::vector<int>> succ(static_cast<std::size_t>(m_nodeCount));
        for (const auto& [from, to] : m_edges) {
            if (from == to)
                continue;
            const bool forward = position[static_cast<std::size_t>(from)] < position[static_cast<std::size_t>(to)];
            m_oriented.emplace_back(forward ? from : to, forward ? to : from);
            succ[static_cast<std::size_t>(m_oriented.back().first)].push_back(m_oriented.back().second);
        }
        std::vector<int> byPosition(static_cast<std::size_t>(m_nodeCount));
        for (int v = 0; v < m_nodeCount; ++v)
            byPosition[static_cast<std::size_t>(position[static_cast<std::size_t>(v)])] = v;
        for (int v : byPosition)
            for (int w : succ[static_cast<std::size_t>(v)])
                vertex(w).layer = std::max(vertex(w).layer, vertex(v).layer + 1);
        // Down to just above the first reader: preds stay above (they were above the old layer already).
        for (auto it = byPosition.rbegin(); it != byPosition.rend(); ++it) {
            const auto& next = succ[static_cast<std::size_t>(*it)];
            if (next.empty())
                continue;
            int first = std::numeric_limits<int>::max();
            for (int w : next)
                first = std::min(first, vertex(w).layer);
            vertex(*it).layer = std::max(vertex(*it).layer, first - 1);
        }
        m_topoPosition = position;
    }

    // One chain of vertices per distinct (producer, consumer) pair, with a dummy in every layer in between.
    void addChains()
    {
        std::map<std::pair<int, int>, std::size_t> chainOf;
        for (const auto& [from, to] : m_oriented) {
            if (chainOf.count({from, to}))
                continue;
            chainOf[{from, to}] = m_chains.size();
            std::vector<int> chain{from};
            for (int layer = vertex(from).layer + 1; layer < vertex(to).layer; ++layer) {
                m_vertices.push_back(Vertex{0.0, 0.0, true, layer, 0, 0.0, 0.0, {}, {}});
                chain.push_back(static_cast<int>(m_vertices.size()) - 1);
            }
            chain.push_back(to);
            for (std::size_t k = 0; k + 1 < chain.size(); ++k) {
                vertex(chain[k]).down.push_back(chain[k + 1]);
                vertex(chain[k + 1]).up.push_back(chain[k]);
            }
            m_chains.push_back(std::move(chain));
        }
        for (const auto& [from, to] : m_edges) {
            const bool forward = from == to || chainOf.count({from, to}) != 0;
            m_edgeChain.push_back(from == to ? -1 : static_cast<int>(forward ? chainOf.at({from, to}) : chainOf.at({to, from})));
            m_edgeReversed.push_back(!forward);
        }
    }

    void orderLayers()
    {
        int layers = 0;
        for (const Vertex& v : m_vertices)
            layers = std::max(layers, v.layer + 1);
        m_rows.assign(static_cast<std::size_t>(layers), {});
        // Real nodes in the caller's order, then dummies in the order of their edges.
        std::vector<int> all(m_vertices.size());
        std::iota(all.begin(), all.end(), 0);
        std::stable_sort(all.begin(), all.end(), [&](int a, int b) {
            const bool da = vertex(a).dummy, db = vertex(b).dummy;
            if (da != db)
                return !da;
            return !da && m_topoPosition[static_cast<std::size_t>(a)] < m_topoPosition[static_cast<std::size_t>(b)];
        });
        for (int v : all)
            row(vertex(v).layer).push_back(v);
        renumber();
        for (int layer = 1; layer < layers; ++layer)
            sortByBarycentre(layer, true);

        std::vector<std::vector<int>> best = m_rows;
        long bestCrossings = crossings();
        for (int sweep = 0; sweep < m_spacing.orderSweeps && bestCrossings > 0; ++sweep) {
            for (int layer = 1; layer < layers; ++layer)
                sortByBarycentre(layer, true);
            for (int layer = layers - 2; layer >= 0; --layer)
                sortByBarycentre(layer, false);
            const long now = crossings();
            if (now < bestCrossings) {
                bestCrossings = now;
                best = m_rows;
            }
        }
        m_rows = best;
        renumber();
    }

    void renumber()
    {
        for (const auto& r : m_rows)
            for (std::size_t i = 0; i < r.size(); ++i)
                vertex(r[i]).order = static_cast<int>(i);
    }

    // Sorts a layer by the mean position of each vertex's neighbours above (or below); a vertex without any keeps
    // its place.
    void sortByBarycentre(int layer, bool fromAbove)
    {
        std::vector<int>& r = row(layer);
        std::vector<std::pair<double, int>> keyed;
        keyed.reserve(r.size());
        for (int v : r) {
            const std::vector<int>& ref = fromAbove ? vertex(v).up : vertex(v).down;
            double key = vertex(v).order;
            if (!ref.empty()) {
                double sum = 0.0;
                for (int w : ref)
                    sum += vertex(w).order;
                key = sum / static_cast<double>(ref.size());
            }
            keyed.emplace_back(key, v);
        }
        std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (std::size_t i = 0; i < r.size(); ++i)
            r[i] = keyed[i].second;
        for (std::size_t i = 0; i < r.size(); ++i)
            vertex(r[i]).order = static_cast<int>(i);
    }

    // Edge crossings between all pairs of adjacent layers (inversions of the lower ends, upper ends sorted).
    long crossings()
    {
        long total = 0;
        for (const auto& r : m_rows) {
            std::vector<std::pair<int, int>> ends;
            for (int v : r)
                for (int w : vertex(v).down)
                    ends.emplace_back(vertex(v).order, vertex(w).order);
            std::sort(ends.begin(), ends.end());
            std::vector<int> lower;
            lower.reserve(ends.size());
            for (const auto& e : ends)
                lower.push_back(e.second);
            total += inversions(lower);
        }
        return total;
    }

    static long inversions(std::vector<int>& a)
    {
        if (a.size() < 2)
            return 0;
        std::vector<int> left(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(a.size() / 2));
        std::vector<int> right(a.begin() + static_cast<std::ptrdiff_t>(a.size() / 2), a.end());
        long count = inversions(left) + inversions(right);
        std::size_t i = 0, j = 0, k = 0;
        while (i < left.size() && j < right.size()) {
            if (right[j] < left[i]) {
                count += static_cast<long>(left.size() - i);
                a[k++] = right[j++];
            } else {
                a[k++] = left[i++];
            }
        }
        while (i < left.size())
            a[k++] = left[i++];
        while (j < right.size())
            a[k++] = right[j++];
        return count;
    }

    double gapBetween(int a, int b)
    {
        const Vertex &va = vertex(a), &vb = vertex(b);
        return (va.width + vb.width) / 2.0 + (va.dummy || vb.dummy ? m_spacing.edgeGap : m_spacing.nodeGap);
    }

    void placeRowNear(int layer, bool useUp, bool useDown)
    {
        const std::vector<int>& r = row(layer);
        if (r.empty())
            return;
        std::vector<double> desired, weight, gap;
        for (std::size_t i = 0; i < r.size(); ++i) {
            const Vertex& v = vertex(r[i]);
            double sum = 0.0;
            int count = 0;
            if (useUp)
                for (int w : v.up) {
                    sum += vertex(w).x;
                    ++count;
                }
            if (useDown)
                for (int w : v.down) {
                    sum += vertex(w).x;
                    ++count;
                }
            desired.push_back(count > 0 ? sum / count : v.x);
            // Long edges pull harder, so they run straight and the boxes make room for them.
            weight.push_back(count == 0 ? 0.25 : v.dummy ? 2.0 : 1.0);
            if (i + 1 < r.size())
                gap.push_back(gapBetween(r[i], r[i + 1]));
        }
        const std::vector<double> x = placeRow(desired, weight, gap);
        for (std::size_t i = 0; i < r.size(); ++i)
            vertex(r[i]).x = x[i];
    }

    void placeHorizontally()
    {
        for (auto& r : m_rows) { // packed and centred on 0
            double x = 0.0;
            for (std::size_t i = 0; i < r.size(); ++i) {
                if (i > 0)
                    x += gapBetween(r[i - 1], r[i]);
                vertex(r[i]).x = x;
            }
            for (int v : r)
                vertex(v).x -= x / 2.0;
        }
        const int layers = static_cast<int>(m_rows.size());
        for (int sweep = 0; sweep < m_spacing.placeSweeps; ++sweep) {
            for (int layer = 1; layer < layers; ++layer)
                placeRowNear(layer, true, false);
            for (int layer = layers - 2; layer >= 0; --layer)
                placeRowNear(layer, false, true);
        }
        for (int layer = 0; layer < layers; ++layer) // balance between both sides
            placeRowNear(layer, true, true);
    }

    void placeVertically()
    {
        double top = 0.0;
        for (const auto& r : m_rows) {
            double height = 0.0;
            for (int v : r)
                height = std::max(height, vertex(v).height);
            m_layerTop.push_back(top);
            m_layerBottom.push_back(top + height);
            for (int v : r)
                vertex(v).y = top + height / 2.0;
            top += height + m_spacing.layerGap;
        }
    }

    GraphLayout result()
    {
        double left = std::numeric_limits<double>::max(), right = std::numeric_limits<double>::lowest();
        for (const Vertex& v : m_vertices) {
            left = std::min(left, v.x - v.width / 2.0);
            right = std::max(right, v.x + v.width / 2.0);
        }
        GraphLayout layout;
        if (m_vertices.empty())
            return layout;
        for (Vertex& v : m_vertices)
            v.x -= left;
        layout.width = right - left;
        layout.height = m_layerBottom.empty() ? 0.0 : m_layerBottom.back();
        for (int v = 0; v < m_nodeCount; ++v) {
            layout.centers.push_back({vertex(v).x, vertex(v).y});
            layout.layers.push_back(vertex(v).layer);
        }
        std::vector<std::vector<LayoutPoint>> chainRoutes;
        for (const auto& chain : m_chains) {
            const Vertex &first = vertex(chain.front()), &last = vertex(chain.back());
            std::vector<LayoutPoint> points{{first.x, first.y + first.height / 2.0}};
            for (std::size_t k = 1; k + 1 < chain.size(); ++k) {
                const Vertex& d = vertex(chain[k]);
                points.push_back({d.x, m_layerTop[static_cast<std::size_t>(d.layer)]});
                points.push_back({d.x, m_layerBottom[static_cast<std::size_t>(d.layer)]});
            }
            points.push_back({last.x, last.y - last.height / 2.0});
            chainRoutes.push_back(std::move(points));
        }
        spreadPorts(chainRoutes);
        for (std::size_t e = 0; e < m_edges.size(); ++e) {
            if (m_edgeChain[e] < 0) {
                layout.routes.emplace_back();
                continue;
            }
            std::vector<LayoutPoint> points = chainRoutes[static_cast<std::size_t>(m_edgeChain[e])];
            if (m_edgeReversed[e])
                std::reverse(points.begin(), points.end());
            layout.routes.push_back(std::move(points));
        }
        return layout;
    }

    // The edges into one box end side by side on its top edge, ordered by where they come from, so that two
    // inputs of an Add stay apart; at most 18 units apart and within the middle 80 % of the box.
    void spreadPorts(std::vector<std::vector<LayoutPoint>>& routes)
    {
        std::map<int, std::vector<std::size_t>> into;
        for (std::size_t c = 0; c < m_chains.size(); ++c)
            into[m_chains[c].back()].push_back(c);
        for (auto& [target, chains] : into) {
            if (chains.size() < 2)
                continue;
            const Vertex& v = vertex(target);
            auto fromX = [&](std::size_t c) { return routes[c][routes[c].size() - 2].x; };
            std::stable_sort(chains.begin(), chains.end(), [&](std::size_t a, std::size_t b) { return fromX(a) < fromX(b); });
            const double step = std::min(18.0, v.width * 0.8 / static_cast<double>(chains.size() - 1));
            for (std::size_t k = 0; k < chains.size(); ++k)
                routes[chains[k]].back().x = v.x + (static_cast<double>(k) - static_cast<double>(chains.size() - 1) / 2.0) * step;
        }
    }

    std::vector<std::pair<int, int>> m_edges;
    LayoutSpacing m_spacing;
    int m_nodeCount;
    std::vector<Vertex> m_vertices; // the caller's nodes first, then the dummies
    std::vector<int> m_topoPosition;
    std::vector<std::pair<int, int>> m_oriented;
    std::vector<std::vector<int>> m_chains;
    std::vector<int> m_edgeChain;     // per caller edge, -1 for a self loop
    std::vector<bool> m_edgeReversed; // per caller edge
    std::vector<std::vector<int>> m_rows;
    std::vector<double> m_layerTop, m_layerBottom;
};

} // namespace

GraphLayout layoutLayeredGraph(const std::vector<LayoutSize>& nodes, const std::vector<std::pair<int, int>>& edges, const LayoutSpacing& spacing)
{
    const int n = static_cast<int>(nodes.size());
    for (const auto& [from, to] : edges)
        if (from < 0 || from >= n || to < 0 || to >= n)
            throw std::out_of_range("layoutLayeredGraph: edge to a node that does not exist");
    return Layouter(nodes, edges, spacing).run();
}

} // namespace qs::widgets
