// Run › Equalize Channels Before Calibrating on the real MainWindow offscreen with ResNet-8: the layer table lists
// the equalized weights (the first conv pair's per-channel ranges differ from the model's own, the configs stay),
// the FP32 baseline's top-1 stays the same (equalization changes the weights, not the function), toggling clears
// the calibration and runs like a dataset change, a run's label and tooltip say "equalized", a calibration started
// at once does not leave the table with the old weights, and a session keeps the flag (an older session without
// it opens with equalization off).
#include "app/gui/main_window.h"
#include "workbench_fixture.h"
#include "app/gui/jobs/job_runner.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/models/runs_table_model.h"
#include "app/gui/session/session_file.h"
#include "app/gui/workbench.h"

#include <QAction>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace qs::gui;
using namespace qs::gui::testing;

namespace {

const QString kResNet8 = QStringLiteral(QS_TEST_DATA_DIR "/models/fmnist_resnet8.onnx");
constexpr qint64 kSamples = 300;

DatasetSelection smallSelection()
{
    DatasetSelection s;
    s.evalLimit = kSamples;
    s.calibrationSamples = 128;
    return s;
}

// Waits until the job runner has nothing left to do (the equalization's "prepare" job).
bool waitIdle(Workbench* w)
{
    if (!w->jobs()->isBusy())
        return true;
    QSignalSpy idle(w->jobs(), &JobRunner::idle);
    return idle.wait(kJobTimeoutMs);
}

// Evaluates (FP32 baseline first) and returns the baseline's top-1 in percent; NaN when it did not finish.
double baselineTop1(Workbench* w)
{
    QSignalSpy finished(w, &Workbench::evaluationFinished);
    w->evaluate();
    if (!finished.wait(kJobTimeoutMs))
        return std::nan("");
    const int row = w->runs()->baselineRow(qs::QualityMetric::Top1);
    return row < 0 ? std::nan("") : 100.0 * w->runs()->runs()[static_cast<std::size_t>(row)].top1;
}

std::vector<std::vector<float>> channelMaxima(const LayerTableModel* table)
{
    std::vector<std::vector<float>> out;
    for (const LayerInfo& l : table->layers())
        out.push_back(l.channelMax);
    return out;
}

} // namespace

