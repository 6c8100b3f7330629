// ActivationHistogramView offscreen: one legend entry and two marker lines per method, ranked by SQNR; the
// active method drawn thicker; grid ticks for <= 64 levels and shaded clipping beyond; the log toggle; a
// click on a legend entry emits rangeClicked; savePng writes a PNG; each method's lines in its shared style; a
// long subtitle wraps instead of squeezing the legend in a narrow dock.
#include "widgets/plots/activation_histogram_view.h"

#include "widgets/clip_method_style.h"

#include <QFileInfo>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace qs::widgets;

namespace {
HistogramData sample(int bits = 8)
{
    HistogramData d;
    d.title = QStringLiteral("conv1 output");
    d.subtitle = QStringLiteral("value /relu1/Relu_output_0");
    d.lo = 0.0;
    d.hi = 4.0;
    for (int i = 0; i < 256; ++i)
        d.counts.push_back(1000.0 * std::exp(-i / 20.0)); // ReLU-like decay
    const char* names[] = {"none", "avg", "n_std", "gauss", "laplace", "percentile", "entropy", "mse", "pytorch_histogram"};
    for (int m = 0; m < 9; ++m) // every lo at 0 (one shared line), his 0.3 apart; pytorch_histogram best
        d.ranges.push_back({QString::fromLatin1(names[m]), 0.0, 4.0 - 0.3 * m, 20.0 + m});
    d.activeMethod = QStringLiteral("avg");
    d.grid.qmin = 0;
    d.grid.qmax = (1 << bits) - 1;
    d.grid.zeroPoint = 0;
    d.grid.scale = (4.0 - 0.3) / d.grid.qmax;
    return d;
}
} // namespace

class TestActivationHistogramView : public QObject {
    Q_OBJECT

private slots:
    // Every method's lines in its colour and line style from clip_method_style (the active one thicker).
    void linesUseTheSharedMethodStyle()
    {
        ActivationHistogramView view;
        view.resize(900, 420);
        view.setData(sample());
        for (const QString& method : view.legendMethods()) {
            const ClipMethodStyle style = clipMethodStyle(method, view.palette());
            QCOMPARE(view.markerPen(method).color(), style.color);
            QCOMPARE(view.markerPen(method).style(), style.line);
        }
    }

