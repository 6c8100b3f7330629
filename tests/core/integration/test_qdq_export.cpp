// Writing models (core/onnx_export): a prepared graph written as ONNX imports back to the same function, and a
// quantization plan written as a QDQ model computes what the engine's fake-quant twin computes (the twin is what
// the oneDNN int8 plan is held to, test_int8_vs_reference) — read back through the ONNX importer and run on the
// reference kernels, on ResNet-8 and real Fashion-MNIST images: per-channel u8, per-tensor s8, 4-bit activations
// (QuantizeLinear -> DequantizeLinear -> Clip) and sym_restr. The file holds int8 weights with per-channel scales,
// int32 biases and one QuantizeLinear per rounded value. What ONNX cannot say is refused with the node's name.
#include "core/calibration/calibration.h"
#include "core/data/dataset_factory.h"
#include "core/engine/cpu_features.h"
#include "core/engine/engine.h"
#include "core/engine/prepared_model.h"
#include "core/onnx_export/dynamic_batch.h"
#include "core/onnx_export/onnx_writer.h"
#include "core/onnx_export/qdq_model.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ptq/ptq_config.h"
#include "core/util/error.h"
#include "tests/core/error_message.h"

#include <QTemporaryDir>
#include "tests/core/integration/output_sqnr.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace qs;
using qs::testing::shownErrorOf;

namespace {

const char* kFashion = "fashion-mnist:/usr/share/datasets/fashion-mnist";
const std::string kResnet8 = QS_TEST_DATA_DIR "/models/fmnist_resnet8.onnx";
constexpr int64_t kSamples = 100;

struct Outputs {
    std::vector<float> logits; // kSamples x classes
    int64_t classes = 0;
};

Outputs runOn(std::shared_ptr<const CompiledModel> compiled, const Dataset& data)
{
    Session session(compiled);
    Outputs out;
    std::vector<float> image(static_cast<std::size_t>(data.sampleShape().elements()));
    for (int64_t i = 0; i < kSamples; ++i) {
        data.loadBatch(std::span<const int64_t>(&i, 1), image.data());
        session.run(image.data());
        const auto logits = session.output(0);
        out.classes = static_cast<int64_t>(logits.size());
        out.logits.insert(out.logits.end(), logits.begin(), logits.end());
    }
    return out;
}

double sqnrDb(const Outputs& reference, const Outputs& other) { return testing::sqnrDb(reference.logits, other.logits); }

double top1Agreement(const Outputs& a, const Outputs& b)
{
    int agree = 0;
    for (int64_t s = 0; s < kSamples; ++s) {
        const auto row = [&](const Outputs& o) { return o.logits.begin() + s * o.classes; };
        agree += std::max_element(row(a), row(a) + a.classes) - row(a) == std::max_element(row(b), row(b) + b.classes) - row(b);
    }
    return double(agree) / kSamples;
}

int count(const Graph& g, const std::string& opType)
{
    return static_cast<int>(std::count_if(g.nodes.begin(), g.nodes.end(), [&](const Node& n) { return n.opType == opType; }));
}

} // namespace

class TestQdqExport : public QObject {
    Q_OBJECT

    std::unique_ptr<PreparedModel> m_model;
    std::unique_ptr<Dataset> m_test;
    std::unique_ptr<Calibration> m_calibration;
    InputShapes m_shapes;

    std::shared_ptr<const Graph> batch1() const { return m_model->graph(m_shapes); }

private slots:
    void initTestCase()
    {
        m_model = std::make_unique<PreparedModel>(std::make_shared<const Graph>(importOnnxFile(kResnet8)));
        const auto train = openDataset(kFashion, Split::Train, PreprocessSpec::fashionMnist());
        m_test = openDataset(kFashion, Split::Test, PreprocessSpec::fashionMnist());
        std::vector<int64_t> indices(256);
        std::iota(indices.begin(), indices.end(), 0);
        m_calibration = std::make_unique<Calibration>(calibrate(*m_model, *train, indices));
        m_shapes.exact[m_model->source().inputs.at(0).name] = {1, 1, 28, 28};
    }

    void writtenGraphImportsToTheSameFunction()
    {
        const std::string bytes = onnxModelBytes(*batch1());
        const Graph back = importOnnxBytes(bytes, "written.onnx");
        QCOMPARE(back.nodes.size(), batch1()->nodes.size());
        QCOMPARE(back.initializers.size(), batch1()->initializers.size());
        QCOMPARE(back.opsetVersion, batch1()->opsetVersion);
        EngineOptions options;
        options.threads = 1;
        const Outputs original = runOn(CompiledModel::compilePrepared(batch1(), options), *m_test);
        const Outputs written = runOn(CompiledModel::compile(back, m_shapes, options), *m_test);
        QCOMPARE(written.logits, original.logits); // the same weights and nodes: bit for bit
    }

