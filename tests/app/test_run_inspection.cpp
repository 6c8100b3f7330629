// What a run evaluated, on the real MainWindow offscreen after real edits and evaluations: the honest label
// ("mixed: <layer> A4" once one layer runs at 4-bit activations), the row tooltip naming the differing layer,
// the configuration dialog (every layer, the changed one in bold with its bits), the comparison of two runs
// (the layers whose settings differ, side by side), the CSV's per-layer columns, and labels that a session
// brings back.
#include "app/gui/main_window.h"
#include "workbench_fixture.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/models/runs_table_model.h"
#include "app/gui/panels/run_config_dialog.h"
#include "app/gui/panels/runs_panel.h"
#include "app/gui/workbench.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <array>

using namespace qs::gui;
using namespace qs::gui::testing;

namespace {
bool evaluate(Workbench* w)
{
    QSignalSpy finished(w, &Workbench::evaluationFinished);
    w->evaluate();
    return finished.wait(kJobTimeoutMs);
}

// The row of `table` whose first column is `layer`, -1 if none.
int rowOf(const QTableWidget* table, const QString& layer)
{
    for (int r = 0; r < table->rowCount(); ++r)
        if (table->item(r, 0) && table->item(r, 0)->text() == layer)
            return r;
    return -1;
}

// CSV fields of one line (RFC 4180 quoting; no line breaks in what these tests write).
QStringList fields(const QString& line)
{
    QStringList out{QString()};
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted && c == QLatin1Char('"') && i + 1 < line.size() && line[i + 1] == QLatin1Char('"'))
            out.last() += line[++i];
        else if (c == QLatin1Char('"'))
            quoted = !quoted;
        else if (c == QLatin1Char(',') && !quoted)
            out << QString();
        else
            out.last() += c;
    }
    return out;
}
} // namespace

