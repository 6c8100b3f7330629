// Distiller stats YAML and the histogram sidecar: real Distiller files load with their numbers, a
// hand-written file in the schema reads as written, write -> read round-trips exactly, errors carry lines.

#include "core/calibration/histogram_file.h"
#include "core/calibration/model_stats.h"
#include "core/util/error.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace qs;

namespace {

const std::string kDir = QS_TEST_DATA_DIR "/distiller_stats/";

const char* kHandWritten = R"yaml(# hand-written in Distiller's schema
conv:
  inputs:
    0:
      min: -1.5
      max: 2.25
      avg_min: -1.0
      avg_max: 2.0
      mean: 0.125
      std: 0.5
      b: 0.375
      shape: (8, 3, 32, 32)
  output:
    min: 0.0
    max: 6.0
    avg_min: 0.0
    avg_max: 4.5
    mean: 1.0
    std: 1.25
    shape: (8, 16, 32, 32)
add:
  inputs:
    0: {min: -1, max: 1, avg_min: -0.5, avg_max: 0.5, mean: 0, std: 0.25, b: 0.2, shape: [8, 16]}
    1: {min: -2, max: 2, avg_min: -1, avg_max: 1, mean: 0, std: 0.5, b: 0.4, shape: "(8, 16)"}
  output: {min: -3, max: 3, avg_min: -1.5, avg_max: 1.5, mean: 0, std: 0.75, b: 0.6, shape: "(8, 16)"}
)yaml";

int errorLine(const std::string& yaml)
{
    try {
        ModelStats::parse(yaml, "bad.yaml");
    } catch (const Error& e) {
        if (e.context().file != "bad.yaml")
            return -100;
        return e.context().line;
    }
    return -1;
}

} // namespace

class TestModelStats : public QObject {
    Q_OBJECT

private slots:
    void distillerResnet18();
    void distillerResnet50();
    void handWritten();
    void roundTripDistillerFile();
    void roundTripCollectedWithHistograms();
    void errorsCarryLines();
    void histogramFileErrors();
    void shapes();
};

void TestModelStats::distillerResnet18()
{
    const ModelStats s = ModelStats::read(kDir + "resnet18_quant_stats.yaml");
    QCOMPARE(s.layers().size(), std::size_t(68));
    QCOMPARE(s.layers().front().name, std::string("conv1"));
    QCOMPARE(s.layers().back().name, std::string("fc"));
    const ModelStats::Layer* conv1 = s.find("conv1");
    QVERIFY(conv1 && conv1->inputs.size() == 1 && conv1->output);
    const StatsSummary in = conv1->inputs[0].summary();
    QCOMPARE(in.min, -2.1179039478302);
    QCOMPARE(in.max, 2.640000104904175);
    QCOMPARE(in.avgMin, -2.0179028272628785);
    QCOMPARE(in.b, 1.0037795305252075);
    QCOMPARE(in.shape, (std::vector<int64_t>{256, 3, 224, 224}));
    QCOMPARE(conv1->output->summary().std, 1.7580939173603671);
    const ModelStats::Layer* add = s.find("layer1.0.add");
    QVERIFY(add && add->inputs.size() == 2);
    QCOMPARE(add->inputs[0].min(), -6.498610496520996);
    QCOMPARE(add->inputs[1].min(), 0.0);
    QCOMPARE(add->inputs[1].max(), 7.357358932495117);
    const ModelStats::Layer* fc = s.find("fc");
    QCOMPARE(fc->output->summary().std, 2.8061255378564596);
    QCOMPARE(fc->inputs[0].shape(), (std::vector<int64_t>{256, 512}));
}

void TestModelStats::distillerResnet50()
{
    const ModelStats s = ModelStats::read(kDir + "resnet50_quant_stats.yaml");
    QCOMPARE(s.layers().size(), std::size_t(174));
    for (const ModelStats::Layer& l : s.layers()) {
        QVERIFY2(l.output.has_value(), l.name.c_str());
        QVERIFY(l.output->min() <= l.output->max());
    }
}