    // In a dock 620 px wide the long subtitle is broken at its separators, and the legend keeps its full width.
    void longSubtitleWrapsInsteadOfSqueezingTheLegend()
    {
        ActivationHistogramView view;
        view.resize(620, 420);
        HistogramData d = sample();
        d.subtitle = QStringLiteral("value /features/conv2/Relu_output_0 \u00B7 1000 samples \u00B7 A8 asym_u \u00B7 configured: mse "
                                    "\u00B7 W4 weights 19.1 dB, included in each method's SQNR");
        view.setData(d);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.textFits());
    }

    void drawsEveryMethodRankedBySqnr()
    {
        ActivationHistogramView view;
        view.resize(900, 420);
        view.setData(sample());
        QCOMPARE(view.legendMethods().size(), 9);
        QCOMPARE(view.legendMethods().front(), QStringLiteral("pytorch_histogram")); // best predicted SQNR first
        QCOMPARE(view.legendMethods()[1], QStringLiteral("mse"));
        QCOMPARE(view.legendMethods().back(), QStringLiteral("none"));
        QCOMPARE(view.markerCount(), 18);
        QVERIFY(view.markerPenWidth(QStringLiteral("avg")) > view.markerPenWidth(QStringLiteral("mse")));
        QCOMPARE(view.markerPenWidth(QStringLiteral("mse")), view.markerPenWidth(QStringLiteral("none")));
        QCOMPARE(view.markerPenWidth(QStringLiteral("unknown")), 0.0);
        QCOMPARE(view.gridItemCount(), 2); // 256 levels: the clipped regions left of the grid and right of 3.7 are shaded
        QVERIFY(view.gridCaption().contains(QStringLiteral("256")));

        HistogramData noActive = sample();
        noActive.activeMethod.clear();
        noActive.grid = {};
        view.setData(noActive);
        QCOMPARE(view.markerPenWidth(QStringLiteral("avg")), view.markerPenWidth(QStringLiteral("mse")));
        QCOMPARE(view.gridItemCount(), 0);
        QVERIFY(view.gridCaption().isEmpty());
    }

    void ticksForFewLevels()
    {
        ActivationHistogramView view;
        view.resize(900, 420);
        view.setData(sample(4));
        QCOMPARE(view.gridItemCount(), 16);
        QVERIFY(view.gridCaption().contains(QStringLiteral("16")));
    }

    void logToggle()
    {
        ActivationHistogramView view;
        view.setData(sample());
        QVERIFY(view.logScale());
        QVERIFY(view.countAxisLogarithmic());
        view.setLogScale(false);
        QVERIFY(!view.logScale());
        QVERIFY(!view.countAxisLogarithmic());
        QCOMPARE(view.legendMethods().size(), 9); // the data stays
        view.setLogScale(true);
        QVERIFY(view.countAxisLogarithmic());
    }

    void legendClickEmitsMethod()
    {
        ActivationHistogramView view;
        view.resize(900, 420);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setData(sample());
        QSignalSpy clicked(&view, &ActivationHistogramView::rangeClicked);
        const QRect rect = view.legendItemRect(QStringLiteral("entropy"));
        QVERIFY(rect.isValid());
        QTest::mouseClick(view.plotWidget(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().first().toString(), QStringLiteral("entropy"));
    }

    void clickNearALineEmitsItsMethod()
    {
        ActivationHistogramView view;
        view.resize(900, 420);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setData(sample());
        QSignalSpy clicked(&view, &ActivationHistogramView::rangeClicked);
        const double entropyHi = view.markerPixel(QStringLiteral("entropy"), true);
        const double gaussHi = view.markerPixel(QStringLiteral("gauss"), true);
        QVERIFY(std::abs(entropyHi - gaussHi) > 20.0); // the sample's lines are well apart
        const int y = view.plotWidget()->height() / 2;
        QTest::mouseClick(view.plotWidget(), Qt::LeftButton, {}, QPoint(static_cast<int>(std::lround(entropyHi)) + 2, y));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.takeFirst().first().toString(), QStringLiteral("entropy"));
        // Every method's lo is 0: a click on that shared line is ambiguous; between lines nothing is hit.
        QTest::mouseClick(view.plotWidget(), Qt::LeftButton, {}, QPoint(static_cast<int>(std::lround(view.markerPixel(QStringLiteral("avg"), false))), y));
        QTest::mouseClick(view.plotWidget(), Qt::LeftButton, {}, QPoint(static_cast<int>(std::lround((entropyHi + gaussHi) / 2)), y));
        QCOMPARE(clicked.count(), 0);
    }

    void emptyDataShowsMessage()
    {
        ActivationHistogramView view;
        view.setData({});
        QCOMPARE(view.markerCount(), 0);
        QVERIFY(view.legendMethods().isEmpty());
    }

    void savesPng()
    {
        QTemporaryDir dir;
        ActivationHistogramView view;
        view.resize(800, 400);
        view.setData(sample());
        const QString path = dir.filePath(QStringLiteral("h.png"));
        QVERIFY(view.savePng(path, 800, 400));
        QVERIFY(QFileInfo(path).size() > 0);
        QCOMPARE(QImage(path).size(), QSize(800, 400));
        QVERIFY(view.savePdf(dir.filePath(QStringLiteral("h.pdf")), 800, 400));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("h.pdf"))).size() > 0);
    }
};

QTEST_MAIN(TestActivationHistogramView)
#include "test_activation_histogram_view.moc"