class TestRunInspection : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("QuantScopeTests"));
    }

    void runsShowWhatTheyEvaluated()
    {
        MainWindow window;
        window.setAskToSave(false);
        QVERIFY(loadAndCalibrate(window));
        Workbench* w = window.workbench();
        RunsTableModel* runs = w->runs();
        RunsPanel* panel = window.runsPanel();
        const int layerCount = w->layers()->rowCount();
        QVERIFY(layerCount >= 3);
        QStringList names;
        for (const LayerInfo& l : w->layers()->layers())
            names << l.name;

        // Run 1: the first layer at 4-bit activations, everything else the default W8A8 asym_u per-channel.
        QVERIFY(w->layers()->setData(w->layers()->index(0, LayerTableModel::BitsActivations), 4));
        QVERIFY(evaluate(w));
        QCOMPARE(runs->rowCount(), 2);
        QCOMPARE(runs->runs()[1].config, QStringLiteral("W8A8 asym_u pc, mixed: %1 A4").arg(names[0]));
        QCOMPARE(runs->index(1, RunsTableModel::Config).data().toString(), runs->runs()[1].config);

        // (a) The row's tooltip names the differing layer and its setting, and no other layer.
        const QString tip = panel->view()->model()->index(1, RunsTableModel::Top1).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("%1: W8A4 asym_u pc").arg(names[0])), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("W8A8 asym_u pc on %1 of %2 layers").arg(layerCount - 1).arg(layerCount)), qPrintable(tip));
        for (int i = 1; i < layerCount; ++i)
            QVERIFY2(!tip.contains(names[i] + QLatin1Char(':')), qPrintable(tip));

        // (b) Show Configuration on the selected run: every layer, the first in bold with A = 4.
        panel->view()->selectRow(1);
        QVERIFY(panel->showConfigurationAction()->isEnabled());
        QVERIFY(!panel->compareAction()->isEnabled()); // one row selected
        panel->showConfigurationAction()->trigger();
        auto* detail = panel->findChild<RunConfigDialog*>(QStringLiteral("runConfigDialog"));
        QVERIFY(detail);
        QTableWidget* table = detail->table();
        QCOMPARE(table->rowCount(), layerCount);
        for (int i = 0; i < layerCount; ++i) {
            const int r = rowOf(table, names[i]);
            QCOMPARE(r, i); // model order
            QCOMPARE(table->item(r, 1)->text(), QStringLiteral("quantized"));
            QCOMPARE(table->item(r, 2)->text(), QStringLiteral("8"));
            QCOMPARE(table->item(r, 3)->text(), i == 0 ? QStringLiteral("4") : QStringLiteral("8"));
            QCOMPARE(table->item(r, 4)->text(), QStringLiteral("asym_u"));
            QCOMPARE(table->item(r, 5)->text(), QStringLiteral("yes"));
            QCOMPARE(table->item(r, 6)->text(), QStringLiteral("none"));
            QCOMPARE(table->item(r, 0)->font().bold(), i == 0);
        }
        detail->close();

        // Run 2: the first layer back at 8 bits, the last layer FP32 and the second with MSE clipping.
        QVERIFY(w->layers()->setData(w->layers()->index(0, LayerTableModel::BitsActivations), 8));
        QVERIFY(w->layers()->setData(w->layers()->index(layerCount - 1, LayerTableModel::NoQuant), true));
        QVERIFY(w->layers()->setData(w->layers()->index(1, LayerTableModel::Clip), QStringLiteral("mse")));
        QVERIFY(evaluate(w));
        QCOMPARE(runs->rowCount(), 3);
        QCOMPARE(runs->runs()[2].config, QStringLiteral("W8A8 asym_u pc, mixed: %1 mse, %2 FP32").arg(names[1], names[layerCount - 1]));

        // (c) Compare Runs on the two selected runs: the three layers that differ, side by side.
        panel->view()->selectRow(1);
        panel->view()->selectionModel()->select(panel->view()->model()->index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(panel->selectedRuns(), (std::vector<int>{1, 2}));
        QVERIFY(panel->compareAction()->isEnabled());
        panel->compareAction()->trigger();
        auto* diff = panel->findChild<RunConfigDialog*>(QStringLiteral("runCompareDialog"));
        QVERIFY(diff);
        QTableWidget* d = diff->table();
        QCOMPARE(d->rowCount(), 3);
        QCOMPARE(d->horizontalHeaderItem(1)->text(), runs->runs()[1].name);
        QCOMPARE(d->horizontalHeaderItem(2)->text(), runs->runs()[2].name);
        const std::vector<std::array<QString, 3>> expected = {
            {names[0], QStringLiteral("W8A4 asym_u pc"), QStringLiteral("W8A8 asym_u pc")},
            {names[1], QStringLiteral("W8A8 asym_u pc"), QStringLiteral("W8A8 asym_u pc mse")},
            {names[layerCount - 1], QStringLiteral("W8A8 asym_u pc"), QStringLiteral("FP32")},
        };
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 3; ++c)
                QCOMPARE(d->item(r, c)->text(), expected[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)]);
        QVERIFY(diff->summary()->text().contains(QStringLiteral("3 of %1 layers differ").arg(layerCount)));
        diff->close();

        // Against the FP32 baseline every layer of run 1 differs.
        RunConfigDialog* vsBaseline = panel->compareRuns(0, 1);
        QVERIFY(vsBaseline);
        QCOMPARE(vsBaseline->table()->rowCount(), layerCount);
        QCOMPARE(vsBaseline->table()->item(0, 1)->text(), QStringLiteral("FP32"));
        vsBaseline->close();

        // (d) The CSV: one column per layer, in model order, with the setting each run evaluated it at.
        QTemporaryDir dir;
        const QString csvPath = dir.filePath(QStringLiteral("runs.csv"));
        w->exportRunsCsv(csvPath);
        QFile file(csvPath);
        QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 4);
        const QStringList header = fields(lines[0]);
        const int first = static_cast<int>(header.indexOf(QStringLiteral("date"))) + 1;
        QCOMPARE(header.mid(first), names);
        const QStringList baseline = fields(lines[1]), run1 = fields(lines[2]), run2 = fields(lines[3]);
        QCOMPARE(run1[1], runs->runs()[1].config);
        for (const QStringList* row : {&baseline, &run1, &run2})
            QCOMPARE(row->size(), header.size());
        for (int i = 0; i < layerCount; ++i) {
            QCOMPARE(baseline[first + i], QStringLiteral("FP32"));
            QCOMPARE(run1[first + i], i == 0 ? QStringLiteral("W8A4 asym_u pc") : QStringLiteral("W8A8 asym_u pc"));
        }
        QCOMPARE(run2[first], QStringLiteral("W8A8 asym_u pc"));
        QCOMPARE(run2[first + 1], QStringLiteral("W8A8 asym_u pc mse"));
        QCOMPARE(run2[first + layerCount - 1], QStringLiteral("FP32"));

        // (e) A saved session brings the runs back with their labels (made again from the stored settings).
        const QString sessionPath = dir.filePath(QStringLiteral("s.qsession"));
        w->saveSession(sessionPath);
        MainWindow reopened;
        reopened.setAskToSave(false);
        QVERIFY(openSessionIn(reopened, sessionPath));
        QCOMPARE(reopened.workbench()->runs()->runs()[1].config, runs->runs()[1].config);
        QCOMPARE(reopened.workbench()->runs()->runs()[2].config, runs->runs()[2].config);
    }

    // A double-click on a run (outside its editable name) opens its configuration.
    void doubleClickShowsConfiguration()
    {
        MainWindow window;
        window.setAskToSave(false);
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(loadModel(window));
        Workbench* w = window.workbench();
        w->setDataset(subsetSelection());
        QVERIFY(evaluate(w));
        QCOMPARE(w->runs()->rowCount(), 2);
        QTableView* view = window.runsPanel()->view();
        const QModelIndex top1 = view->model()->index(1, RunsTableModel::Top1);
        view->scrollTo(top1);
        const QRect cell = view->visualRect(top1);
        QVERIFY(view->viewport()->rect().contains(cell.center()));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center()); // the press the double-click belongs to
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QTRY_VERIFY(window.runsPanel()->findChild<RunConfigDialog*>(QStringLiteral("runConfigDialog")));
        auto* dialog = window.runsPanel()->findChild<RunConfigDialog*>(QStringLiteral("runConfigDialog"));
        QCOMPARE(dialog->table()->rowCount(), w->layers()->rowCount());
        QVERIFY(!view->isPersistentEditorOpen(view->model()->index(1, RunsTableModel::Name)));
        dialog->close();
    }
};

QTEST_MAIN(TestRunInspection)
#include "test_run_inspection.moc"