void TestModelStats::handWritten()
{
    const ModelStats s = ModelStats::parse(kHandWritten);
    QCOMPARE(s.layers().size(), std::size_t(2));
    const StatsSummary in = s.layers()[0].inputs[0].summary();
    QCOMPARE(in.min, -1.5);
    QCOMPARE(in.max, 2.25);
    QCOMPARE(in.avgMin, -1.0);
    QCOMPARE(in.avgMax, 2.0);
    QCOMPARE(in.mean, 0.125);
    QCOMPARE(in.std, 0.5);
    QCOMPARE(in.b, 0.375);
    QCOMPARE(in.shape, (std::vector<int64_t>{8, 3, 32, 32}));
    QVERIFY(std::isnan(s.layers()[0].output->b())); // not in the file
    QCOMPARE(s.layers()[0].output->max(), 6.0);
    const ModelStats::Layer& add = s.layers()[1];
    QCOMPARE(add.name, std::string("add"));
    QCOMPARE(add.inputs.size(), std::size_t(2));
    QCOMPARE(add.inputs[0].shape(), (std::vector<int64_t>{8, 16}));
    QCOMPARE(add.inputs[1].summary().b, 0.4);
    QCOMPARE(add.output->summary().avgMax, 1.5);
}

void TestModelStats::roundTripDistillerFile()
{
    QTemporaryDir dir;
    const ModelStats a = ModelStats::read(kDir + "resnet18_quant_stats.yaml");
    const std::string path = dir.filePath("stats.yaml").toStdString();
    a.write(path);
    const ModelStats b = ModelStats::read(path);
    QCOMPARE(b.layers().size(), a.layers().size());
    for (std::size_t i = 0; i < a.layers().size(); ++i) {
        QCOMPARE(b.layers()[i].name, a.layers()[i].name);
        QCOMPARE(b.layers()[i].inputs.size(), a.layers()[i].inputs.size());
        for (std::size_t k = 0; k < a.layers()[i].inputs.size(); ++k)
            QVERIFY(b.layers()[i].inputs[k].summary() == a.layers()[i].inputs[k].summary());
        QVERIFY(b.layers()[i].output->summary() == a.layers()[i].output->summary());
    }
    // The missing-b case survives too (written without b, read back as missing).
    const ModelStats hand = ModelStats::parse(kHandWritten);
    const ModelStats again = ModelStats::parse(hand.toYaml());
    QVERIFY(std::isnan(again.layers()[0].output->b()));
    QVERIFY(again.layers()[1].inputs[1].summary() == hand.layers()[1].inputs[1].summary());
}

void TestModelStats::roundTripCollectedWithHistograms()
{
    ModelStats stats;
    ModelStats::Layer& conv = stats.layer("/layer1/layer1.0/conv1/Conv");
    conv.inputs.emplace_back();
    conv.output.emplace();
    std::vector<float> x(3 * 50);
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = float(std::sin(double(i) * 0.37) * 3.0 + 0.1 * double(i));
    conv.inputs[0].add(x.data(), std::vector<int64_t>{3, 50});
    for (float& v : x)
        v = std::max(v, 0.0f);
    conv.output->add(x.data(), std::vector<int64_t>{3, 50});
    QCOMPARE(&stats.layer("/layer1/layer1.0/conv1/Conv"), &stats.layers()[0]); // no duplicate

    QTemporaryDir dir;
    const std::string path = dir.filePath("acts_quantization_stats.yaml").toStdString();
    stats.write(path);
    writeHistograms(stats, histogramSidecarPath(path));
    ModelStats back = ModelStats::read(path);
    QCOMPARE(readHistograms(back, histogramSidecarPath(path)), 2);
    const ModelStats::Layer& l = back.layers()[0];
    QCOMPARE(l.name, std::string("/layer1/layer1.0/conv1/Conv"));
    QVERIFY(l.inputs[0].summary() == conv.inputs[0].summary());
    QVERIFY(l.output->summary() == conv.output->summary());
    QCOMPARE(l.output->histogram().min(), conv.output->histogram().min());
    QCOMPARE(l.output->histogram().max(), conv.output->histogram().max());
    QVERIFY(l.output->histogram().counts() == conv.output->histogram().counts());
    QVERIFY(l.inputs[0].histogram().counts() == conv.inputs[0].histogram().counts());
    QCOMPARE(l.inputs[0].histogram().total(), 150.0);
}

