// Statistics in Distiller's stats YAML schema: real Distiller files (ResNet-18, ResNet-50) load with their
// numbers intact, a hand-written file in the schema loads, statistics a file lacks stay missing (and a clip
// mode that needs them says so), our own files round-trip, and malformed files name file and line.
#include "core/data/dataset_factory.h"
#include "core/data/subset.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ranges/clip_methods.h"
#include "core/distiller/stats_yaml.h"
#include "core/util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace qs;

class TestStatsYaml : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    std::string write(const char* name, const std::string& text)
    {
        const std::string path = m_dir.filePath(name).toStdString();
        std::ofstream(path) << text;
        return path;
    }

private slots:
    void readsRealDistillerStatistics()
    {
        const StatsFile f = readStatsYaml(QS_TEST_DATA_DIR "/distiller_stats/resnet18_quant_stats.yaml");
        QCOMPARE(static_cast<int>(f.layers.size()), 68); // top-level layer keys in the file
        QCOMPARE(QString::fromStdString(f.layers.front().name), QString("conv1"));
        QCOMPARE(QString::fromStdString(f.layers.back().name), QString("fc"));
        const StatsFile::Layer* conv1 = f.find("conv1");
        QVERIFY(conv1 && conv1->inputs.size() == 1 && conv1->hasOutput);
        const ActivationStats& in = conv1->inputs.at(0);
        QCOMPARE(in.min, -2.1179039478302);
        QCOMPARE(in.max, 2.640000104904175);
        QCOMPARE(in.avgMin, -2.0179028272628785);
        QCOMPARE(in.b, 1.0037795305252075);
        QVERIFY(in.shape == (Shape{256, 3, 224, 224}));
        QCOMPARE(conv1->output.std, 1.7580939173603671);
        const StatsFile::Layer* fc = f.find("fc");
        QVERIFY(fc);
        QCOMPARE(fc->inputs.at(0).max, 23.313302993774414);
        QCOMPARE(fc->inputs.at(0).avgMax, 6.189624261856079);
        QCOMPARE(fc->inputs.at(0).b, 0.68059321641922);
        QVERIFY(fc->inputs.at(0).shape == (Shape{256, 512}));
        QVERIFY(fc->hasOutput);
        QCOMPARE(fc->output.min, -12.27712631225586);
        QCOMPARE(fc->output.std, 2.8061255378564596);
        QVERIFY(fc->output.shape == (Shape{256, 1000}));
        // Residual adds have two inputs: the block's output before the add and the (ReLU'd) shortcut.
        const StatsFile::Layer* add = f.find("layer1.0.add");
        QVERIFY(add);
        QCOMPARE(static_cast<int>(add->inputs.size()), 2);
        QCOMPARE(add->inputs.at(0).min, -6.498610496520996);
        QCOMPARE(add->inputs.at(1).min, 0.0);
        QCOMPARE(add->inputs.at(1).max, 7.357358932495117);

        const StatsFile r50 = readStatsYaml(QS_TEST_DATA_DIR "/distiller_stats/resnet50_quant_stats.yaml");
        QCOMPARE(static_cast<int>(r50.layers.size()), 174);
        for (const auto& layer : r50.layers) {
            QVERIFY2(layer.hasOutput && layer.output.min <= layer.output.max, layer.name.c_str());
            QVERIFY2(!std::isnan(layer.output.b) && !std::isnan(layer.output.std), layer.name.c_str());
        }
    }

    void missingStatisticsStayMissing()
    {
        // A file without b (or mean, std): laplace must refuse, naming the statistic, instead of clipping at
        // zero; methods that do not need it still work.
        const std::string path = write("no_b.yaml", "relu:\n  output: {min: 0, max: 6, avg_min: 0, avg_max: 4, mean: 1, std: 1.5}\n");
        const StatsFile f = readStatsYaml(path);
        const ActivationStats& s = f.layers[0].output;
        QVERIFY(std::isnan(s.b));
        QCOMPARE(s.std, 1.5);
        try {
            pickRange(RangeMethod::Laplace, s, 8, QuantMode::AsymmetricUnsigned);
            QFAIL("laplace without b");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("'b'"), e.what());
        }
        const ValueRange avg = pickRange(RangeMethod::Avg, s, 8, QuantMode::AsymmetricUnsigned);
        QCOMPARE(avg.max, 4.0f);
        const ValueRange nStd = pickRange(RangeMethod::NStd, s, 8, QuantMode::AsymmetricUnsigned);
        QCOMPARE(nStd.max, 5.5f); // mean + 3 std
    }

    void readsAHandWrittenFileInTheSchema()
    {
        const std::string path = write("hand.yaml",
                                       "conv:\n"
                                       "  inputs:\n"
                                       "    0: {min: -1.5, max: 2.5, avg_min: -1.0, avg_max: 2.0, mean: 0.25, std: 0.75, b: 0.5, shape: '(8, 3, 32, 32)'}\n"
                                       "  output: {min: 0, max: 6}\n");
        const StatsFile f = readStatsYaml(path);
        QCOMPARE(static_cast<int>(f.layers.size()), 1);
        const auto& s = f.layers[0].inputs.at(0);
        QCOMPARE(s.min, -1.5);
        QCOMPARE(s.avgMax, 2.0);
        QCOMPARE(s.std, 0.75);
        QVERIFY(s.shape == (Shape{8, 3, 32, 32}));
        // Missing optional keys fall back to min/max.
        QCOMPARE(f.layers[0].output.avgMax, 6.0);
    }

    void ourStatisticsRoundTripIncludingHistograms()
    {
        const Graph model = importOnnxFile(QS_SOURCE_DIR "/resources/models/fmnist_demo.onnx");
        const auto train = openDataset("fashion-mnist:/usr/share/datasets/fashion-mnist", Split::Train, PreprocessSpec::fashionMnist());
        const Calibration c = calibrate(model, *train, firstIndices(train->size(), 96), 32);
        const std::string path = m_dir.filePath("ours.yaml").toStdString();
        writeStatsYaml(c, path);
        writeHistogramSidecar(c, path + ".hist.yaml");
        int matched = 0;
        const Calibration back = calibrationFromStatsFile(c.prepared, path, &matched);
        QCOMPARE(matched, static_cast<int>(layerStats(c.prepared).size()));
        QVERIFY(!back.values.empty());
        for (const auto& [value, s] : back.values) {
            const ActivationStats& orig = c.values.at(value);
            QCOMPARE(s.min, orig.min);
            QCOMPARE(s.max, orig.max);
            QCOMPARE(s.avgMin, orig.avgMin);
            QCOMPARE(s.avgMax, orig.avgMax);
            QCOMPARE(s.mean, orig.mean);
            QCOMPARE(s.std, orig.std);
            QCOMPARE(s.b, orig.b);
            QVERIFY(s.shape == orig.shape);
            QCOMPARE(s.histogram.lo(), orig.histogram.lo());
            QVERIFY(s.histogram.counts() == orig.histogram.counts());
        }
    }

    void modulePathsOfPyTorchExports()
    {
        QCOMPARE(QString::fromStdString(modulePath("/layer1/layer1.0/conv1/Conv")), QString("layer1.0.conv1"));
        QCOMPARE(QString::fromStdString(modulePath("/layer2/layer2.0/downsample/downsample.0/Conv")), QString("layer2.0.downsample.0"));
        QCOMPARE(QString::fromStdString(modulePath("/l2/sc/sc.0/Conv")), QString("l2.sc.0"));
        QCOMPARE(QString::fromStdString(modulePath("/features/conv1/Conv")), QString("features.conv1"));
        QCOMPARE(QString::fromStdString(modulePath("/fc/Gemm")), QString("fc"));
        QCOMPARE(QString::fromStdString(modulePath("Conv_0")), QString("Conv_0"));
    }

    void malformedFilesNameTheLine()
    {
        auto messageOf = [](const std::string& p) {
            try {
                readStatsYaml(p);
            } catch (const Error& e) {
                return QString(e.what());
            }
            return QString();
        };
        QString m = messageOf(write("bad1.yaml", "conv:\n  inputs:\n    0: {min: 1, max: zero}\n"));
        QVERIFY2(m.contains("bad1.yaml:3") && m.contains("'max' is not a number"), qPrintable(m));
        m = messageOf(write("bad2.yaml", "conv:\n  outputs: {min: 0, max: 1}\n"));
        QVERIFY2(m.contains("bad2.yaml:2") && m.contains("unknown key 'outputs'"), qPrintable(m));
        m = messageOf(write("bad3.yaml", "conv:\n  inputs: [1, 2\n"));
        QVERIFY2(m.contains("bad3.yaml") && m.contains("malformed YAML"), qPrintable(m));
        m = messageOf(write("bad4.yaml", "conv:\n  output: {min: 3, max: 1}\n"));
        QVERIFY2(m.contains("greater than max"), qPrintable(m));
        m = messageOf(write("bad5.yaml", "conv:\n  output:\n    min: 0\n    max: 1\n    shape: (1, x)\n"));
        QVERIFY2(m.contains("bad5.yaml:5") && m.contains("shape"), qPrintable(m));
        m = messageOf(write("bad6.yaml", "- 1\n- 2\n"));
        QVERIFY2(m.contains("bad6.yaml:1"), qPrintable(m));
        m = messageOf(write("bad7.yaml", "conv:\n  output:\n    min: 1\n"));
        QVERIFY2(m.contains("bad7.yaml:3") && m.contains("missing 'max'") && m.contains("conv"), qPrintable(m));
        QVERIFY(messageOf(QS_TEST_DATA_DIR "/distiller_stats/does_not_exist.yaml").contains("does_not_exist.yaml"));
        // Shapes as Python tuples (with the one-element trailing comma) or YAML lists.
        const StatsFile shapes = readStatsYaml(write("shapes.yaml", "a:\n  output: {min: 0, max: 1, shape: '(512,)'}\n"
                                                                   "b:\n  output: {min: 0, max: 1, shape: [8, 16]}\n"));
        QVERIFY(shapes.layers[0].output.shape == (Shape{512}));
        QVERIFY(shapes.layers[1].output.shape == (Shape{8, 16}));
    }

    // .inf / .nan, or a value so large that a range or scale computed from it overflows, would quantize with
    // infinite scales and NaN logits; the reader refuses them, naming the file, the value's line and the layer.
    // Keys and values of the wrong kind, and a dimension past int64, are errors naming the file and line (they
    // escaped as yaml-cpp / std::stoll exceptions, "internal error" in the CLI).
    void wrongKindsNameTheLine_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("list as layer name") << "[a, b]:\n  output: {min: 0, max: 1}\n";
        QTest::newRow("list as input index") << "conv1:\n  inputs:\n    [0]: {min: 0, max: 1}\n";
        QTest::newRow("huge dim") << "conv1:\n  output: {min: 0, max: 1, shape: (99999999999999999999, 3)}\n";
    }

    void wrongKindsNameTheLine()
    {
        QFETCH(QString, text);
        const std::string path = write("kinds.yaml", text.toStdString());
        try {
            readStatsYaml(path);
            QFAIL("accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("kinds.yaml:"), e.what());
        } catch (const std::exception& e) {
            QFAIL(qPrintable(QString("not a qs::Error: ") + e.what()));
        }
    }

    void nonFiniteStatisticsAreRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("max .inf") << "max" << ".inf";
        QTest::newRow("min -.inf") << "min" << "-.inf";
        QTest::newRow("max .nan") << "max" << ".nan";
        QTest::newRow("max 1e308") << "max" << "1e308";
        QTest::newRow("min -1e308") << "min" << "-1e308";
        QTest::newRow("avg_max 1e31") << "avg_max" << "1e31";
        QTest::newRow("std .inf") << "std" << ".inf";
        QTest::newRow("mean .nan") << "mean" << ".nan";
        QTest::newRow("b 1e300") << "b" << "1e300";
        QTest::newRow("std -0.5") << "std" << "-0.5"; // a negative spread
        QTest::newRow("b -1") << "b" << "-1";
    }

    void nonFiniteStatisticsAreRefused()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        // Every key on its own line (from line 5), so the message must name the bad value's own line.
        std::string text = "conv1:\n  inputs:\n    0: {min: 0, max: 1}\n  output:\n";
        const std::vector<std::pair<std::string, std::string>> fields{{"min", "-1"},  {"max", "2"},  {"avg_min", "-0.5"}, {"avg_max", "1.5"},
                                                                      {"mean", "0.1"}, {"std", "0.7"}, {"b", "0.4"}};
        int badLine = 0, line = 4;
        for (const auto& [k, v] : fields) {
            ++line;
            const bool bad = k == key.toStdString();
            text += "    " + k + ": " + (bad ? value.toStdString() : v) + "\n";
            if (bad)
                badLine = line;
        }
        const std::string path = write("nonfinite.yaml", text);
        try {
            readStatsYaml(path);
            QFAIL("a non-finite or implausible statistic was accepted");
        } catch (const Error& e) {
            const QString m = e.what();
            QVERIFY2(m.contains(QStringLiteral("nonfinite.yaml:%1").arg(badLine)), qPrintable(m));
            QVERIFY2(m.contains("conv1") && m.contains("'" + key + "'"), qPrintable(m));
        }
        // The same file with plausible numbers loads (the check is on the value, not the layout).
        QVERIFY(readStatsYaml(write("finite.yaml", "conv1:\n  output:\n    min: -1e6\n    max: 1e30\n")).layers.size() == 1);
    }
};

QTEST_APPLESS_MAIN(TestStatsYaml)
#include "test_stats_yaml.moc"
