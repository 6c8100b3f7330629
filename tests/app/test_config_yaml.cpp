// The workbench's Distiller YAML export and import: edited layer settings survive export -> reset -> import
// exactly (as one undoable edit), the file's global section is the workbench's global settings with overrides
// only where a layer differs, and a malformed file is reported with its line while nothing changes.
#include "app/gui/main_window.h"
#include "app/gui/models/layer_table_model.h"
#include "app/gui/panels/log_panel.h"
#include "app/gui/jobs/workbench_jobs.h"
#include "app/gui/workbench.h"
#include "core/engine/cpu_features.h"
#include "core/onnx_import/onnx_importer.h"
#include "tests/app/workbench_fixture.h"
#include "core/distiller/distiller_resolve.h"
#include "core/distiller/distiller_yaml.h"
#include "core/quant/plan_builder.h"
#include "core/transforms/prepare_graph.h"
#include "core/util/error.h"
#include "core/util/progress.h"

#include <QAction>
#include <QFile>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <set>

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

    // Export writes the workbench's global settings as Distiller's global section and an override only for the
    // layers that differ from them (it used to write null global bits and one override per layer, so the global
    // per_channel_wts / mode contradicted every override); importing the file gives the same layers back, and
    // the file resolved the way the CLI resolves it quantizes exactly what the workbench runs.
    void exportWritesTheGlobalsAndOnlyTheLayersThatDiffer()
    {
        MainWindow window;
        QSignalSpy loaded(window.workbench(), &Workbench::modelLoaded);
        const QString model = QStringLiteral(QS_TEST_DATA_DIR "/models/fmnist_resnet8.onnx");
        window.openModel(model);
        QVERIFY(loaded.wait(60'000));
        Workbench* w = window.workbench();
        LayerTableModel* layers = w->layers();
        QVERIFY(layers->rowCount() >= 4);
        const LayerConfig global = layers->globalConfig();
        QVERIFY(layers->setData(layers->index(0, LayerTableModel::BitsActivations), 6));
        QVERIFY(layers->setData(layers->index(3, LayerTableModel::NoQuant), true));
        const std::vector<LayerConfig> edited = layers->configs();

        QTemporaryDir dir;
        const QString path = dir.filePath("config.yaml");
        w->exportConfig(path);
        const DistillerConfig file = readDistillerConfig(path.toStdString());
        QVERIFY(file.global.bitsActivations == std::optional<NullableBits>(NullableBits(global.bitsActivations)));
        QVERIFY(file.global.bitsWeights == std::optional<NullableBits>(NullableBits(global.bitsWeights)));
        QVERIFY(file.global.mode == std::optional<DistillerModes>(DistillerModes{global.mode, global.mode}));
        QVERIFY(file.global.perChannelWts == std::optional<bool>(global.perChannel));
        QVERIFY(file.global.clipActs == std::optional<RangeMethod>(global.clip));

        QStringList patterns;
        for (const DistillerOverride& o : file.overrides)
            patterns << QString::fromStdString(o.pattern);
        QCOMPARE(patterns, (QStringList{layers->layers()[0].exportKey, layers->layers()[3].exportKey}));
        // Only the keys that differ: 6-bit activations, and null bits (FP32).
        DistillerSettings sixBits;
        sixBits.bitsActivations = NullableBits(6);
        QVERIFY(file.overrides[0].settings == sixBits);
        DistillerSettings fp32;
        fp32.bitsActivations = NullableBits();
        fp32.bitsWeights = NullableBits();
        QVERIFY(file.overrides[1].settings == fp32);

        // The file, resolved as the CLI resolves it, quantizes the same values with the same settings.
        Progress progress;
        const LoadedModel reference = loadModel(model, progress);
        auto planOf = [&](const PtqConfig& config) {
            return buildQuantizationPlan(
                *reference.prepared,
                [&](const Node& node) -> std::optional<LayerQuantSettings> {
                    const LayerPtqSettings s = config.resolve(node);
                    return s.quantize ? std::optional<LayerQuantSettings>(s.quant) : std::nullopt;
                },
                [](const std::string&, const Node&, const LayerQuantSettings& q) { return ValueRange{-1.0f, float(q.bitsActivations)}; });
        };
        const QuantizationPlan ours = planOf(toPtqConfig(layers->layers(), layers->configs()));
        const QuantizationPlan theirs = planOf(toPtqConfig(file, *reference.prepared));
        QVERIFY(!ours.activations.empty());
        QCOMPARE(theirs.activations.size(), ours.activations.size());
        for (const auto& [value, quant] : ours.activations) {
            QVERIFY2(theirs.activations.count(value), value.c_str());
            QCOMPARE(theirs.activations.at(value).scale, quant.scale);
        }
        QCOMPARE(theirs.layers.size(), ours.layers.size());

        // Round trip: back to the defaults, import, the same layers; the key column shows what the file says.
        while (w->undoStack()->canUndo())
            w->undoStack()->undo();
        w->importConfig(path);
        QVERIFY(layers->configs() == edited);
        auto key = [layers](int row) { return layers->data(layers->index(row, LayerTableModel::OverrideKey)).toString(); };
        QCOMPARE(key(0), layers->layers()[0].exportKey);
        QCOMPARE(key(3), layers->layers()[3].exportKey);
        QCOMPARE(key(1), QStringLiteral("(global)"));
    }

    // An operator without a row (here a Concat of two integer branches, read through a pooling) runs FP32 in the
    // workbench; the file's global settings would quantize it on its own, so Export gives it an FP32 override and the file resolved by
    // the CLI's path quantizes exactly what the workbench runs.
    void exportKeepsOperatorsWithoutARowAsTheWorkbenchRunsThem()
    {
        Graph g;
        g.opsetVersion = 13;
        g.sourcePath = "synthetic";
        g.inputs.push_back(ValueInfo{"x", DataType::Float32, {1, 4, 8, 8}, {}, true});
        auto weights = [](Shape shape) {
            Tensor t(DataType::Float32, std::move(shape));
            float v = -0.5f;
            for (float& w : t.floats())
                w = (v += 0.01f);
            return t;
        };
        g.initializers["w1"] = weights({4, 4, 1, 1});
        g.initializers["w2"] = weights({4, 4, 1, 1});
        g.initializers["w3"] = weights({4, 8, 1, 1});
        g.outputs.push_back(ValueInfo{"y", DataType::Float32, {}, {}, false});
        auto node = [](const std::string& name, const std::string& type, std::vector<std::string> in, std::vector<std::string> out) {
            Node n;
            n.name = name;
            n.opType = type;
            n.inputs = std::move(in);
            n.outputs = std::move(out);
            return n;
        };
        Node cat = node("concat", "Concat", {"a", "b"}, {"cat"});
        cat.attributes.set("axis", int64_t{1});
        Node pool = node("pool", "MaxPool", {"cat"}, {"p"});
        pool.attributes.set("kernel_shape", std::vector<int64_t>{2, 2});
        pool.attributes.set("strides", std::vector<int64_t>{2, 2});
        g.nodes = {node("conv1", "Conv", {"x", "w1"}, {"c1"}), node("relu1", "Relu", {"c1"}, {"a"}), node("conv2", "Conv", {"x", "w2"}, {"c2"}),
                   node("relu2", "Relu", {"c2"}, {"b"}), cat, pool, node("conv3", "Conv", {"p", "w3"}, {"y"})};
        PrepareOptions options;
        options.shapes.exact["x"] = {1, 4, 8, 8};
        const Graph prepared = prepareGraph(g, options);

        QUndoStack undo;
        LayerTableModel table(&undo);
        table.resetLayers(quantizableLayers(prepared));
        QCOMPARE(table.rowCount(), 3);
        const PtqConfig exported = exportedConfig(table, prepared);
        QVERIFY(exported.defaults == toPtqSettings(table.globalConfig()));
        QVERIFY(exported.perLayer.count("concat"));
        QVERIFY(!exported.perLayer.at("concat").quantize);

        auto structure = [&prepared](const PtqConfig& config) {
            std::set<std::string> values;
            for (const auto& [value, quant] : planLayout(prepared, config).activations)
                values.insert(value);
            return values;
        };
        const DistillerConfig file = fromPtqConfig(exported, prepared);
        QCOMPARE(file.overrides.size(), std::size_t(1)); // the concat only: every conv has the global settings
        const std::set<std::string> ours = structure(toPtqConfig(table.layers(), table.configs()));
        QVERIFY(!ours.count("cat"));
        QVERIFY(structure(toPtqConfig(file, prepared)) == ours);
        // Without that override the file would quantize the concat on its own.
        PtqConfig globalOnly = exported;
        globalOnly.perLayer.erase("concat");
        QVERIFY(structure(globalOnly).count("cat"));
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

        // The override key column says what Export writes: "(global)" for a layer with the global settings, its
        // own key ("l1\.c1": the module path, escaped) once it differs, an FP32 layer included; after importing a
        // config with a regex override the pattern that matched, or "(global)" where the imported global settings
        // apply.
        QCOMPARE(layers->data(layers->index(1, LayerTableModel::OverrideKey)).toString(), QStringLiteral("(global)"));
        QCOMPARE(layers->layers()[1].exportKey, QStringLiteral("l1\\.c1"));
        QVERIFY(layers->setData(layers->index(1, LayerTableModel::BitsWeights), 4));
        QCOMPARE(layers->data(layers->index(1, LayerTableModel::OverrideKey)).toString(), layers->layers()[1].exportKey);
        w->undoStack()->undo();
        QVERIFY(layers->setData(layers->index(1, LayerTableModel::NoQuant), true));
        QCOMPARE(layers->data(layers->index(1, LayerTableModel::OverrideKey)).toString(), layers->layers()[1].exportKey);
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

    // File > Export Quantized Model writes the table's quantization as a QDQ ONNX file: refused with a message before
    // calibration, and afterwards a model with int8 weights for every quantized layer that imports and runs.
    void quantizedModelExportsAsQdqOnnx()
    {
        MainWindow window;
        QVERIFY(testing::loadModel(window));
        Workbench* w = window.workbench();
        QTemporaryDir dir;
        const QString path = dir.filePath("model_int8_qdq.onnx");
        QString message;
        try {
            w->exportQuantizedModel(path);
        } catch (const Error& e) {
            message = QString::fromStdString(e.what());
        }
        QVERIFY2(message.contains("not calibrated"), qPrintable(message));
        QVERIFY(!QFile::exists(path));
        QVERIFY(testing::loadAndCalibrate(window));
        QVERIFY(w->layers()->setData(w->layers()->index(0, LayerTableModel::BitsActivations), 4)); // a narrow grid: noted
        const QStringList notes = w->exportQuantizedModel(path);
        // The narrow grid; without VNNI the layers on a 7-bit grid; the 8-bit weights ONNX Runtime's kernels without VNNI
        // can saturate on (every layer's on a VNNI CPU, the ones kept at 8 bits without).
        const QString joined = notes.join('\n');
        QVERIFY2(notes.size() >= 1 + !cpuFeatures().hasVnni && notes.size() <= 2 + !cpuFeatures().hasVnni && joined.contains("narrower than 8 bits"),
                 qPrintable(joined));
        QVERIFY2(!cpuFeatures().hasVnni || joined.contains("8-bit weights: ONNX Runtime's int8 kernels"), qPrintable(joined));
        const Graph written = importOnnxFile(path.toStdString());
        int int8Weights = 0, quantizeNodes = 0;
        for (const auto& [name, t] : written.initializers)
            int8Weights += t.dtype() == DataType::Int8 && t.rank() >= 2;
        for (const Node& node : written.nodes)
            quantizeNodes += node.opType == "QuantizeLinear";
        QVERIFY(int8Weights >= 3); // fmnist_cnn_bn's convolutions and Gemms
        QVERIFY(quantizeNodes >= int8Weights);
        bool inMenu = false;
        for (QAction* menu : window.menuBar()->actions())
            if (menu->menu())
                for (QAction* action : menu->menu()->actions())
                    inMenu = inMenu || action->text().contains("Quantized Model");
        QVERIFY2(inMenu, "no Export Quantized Model action in the menus");
    }

    // The menu's path runs the export off the GUI thread: the table is taken when it starts (an edit made while the
    // file is written does not reach it), the notes land in the log, and a file that cannot be written is an error
    // naming it; the action is disabled while a file is written.
    void quantizedModelExportRunsInTheBackground()
    {
        MainWindow window;
        QVERIFY(testing::loadAndCalibrate(window));
        Workbench* w = window.workbench();
        QTemporaryDir dir;
        const QString path = dir.filePath("background_qdq.onnx");
        QSignalSpy exported(&window, &MainWindow::quantizedModelExported);
        QSignalSpy errors(&window, &MainWindow::errorShown);
        QVERIFY(w->layers()->setData(w->layers()->index(0, LayerTableModel::BitsActivations), 4)); // noted in the file
        window.exportQuantizedModelTo(path);
        QAction* action = nullptr;
        for (QAction* a : window.findChildren<QAction*>())
            if (a->text().contains("Quantized Model"))
                action = a;
        QVERIFY(action);
        QVERIFY(!exported.isEmpty() || !action->isEnabled()); // still writing: the action waits
        QVERIFY(w->layers()->setData(w->layers()->index(0, LayerTableModel::BitsActivations), 8)); // after the start
        QVERIFY(exported.wait(20000));
        QVERIFY(errors.isEmpty());
        QCOMPARE(exported.at(0).at(0).toString(), path);
        QVERIFY(action->isEnabled());
        const QString log = window.logPanel()->toPlainText();
        QVERIFY2(log.contains("Quantized model exported to " + path) && log.contains("narrower than 8 bits"), qPrintable(log));
        const Graph written = importOnnxFile(path.toStdString());
        int clips = 0;
        for (const Node& node : written.nodes)
            clips += node.opType == "Clip";
        QVERIFY2(clips > 0, "the 4-bit grid of the first layer (set before the export started) has no Clip in the file");

        const QString unwritable = dir.filePath("no_such_folder/model.onnx");
        window.exportQuantizedModelTo(unwritable);
        QVERIFY(errors.wait(20000));
        QVERIFY2(errors.at(0).at(0).toString().contains("no_such_folder"), qPrintable(errors.at(0).at(0).toString()));
        QCOMPARE(exported.size(), 1);
        QVERIFY(action->isEnabled());
    }
};

QTEST_MAIN(TestConfigYaml)
#include "test_config_yaml.moc"
