// SensitivityHeatmap offscreen: the value written in every cell, one colour scale (darker is more harmful, for a
// drop that grows and for an SQNR that falls), the harmless end anchored where asked, empty cells for NaN,
// cellClicked/layerClicked on a cell, and the caption.
#include "widgets/plots/sensitivity_heatmap.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <limits>

using namespace qs::widgets;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

SensitivityHeatmapData drops()
{
    SensitivityHeatmapData d;
    d.columns = {QStringLiteral("W8A8"), QStringLiteral("W6"), QStringLiteral("W4"), QStringLiteral("A6"), QStringLiteral("A4"),
                 QStringLiteral("all_but")};
    d.metric = QStringLiteral("top-1 drop (points)");
    d.higherIsWorse = true;
    d.harmless = 0.0;
    d.decimals = 2;
    d.caption = QStringLiteral("24 probes in 1.2 s");
    const std::vector<std::vector<double>> values{{0.0, 1.0, 0.5, 0.0, 1.5, 0.0},
                                                  {-0.5, -0.5, 1.0, 0.5, 0.5, 0.0},
                                                  {0.0, 0.5, 1.5, -0.5, 2.5, kNaN}};
    for (std::size_t r = 0; r < values.size(); ++r) {
        SensitivityRow row;
        row.name = QStringLiteral("/features/conv%1/Conv").arg(r + 1);
        row.label = QStringLiteral("features.conv%1").arg(r + 1);
        row.values = values[r];
        d.rows.push_back(row);
    }
    return d;
}
} // namespace

class TestSensitivityHeatmap : public QObject {
    Q_OBJECT

private slots:
    void writesEveryValueInItsCell()
    {
        SensitivityHeatmap map;
        map.resize(800, 400);
        map.setData(drops());
        QCOMPARE(map.rowCount(), 3);
        QCOMPARE(map.columnCount(), 6);
        QCOMPARE(map.cellText(0, 1), QStringLiteral("1.00"));
        QCOMPARE(map.cellText(2, 4), QStringLiteral("2.50"));
        QCOMPARE(map.cellText(1, 0), QStringLiteral("-0.50"));
        QCOMPARE(map.cellText(2, 5), QString()); // NaN: an empty cell
        QVERIFY(!map.cellColor(2, 5).isValid());
        QCOMPARE(map.caption(), QStringLiteral("24 probes in 1.2 s"));
    }

    void darkerIsMoreHarmful()
    {
        SensitivityHeatmap map;
        map.resize(800, 400);
        map.setData(drops());
        // The scale runs from the harmless end (a drop of 0) to the largest drop.
        QCOMPARE(map.scaleLower(), 0.0);
        QCOMPARE(map.scaleUpper(), 2.5);
        QVERIFY(map.cellColor(2, 4).lightnessF() < map.cellColor(0, 1).lightnessF());
        QVERIFY(map.cellColor(0, 1).lightnessF() < map.cellColor(0, 0).lightnessF());
        // A gain on the sample is as harmless as no drop.
        QCOMPARE(map.cellColor(1, 0), map.cellColor(0, 0));

        // SQNR: low is harmful, so the colours run the other way.
        SensitivityHeatmapData sqnr = drops();
        sqnr.higherIsWorse = false;
        sqnr.harmless = kNaN;
        sqnr.rows[0].values = {41.5, 31.5, 21.8, 23.3, 16.1, 41.2};
        map.setData(sqnr);
        QVERIFY(map.cellColor(0, 4).lightnessF() < map.cellColor(0, 0).lightnessF());
    }

    void clickingACellSelectsItsLayer()
    {
        SensitivityHeatmap map;
        map.resize(800, 400);
        map.show();
        QVERIFY(QTest::qWaitForWindowExposed(&map));
        map.setData(drops());
        QSignalSpy cells(&map, &SensitivityHeatmap::cellClicked);
        QSignalSpy layers(&map, &SensitivityHeatmap::layerClicked);
        const QPoint at = map.cellCenter(1, 3);
        QVERIFY(!at.isNull());
        QTest::mouseClick(map.plotWidget(), Qt::LeftButton, {}, at);
        QCOMPARE(cells.count(), 1);
        QCOMPARE(cells.first().at(0).toInt(), 1);
        QCOMPARE(cells.first().at(1).toInt(), 3);
        QCOMPARE(layers.first().first().toString(), QStringLiteral("/features/conv2/Conv"));
        // The first layer is the top row.
        QVERIFY(map.cellCenter(0, 0).y() < map.cellCenter(2, 0).y());
    }

    // Many layers in a small view: the values would not fit their cells, so only the colours (and tooltips) remain.
    void valuesOnlyWhereTheyFit()
    {
        SensitivityHeatmap map;
        map.resize(800, 500);
        map.show();
        QVERIFY(QTest::qWaitForWindowExposed(&map));
        map.setData(drops());
        map.cellCenter(0, 0); // lays out
        QVERIFY(map.valuesShown());
        SensitivityHeatmapData many = drops();
        while (many.rows.size() < 120)
            many.rows.push_back(many.rows[many.rows.size() % 3]);
        map.setData(many);
        map.cellCenter(0, 0);
        QVERIFY(!map.valuesShown());
        QCOMPARE(map.cellText(100, 1), map.cellText(1, 1)); // the value is still known
    }

    void emptyShowsMessage()
    {
        SensitivityHeatmap map;
        map.resize(600, 300);
        map.show();
        QVERIFY(QTest::qWaitForWindowExposed(&map));
        QVERIFY(!map.plotWidget()->isVisible());
        map.setData(drops());
        QVERIFY(map.plotWidget()->isVisible());
        map.clear(QStringLiteral("nothing yet"));
        QVERIFY(!map.plotWidget()->isVisible());
        QCOMPARE(map.rowCount(), 0);
    }
};

QTEST_MAIN(TestSensitivityHeatmap)
#include "test_sensitivity_heatmap.moc"
