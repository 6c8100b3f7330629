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
