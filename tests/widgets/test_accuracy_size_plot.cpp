// paretoFront() on hand-made points (dominated, ties, duplicates) and AccuracySizePlot offscreen: points,
// the front's step line, each run in its clip method's colour, runClicked on a click, labels clear of each other
// (and none for a run that asks for none unless selected), PNG export.
#include "widgets/plots/accuracy_size_plot.h"

#include "widgets/clip_method_style.h"

#include <QFileInfo>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace qs::widgets;

namespace {
RunPoint point(int id, double size, double top1, bool fp32 = false)
{
    RunPoint p;
    p.id = id;
    p.name = QStringLiteral("run %1").arg(id);
    p.sizeMB = size;
    p.top1 = top1;
    p.fp32 = fp32;
    return p;
}
} // namespace

class TestAccuracySizePlot : public QObject {
    Q_OBJECT

private slots:
    void paretoFrontOfHandMadePoints()
    {
        // 0 FP32 (big, best); 1 small good; 2 dominated by 1 (bigger, worse); 3 smallest, worst; 4 same size as 1, worse.
        const std::vector<RunPoint> points = {point(0, 4.0, 92.0, true), point(1, 1.0, 91.0), point(2, 2.0, 90.0), point(3, 0.5, 80.0),
                                              point(4, 1.0, 85.0)};
        QCOMPARE(paretoFront(points), (std::vector<int>{3, 1, 0}));
    }

    void paretoTiesAndDuplicates()
    {
        // Equal accuracy: only the smaller is optimal. Exact duplicates: the first one only.
        QCOMPARE(paretoFront({point(0, 2.0, 90.0), point(1, 1.0, 90.0)}), (std::vector<int>{1}));
        QCOMPARE(paretoFront({point(0, 1.0, 90.0), point(1, 1.0, 90.0), point(2, 3.0, 95.0)}), (std::vector<int>{0, 2}));
        QCOMPARE(paretoFront({}), std::vector<int>{});
        QCOMPARE(paretoFront({point(7, 1.0, 50.0)}), std::vector<int>{0});
    }

    void drawsPointsAndFront()
    {
        AccuracySizePlot plot;
        plot.resize(700, 400);
        plot.setRuns({point(0, 4.0, 92.0, true), point(1, 1.0, 91.0), point(2, 2.0, 90.0)});
        QCOMPARE(plot.pointCount(), 3);
        QCOMPARE(plot.frontPointCount(), 2);
        plot.setRuns({});
        QCOMPARE(plot.pointCount(), 0);
    }

    // A quantized run is drawn in the colour of its clip method, the one clip_method_style gives every view;
    // the baseline and a run without a method in neither of them.
    void runsTakeTheirClipMethodsColour()
    {
        AccuracySizePlot plot;
        plot.resize(700, 400);
        RunPoint avg = point(1, 1.0, 91.0), mse = point(2, 2.0, 90.0), unknown = point(3, 0.5, 80.0);
        avg.clipMethod = QStringLiteral("avg");
        mse.clipMethod = QStringLiteral("mse");
        plot.setRuns({point(0, 4.0, 92.0, true), avg, mse, unknown});
        QCOMPARE(plot.pointCount(), 4);
        const QColor avgColor = clipMethodStyle(QStringLiteral("avg"), plot.palette()).color;
        const QColor mseColor = clipMethodStyle(QStringLiteral("mse"), plot.palette()).color;
        QVERIFY(avgColor != mseColor);
        QCOMPARE(plot.runColor(1), avgColor);
        QCOMPARE(plot.runColor(2), mseColor);
        for (int id : {0, 3})
            QVERIFY(plot.runColor(id).isValid() && plot.runColor(id) != avgColor && plot.runColor(id) != mseColor);
        QVERIFY(!plot.runColor(42).isValid());
    }

    void clickEmitsRunId()
    {
        AccuracySizePlot plot;
        plot.resize(700, 400);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        plot.setRuns({point(10, 4.0, 92.0, true), point(11, 1.0, 91.0), point(12, 2.0, 90.0)});
        QSignalSpy clicked(&plot, &AccuracySizePlot::runClicked);
        QTest::mouseClick(plot.plotWidget(), Qt::LeftButton, {}, plot.runPosition(12));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().first().toInt(), 12);
        QTest::mouseClick(plot.plotWidget(), Qt::LeftButton, {}, QPoint(2, 2)); // off every point
        QCOMPARE(clicked.count(), 1);
    }

    void labelsDoNotOverlap()
    {
        // Three runs at one size with close accuracies: their labels must not be drawn over each other.
        AccuracySizePlot plot;
        plot.resize(700, 400);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        plot.setRuns({point(0, 44.6, 69.8, true), point(1, 11.2, 69.6), point(2, 11.2, 69.4), point(3, 11.2, 69.5), point(4, 5.6, 63.0)});
        plot.setSelectedRun(1);
        std::vector<QRect> rects;
        for (int id = 0; id < 5; ++id) {
            rects.push_back(plot.labelRect(id));
            QVERIFY(!rects.back().isEmpty());
        }
        for (std::size_t a = 0; a < rects.size(); ++a)
            for (std::size_t b = a + 1; b < rects.size(); ++b)
                QVERIFY2(!rects[a].adjusted(1, 1, -1, -1).intersects(rects[b].adjusted(1, 1, -1, -1)), qPrintable(QStringLiteral("labels %1 and %2").arg(a).arg(b)));
        QCOMPARE(plot.frontPointCount(), 3); // 5.6, 11.2 @ 69.6, FP32
        QCOMPARE(plot.pointCount(), 5);      // the selection ring is not a run
    }

    // A search's intermediate candidates are points without labels (their names would bury the others'), until
    // one is selected.
    void unlabelledRunsShowTheirLabelWhenSelected()
    {
        AccuracySizePlot plot;
        plot.resize(700, 400);
        plot.show();
        QVERIFY(QTest::qWaitForWindowExposed(&plot));
        RunPoint candidate = point(2, 10.0, 69.0);
        candidate.labelled = false;
        plot.setRuns({point(0, 44.6, 69.8, true), point(1, 11.2, 69.6), candidate});
        QCOMPARE(plot.pointCount(), 3);
        QVERIFY(!plot.labelRect(1).isEmpty());
        QVERIFY(plot.labelRect(2).isEmpty());
        plot.setSelectedRun(2);
        QVERIFY(!plot.labelRect(2).isEmpty());
    }

    void savesPng()
    {
        QTemporaryDir dir;
        AccuracySizePlot plot;
        plot.setRuns({point(0, 4.0, 92.0, true), point(1, 1.0, 91.0)});
        const QString path = dir.filePath(QStringLiteral("a.png"));
        QVERIFY(plot.savePng(path, 600, 400));
        QVERIFY(QFileInfo(path).size() > 0);
        QCOMPARE(QImage(path).size(), QSize(600, 400));
        QVERIFY(plot.savePdf(dir.filePath(QStringLiteral("a.pdf")), 600, 400));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("a.pdf"))).size() > 0);
    }
};

QTEST_MAIN(TestAccuracySizePlot)
#include "test_accuracy_size_plot.moc"
