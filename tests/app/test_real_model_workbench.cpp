// The workbench on real pretrained models (issue 12): a face detector on unlabelled photos is judged by fidelity
// to FP32, and the run's worst output SQNR equals what core's measureFidelity() gives on the same photos,
// calibration and config; the runs table, the plot (its own y axis, FP32 as the reference line) and the CSV show
// it and a session brings it back. A model with dynamic dims asks for its input shape; a bad shape is refused
// with the reason; the accepted one is remembered and used for the layer table, calibration and evaluation.
// Calibration on an image folder says which images it uses and whether they are also evaluated. On a labelled
// classifier the user chooses the metric, and runs of the two metrics never share the plot.
#include "app/gui/main_window.h"
#include "workbench_fixture.h"
#include "app/gui/jobs/workbench_jobs.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/models/runs_table_model.h"
#include "app/gui/panels/input_shape_dialog.h"
#include "app/gui/panels/plot_docks.h"
#include "app/gui/panels/run_config_dialog.h"
#include "app/gui/panels/runs_panel.h"
#include "app/gui/workbench.h"
#include "core/calibration/calibration.h"
#include "core/data/dataset_factory.h"
#include "core/eval/fidelity.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/quant/plan_builder.h"
#include "widgets/plots/accuracy_size_plot.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace qs::gui;
using namespace qs::gui::testing;

namespace {
const QString kRfb = QStringLiteral(QS_TEST_DATA_DIR "/realmodels/version-RFB-320.onnx");
const QString kYunet = QStringLiteral(QS_TEST_DATA_DIR "/realmodels/yunet_n_dynamic.onnx");
const QString kPhotos = QStringLiteral(QS_TEST_DATA_DIR "/photos");
const QString kMultiInput = QStringLiteral(QS_TEST_DATA_DIR "/multi_input/multi_input.onnx");
// As scripts/realmodel_fidelity.sh: RGB at 320x240, (x - 127) / 128.
const QString kRfbPreprocess = QStringLiteral("resize=240x320,channels=rgb,mean=127,std=128");

DatasetSelection photos(const QString& preprocess, qint64 evalLimit, qint64 calibration)
{
    DatasetSelection s;
    s.kind = QStringLiteral("images");
    s.path = kPhotos;
    s.preprocess = preprocess;
    s.evalLimit = evalLimit;
    s.calibrationSamples = calibration;
    return s;
}

bool evaluate(Workbench* w)
{
    QSignalSpy finished(w, &Workbench::evaluationFinished);
    w->evaluate();
    return finished.wait(kJobTimeoutMs);
}

bool anyContains(const QSignalSpy& messages, const QString& text)
{
    for (const QList<QVariant>& m : messages)
        if (m.at(0).toString().contains(text))
            return true;
    return false;
}

QString allMessages(const QSignalSpy& messages)
{
    QStringList lines;
    for (const QList<QVariant>& m : messages)
        lines << m.at(0).toString();
    return lines.join(QLatin1Char('\n'));
}
// The fidelity core measures for the workbench's table on the first four samples of `selection`, calibrated on
// the same four: what a workbench fidelity run on that data must equal.
qs::FidelityMetrics coreFidelity(const QString& modelPath, const DatasetSelection& selection, const qs::PreprocessSpec& spec, Workbench* w)
{
    const qs::PreparedModel model(std::make_shared<const qs::Graph>(qs::importOnnxFile(modelPath.toStdString())));
    const auto dataset = qs::openDataset(selection.spec().toStdString(), qs::Split::Test, spec);
    const std::vector<int64_t> all{0, 1, 2, 3};
    const qs::Calibration calibration = qs::calibrate(model, *dataset, all, qs::kCalibrationBatch, jobThreads());
    qs::EngineOptions reference;
    reference.threads = jobThreads();
    qs::EngineOptions quantized = reference;
    quantized.quantization = qs::buildPlan(calibration, toPtqConfig(w->layers()->layers(), w->layers()->configs()));
    return qs::measureFidelity(model, *dataset, all, 64, reference, quantized);
}
} // namespace