    void qdqModelComputesTheTwin_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("perChannel");
        QTest::addColumn<int>("bitsActivations");
        QTest::addColumn<int>("bitsWeights");
        QTest::newRow("asym_u 8/8 per channel") << int(QuantMode::AsymmetricUnsigned) << true << 8 << 8;
        QTest::newRow("sym 8/8 per tensor") << int(QuantMode::Symmetric) << false << 8 << 8;
        QTest::newRow("asym_u a4 w6 per channel") << int(QuantMode::AsymmetricUnsigned) << true << 4 << 6;
        QTest::newRow("sym_restr 8/8 per channel") << int(QuantMode::SymmetricRestricted) << true << 8 << 8;
    }

    void qdqModelComputesTheTwin()
    {
        QFETCH(int, mode);
        QFETCH(bool, perChannel);
        QFETCH(int, bitsActivations);
        QFETCH(int, bitsWeights);
        PtqConfig config;
        config.defaults.quant.modeActivations = config.defaults.quant.modeWeights = static_cast<QuantMode>(mode);
        config.defaults.quant.perChannel = perChannel;
        config.defaults.quant.bitsActivations = bitsActivations;
        config.defaults.quant.bitsWeights = bitsWeights;
        const auto plan = buildPlan(*m_calibration, config);
        const QdqModel qdq = qdqModel(*batch1(), *plan);

        // What the file holds: every int8 layer's weights as int8 with a DequantizeLinear, its bias as int32.
        const Graph written = importOnnxBytes(onnxModelBytes(qdq.graph), "resnet8_qdq.onnx");
        QCOMPARE(qdq.quantizedLayers, static_cast<int>(plan->layers.size()));
        QVERIFY(qdq.quantizedValues >= qdq.quantizedLayers);
        QCOMPARE(count(written, "QuantizeLinear"), qdq.quantizedValues);
        QCOMPARE(count(written, "DequantizeLinear"), qdq.quantizedValues + 2 * qdq.quantizedLayers); // + weights, biases
        int int8Weights = 0, int32Biases = 0, beyondSevenBits = 0;
        for (const auto& [name, t] : written.initializers) {
            int8Weights += t.dtype() == DataType::Int8 && t.rank() >= 2;
            int32Biases += t.dtype() == DataType::Int32;
            if (t.dtype() == DataType::Int8 && t.rank() >= 2) {
                const auto* v = t.data<int8_t>();
                beyondSevenBits += std::any_of(v, v + t.size(), [](int8_t w) { return w > 64 || w < -64; });
            }
        }
        QCOMPARE(int8Weights, qdq.quantizedLayers);
        QCOMPARE(int32Biases, qdq.quantizedLayers);
        const bool narrow = bitsActivations < 8 || mode == int(QuantMode::SymmetricRestricted);
        QCOMPARE(count(written, "Clip") > count(*batch1(), "Clip"), narrow);
        // Notes: the narrow grids, on a CPU without VNNI the 7-bit weights (core/engine/cpu_features.h), and the layers
        // whose int8 weights ONNX Runtime's kernels without VNNI can saturate on (beyond +-64), counted in the file.
        QCOMPARE(qdq.notes.size(), std::size_t(narrow) + std::size_t(!cpuFeatures().hasVnni && bitsWeights == 8) + std::size_t(beyondSevenBits > 0));
        const auto saturating = std::find_if(qdq.notes.begin(), qdq.notes.end(), [](const std::string& n) { return n.rfind("8-bit weights:", 0) == 0; });
        QCOMPARE(saturating != qdq.notes.end(), beyondSevenBits > 0);
        if (beyondSevenBits > 0)
            QVERIFY2(saturating->find("(" + std::to_string(beyondSevenBits) + (beyondSevenBits == 1 ? " layer: " : " layers: ")) != std::string::npos,
                     saturating->c_str());
        QVERIFY(bitsWeights == 8 || beyondSevenBits == 0);
        QVERIFY(!cpuFeatures().hasVnni || bitsWeights != 8 || beyondSevenBits == qdq.quantizedLayers);
        for (const Node& node : written.nodes)
            if (plan->layer(node.name)) { // the weights come out of a DequantizeLinear of int8, per channel or not
                const Node* dq = &written.nodes.at(static_cast<std::size_t>(written.producerOf(node.input(1))));
                QCOMPARE(dq->opType, std::string("DequantizeLinear"));
                QCOMPARE(written.constant(dq->input(1))->size() > 1, perChannel);
            }

        // What it computes: with float biases exactly the twin's logits (the twin is what the int8 engine is held to,
        // test_int8_vs_reference); with int32 biases, the twin's up to the biases' rounding (at 8 bits far below the
        // quantization noise; at 4-bit activations every flipped rounding is a large step, so only top-1 is compared).
        EngineOptions options;
        options.threads = 1;
        options.useDnnl = false;
        const Outputs fromFile = runOn(CompiledModel::compile(written, m_shapes, options), *m_test);
        QdqOptions floatBiases;
        floatBiases.int32Biases = false;
        const Graph exact = importOnnxBytes(onnxModelBytes(qdqModel(*batch1(), *plan, floatBiases).graph), "resnet8_qdq_float_bias.onnx");
        const Outputs fromExactFile = runOn(CompiledModel::compile(exact, m_shapes, options), *m_test);
        options.quantization = plan;
        const Outputs twin = runOn(CompiledModel::compilePrepared(batch1(), options), *m_test);
        options.useDnnl = true;
        const Outputs engine = runOn(CompiledModel::compilePrepared(batch1(), options), *m_test);
        options.quantization = nullptr;
        const Outputs fp32 = runOn(CompiledModel::compilePrepared(batch1(), options), *m_test);
        const double twinDb = sqnrDb(twin, fromFile), noiseDb = sqnrDb(fp32, twin);
        qInfo("QDQ file vs twin %.1f dB (float biases: %.1f dB), vs int8 engine %.1f dB; twin vs FP32 %.1f dB; top-1 agreement "
              "with the twin %.3f, the engine %.3f",
              twinDb, sqnrDb(twin, fromExactFile), sqnrDb(engine, fromFile), noiseDb, top1Agreement(twin, fromFile),
              top1Agreement(engine, fromFile));
        QCOMPARE(fromExactFile.logits, twin.logits);
        QVERIFY(top1Agreement(engine, fromExactFile) >= 0.95);
        if (bitsActivations == 8) {
            QVERIFY2(twinDb > noiseDb + 6.0, qPrintable(QString::number(twinDb)));
            QVERIFY(top1Agreement(twin, fromFile) >= 0.98);
        } else {
            QVERIFY(top1Agreement(twin, fromFile) >= 0.75);
        }
    }

    // ResNet-8 written for any batch: the input and output say "batch", and the file run at batch 4 (reference
    // kernels) gives the four images' batch-1 results. A constant that differs between the batch-1 and batch-2 files
    // other than a Reshape target is refused, naming it (RFB-320's Reshape targets: test_realmodels_vs_ort).
    void exportLeavesTheBatchToTheRuntime()
    {
        PtqConfig config;
        config.defaults.quant.perChannel = true;
        const auto plan = buildPlan(*m_calibration, config);
        const QdqModel any = qdqModelForAnyBatch(*m_model, *batch1(), *plan);
        QVERIFY(any.dynamicBatch);
        for (const std::string& note : any.notes)
            QVERIFY2(note.find("batch") == std::string::npos, note.c_str());
        const Graph written = importOnnxBytes(onnxModelBytes(any.graph), "resnet8_any_batch.onnx");
        QCOMPARE(written.inputs.at(0).shape, (Shape{-1, 1, 28, 28}));
        QCOMPARE(written.inputs.at(0).dimNames.at(0), std::string("batch"));
        QCOMPARE(written.outputs.at(0).shape, (Shape{-1, 10}));

        EngineOptions options;
        options.threads = 1;
        options.useDnnl = false;
        InputShapes four;
        four.exact[written.inputs.at(0).name] = {4, 1, 28, 28};
        Session batched(CompiledModel::compile(written, four, options));
        Session single(CompiledModel::compile(importOnnxBytes(onnxModelBytes(qdqModel(*batch1(), *plan).graph), "resnet8_batch1.onnx"),
                                              m_shapes, options));
        std::vector<float> images(4 * 28 * 28);
        const std::vector<int64_t> indices{0, 1, 2, 3};
        m_test->loadBatch(indices, images.data());
        batched.run(images.data());
        const std::vector<float> together(batched.output(0).begin(), batched.output(0).end());
        QCOMPARE(together.size(), std::size_t(40));
        for (int64_t i = 0; i < 4; ++i) {
            single.run(images.data() + i * 28 * 28);
            for (int64_t k = 0; k < 10; ++k)
                QCOMPARE(together[static_cast<std::size_t>(i * 10 + k)], single.output(0)[static_cast<std::size_t>(k)]);
        }

        // Tampered: a weight that differs at batch 2 is no batch dimension.
        InputShapes two;
        two.exact[m_model->source().inputs.at(0).name] = {2, 1, 28, 28};
        QdqModel atTwo = qdqModel(*m_model->graph(two), *plan);
        QdqModel atOne = qdqModel(*batch1(), *plan);
        std::string why;
        QVERIFY(withDynamicBatch(atOne.graph, atTwo.graph, &why));
        const Node* conv = nullptr;
        for (const Node& node : atTwo.graph.nodes)
            if (node.opType == "Conv" && !conv)
                conv = &node;
        QVERIFY(conv);
        const std::string bias = conv->input(2);
        const int producer = atTwo.graph.producerOf(bias);
        const std::string constant = producer >= 0 ? atTwo.graph.nodes[static_cast<std::size_t>(producer)].input(0) : bias;
        QVERIFY2(atTwo.graph.isConstant(constant), constant.c_str());
        Tensor& changed = atTwo.graph.initializers.at(constant);
        changed.data<int32_t>()[0] += 1;
        QVERIFY(!withDynamicBatch(atOne.graph, atTwo.graph, &why));
        QVERIFY2(why.find("'" + constant + "'") != std::string::npos && why.find("depends on the batch") != std::string::npos, why.c_str());
    }

    void writeKeepsTheOldFileOnFailure()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.onnx").toStdString();
        writeOnnxFile(*batch1(), path);
        QCOMPARE(importOnnxFile(path).nodes.size(), batch1()->nodes.size());
        const QString message = QString::fromStdString(shownErrorOf([&] { writeOnnxFile(*batch1(), dir.filePath("missing/dir/model.onnx").toStdString()); }));
        QVERIFY2(message.contains("missing/dir/model.onnx") && message.contains("cannot write"), qPrintable(message));
    }

    void whatOnnxCannotSayIsRefusedWithItsNode()
    {
        const auto plan = buildPlan(*m_calibration, PtqConfig{});
        // An opset-9 or -11 graph is restated at opset 13 (per-channel DequantizeLinear): int8 weights, one note.
        Graph old = *batch1();
        for (const int64_t opset : {9, 11}) {
            old.opsetVersion = opset;
            const QdqModel qdq = qdqModel(old, *plan);
            QCOMPARE(qdq.graph.opsetVersion, int64_t(13));
            QVERIFY(std::any_of(qdq.notes.begin(), qdq.notes.end(), [](const std::string& n) { return n.find("written at opset 13") == 0; }));
            int int8Weights = 0;
            for (const auto& [name, t] : qdq.graph.initializers)
                int8Weights += t.dtype() == DataType::Int8 && t.rank() >= 2;
            QCOMPARE(int8Weights, qdq.quantizedLayers);
        }
        // A Softmax over all trailing dims (its meaning before opset 13) cannot be restated: at opset 11 the
        // per-channel weights are then float weights on their integer grid, noted; at opset 9 there is no QDQ at all.
        Node softmax{"softmax_1", "Softmax", "", {old.outputs[0].name}, {"probabilities"}, {}};
        softmax.attributes.set("axis", int64_t{1});
        softmax.attributes.set("_flatten_from", int64_t{1});
        old.nodes.push_back(softmax);
        old.outputs.push_back(ValueInfo{"probabilities", DataType::Float32, {1, 10}, {}, true});
        old.opsetVersion = 11;
        const QdqModel kept = qdqModel(old, *plan);
        QCOMPARE(kept.graph.opsetVersion, int64_t(11));
        QString notes = QString::fromStdString(std::accumulate(kept.notes.begin(), kept.notes.end(), std::string(), [](std::string a, const std::string& b) {
            return a + b + "\n";
        }));
        QVERIFY2(notes.contains("float weights on their integer grid") && notes.contains("softmax_1 (Softmax)"), qPrintable(notes));
        for (const auto& [name, t] : kept.graph.initializers)
            QVERIFY2(t.dtype() != DataType::Int8 || t.rank() < 2, name.c_str());
        old.opsetVersion = 9;
        QString message = QString::fromStdString(shownErrorOf([&] { qdqModel(old, *plan); }));
        QVERIFY2(message.contains("opset 9") && message.contains("opset 10") && message.contains("softmax_1 (Softmax)"), qPrintable(message));

        Graph lstm;
        lstm.opsetVersion = 13;
        lstm.sourcePath = "rec.onnx";
        lstm.nodes.push_back(Node{"lstm_1", "LSTM", "", {"gates", "", "R"}, {"y"}, {}});
        message = QString::fromStdString(shownErrorOf([&] { qdqModel(lstm, QuantizationPlan{}); }));
        QVERIFY2(message.contains("rec.onnx") && message.contains("lstm_1 (LSTM)"), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestQdqExport)
#include "test_qdq_export.moc"
