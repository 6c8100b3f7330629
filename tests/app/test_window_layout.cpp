// The default layout of the real MainWindow offscreen at 1600x1000: the layer table, the selected layer's
// histogram, the runs and accuracy vs size are all on screen at once (none tabbed behind another, each with
// room to work in); View › Reset Layout brings that back after the user tabifies; dock titles are not cut;
// and a clip method has one colour in the histogram, the observer comparison and the accuracy plot.
#include "app/gui/main_window.h"
#include "workbench_fixture.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/models/runs_table_model.h"
#include "app/gui/panels/layer_panel.h"
#include "app/gui/panels/plot_docks.h"
#include "app/gui/panels/runs_panel.h"
#include "app/gui/workbench.h"
#include "widgets/clip_method_style.h"
#include "widgets/plots/accuracy_size_plot.h"
#include "widgets/plots/activation_histogram_view.h"
#include "widgets/plots/observer_comparison_view.h"

#include <QAction>
#include <QDockWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace qs::gui;
using namespace qs::gui::testing;

namespace {
QDockWidget* dock(const MainWindow& window, const char* name) { return window.findChild<QDockWidget*>(QString::fromLatin1(name)); }

// The part of `w` on screen, in window coordinates.
QRect shownRect(const QWidget* w, const QWidget* window) { return w->visibleRegion().boundingRect().translated(w->mapTo(window, QPoint(0, 0))); }
} // namespace

class TestWindowLayout : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("QuantScopeTests"));
    }

    void workIsVisibleTogether()
    {
        MainWindow window;
        window.setAskToSave(false);
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(loadModel(window));
        QCoreApplication::processEvents(); // one pass of layout
        verifyDefaultLayout(window);

        // Dock titles fit their title bars.
        for (QDockWidget* d : window.findChildren<QDockWidget*>())
            if (d->isVisible() && window.tabifiedDockWidgets(d).isEmpty())
                QVERIFY2(d->width() > d->fontMetrics().horizontalAdvance(d->windowTitle()) + 40, qPrintable(d->objectName()));
    }

    void resetLayoutRestoresIt()
    {
        MainWindow window;
        window.setAskToSave(false);
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // The user puts everything into one tab group and floats the plot.
        QDockWidget* runs = dock(window, "runsDock");
        window.tabifyDockWidget(runs, dock(window, "histogramDock"));
        window.tabifyDockWidget(runs, dock(window, "accuracySizeDock"));
        dock(window, "observerDock")->setFloating(true);
        QTRY_VERIFY(window.tabifiedDockWidgets(runs).contains(dock(window, "histogramDock")));
        auto* reset = window.findChild<QAction*>(QStringLiteral("resetLayoutAction"));
        QVERIFY(reset);
        reset->trigger();
        QCoreApplication::processEvents();
        verifyDefaultLayout(window);
        QVERIFY(!dock(window, "observerDock")->isFloating());
        QCOMPARE(window.dockWidgetArea(dock(window, "observerDock")), Qt::RightDockWidgetArea); // behind the histogram
        QCOMPARE(window.dockWidgetArea(dock(window, "logDock")), Qt::BottomDockWidgetArea);     // behind the runs
    }

    // avg on every layer: the histogram's avg lines, the observer comparison's avg bars and the run's point on the
    // accuracy plot share one colour (and the histogram's lines the method's line style).
    void clipMethodLooksTheSameEverywhere()
    {
        MainWindow window;
        window.setAskToSave(false);
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(loadAndCalibrate(window));
        Workbench* w = window.workbench();
        w->layers()->setDataForRows({}, LayerTableModel::Clip, QStringLiteral("avg"));
        QSignalSpy finished(w, &Workbench::evaluationFinished);
        w->evaluate();
        QVERIFY(finished.wait(kJobTimeoutMs));
        QCOMPARE(w->runs()->rowCount(), 2);
        window.layerPanel()->view()->selectRow(1);
        auto* histogram = window.plots()->histogram();
        QTRY_COMPARE(histogram->data().activeMethod, QStringLiteral("avg"));

        const auto style = qs::widgets::clipMethodStyle(QStringLiteral("avg"), histogram->palette());
        QCOMPARE(histogram->markerPen(QStringLiteral("avg")).color(), style.color);
        QCOMPARE(histogram->markerPen(QStringLiteral("avg")).style(), style.line);
        QCOMPARE(histogram->markerPen(QStringLiteral("mse")).style(), qs::widgets::clipMethodStyle(QStringLiteral("mse"), histogram->palette()).line);
        QCOMPARE(window.plots()->observers()->barColor(QStringLiteral("avg")), style.color);
        QCOMPARE(window.plots()->accuracy()->runs()[1].clipMethod, QStringLiteral("avg"));
        QCOMPARE(window.plots()->accuracy()->runColor(1), style.color);
        QVERIFY(window.plots()->accuracy()->runColor(0) != style.color); // the FP32 baseline is not a clip method

        // The histogram's title (wrapped) and legend are drawn whole at the default size.
        QVERIFY(histogram->textFits());
    }

private:
    static void verifyDefaultLayout(const MainWindow& window)
    {
        QDockWidget* histogram = dock(window, "histogramDock");
        QDockWidget* runs = dock(window, "runsDock");
        QDockWidget* accuracy = dock(window, "accuracySizeDock");
        QCOMPARE(window.dockWidgetArea(histogram), Qt::RightDockWidgetArea);
        QCOMPARE(window.dockWidgetArea(runs), Qt::BottomDockWidgetArea);
        QCOMPARE(window.dockWidgetArea(accuracy), Qt::BottomDockWidgetArea);
        // None of the three shares a tab group with another.
        QVERIFY(!window.tabifiedDockWidgets(histogram).contains(runs) && !window.tabifiedDockWidgets(histogram).contains(accuracy));
        QVERIFY(!window.tabifiedDockWidgets(runs).contains(accuracy));

        // Each is on screen with room to work in, and none overlaps another.
        const QWidget* table = window.layerPanel()->view();
        const std::vector<std::pair<const QWidget*, QSize>> areas{
            {table, QSize(700, 350)},                                             // the layer table
            {window.plots()->histogramPanel(), QSize(450, 350)},                  // the selected layer's histogram
            {window.runsPanel(), QSize(550, 250)},                                // the runs
            {static_cast<const QWidget*>(window.plots()->accuracy()), QSize(550, 250)}, // accuracy vs size
        };
        std::vector<QRect> shown;
        for (const auto& [widget, least] : areas) {
            QVERIFY2(widget->isVisible(), qPrintable(widget->objectName()));
            const QRect r = shownRect(widget, &window);
            QVERIFY2(r.width() >= least.width() && r.height() >= least.height(),
                     qPrintable(QStringLiteral("%1: %2x%3").arg(widget->metaObject()->className()).arg(r.width()).arg(r.height())));
            for (const QRect& other : shown)
                QVERIFY(!r.intersects(other));
            shown.push_back(r);
        }
        // Table left of the histogram, both above the runs and the plot, which sit side by side.
        QVERIFY(shown[0].right() < shown[1].left());
        QVERIFY(shown[0].bottom() < shown[2].top() && shown[1].bottom() < shown[3].top());
        QVERIFY(shown[2].right() < shown[3].left());
    }
};

QTEST_MAIN(TestWindowLayout)
#include "test_window_layout.moc"
