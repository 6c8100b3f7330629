// LayerTableModel and RunsTableModel: Qt's model contract (QAbstractItemModelTester), undoable single and
// bulk edits, validation of edited values, CSV export.
#include "app/gui/models/layer_table_model.h"
#include "app/gui/models/runs_table_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>
#include <QUndoStack>

using namespace qs::gui;

class TestTableModels : public QObject {
    Q_OBJECT

private:
    static std::vector<LayerInfo> threeLayers()
    {
        std::vector<LayerInfo> layers(3);
        const char* names[] = {"conv1", "relu1", "fc"};
        const char* ops[] = {"Conv", "Relu", "Gemm"};
        for (int i = 0; i < 3; ++i) {
            layers[i].name = QString::fromLatin1(names[i]);
            layers[i].opType = QString::fromLatin1(ops[i]);
            layers[i].outputValue = layers[i].name + QStringLiteral("_out");
        }
        layers[0].hasWeights = layers[2].hasWeights = true;
        layers[0].parameters = 160;
        layers[0].weightMin = -0.5f;
        layers[0].weightMax = 0.5f;
        return layers;
    }

private slots:
    void layerModelPassesTester()
    {
        QUndoStack undo;
        LayerTableModel model(&undo);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.resetLayers(threeLayers());
        model.setActivationRanges({qs::ValueRange{-1.0f, 2.0f}, std::nullopt, qs::ValueRange{0.0f, 3.0f}});
        QVERIFY(model.setData(model.index(1, LayerTableModel::BitsActivations), 6));
        undo.undo();
        undo.redo();
        model.resetLayers({});
        model.resetLayers(threeLayers());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(LayerTableModel::ColumnCount));
    }

    void editIsUndoable()
    {
        QUndoStack undo;
        LayerTableModel model(&undo);
        model.resetLayers(threeLayers());
        QSignalSpy edited(&model, &LayerTableModel::configEdited);
        const QModelIndex bits = model.index(0, LayerTableModel::BitsWeights);
        QCOMPARE(bits.data(Qt::EditRole).toInt(), 8);
        QVERIFY(model.setData(bits, 4));
        QCOMPARE(bits.data(Qt::EditRole).toInt(), 4);
        QCOMPARE(undo.count(), 1);
        QVERIFY(!undo.isClean());
        undo.undo();
        QCOMPARE(bits.data(Qt::EditRole).toInt(), 8);
        undo.redo();
        QCOMPARE(bits.data(Qt::EditRole).toInt(), 4);
        QCOMPARE(edited.count(), 3);
        // Invalid values are refused and push nothing.
        QVERIFY(!model.setData(bits, 12));
        QVERIFY(!model.setData(model.index(0, LayerTableModel::Mode), QStringLiteral("bogus")));
        QVERIFY(!model.setData(model.index(0, LayerTableModel::Name), QStringLiteral("renamed")));
        QCOMPARE(undo.count(), 1);
    }

    void bulkEditIsOneStep()
    {
        QUndoStack undo;
        LayerTableModel model(&undo);
        model.resetLayers(threeLayers());
        model.setBulkRows({0, 2});
        QVERIFY(model.setData(model.index(2, LayerTableModel::Mode), QStringLiteral("sym")));
        model.setBulkRows({});
        QCOMPARE(undo.count(), 1);
        QVERIFY(model.configs()[0].mode == qs::QuantMode::Symmetric);
        QVERIFY(model.configs()[1].mode == qs::QuantMode::AsymmetricUnsigned);
        QVERIFY(model.configs()[2].mode == qs::QuantMode::Symmetric);
        undo.undo();
        QVERIFY(model.configs()[0].mode == qs::QuantMode::AsymmetricUnsigned);
        QVERIFY(model.configs()[2].mode == qs::QuantMode::AsymmetricUnsigned);
        // The same through setDataForRows: no rows means every row, still one undo step, and the bulk rows
        // do not stay set for the next single edit.
        const int steps = undo.index();
        QVERIFY(model.setDataForRows({}, LayerTableModel::BitsWeights, 5));
        QCOMPARE(undo.index(), steps + 1);
        for (const auto& c : model.configs())
            QCOMPARE(c.bitsWeights, 5);
        QVERIFY(model.setData(model.index(1, LayerTableModel::BitsWeights), 6));
        QCOMPARE(model.configs()[0].bitsWeights, 5);
        QCOMPARE(model.configs()[1].bitsWeights, 6);
        QVERIFY(!model.setDataForRows({0, 2}, LayerTableModel::BitsWeights, 99)); // invalid: nothing changes
        QCOMPARE(model.configs()[2].bitsWeights, 5);
    }

    void placeholdersShowDash()
    {
        QUndoStack undo;
        LayerTableModel model(&undo);
        model.resetLayers(threeLayers());
        const QString dash = QStringLiteral("\u2014");
        QCOMPARE(model.index(0, LayerTableModel::ActMin).data().toString(), dash); // not calibrated
        // No export key known (a synthetic layer): the global settings.
        QCOMPARE(model.index(0, LayerTableModel::OverrideKey).data().toString(), QStringLiteral("(global)"));
        QCOMPARE(model.index(0, LayerTableModel::Sqnr).data().toString(), dash);
        QCOMPARE(model.index(1, LayerTableModel::WeightMin).data().toString(), dash);
        QCOMPARE(model.index(0, LayerTableModel::WeightMin).data(Qt::EditRole).toFloat(), -0.5f);
    }

    // The override key column says what Export writes: "(global)" for a layer with the global settings, the
    // layer's own key for any other, an FP32 (no quant) layer included (it used to show "(global)").
    void overrideKeyIsWhatExportWrites()
    {
        QUndoStack undo;
        LayerTableModel model(&undo);
        std::vector<LayerInfo> layers = threeLayers();
        layers[0].exportKey = QStringLiteral("conv1");
        layers[2].exportKey = QStringLiteral("fc");
        LayerConfig global;
        global.bitsActivations = 6;
        model.resetLayers(layers, global);
        QCOMPARE(model.globalConfig().bitsActivations, 6);
        auto key = [&model](int row) { return model.index(row, LayerTableModel::OverrideKey).data().toString(); };
        QCOMPARE(key(0), QStringLiteral("(global)"));
        QCOMPARE(key(2), QStringLiteral("(global)"));
        QVERIFY(model.setData(model.index(0, LayerTableModel::NoQuant), true));
        QCOMPARE(key(0), QStringLiteral("conv1"));
        QCOMPARE(model.index(0, LayerTableModel::OverrideKey).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("The layer's own settings; Export writes them under this key"));
        QVERIFY(model.setData(model.index(2, LayerTableModel::BitsWeights), 4));
        QCOMPARE(key(2), QStringLiteral("fc"));
        // Back to the global settings: no override again.
        QVERIFY(model.setData(model.index(2, LayerTableModel::BitsWeights), 8));
        QCOMPARE(key(2), QStringLiteral("(global)"));
        undo.undo();
        undo.undo();
        undo.undo();
        QCOMPARE(key(0), QStringLiteral("(global)"));
        QCOMPARE(key(2), QStringLiteral("(global)"));
    }

    void runsModelPassesTesterAndExportsCsv()
    {
        RunsTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RunRecord fp32;
        fp32.name = QStringLiteral("FP32 baseline");
        fp32.config = QStringLiteral("FP32");
        fp32.fp32 = true;
        fp32.samples = 1000;
        fp32.top1 = 0.92;
        model.append(fp32);
        RunRecord q = fp32;
        q.fp32 = false;
        q.name = QStringLiteral("Run, \"one\"");
        q.config = QStringLiteral("W8A8");
        q.top1 = 0.91;
        model.append(q);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, RunsTableModel::DeltaTop1).data(Qt::EditRole).toDouble(), 100.0 * (0.91 - 0.92));
        QVERIFY(model.index(0, RunsTableModel::DeltaTop1).data(Qt::EditRole).isNull());
        QVERIFY(model.setData(model.index(1, RunsTableModel::Name), QStringLiteral("renamed")));
        QVERIFY(!model.setData(model.index(1, RunsTableModel::Top1), 0.5));
        QVERIFY(!model.setData(model.index(1, RunsTableModel::Name), QStringLiteral("  ")));
        const QStringList lines = model.toCsv().trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith(QStringLiteral("name,config,images,top1_percent")));
        QVERIFY(lines[2].startsWith(QStringLiteral("renamed,W8A8,1000,91.0000")));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestTableModels)
#include "test_table_models.moc"
