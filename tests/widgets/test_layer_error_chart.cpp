// LayerErrorChart offscreen: rows sorted worst accumulated SQNR first (unmeasured last), two bars per measured
// row with the values given, infinite SQNR drawn to the axis' end, the simulation gap marked in the label,
// layerClicked on a row, the message while empty, and PNG export.
#include "widgets/plots/layer_error_chart.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace qs::widgets;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

LayerErrorBar bar(const QString& name, double accumulated, double isolated, double predicted = kNaN, bool differs = false)
{
    LayerErrorBar b;
    b.name = name;
    b.accumulatedDb = accumulated;
    b.isolatedDb = isolated;
    b.predictedDb = predicted;
    b.simulationDiffers = differs;
    return b;
}

QStringList order(const LayerErrorChart& chart)
{
    QStringList names;
    for (const LayerErrorBar& b : chart.layers())
        names << b.name;
    return names;
}
} // namespace

class TestLayerErrorChart : public QObject {
    Q_OBJECT

private slots:
    void sortsWorstFirst()
    {
        LayerErrorChart chart;
        chart.resize(700, 400);
        chart.setLayers({bar(QStringLiteral("conv1"), 35.5, 35.5, 38.2), bar(QStringLiteral("conv2"), 31.6, 33.7, 35.3),
                         bar(QStringLiteral("unmeasured"), kNaN, kNaN), bar(QStringLiteral("conv3"), 31.2, 35.8, 35.9),
                         bar(QStringLiteral("fc"), 39.4, 45.6, 38.0)},
                        QStringLiteral("on 32 images"));
        QCOMPARE(order(chart), (QStringList{QStringLiteral("conv3"), QStringLiteral("conv2"), QStringLiteral("conv1"), QStringLiteral("fc"),
                                            QStringLiteral("unmeasured")}));
        QCOMPARE(chart.caption(), QStringLiteral("on 32 images"));
        QCOMPARE(chart.barCount(false), 4); // no bar where nothing was measured
        QCOMPARE(chart.barCount(true), 4);
        QCOMPARE(chart.barValue(QStringLiteral("conv2"), false), 31.6);
        QCOMPARE(chart.barValue(QStringLiteral("conv2"), true), 33.7);
        QVERIFY(std::isnan(chart.barValue(QStringLiteral("unmeasured"), false)));
    }

    void infiniteSqnrReachesTheAxisEnd()
    {
        LayerErrorChart chart;
        chart.resize(700, 300);
        chart.setLayers({bar(QStringLiteral("a"), 20.0, std::numeric_limits<double>::infinity()), bar(QStringLiteral("b"), 40.0, 42.0)});
        const double drawn = chart.barValue(QStringLiteral("a"), true);
        QVERIFY(std::isfinite(drawn));
        QVERIFY(drawn >= 42.0); // at least as long as the longest finite bar
    }

    void clickingARowEmitsItsLayer()
    {
        LayerErrorChart chart;
        chart.resize(700, 400);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setLayers({bar(QStringLiteral("conv1"), 35.0, 36.0), bar(QStringLiteral("conv2"), 30.0, 33.0, 31.0, true),
                         bar(QStringLiteral("fc"), 40.0, 44.0)});
        QSignalSpy clicked(&chart, &LayerErrorChart::layerClicked);
        const QPoint at = chart.layerRowCenter(QStringLiteral("fc"));
        QVERIFY(!at.isNull());
        QTest::mouseClick(chart.plotWidget(), Qt::LeftButton, {}, at);
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().first().toString(), QStringLiteral("fc"));
        // The worst row is the top one.
        QVERIFY(chart.layerRowCenter(QStringLiteral("conv2")).y() < chart.layerRowCenter(QStringLiteral("conv1")).y());
        chart.setSelectedLayer(QStringLiteral("conv2")); // shading only: nothing emitted
        QCOMPARE(clicked.count(), 1);
    }

    // Many layers in a small view: bars thinner than a line of text carry no value labels.
    void valuesOnlyWhereTheyFit()
    {
        LayerErrorChart chart;
        chart.resize(700, 500);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setLayers({bar(QStringLiteral("a"), 30.0, 31.0), bar(QStringLiteral("b"), 35.0, 36.0)});
        chart.layerRowCenter(QStringLiteral("a")); // lays out
        QVERIFY(chart.valuesShown());
        std::vector<LayerErrorBar> many;
        for (int i = 0; i < 120; ++i)
            many.push_back(bar(QStringLiteral("l%1").arg(i), 20.0 + i % 17, 25.0 + i % 13));
        chart.setLayers(many);
        chart.layerRowCenter(QStringLiteral("l0"));
        QVERIFY(!chart.valuesShown());
        QCOMPARE(chart.barCount(false), 120);
    }

    void emptyShowsMessageAndSavesPng()
    {
        LayerErrorChart chart;
        chart.resize(600, 300);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QVERIFY(!chart.plotWidget()->isVisible());
        chart.setLayers({bar(QStringLiteral("conv1"), 30.0, 31.0)});
        QVERIFY(chart.plotWidget()->isVisible());
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("errors.png"));
        QVERIFY(chart.savePng(png, 600, 300));
        QVERIFY(QFileInfo(png).size() > 0);
        chart.clear(QStringLiteral("nothing yet"));
        QVERIFY(!chart.plotWidget()->isVisible());
        QVERIFY(chart.layers().empty());
    }
};

QTEST_MAIN(TestLayerErrorChart)
#include "test_layer_error_chart.moc"
