// WeightRangeView offscreen: one bar per output channel, two per-tensor lines, the median range fraction.
#include "widgets/plots/weight_range_view.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace qs::widgets;

class TestWeightRangeView : public QObject {
    Q_OBJECT

private slots:
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
        QTemporaryDir dir;
        QVERIFY(view.savePng(dir.filePath(QStringLiteral("w.png")), 600, 300));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("w.png"))).size() > 0);
        view.setData({});
        QCOMPARE(view.channelCount(), 0);
    }
};

QTEST_MAIN(TestWeightRangeView)
#include "test_weight_range_view.moc"
