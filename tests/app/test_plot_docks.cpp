// The plot docks on the real MainWindow offscreen: after Calibrate, selecting a layer fills the histogram
// with every method core offers (Distiller's 8 at least); a click on a legend entry sets that layer's clip method through the undo stack; an
// evaluation with clip=avg everywhere gives the top-1 of core's evaluate() with the PtqConfig that
// `quantscope-cli eval --qe --qem asym_u --qepc --qeca avg` builds; Restore Config brings a run's config back.
#include "app/gui/jobs/workbench_jobs.h"
#include "app/gui/main_window.h"
#include "workbench_fixture.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/models/runs_table_model.h"
#include "app/gui/panels/layer_panel.h"
#include "app/gui/panels/plot_docks.h"
#include "app/gui/workbench.h"
#include "core/data/dataset_factory.h"
#include "core/data/subset.h"
#include "core/eval/evaluator.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ptq/ptq_config.h"
#include "widgets/plots/accuracy_size_plot.h"
#include "widgets/plots/activation_histogram_view.h"
#include "widgets/plots/observer_comparison_view.h"
#include "widgets/plots/weight_range_view.h"

#include <QDockWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QUndoStack>

using namespace qs::gui;
using namespace qs::gui::testing;


class TestPlotDocks : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("QuantScopeTests"));
    }

    void selectingLayerShowsEveryMethod()
    {
        MainWindow window;
        window.setAskToSave(false);
        QVERIFY(loadAndCalibrate(window));
        Workbench* w = window.workbench();
        // Only layers with their own settings are listed: Conv and Gemm.
        for (const LayerInfo& l : w->layers()->layers())
            QVERIFY2(l.opType == QLatin1String("Conv") || l.opType == QLatin1String("Gemm"), qPrintable(l.opType));
        QVERIFY(!w->layers()->index(0, LayerTableModel::Sqnr).data(Qt::EditRole).isNull()); // pred. SQNR filled
        window.layerPanel()->view()->selectRow(0);
        auto* histogram = window.plots()->histogram();
        // Every method core offers (Distiller's 8 and any added since): one legend entry and two lines each.
        const int methods = static_cast<int>(qs::allRangeMethods().size());
        QVERIFY(methods >= 8);
        QTRY_COMPARE(histogram->legendMethods().size(), methods);
        QCOMPARE(histogram->markerCount(), 2 * methods);
        QCOMPARE(histogram->data().activeMethod, QStringLiteral("none"));
        QVERIFY(histogram->markerPenWidth(QStringLiteral("none")) > histogram->markerPenWidth(QStringLiteral("avg")));
        QVERIFY(window.plots()->weights()->channelCount() > 1);
        QCOMPARE(window.plots()->observers()->barCount(QStringLiteral("entropy")), w->layers()->rowCount());
    }

    void legendClickSetsClipUndoably()
    {
        MainWindow window;
        window.setAskToSave(false);
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(loadAndCalibrate(window));
        Workbench* w = window.workbench();
        window.layerPanel()->view()->selectRow(1);
        auto* histogram = window.plots()->histogram();
        window.findChild<QDockWidget*>(QStringLiteral("histogramDock"))->raise();
        QTRY_COMPARE(histogram->legendMethods().size(), static_cast<int>(qs::allRangeMethods().size()));
        QTRY_VERIFY(histogram->plotWidget()->isVisible());
        const QRect rect = histogram->legendItemRect(QStringLiteral("entropy"));
        QVERIFY(rect.isValid());
        QTest::mouseClick(histogram->plotWidget(), Qt::LeftButton, {}, rect.center());
        QVERIFY(w->layers()->configs()[1].clip == qs::RangeMethod::Entropy);
        QTRY_COMPARE(histogram->data().activeMethod, QStringLiteral("entropy"));
        QVERIFY(w->isDirty());
        w->undoStack()->undo();
        QVERIFY(w->layers()->configs()[1].clip == qs::RangeMethod::None);
        QTRY_COMPARE(histogram->data().activeMethod, QStringLiteral("none"));
    }

    void avgEverywhereMatchesCore()
    {
        MainWindow window;
        window.setAskToSave(false);
        QVERIFY(loadAndCalibrate(window));
        Workbench* w = window.workbench();
        w->layers()->setDataForRows({}, LayerTableModel::Clip, QStringLiteral("avg"));
        w->layers()->setDataForRows({}, LayerTableModel::Mode, QStringLiteral("asym_u"));
        w->layers()->setDataForRows({}, LayerTableModel::PerChannel, true);
        QSignalSpy finished(w, &Workbench::evaluationFinished);
        w->evaluate();
        QVERIFY(finished.wait(kJobTimeoutMs));
        QCOMPARE(w->runs()->rowCount(), 2);
        const RunRecord run = w->runs()->runs()[1];

        // The independent number: core's calibrate + buildPlan + evaluate with the CLI's config for
        // `eval --qe --qem asym_u --qepc --qeca avg` on the same calibration and evaluation subsets.
        qs::PtqConfig config;
        config.defaults.quant.modeActivations = config.defaults.quant.modeWeights = qs::QuantMode::AsymmetricUnsigned;
        config.defaults.quant.perChannel = true;
        config.defaults.clip = qs::RangeMethod::Avg;
        const qs::Graph graph = qs::importOnnxFile(kModel.toStdString());
        const std::string spec = subsetSelection().spec().toStdString();
        const qs::PreprocessSpec preprocess = preprocessFor(subsetSelection(), kModel);
        const auto train = qs::openDataset(spec, qs::Split::Train, preprocess);
        const qs::Calibration calibration = qs::calibrate(graph, *train, calibrationIndices(train->size(), subsetSelection()),
                                                          qs::kCalibrationBatch, jobThreads());
        const auto test = qs::openDataset(spec, qs::Split::Test, preprocess);
        qs::EvalOptions options;
        options.indices = qs::firstIndices(test->size(), 1000);
        options.engine.threads = jobThreads();
        options.engine.quantization = qs::buildPlan(calibration, config);
        const qs::EvalMetrics expected = qs::evaluate(graph, *test, options);
        QCOMPARE(run.samples, expected.samples);
        QCOMPARE(run.top1, expected.top1());
        QCOMPARE(run.top5, expected.top5());

        // The run remembers its config: change the table, then restore it.
        QVERIFY(!run.layerConfigs.empty());
        w->layers()->setDataForRows({}, LayerTableModel::Clip, QStringLiteral("none"));
        QVERIFY(w->restoreRunConfig(1));
        for (const LayerConfig& c : w->layers()->configs())
            QVERIFY(c.clip == qs::RangeMethod::Avg);
        w->undoStack()->undo();
        QVERIFY(w->layers()->configs()[0].clip == qs::RangeMethod::None);
        QVERIFY(!w->restoreRunConfig(0)); // the FP32 baseline has no layer config
        QCOMPARE(window.plots()->accuracy()->pointCount(), 2);
    }
};

QTEST_MAIN(TestPlotDocks)
#include "test_plot_docks.moc"
