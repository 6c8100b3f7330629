// ObserverComparisonView offscreen: one bar per layer for every method, the legend, layerClicked on a row.
#include "widgets/plots/observer_comparison_view.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace qs::widgets;

namespace {
std::vector<ObserverLayer> layers()
{
    std::vector<ObserverLayer> result;
    for (int l = 0; l < 4; ++l) {
        ObserverLayer layer;
        layer.name = QStringLiteral("/features/conv%1/Conv").arg(l + 1);
        layer.label = QStringLiteral("features.conv%1").arg(l + 1);
        layer.observedMin = -1.0 - l;
        layer.observedMax = 2.0 + l;
        for (const char* m : {"none", "avg", "entropy"})
            layer.ranges.push_back({QString::fromLatin1(m), layer.observedMin * 0.8, layer.observedMax * 0.7, 30.0});
        layer.activeMethod = QStringLiteral("avg");
        result.push_back(layer);
    }
    return result;
}
} // namespace

class TestObserverComparisonView : public QObject {
    Q_OBJECT

private slots:
    void drawsEveryMethodForEveryLayer()
    {
        ObserverComparisonView view;
        view.resize(800, 400);
        view.setLayers(layers());
        QCOMPARE(view.methods(), (QStringList{QStringLiteral("none"), QStringLiteral("avg"), QStringLiteral("entropy")}));
        QCOMPARE(view.barCount(QStringLiteral("entropy")), 4);
        view.setSelectedLayer(QStringLiteral("/features/conv2/Conv"));
        QCOMPARE(view.barCount(QStringLiteral("none")), 4);
    }

    void clickEmitsLayer()
    {
        ObserverComparisonView view;
        view.resize(800, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setLayers(layers());
        QSignalSpy clicked(&view, &ObserverComparisonView::layerClicked);
        QTest::mouseClick(view.plotWidget(), Qt::LeftButton, {}, view.layerRowCenter(QStringLiteral("/features/conv3/Conv")));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.first().first().toString(), QStringLiteral("/features/conv3/Conv"));
    }

    void savesPng()
    {
        QTemporaryDir dir;
        ObserverComparisonView view;
        view.setLayers(layers());
        QVERIFY(view.savePng(dir.filePath(QStringLiteral("o.png")), 600, 400));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("o.png"))).size() > 0);
    }
};

QTEST_MAIN(TestObserverComparisonView)
#include "test_observer_comparison_view.moc"