class TestRealModelWorkbench : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("QuantScopeTests"));
        QSettings().remove(QStringLiteral("modelInputShapes"));
    }

    void detectorOnPhotosIsJudgedByFidelity()
    {
        MainWindow window;
        window.setAskToSave(false);
        QVERIFY(loadModel(window, kRfb));
        Workbench* w = window.workbench();
        QVERIFY(w->dynamicInputs().isEmpty()); // fixed 1x3x240x320: no prompt
        QVERIFY(!window.inputShapeDialog());
        const DatasetSelection selection = photos(kRfbPreprocess, -1, 4);
        w->setDataset(selection);
        QVERIFY(w->metric() == qs::QualityMetric::Fidelity); // no labels, and not a classifier
        QVERIFY(!w->metricSelectable());

        QSignalSpy messages(w, &Workbench::message);
        QVERIFY(evaluate(w)); // calibrates first
        // Four photos, all evaluated: calibration shares them, and the log says so and names them.
        QVERIFY2(anyContains(messages, QStringLiteral("which are also evaluated")), qPrintable(allMessages(messages)));
        QVERIFY2(anyContains(messages, QStringLiteral("dog.jpg")), qPrintable(allMessages(messages)));

        RunsTableModel* runs = w->runs();
        QCOMPARE(runs->rowCount(), 2);
        const RunRecord fp32 = runs->runs()[0];
        const RunRecord run = runs->runs()[1];
        QVERIFY(fp32.fp32);
        QVERIFY(fp32.metric == qs::QualityMetric::Fidelity);
        QVERIFY(std::isinf(fp32.worstSqnrDb));
        QVERIFY(run.metric == qs::QualityMetric::Fidelity);
        QCOMPARE(run.samples, qint64(4));
        QVERIFY(std::isnan(run.top1));
        QCOMPARE(run.outputs.size(), std::size_t(2)); // scores, boxes
        QVERIFY(std::isnan(run.top1Agreement));       // a detector: no top-1

        // The same measurement straight from core: the photos, calibrated on all four, the table's config.
        const qs::FidelityMetrics expected = coreFidelity(kRfb, selection, qs::parsePreprocessSpec(kRfbPreprocess.toStdString()), w);
        QVERIFY(std::isfinite(expected.worstSqnrDb()));
        QVERIFY2(expected.worstSqnrDb() > 40.0, qPrintable(QString::number(expected.worstSqnrDb()))); // 8-bit per-channel: ~49 dB
        QCOMPARE(run.worstSqnrDb, expected.worstSqnrDb());
        for (std::size_t o = 0; o < expected.outputs.size(); ++o) {
            QCOMPARE(run.outputs[o].name, QString::fromStdString(expected.outputs[o].name));
            QCOMPARE(run.outputs[o].sqnrDb, expected.outputs[o].sqnrDb());
            QCOMPARE(run.outputs[o].maxAbsError, expected.outputs[o].maxAbsError);
        }

        // The table: worst SQNR as the headline, every output in the tooltip, top-1 columns hidden.
        const QLocale locale;
        QCOMPARE(runs->index(1, RunsTableModel::WorstSqnr).data().toString(), locale.toString(expected.worstSqnrDb(), 'f', 1));
        QCOMPARE(runs->index(0, RunsTableModel::WorstSqnr).data().toString(), QStringLiteral("\u221E"));
        QCOMPARE(runs->index(1, RunsTableModel::Top1).data().toString(), QStringLiteral("\u2014"));
        const QString tip = runs->index(1, RunsTableModel::Name).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("scores: SQNR")) && tip.contains(QStringLiteral("boxes: SQNR")), qPrintable(tip));
        RunConfigDialog* detail = window.runsPanel()->showConfiguration(1); // the detail view lists the outputs too
        QVERIFY(detail);
        QVERIFY2(detail->findChild<QLabel*>()->text().contains(QStringLiteral("boxes: SQNR")), qPrintable(detail->findChild<QLabel*>()->text()));
        detail->close();
        QTableView* view = window.runsPanel()->view();
        QVERIFY(view->isColumnHidden(RunsTableModel::Top1));
        QVERIFY(!view->isColumnHidden(RunsTableModel::WorstSqnr));
        QVERIFY(!window.runsPanel()->metricSelector()->isEnabled());

        // The plot: its own axis, the run as the one point, FP32 as the reference line.
        qs::widgets::AccuracySizePlot* plot = window.plots()->accuracy();
        QTRY_COMPARE(plot->qualityAxisLabel(), QStringLiteral("worst output SQNR vs FP32 (dB)"));
        QTRY_COMPARE(plot->runs().size(), std::size_t(2));
        QCOMPARE(plot->pointCount(), 1);
        QCOMPARE(plot->runs()[1].top1, expected.worstSqnrDb());
        QVERIFY(std::isinf(plot->runs()[0].top1));

        // CSV: the metric and the fidelity columns.
        const QStringList csv = runs->toCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const QStringList header = csv[0].split(QLatin1Char(','));
        const QStringList line = csv[2].split(QLatin1Char(','));
        QCOMPARE(line[header.indexOf(QStringLiteral("metric"))], QStringLiteral("fidelity"));
        QCOMPARE(line[header.indexOf(QStringLiteral("worst_sqnr_db"))].toDouble(), std::round(expected.worstSqnrDb() * 1e4) / 1e4);
        QVERIFY(header.contains(QStringLiteral("sqnr_db:boxes")));
        QCOMPARE(csv[1].split(QLatin1Char(','))[header.indexOf(QStringLiteral("worst_sqnr_db"))], QStringLiteral("inf"));

        // A session brings the fidelity runs back.
        QTemporaryDir dir;
        const QString sessionPath = dir.filePath(QStringLiteral("rfb.qsession"));
        w->saveSession(sessionPath);
        MainWindow reopened;
        reopened.setAskToSave(false);
        QVERIFY(openSessionIn(reopened, sessionPath));
        const std::vector<RunRecord>& back = reopened.workbench()->runs()->runs();
        QCOMPARE(back.size(), std::size_t(2));
        QVERIFY(std::isinf(back[0].worstSqnrDb));
        QVERIFY(back[1].metric == qs::QualityMetric::Fidelity);
        QCOMPARE(back[1].worstSqnrDb, run.worstSqnrDb);
        QCOMPARE(back[1].outputs, run.outputs);
        QVERIFY(std::isnan(back[1].top1Agreement));
        QCOMPARE(reopened.workbench()->dataset(), selection);
        QTRY_COMPARE(reopened.plots()->accuracy()->pointCount(), 1);
    }

    // A model of three inputs fed from tensors:DIR (one .npz per sample, one array per input): the workbench
    // calibrates and evaluates it like any other, the fidelity run equals core's on the same samples, and a session
    // brings it back.
    void multiInputModelFromTensorFolder()
    {
        MainWindow window;
        window.setAskToSave(false);
        QVERIFY(loadModel(window, kMultiInput));
        Workbench* w = window.workbench();
        DatasetSelection selection;
        selection.kind = QStringLiteral("tensors");
        selection.path = QStringLiteral(QS_TEST_DATA_DIR "/multi_input/samples");
        selection.evalLimit = -1;
        selection.calibrationSamples = 4;
        w->setDataset(selection);
        QVERIFY(w->metric() == qs::QualityMetric::Fidelity);
        QSignalSpy messages(w, &Workbench::message);
        QVERIFY2(evaluate(w), qPrintable(allMessages(messages)));
        RunsTableModel* runs = w->runs();
        QCOMPARE(runs->rowCount(), 2);
        const RunRecord run = runs->runs()[1];
        QCOMPARE(run.samples, qint64(4));
        QVERIFY2(std::isfinite(run.worstSqnrDb) && run.worstSqnrDb > 20.0, qPrintable(allMessages(messages)));

        QCOMPARE(run.worstSqnrDb, coreFidelity(kMultiInput, selection, qs::PreprocessSpec{}, w).worstSqnrDb());

        QTemporaryDir dir;
        const QString sessionPath = dir.filePath(QStringLiteral("multi.qsession"));
        w->saveSession(sessionPath);
        MainWindow reopened;
        reopened.setAskToSave(false);
        QVERIFY(openSessionIn(reopened, sessionPath));
        QCOMPARE(reopened.workbench()->runs()->runs().size(), std::size_t(2));
        QCOMPARE(reopened.workbench()->runs()->runs()[1].worstSqnrDb, run.worstSqnrDb);
    }

    void dynamicModelAsksForItsShape()
    {
        MainWindow window;
        window.setAskToSave(false);
        Workbench* w = window.workbench();
        QSignalSpy needed(w, &Workbench::inputShapeNeeded);
        QVERIFY(loadModel(window, kYunet));
        QCOMPARE(needed.count(), 1);
        QVERIFY2(w->dynamicInputs().join(QString()).contains(QStringLiteral("input: batch\u00D73\u00D7height\u00D7width")),
                 qPrintable(w->dynamicInputs().join(QLatin1Char(';'))));
        InputShapeDialog* dialog = window.inputShapeDialog();
        QVERIFY(dialog);
        auto* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);

        // Bad shapes are refused with the reason, and nothing changes.
        for (const QString& bad : {QStringLiteral("abc"), QStringLiteral("1x3x0x320"), QStringLiteral("1x3x320"), QStringLiteral("1x4x320x320"),
                                   QStringLiteral("nosuchinput=1x3x160x160")}) {
            dialog->shapeEdit()->setText(bad);
            QVERIFY2(!dialog->problem().isEmpty(), qPrintable(bad));
            QVERIFY(!ok->isEnabled());
            QString problem;
            QVERIFY(!w->setInputShape(bad, &problem));
            QVERIFY2(!problem.isEmpty(), qPrintable(bad));
        }
        QVERIFY(w->inputShapeProblem(QStringLiteral("1x4x320x320")).contains(QStringLiteral("input")));

        // Dismissed, the model stays loaded; an evaluation on photos of varying size then fails with the reason
        // (never a crash) and the prompt comes again.
        dialog->reject();
        w->setDataset(photos(QStringLiteral("channels=bgr"), 2, 2));
        QSignalSpy failed(w, &Workbench::errorOccurred);
        w->evaluate();
        QVERIFY(failed.wait(kJobTimeoutMs));
        QVERIFY2(failed.at(0).at(1).value<JobError>().message.contains(QStringLiteral("resize")),
                 qPrintable(failed.at(0).at(1).value<JobError>().message));
        QCOMPARE(needed.count(), 2);
        QTRY_VERIFY(window.inputShapeDialog());
        dialog = window.inputShapeDialog();
        ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        if (window.errorBox())
            window.errorBox()->close();

        // A good one: OK loads the model again at it, and it is remembered for the path.
        dialog->shapeEdit()->setText(QStringLiteral("1x3x160x160"));
        QVERIFY(ok->isEnabled());
        QSignalSpy loaded(w, &Workbench::modelLoaded);
        ok->click();
        QVERIFY(loaded.wait(kJobTimeoutMs));
        QCOMPARE(needed.count(), 2);
        QCOMPARE(w->dataset().inputShape, QStringLiteral("1x3x160x160"));
        QCOMPARE(Workbench::rememberedInputShape(kYunet), QStringLiteral("1x3x160x160"));
        QVERIFY(w->layers()->rowCount() > 10);
        // Shapes are known now (without the shape the first conv's output is 1×16×?×?).
        QCOMPARE(w->layers()->layers().front().outputShape, QStringLiteral("1\u00D716\u00D780\u00D780"));

        // Calibrate on two photos that are not evaluated and evaluate the other two: a fidelity run.
        w->setDataset([] {
            DatasetSelection s = photos(QStringLiteral("channels=bgr"), 2, 2);
            s.inputShape = QStringLiteral("1x3x160x160");
            return s;
        }());
        QSignalSpy messages(w, &Workbench::message);
        QSignalSpy calibrated(w, &Workbench::calibrationFinished);
        w->calibrate();
        QVERIFY(calibrated.wait(kJobTimeoutMs));
        QVERIFY2(anyContains(messages, QStringLiteral("2 images of images:%1 that are not evaluated: horses.jpg, person.jpg").arg(kPhotos)),
                 qPrintable(allMessages(messages)));
        QVERIFY(evaluate(w));
        QCOMPARE(w->runs()->rowCount(), 2);
        const RunRecord& run = w->runs()->runs()[1];
        QVERIFY(run.metric == qs::QualityMetric::Fidelity);
        QCOMPARE(run.samples, qint64(2));
        QVERIFY(std::isfinite(run.worstSqnrDb));

        // Opening the model again uses the remembered shape: no prompt.
        MainWindow again;
        again.setAskToSave(false);
        QSignalSpy neededAgain(again.workbench(), &Workbench::inputShapeNeeded);
        QVERIFY(loadModel(again, kYunet));
        QCOMPARE(neededAgain.count(), 0);
        QCOMPARE(again.workbench()->dataset().inputShape, QStringLiteral("1x3x160x160"));

        // A remembered shape that no longer fits (4 channels): the model still loads, says why and asks again.
        QSettings().setValue(QStringLiteral("modelInputShapes"),
                             QVariantMap{{QFileInfo(kYunet).absoluteFilePath(), QStringLiteral("1x4x160x160")}});
        MainWindow stale;
        stale.setAskToSave(false);
        QSignalSpy neededStale(stale.workbench(), &Workbench::inputShapeNeeded);
        QVERIFY(loadModel(stale, kYunet));
        QCOMPARE(neededStale.count(), 1);
        QVERIFY2(neededStale.at(0).at(2).toString().contains(QStringLiteral("does not fit")), qPrintable(neededStale.at(0).at(2).toString()));
        QVERIFY(stale.workbench()->dataset().inputShape.isEmpty());
        QVERIFY(stale.workbench()->hasModel());
        QSettings().remove(QStringLiteral("modelInputShapes"));
    }

    void calibrationDataOfAFolder()
    {
        // No train split: the images that are not evaluated; all evaluated: those, said plainly; or other data.
        DatasetSelection s = photos(QStringLiteral("resize=32x32,channels=rgb"), 3, 10);
        CalibrationData data = calibrationData(s, {}, nullptr);
        QCOMPARE(data.indices, (std::vector<int64_t>{3}));
        QVERIFY(!data.sharesEvaluated);
        QVERIFY2(data.description.contains(QStringLiteral("person.jpg")), qPrintable(data.description));
        s.evalLimit = -1;
        data = calibrationData(s, {}, nullptr);
        QCOMPARE(data.indices, (std::vector<int64_t>{0, 1, 2, 3}));
        QVERIFY(data.sharesEvaluated);
        QVERIFY2(data.description.contains(QStringLiteral("also evaluated")), qPrintable(data.description));
        s.calibrationData = QStringLiteral("images:") + kPhotos;
        s.calibrationSamples = 2;
        data = calibrationData(s, {}, nullptr);
        QCOMPARE(data.indices.size(), std::size_t(2));
        QVERIFY(!data.sharesEvaluated);
        QVERIFY2(data.description.contains(QStringLiteral("separate calibration data")), qPrintable(data.description));
    }

    void classifierLetsTheUserChooseTheMetric()
    {
        MainWindow window;
        window.setAskToSave(false);
        QVERIFY(loadAndCalibrate(window));
        Workbench* w = window.workbench();
        QVERIFY(w->metricSelectable());
        QVERIFY(w->metric() == qs::QualityMetric::Top1);
        QVERIFY(window.runsPanel()->metricSelector()->isEnabled());
        QVERIFY(evaluate(w)); // FP32 baseline + Run 1, top-1
        QCOMPARE(w->runs()->rowCount(), 2);

        // Fidelity chosen in the runs panel: the next run measures it, the plot switches axis and shows it alone.
        QComboBox* selector = window.runsPanel()->metricSelector();
        selector->setCurrentIndex(selector->findData(static_cast<int>(qs::QualityMetric::Fidelity)));
        emit selector->activated(selector->currentIndex());
        QVERIFY(w->metric() == qs::QualityMetric::Fidelity);
        QVERIFY(evaluate(w));
        QCOMPARE(w->runs()->rowCount(), 3); // the FP32 row serves both metrics
        const RunRecord& run = w->runs()->runs()[2];
        QVERIFY(run.metric == qs::QualityMetric::Fidelity);
        QVERIFY(run.top1Agreement > 0.9 && run.top1Agreement <= 1.0); // a classifier: top-1 agreement too
        qs::widgets::AccuracySizePlot* plot = window.plots()->accuracy();
        QTRY_COMPARE(plot->qualityAxisLabel(), QStringLiteral("worst output SQNR vs FP32 (dB)"));
        QCOMPARE(plot->pointCount(), 1); // Run 2 only; Run 1 (top-1) is not on this axis
        QCOMPARE(plot->runs().back().id, 2);
        QVERIFY(!window.runsPanel()->view()->isColumnHidden(RunsTableModel::Top1));
        QVERIFY(!window.runsPanel()->view()->isColumnHidden(RunsTableModel::WorstSqnr));

        // Back to top-1: the plot shows the top-1 runs; the choice is kept in the session.
        w->setMetricChoice(qs::QualityMetric::Top1);
        QTRY_COMPARE(plot->qualityAxisLabel(), QStringLiteral("top-1 accuracy (%)"));
        QCOMPARE(plot->pointCount(), 2);
        w->setMetricChoice(qs::QualityMetric::Fidelity);
        QTemporaryDir dir;
        const QString sessionPath = dir.filePath(QStringLiteral("metric.qsession"));
        w->saveSession(sessionPath);
        MainWindow reopened;
        reopened.setAskToSave(false);
        QVERIFY(openSessionIn(reopened, sessionPath));
        QVERIFY(reopened.workbench()->metric() == qs::QualityMetric::Fidelity);
        QCOMPARE(reopened.workbench()->runs()->runs()[2].worstSqnrDb, run.worstSqnrDb);
        QCOMPARE(reopened.workbench()->runs()->runs()[1].top1, w->runs()->runs()[1].top1);
    }
};

QTEST_MAIN(TestRealModelWorkbench)
#include "test_real_model_workbench.moc"
