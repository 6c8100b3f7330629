// WeightRangeView offscreen: one bar per output channel, two per-tensor lines, the median range fraction; the
// title wraps in a narrow dock.
#include "widgets/plots/weight_range_view.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QImage>
#include <QTest>

using namespace qs::widgets;

class TestWeightRangeView : public QObject {
    Q_OBJECT

private slots:
    // In a dock 600 px wide (the default layout's right column) the long second line of the title wraps.
    void titleWrapsInANarrowDock()
    {
        WeightRangeData data;
        data.title = QStringLiteral("features.conv2");
        for (int c = 0; c < 32; ++c) {
            data.channelMin.push_back(-0.1 - 0.01 * c);
            data.channelMax.push_back(0.1 + 0.01 * c);
        }
        WeightRangeView view;
        view.resize(600, 400);
        view.setData(data);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.titleFits());
    }

    void drawsChannelsAndTensorLines()
    {
        WeightRangeData data;
        data.title = QStringLiteral("conv1");
        data.channelMin = {-1.0, -0.25, -0.5};
        data.channelMax = {1.0, 0.25, 0.5};
        WeightRangeView view;
        view.resize(700, 400);
        view.setData(data);
        QCOMPARE(view.channelCount(), 3);
        QCOMPARE(view.tensorLineCount(), 2);
        QCOMPARE(WeightRangeView::medianRangeFraction(data), 0.5);

        // Hovering a bar tells that channel's share of the tensor range; off the bars, nothing.
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QString tip = view.channelToolTip(view.channelPosition(1));
        QVERIFY2(tip.contains(QStringLiteral("channel 1")) && tip.contains(QStringLiteral("25%")), qPrintable(tip));
        QVERIFY(view.channelToolTip(view.channelPosition(2)).contains(QStringLiteral("50%")));
        QVERIFY(view.channelToolTip(QPoint(1, 1)).isEmpty());
        QTemporaryDir dir;
        QVERIFY(view.savePng(dir.filePath(QStringLiteral("w.png")), 600, 300));
        QCOMPARE(QImage(dir.filePath(QStringLiteral("w.png"))).size(), QSize(600, 300));
        QVERIFY(view.savePdf(dir.filePath(QStringLiteral("w.pdf")), 600, 300));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("w.pdf"))).size() > 0);
        view.setData({});
        QCOMPARE(view.channelCount(), 0);
    }
};

QTEST_MAIN(TestWeightRangeView)
#include "test_weight_range_view.moc"
