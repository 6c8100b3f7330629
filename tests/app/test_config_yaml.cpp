// The workbench's Distiller YAML export and import: edited layer settings survive export -> reset -> import
// exactly (as one undoable edit), and a malformed file is reported with its line while nothing changes.
#include "app/gui/main_window.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/workbench.h"
#include "core/util/error.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace qs;
using namespace qs::gui;

class TestConfigYaml : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("QuantScopeTests"));
    }

    // Every clip method and every mode, set on one layer through the table, comes back from Export -> Import.
    void everyClipMethodAndModeRoundTrips()
    {
        MainWindow window;
        QSignalSpy loaded(window.workbench(), &Workbench::modelLoaded);
        window.openModel(QStringLiteral(QS_TEST_DATA_DIR "/models/fmnist_cnn.onnx"));
        QVERIFY(loaded.wait(60'000));
        Workbench* w = window.workbench();
        LayerTableModel* layers = w->layers();
        QTemporaryDir dir;
        const QString path = dir.filePath("config.yaml");
        for (const QString& clip : clipMethodNames()) {
            for (const QString& mode : modeNames()) {
                QVERIFY(layers->setData(layers->index(0, LayerTableModel::Clip), clip));
                QVERIFY(layers->setData(layers->index(0, LayerTableModel::Mode), mode));
                const std::vector<LayerConfig> edited = layers->configs();
                w->exportConfig(path);
                while (w->undoStack()->canUndo())
                    w->undoStack()->undo();
                const QStringList problems = w->importConfig(path);
                QVERIFY2(layers->configs()[0].clip == edited[0].clip && layers->configs()[0].mode == edited[0].mode,
                         qPrintable(clip + QLatin1Char(' ') + mode + QLatin1Char(' ') + problems.join(QLatin1Char(';'))));
            }
        }
    }

    void exportThenImportRestoresTheEdits()
    {
        MainWindow window;
        QSignalSpy loaded(window.workbench(), &Workbench::modelLoaded);
        window.openModel(QStringLiteral(QS_TEST_DATA_DIR "/models/fmnist_resnet8.onnx"));
        QVERIFY(loaded.wait(60'000));
        Workbench* w = window.workbench();
        LayerTableModel* layers = w->layers();
        QVERIFY(layers->rowCount() >= 4);
        const std::vector<LayerConfig> defaults = layers->configs();

        // Edits through the model, as the table does: bits, mode, clip, FP32 for one layer.
        QVERIFY(layers->setData(layers->index(0, LayerTableModel::BitsActivations), 6));
        QVERIFY(layers->setData(layers->index(1, LayerTableModel::BitsWeights), 4));
        QVERIFY(layers->setData(layers->index(2, LayerTableModel::Clip), QStringLiteral("laplace")));
        QVERIFY(layers->setData(layers->index(3, LayerTableModel::NoQuant), true));
        const std::vector<LayerConfig> edited = layers->configs();
        QVERIFY(edited != defaults);

        QTemporaryDir dir;
        const QString path = dir.filePath("config.yaml");
        w->exportConfig(path);
        QVERIFY(QFile::exists(path));

        // Back to the defaults, then import: the edited settings return, as one undo step.
        while (w->undoStack()->canUndo())
            w->undoStack()->undo();
        QVERIFY(layers->configs() == defaults);
        w->importConfig(path);
        QVERIFY(layers->configs() == edited);
        w->undoStack()->undo();
        QVERIFY(layers->configs() == defaults);

        // The override key column: the key Export writes for a quantized layer ("l1\.c1": the module path,
        // escaped), "(global)" for an FP32 one, and after importing a config with a regex override the pattern
        // that matched, or "(global)" where the imported global settings apply.
        QCOMPARE(layers->data(layers->index(1, LayerTableModel::OverrideKey)).toString(), layers->layers()[1].exportKey);
        QCOMPARE(layers->layers()[1].exportKey, QStringLiteral("l1\\.c1"));
        QVERIFY(layers->setData(layers->index(1, LayerTableModel::NoQuant), true));
        QCOMPARE(layers->data(layers->index(1, LayerTableModel::OverrideKey)).toString(), QStringLiteral("(global)"));
        w->undoStack()->undo();
        const QString regex = dir.filePath("regex.yaml");
        {
            QFile file(regex);
            QVERIFY(file.open(QIODevice::WriteOnly));
            // A pattern on the first layer's module path only (its export key is that path, escaped).
            file.write(QStringLiteral("quantizers:\n  q:\n    class: PostTrainLinearQuantizer\n    bits_activations: 8\n    bits_parameters: 8\n"
                                      "    overrides:\n      '%1.*':\n        bits_weights: 6\n")
                           .arg(layers->layers()[0].exportKey)
                           .toUtf8());
        }
        try {
            w->importConfig(regex);
        } catch (const Error& e) {
            QFAIL(e.what());
        }
        QCOMPARE(layers->configs()[0].bitsWeights, 6);
        QCOMPARE(layers->data(layers->index(0, LayerTableModel::OverrideKey)).toString(), layers->layers()[0].exportKey + QStringLiteral(".*"));
        QCOMPARE(layers->data(layers->index(layers->rowCount() - 1, LayerTableModel::OverrideKey)).toString(), QStringLiteral("(global)"));
        w->undoStack()->undo();
        QVERIFY(layers->configs() == defaults);

        // A bad value: the message names the file's line, and nothing is applied.
        const QString bad = dir.filePath("bad.yaml");
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("quantizers:\n  q:\n    class: PostTrainLinearQuantizer\n    mode: SYMETRIC\n");
        file.close();
        try {
            w->importConfig(bad);
            QFAIL("a malformed config was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("bad.yaml:4"), e.what());
        }
        QVERIFY(layers->configs() == defaults);
    }
};

QTEST_MAIN(TestConfigYaml)
#include "test_config_yaml.moc"
