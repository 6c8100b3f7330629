// The layered layout on its own (no scene): chains run straight down, every edge goes down, long edges pass every
// layer in between at a point of their own, no two boxes overlap, crossings are removed where an order without
// them exists, cycles and self loops do not break it, and a bad index is refused.
#include "widgets/graph/graph_layout.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QtTest>

#include <cmath>
#include <stdexcept>

using namespace qs::widgets;

namespace {

bool overlap(const LayoutSize& a, const LayoutPoint& pa, const LayoutSize& b, const LayoutPoint& pb)
{
    return std::abs(pa.x - pb.x) < (a.width + b.width) / 2.0 && std::abs(pa.y - pb.y) < (a.height + b.height) / 2.0;
}

int overlaps(const std::vector<LayoutSize>& sizes, const GraphLayout& layout)
{
    int count = 0;
    for (std::size_t i = 0; i < sizes.size(); ++i)
        for (std::size_t j = i + 1; j < sizes.size(); ++j)
            count += overlap(sizes[i], layout.centers[i], sizes[j], layout.centers[j]) ? 1 : 0;
    return count;
}

} // namespace

class TestGraphLayout : public QObject {
    Q_OBJECT

private slots:
    void chainRunsStraightDown()
    {
        const std::vector<LayoutSize> sizes{{80, 30}, {120, 40}, {60, 30}};
        const GraphLayout layout = layoutLayeredGraph(sizes, {{0, 1}, {1, 2}});
        QCOMPARE(layout.layers, (std::vector<int>{0, 1, 2}));
        QCOMPARE(layout.centers[0].x, layout.centers[1].x);
        QCOMPARE(layout.centers[1].x, layout.centers[2].x);
        QVERIFY(layout.centers[0].y < layout.centers[1].y && layout.centers[1].y < layout.centers[2].y);
        // Each route runs from the producer's bottom to the consumer's top.
        QCOMPARE(layout.routes[0].front().y, layout.centers[0].y + 15.0);
        QCOMPARE(layout.routes[0].back().y, layout.centers[1].y - 20.0);
        QCOMPARE(layout.width, 120.0);
    }

    // A residual block: the skip edge passes the two middle layers beside the convolutions, not through them, and
    // the Add's two inputs end apart on its top.
    void longEdgePassesEveryLayerBeside()
    {
        const std::vector<LayoutSize> sizes(5, LayoutSize{100, 40});
        const std::vector<std::pair<int, int>> edges{{0, 1}, {1, 2}, {2, 3}, {0, 3}, {3, 4}};
        const GraphLayout layout = layoutLayeredGraph(sizes, edges);
        QCOMPARE(layout.layers, (std::vector<int>{0, 1, 2, 3, 4}));
        const auto& skip = layout.routes[3];
        QCOMPARE(skip.size(), std::size_t(2 + 2 * 2)); // bottom of 0, top and bottom of layers 1 and 2, top of 3
        for (int layer : {1, 2}) {
            const LayoutPoint& pass = skip[static_cast<std::size_t>(2 * layer - 1)];
            QVERIFY2(std::abs(pass.x - layout.centers[static_cast<std::size_t>(layer)].x) >= 50.0, "the skip edge runs through a box");
        }
        QVERIFY(std::abs(layout.routes[2].back().x - layout.routes[3].back().x) > 5.0);
        QCOMPARE(overlaps(sizes, layout), 0);
    }

    // Two parallel chains given crosswise: the sweeps uncross them.
    void barycentreRemovesCrossings()
    {
        const std::vector<LayoutSize> sizes(4, LayoutSize{60, 30});
        const GraphLayout layout = layoutLayeredGraph(sizes, {{0, 3}, {1, 2}});
        QCOMPARE((layout.centers[0].x < layout.centers[1].x), (layout.centers[3].x < layout.centers[2].x));
    }

    // A node read only far below sits just above its reader, not at the top.
    void sourcesSitAboveTheirReader()
    {
        const std::vector<LayoutSize> sizes(5, LayoutSize{60, 30});
        const GraphLayout layout = layoutLayeredGraph(sizes, {{0, 1}, {1, 2}, {2, 3}, {4, 3}});
        QCOMPARE(layout.layers[4], 2);
    }

    void cyclesAndSelfLoops()
    {
        const std::vector<LayoutSize> sizes(3, LayoutSize{60, 30});
        const GraphLayout layout = layoutLayeredGraph(sizes, {{0, 1}, {1, 2}, {2, 0}, {1, 1}});
        QCOMPARE(layout.routes.size(), std::size_t(4));
        QVERIFY(layout.routes[3].empty());
        QCOMPARE(layout.routes[2].size(), std::size_t(4)); // reversed 0 -> 2 through layer 1, drawn from 2 back up to 0
        QVERIFY(layout.routes[2].front().y > layout.routes[2].back().y);
        QCOMPARE(overlaps(sizes, layout), 0);
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, layoutLayeredGraph(sizes, {{0, 3}}));
    }

    // A random DAG of 600 nodes in topological order, two to three inputs each, mixed sizes.
    void randomDagHasNoOverlapAndEdgesGoDown()
    {
        QRandomGenerator random(7);
        std::vector<LayoutSize> sizes;
        std::vector<std::pair<int, int>> edges;
        for (int v = 0; v < 600; ++v) {
            sizes.push_back({60.0 + random.bounded(140), 30.0 + random.bounded(40)});
            for (int k = 0; v > 0 && k < 1 + random.bounded(2); ++k)
                edges.emplace_back(std::max(0, v - 1 - random.bounded(std::min(v, 12))), v);
        }
        QElapsedTimer timer;
        timer.start();
        const GraphLayout layout = layoutLayeredGraph(sizes, edges);
        qInfo("600 nodes, %zu edges: %.1f ms", edges.size(), static_cast<double>(timer.nsecsElapsed()) / 1e6);
        QCOMPARE(overlaps(sizes, layout), 0);
        for (const auto& [from, to] : edges)
            QVERIFY(layout.centers[static_cast<std::size_t>(to)].y > layout.centers[static_cast<std::size_t>(from)].y);
        for (std::size_t v = 0; v < sizes.size(); ++v)
            QVERIFY(layout.centers[v].x - sizes[v].width / 2.0 >= -1e-9 && layout.centers[v].x + sizes[v].width / 2.0 <= layout.width + 1e-9);
    }
};

QTEST_GUILESS_MAIN(TestGraphLayout)
#include "test_graph_layout.moc"
