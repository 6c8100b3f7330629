// Drives the real MainWindow offscreen: load the model (a job), FP32 evaluation on a 1000-image subset
// equal to core's evaluate(), an undoable cell edit through the view's model, a session round trip, and a
// corrupt model that leaves the previous one loaded. Waits with QSignalSpy/QTRY_*, never busy-waits.
#include "core/engine/cpu_features.h"
#include "app/gui/jobs/workbench_jobs.h"
#include "app/gui/main_window.h"
#include "workbench_fixture.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/models/runs_table_model.h"
#include "app/gui/panels/layer_panel.h"
#include "app/gui/workbench.h"
#include "core/data/dataset_factory.h"
#include "core/data/subset.h"
#include "core/eval/evaluator.h"
#include "core/onnx_import/onnx_importer.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace qs::gui;
using namespace qs::gui::testing;

namespace {
// Every layer FP32: Evaluate then runs the baseline only.
void makeAllFp32(Workbench* w) { w->layers()->setDataForRows({}, LayerTableModel::NoQuant, true); }
} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("QuantScopeTests"));
        QVERIFY(QFile::exists(kModel));
    }

    void loadsModelAndListsLayers()
    {
        MainWindow window;
        window.setAskToSave(false);
        QVERIFY(loadModel(window, kModel));
        Workbench* w = window.workbench();
        QVERIFY(w->hasModel());
        QCOMPARE(w->modelPath(), kModel);
        QVERIFY(w->layers()->rowCount() > 0);
        QCOMPARE(w->layers()->index(0, LayerTableModel::OpType).data().toString(), QStringLiteral("Conv"));
        QVERIFY(!w->isDirty());
    }

    void fp32EvaluationMatchesCore()
    {
        MainWindow window;
        window.setAskToSave(false);
        QVERIFY(loadModel(window, kModel));
        Workbench* w = window.workbench();
        w->setDataset(subsetSelection());
        makeAllFp32(w);
        QSignalSpy finished(w, &Workbench::evaluationFinished);
        w->evaluate();
        QVERIFY(finished.wait(kJobTimeoutMs));
        QCOMPARE(w->runs()->rowCount(), 1);
        const RunRecord run = w->runs()->runs().front();
        QVERIFY(run.fp32);
        QCOMPARE(run.samples, qint64(1000));

        const qs::Graph graph = qs::importOnnxFile(kModel.toStdString());
        const auto dataset = qs::openDataset("fashion-mnist:/usr/share/datasets/fashion-mnist", qs::Split::Test,
                                             preprocessFor(subsetSelection(), kModel));
        qs::EvalOptions options;
        options.indices = qs::firstIndices(dataset->size(), 1000);
        options.engine.threads = jobThreads();
        const qs::EvalMetrics expected = qs::evaluate(graph, *dataset, options);
        QCOMPARE(run.top1, expected.top1());
        QCOMPARE(run.top5, expected.top5());
        QVERIFY(run.top1 > 0.8);
    }

    void quantizedEvaluationAddsRun()
    {
        MainWindow window;
        window.setAskToSave(false);
        QVERIFY(loadModel(window, kModel));
        Workbench* w = window.workbench();
        w->setDataset(subsetSelection());
        QSignalSpy finished(w, &Workbench::evaluationFinished);
        w->evaluate(); // baseline + calibration + int8 in one job
        QVERIFY(finished.wait(kJobTimeoutMs));
        QCOMPARE(w->runs()->rowCount(), 2);
        QVERIFY(w->calibrated());
        const RunRecord& fp32 = w->runs()->runs()[0];
        const RunRecord& int8 = w->runs()->runs()[1];
        QVERIFY(!int8.fp32);
        qInfo("int8 %.4f vs FP32 %.4f", int8.top1, fp32.top1);
        QVERIFY(qAbs(int8.top1 - fp32.top1) < 0.005); // 8-bit asym_u per-channel: within half a point on 1000 images
        QVERIFY(int8.compression > 3.0);
        QVERIFY(!w->layers()->index(0, LayerTableModel::ActMax).data(Qt::EditRole).isNull());
    }

    // The engine's note that 8-bit asymmetric weights run on the symmetric grid is logged once, not on every
    // run, and again when a config change changes what it says (which layers it names).
    void engineNoteIsSaidOncePerConfig()
    {
        MainWindow window;
        window.setAskToSave(false);
        QVERIFY(loadAndCalibrate(window));
        Workbench* w = window.workbench();
        QSignalSpy messages(w, &Workbench::message);
        QSignalSpy finished(w, &Workbench::evaluationFinished);
        auto notes = [&messages] {
            int n = 0;
            for (const QList<QVariant>& args : messages)
                n += args.at(0).toString().contains(QLatin1String("8-bit asymmetric weights run on the symmetric grid")) ? 1 : 0;
            return n;
        };
        auto evaluate = [&] {
            w->evaluate();
            return finished.wait(kJobTimeoutMs);
        };
        // Without VNNI the layers whose weights run 7-bit carry that note too, so the asymmetric-weights note comes as
        // two messages (one per text), each once per config.
        QVERIFY(evaluate()); // the default config: 8-bit asym_u everywhere
        const int perConfig = notes();
        QCOMPARE(perConfig, qs::cpuFeatures().hasVnni ? 1 : perConfig);
        QVERIFY(perConfig >= 1);
        QVERIFY(evaluate());
        QVERIFY(evaluate());
        QCOMPARE(notes(), perConfig);
        QVERIFY(w->layers()->setData(w->layers()->index(0, LayerTableModel::Mode), QStringLiteral("sym")));
        QVERIFY(evaluate()); // the note now names one layer less
        const int afterEdit = notes();
        // (Without VNNI the layer may have been the only one of its note's text, and the other text is unchanged.)
        QVERIFY(qs::cpuFeatures().hasVnni ? afterEdit == perConfig + 1 : afterEdit >= perConfig);
        QVERIFY(evaluate());
        QCOMPARE(notes(), afterEdit);
        QCOMPARE(w->runs()->rowCount(), 6); // the baseline and five int8 runs
    }

    void cellEditUndoRedo()
    {
        MainWindow window;
        window.setAskToSave(false);
        QVERIFY(loadModel(window, kModel));
        Workbench* w = window.workbench();
        QAbstractItemModel* viewModel = window.layerPanel()->view()->model(); // the filter proxy the user edits through
        const QModelIndex cell = viewModel->index(0, LayerTableModel::BitsActivations);
        QCOMPARE(cell.data(Qt::EditRole).toInt(), 8);
        QVERIFY(viewModel->setData(cell, 5));
        QCOMPARE(cell.data(Qt::EditRole).toInt(), 5);
        QVERIFY(w->isDirty());
        QVERIFY(window.isWindowModified());
        w->undoStack()->undo();
        QCOMPARE(cell.data(Qt::EditRole).toInt(), 8);
        QVERIFY(!w->isDirty());
        w->undoStack()->redo();
        QCOMPARE(cell.data(Qt::EditRole).toInt(), 5);
        QCOMPARE(w->layers()->configs()[0].bitsActivations, 5);

        // The filter narrows the view without touching the model.
        const QString first = w->layers()->layers().front().name;
        window.layerPanel()->setFilter(QLatin1Char('^') + QRegularExpression::escape(first) + QLatin1Char('$'), true);
        QCOMPARE(viewModel->rowCount(), 1);
        window.layerPanel()->setFilter({}, false);
        QCOMPARE(viewModel->rowCount(), w->layers()->rowCount());
    }

    void sessionRoundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("s.qsession"));
        DatasetSelection selection = subsetSelection();
        selection.preprocess = QStringLiteral("scale=0.00392156862745098,mean=0.286,std=0.353");
        std::vector<RunRecord> runs;
        {
            MainWindow window;
            window.setAskToSave(false);
            QVERIFY(loadModel(window, kModel));
            Workbench* w = window.workbench();
            w->setDataset(selection);
            makeAllFp32(w);
            QVERIFY(w->layers()->setData(w->layers()->index(1, LayerTableModel::BitsWeights), 4));
            QSignalSpy finished(w, &Workbench::evaluationFinished);
            w->evaluate();
            QVERIFY(finished.wait(kJobTimeoutMs));
            w->runs()->setData(w->runs()->index(0, RunsTableModel::Name), QStringLiteral("baseline (renamed)"));
            w->saveSession(path);
            QVERIFY(!w->isDirty());
            runs = w->runs()->runs();
        }
        MainWindow window;
        window.setAskToSave(false);
        QSignalSpy opened(window.workbench(), &Workbench::sessionOpened);
        window.openSession(path);
        QVERIFY2(opened.wait(kJobTimeoutMs), qPrintable(window.lastError().replace(QLatin1Char('\n'), QLatin1String(" | "))));
        Workbench* w = window.workbench();
        QCOMPARE(w->modelPath(), kModel);
        QVERIFY(w->dataset() == selection);
        QCOMPARE(w->sessionPath(), path);
        QCOMPARE(w->runs()->rowCount(), static_cast<int>(runs.size()));
        QCOMPARE(w->runs()->runs()[0].name, QStringLiteral("baseline (renamed)"));
        QCOMPARE(w->runs()->runs()[0].top1, runs[0].top1);
        QCOMPARE(w->layers()->configs()[1].bitsWeights, 4);
        QVERIFY(w->layers()->configs()[0].noQuant);
        QVERIFY(!w->isDirty());
    }

    void corruptModelKeepsPreviousOne()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("corrupt.onnx"));
        {
            QFile f(bad);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is not a protobuf \x01\x02\x03 at all", 30);
        }
        MainWindow window;
        window.setAskToSave(false);
        QVERIFY(loadModel(window, kModel));
        Workbench* w = window.workbench();
        const int rows = w->layers()->rowCount();
        QSignalSpy errors(&window, &MainWindow::errorShown);
        window.openModel(bad);
        QVERIFY(errors.wait(kJobTimeoutMs));
        QVERIFY(window.errorBox());
        QTRY_VERIFY(window.errorBox()->isVisible());
        QVERIFY(window.lastError().contains(QStringLiteral("corrupt.onnx")));
        QCOMPARE(w->modelPath(), kModel);
        QCOMPARE(w->layers()->rowCount(), rows);
        QVERIFY(w->hasModel());

        // A session file that is not JSON: an error with the line, nothing changes.
        const QString session = dir.filePath(QStringLiteral("bad.qsession"));
        {
            QFile f(session);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{\n \"format\": \"quantscope-session\",\n oops\n}\n");
        }
        window.openSession(session);
        QVERIFY(window.lastError().contains(QStringLiteral("Line: 3")));
        QCOMPARE(w->modelPath(), kModel);
    }

    void editRestartsRunningEvaluation()
    {
        MainWindow window;
        window.setAskToSave(false);
        QVERIFY(loadModel(window, kModel));
        Workbench* w = window.workbench();
        DatasetSelection all; // the whole test split: long enough to be edited while it runs
        all.calibrationSamples = 256;
        w->setDataset(all);
        w->setDebounceInterval(50);
        QSignalSpy cancelled(w->jobs(), &JobRunner::jobCancelled);
        QSignalSpy finished(w, &Workbench::evaluationFinished);
        QSignalSpy started(w->jobs(), &JobRunner::jobStarted);
        w->evaluate();
        QCOMPARE(started.count(), 1);
        QVERIFY(w->layers()->setData(w->layers()->index(0, LayerTableModel::BitsActivations), 7));
        QVERIFY(finished.wait(kJobTimeoutMs));
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(started.count(), 2);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(w->runs()->rowCount(), 2);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