void TestModelStats::errorsCarryLines()
{
    // Lines are 1-based and point at the offending node.
    QCOMPARE(errorLine("a:\n  output:\n    min: 1\n"), 3);                      // record lacks 'max' (map starts line 3)
    QCOMPARE(errorLine("a:\n  output:\n    min: 1\n    max: oops\n"), 4);       // not a number
    QCOMPARE(errorLine("a:\n  outputs:\n    min: 1\n"), 2);                     // unknown key
    QCOMPARE(errorLine("a:\n  output:\n    min: 2\n    max: 1\n"), 3);          // min > max
    QCOMPARE(errorLine("a:\n  inputs:\n    1: {min: 0, max: 1}\n"), 3);         // gap in input indices
    QCOMPARE(errorLine("a:\n  output:\n    min: 0\n    max: 1\n    shape: (1, x)\n"), 5);
    QCOMPARE(errorLine("a: [1, 2\nb: 3\n"), 2);                                  // YAML syntax error
    QCOMPARE(errorLine("- 1\n- 2\n"), 1);                                        // not a map
    try {
        ModelStats::read(kDir + "does_not_exist.yaml");
        QFAIL("no error");
    } catch (const Error& e) {
        QVERIFY(e.context().file.find("does_not_exist.yaml") != std::string::npos);
    }
    try {
        ModelStats::parse("conv:\n  output:\n    min: 1\n", "f.yaml");
        QFAIL("no error");
    } catch (const Error& e) {
        QCOMPARE(e.context().node, std::string("conv"));
        QVERIFY(std::string(e.what()).find("f.yaml:3") != std::string::npos);
    }
}

void TestModelStats::histogramFileErrors()
{
    QTemporaryDir dir;
    ModelStats stats = ModelStats::parse(kHandWritten);
    const std::string bad = dir.filePath("bad.hist").toStdString();
    std::ofstream(bad, std::ios::binary) << "NOTAHIST";
    QVERIFY_THROWS_EXCEPTION(Error, readHistograms(stats, bad));

    // A histogram for a layer the stats lack.
    ModelStats other;
    ModelStats::Layer& l = other.layer("ghost");
    l.output.emplace();
    const float v[] = {1, 2, 3};
    l.output->add(v, std::vector<int64_t>{1, 3});
    const std::string ghost = dir.filePath("ghost.hist").toStdString();
    writeHistograms(other, ghost);
    try {
        readHistograms(stats, ghost);
        QFAIL("no error");
    } catch (const Error& e) {
        QCOMPARE(e.context().node, std::string("ghost"));
    }
    // Truncated.
    std::string bytes;
    {
        std::ifstream in(ghost, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    const std::string cut = dir.filePath("cut.hist").toStdString();
    std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() - 5);
    try {
        readHistograms(other, cut);
        QFAIL("no error");
    } catch (const Error& e) {
        QVERIFY(e.message().find("truncated") != std::string::npos);
    }
    QCOMPARE(readHistograms(other, ghost), 1);
}

void TestModelStats::shapes()
{
    QCOMPARE(parseShape("(256, 3, 224, 224)"), (std::vector<int64_t>{256, 3, 224, 224}));
    QCOMPARE(parseShape("(5,)"), (std::vector<int64_t>{5}));
    QCOMPARE(parseShape("()"), (std::vector<int64_t>{}));
    QCOMPARE(formatShape({256, 512}), std::string("(256, 512)"));
    QCOMPARE(formatShape({5}), std::string("(5,)"));
    QVERIFY_THROWS_EXCEPTION(Error, parseShape("256, 3"));
    QVERIFY_THROWS_EXCEPTION(Error, parseShape("(2, -1)"));
}

QTEST_APPLESS_MAIN(TestModelStats)
#include "test_model_stats.moc"