class TestWorkbenchEqualization : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("QuantScopeTests"));
    }

    void equalizedWeightsSameBaselineAndSession()
    {
        MainWindow window;
        window.setAskToSave(false);
        QVERIFY(loadModel(window, kResNet8));
        Workbench* w = window.workbench();
        LayerTableModel* table = w->layers();
        auto* action = window.findChild<QAction*>(QStringLiteral("equalizeChannelsAction"));
        QVERIFY(action && action->isCheckable());
        QVERIFY(!action->isChecked());
        QVERIFY(!w->equalizesChannels());
        const std::vector<LayerInfo> plain = table->layers();
        w->setDataset(smallSelection());
        const double plainTop1 = baselineTop1(w);
        QVERIFY(!std::isnan(plainTop1));
        QVERIFY(w->calibrated());
        QVERIFY(w->runs()->rowCount() > 0);
        // An edit, which equalization keeps.
        QVERIFY(table->setData(table->index(2, LayerTableModel::BitsWeights), 6));

        action->trigger();
        QVERIFY(w->equalizesChannels());
        QVERIFY(action->isChecked());
        QCOMPARE(w->runs()->rowCount(), 0); // like a dataset change: not comparable any more
        QVERIFY(!w->calibrated());
        QVERIFY(waitIdle(w));
        QCOMPARE(table->layers().size(), plain.size());
        QCOMPARE(table->configs()[2].bitsWeights, 6);

        // The first layer whose weights changed is a conv whose pair partner (the next layer) changed too.
        int first = -1;
        for (std::size_t i = 0; i < plain.size() && first < 0; ++i)
            if (plain[i].channelMax != table->layers()[i].channelMax)
                first = static_cast<int>(i);
        QVERIFY(first >= 0 && first + 1 < static_cast<int>(plain.size()));
        const auto a = static_cast<std::size_t>(first);
        QCOMPARE(table->layers()[a].opType, QStringLiteral("Conv"));
        QCOMPARE(table->layers()[a + 1].opType, QStringLiteral("Conv"));
        QVERIFY(plain[a + 1].channelMax != table->layers()[a + 1].channelMax);
        // The table's weight range columns show it (per-tensor range of the first conv of the pair).
        const double plainMin = static_cast<double>(*plain[a].weightMin), plainMax = static_cast<double>(*plain[a].weightMax);
        const double eqMin = table->index(first, LayerTableModel::WeightMin).data(Qt::EditRole).toDouble();
        const double eqMax = table->index(first, LayerTableModel::WeightMax).data(Qt::EditRole).toDouble();
        qInfo("pair %s -> %s: first conv weights [%g, %g] plain, [%g, %g] equalized", qPrintable(plain[a].name), qPrintable(plain[a + 1].name),
              plainMin, plainMax, eqMin, eqMax);
        QVERIFY(plainMin != eqMin || plainMax != eqMax);

        // Same function: the FP32 baseline's top-1 is the same within 0.05 points.
        const double equalizedTop1 = baselineTop1(w);
        qInfo("FP32 top-1 on %lld images: %.4f%% plain, %.4f%% equalized", static_cast<long long>(kSamples), plainTop1, equalizedTop1);
        QVERIFY(std::abs(equalizedTop1 - plainTop1) <= 0.05);
        // The int8 run says so in its label and tooltip.
        const std::vector<RunRecord> runs = w->runs()->runs();
        const auto quantized = std::find_if(runs.begin(), runs.end(), [](const RunRecord& r) { return !r.fp32; });
        QVERIFY(quantized != runs.end());
        QVERIFY(quantized->equalized);
        QVERIFY2(quantized->config.endsWith(QStringLiteral(", equalized")), qPrintable(quantized->config));
        const int row = static_cast<int>(quantized - runs.begin());
        QVERIFY(w->runs()->index(row, RunsTableModel::Config).data(Qt::ToolTipRole).toString().contains(QStringLiteral("equalized")));

        // A session round-trip keeps the flag, the runs' flags and the equalized weights.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("equalized.qsession"));
        w->saveSession(path);
        QVERIFY(loadSession(path).equalizeChannels);
        const auto equalized = channelMaxima(table);
        {
            MainWindow other;
            other.setAskToSave(false);
            QSignalSpy opened(other.workbench(), &Workbench::sessionOpened);
            other.workbench()->openSession(path);
            QVERIFY(opened.wait(kJobTimeoutMs));
            QVERIFY(other.workbench()->equalizesChannels());
            QVERIFY(other.findChild<QAction*>(QStringLiteral("equalizeChannelsAction"))->isChecked());
            QVERIFY(channelMaxima(other.workbench()->layers()) == equalized);
            const std::vector<RunRecord> reopened = other.workbench()->runs()->runs();
            QVERIFY(std::any_of(reopened.begin(), reopened.end(), [](const RunRecord& r) { return !r.fp32 && r.equalized; }));
        }

        // Off again, and a calibration at once, which cancels the listing of the layers: they are listed once the
        // calibration is done, with the model's own weights, and the calibrated ranges stay in the table.
        QSignalSpy calibrated(w, &Workbench::calibrationFinished);
        action->trigger();
        QVERIFY(!w->equalizesChannels());
        w->calibrate();
        QVERIFY(calibrated.wait(kJobTimeoutMs));
        QTRY_VERIFY_WITH_TIMEOUT(channelMaxima(table) == [&] {
            std::vector<std::vector<float>> out;
            for (const LayerInfo& l : plain)
                out.push_back(l.channelMax);
            return out;
        }(), kJobTimeoutMs);
        QVERIFY(waitIdle(w));
        QVERIFY(w->calibrated());
        QVERIFY(table->calibrated());
        QVERIFY(table->activationRange(0));

        // A session from before the option (no key) opens with it off.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        QVERIFY(root.contains(QStringLiteral("equalize_channels")));
        root.remove(QStringLiteral("equalize_channels"));
        const QString older = dir.filePath(QStringLiteral("older.qsession"));
        QFile out(older);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(root).toJson());
        out.close();
        QVERIFY(!loadSession(older).equalizeChannels);
    }
};

QTEST_MAIN(TestWorkbenchEqualization)
#include "test_workbench_equalization.moc"
