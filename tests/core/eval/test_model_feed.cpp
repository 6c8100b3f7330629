// Feeding data to models (core/eval/model_feed.h): a one-input model and a one-array dataset as before (any
// names, padding rows zeroed); a model of three inputs fed from tensors:DIR .npz files whose arrays are
// matched by name, stored in another order and with or without a batch dimension of 1; its FP32 output
// through the feed and oneDNN equal to the reference kernels run on the arrays as written; fidelity over it;
// and the errors a user meets: an input without an array, an array no input takes, a shape that does not fit,
// one array per sample for several inputs, an integer input — each naming the input and the model.
#include "core/data/random_dataset.h"
#include "core/data/tensor_folder_dataset.h"
#include "core/eval/fidelity.h"
#include "core/eval/model_feed.h"
#include "core/util/error.h"

#include "../multi_input_model.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace qs;
using namespace qs::testing;
namespace fs = std::filesystem;

namespace {

QString errorOf(const std::function<void()>& fn)
{
    try {
        fn();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return "NO ERROR";
}

// The one-input model: image [N, 3, 6, 6] -> Conv -> out.
Graph oneInputModel(const std::string& inputName)
{
    Graph g = multiInputModel();
    g.inputs = {g.inputs.front()};
    g.inputs.front().name = inputName;
    g.nodes = {g.nodes.front()};
    g.nodes.front().inputs[0] = inputName;
    g.outputs = {ValueInfo{"ci", DataType::Float32, {}, {}, false}};
    return g;
}

} // namespace

class TestModelFeed : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    fs::path m_samples;
    std::vector<std::vector<NpyArrayData>> m_written;

    fs::path freshDir(const char* name)
    {
        const fs::path dir = fs::path(m_dir.path().toStdString()) / name;
        fs::create_directories(dir);
        return dir;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_samples = freshDir("samples");
        m_written = writeMultiInputSamples(m_samples, 3);
    }

    void oneInputOneArrayAsBefore()
    {
        const RandomDataset data(SampleShape{3, 6, 6, Layout::Nchw}, 3);
        const Graph model = oneInputModel("whatever_it_is_called");
        const InputShapes shapes = inputShapesFor(model, data, 2);
        QCOMPARE(shapes.batch, int64_t(2));
        QCOMPARE(shapes.exact.size(), std::size_t(1));
        QVERIFY(shapes.exact.at("whatever_it_is_called") == (Shape{2, 3, 6, 6}));

        Graph compiled = model;
        compiled.inputs.front().shape = {2, 3, 6, 6};
        ModelFeed feed(compiled, data);
        QCOMPARE(feed.batch(), int64_t(2));
        QCOMPARE(feed.inputCount(), std::size_t(1));
        std::vector<float> expected(3 * 108);
        const std::vector<int64_t> all{0, 1, 2};
        data.loadBatch(all, expected.data());
        feed.load(std::span<const int64_t>(all).first(2));
        QVERIFY(std::equal(feed.data(0).begin(), feed.data(0).end(), expected.begin()));
        feed.load(std::span<const int64_t>(all).subspan(2)); // a last partial batch: its padding is zeros
        QVERIFY(std::equal(feed.data(0).begin(), feed.data(0).begin() + 108, expected.begin() + 216));
        QVERIFY(std::all_of(feed.data(0).begin() + 108, feed.data(0).end(), [](float v) { return v == 0.0f; }));
        QCOMPARE(feed.pointers().size(), std::size_t(1));
        QCOMPARE(feed.pointers()[0], feed.data(0).data());

        const QString message = errorOf([&] { inputShapesFor(model, RandomDataset(SampleShape{1, 6, 6, Layout::Nchw}, 1), 1); });
        QVERIFY2(message.contains("multi_input_model.onnx") && message.contains("'whatever_it_is_called'") &&
                     message.contains("adjust the preprocessing"),
                 qPrintable(message));
    }

    void arraysMatchInputsByName()
    {
        const TensorFolderDataset data(m_samples, {});
        QCOMPARE(data.size(), int64_t(3));
        const std::vector<SampleArray> arrays = data.sampleArrays();
        QCOMPARE(arrays.size(), std::size_t(3));
        QCOMPARE(arrays[0], (SampleArray{"aux", {3, 6, 6}}));
        QCOMPARE(arrays[1], (SampleArray{"bias", {5}}));
        QCOMPARE(arrays[2], (SampleArray{"image", {1, 3, 6, 6}}));
        const InputShapes shapes = inputShapesFor(multiInputModel(), data, 2);
        QVERIFY(shapes.exact.at("image") == (Shape{2, 3, 6, 6})); // the stored batch dimension of 1 dropped
        QVERIFY(shapes.exact.at("aux") == (Shape{2, 3, 6, 6}));
        QVERIFY(shapes.exact.at("bias") == (Shape{2, 5}));
    }

    // The feed and oneDNN against the reference kernels run on the arrays as they were written, sample by sample.
    void fp32OutputEqualsTheReferenceOnTheArrays()
    {
        const TensorFolderDataset data(m_samples, {});
        const Graph model = multiInputModel();
        const auto compiled = CompiledModel::compile(model, inputShapesFor(model, data, 2));
        Session session(compiled);
        ModelFeed feed(compiled->graph(), data);
        QCOMPARE(feed.inputCount(), std::size_t(3));
        QCOMPARE(feed.input(0).name, std::string("image"));

        EngineOptions referenceOptions;
        referenceOptions.useDnnl = false;
        const auto reference = CompiledModel::compile(model, inputShapesFor(model, data, 1), referenceOptions);
        Session slow(reference);

        const std::vector<int64_t> all{0, 1, 2};
        for (int64_t first = 0; first < 3; first += 2) {
            const int64_t rows = std::min<int64_t>(2, 3 - first);
            feed.load(std::span<const int64_t>(all).subspan(static_cast<std::size_t>(first), static_cast<std::size_t>(rows)));
            session.run(feed.pointers());
            const std::span<const float> out = session.output(0);
            QCOMPARE(out.size(), std::size_t(2 * 5));
            for (int64_t r = 0; r < rows; ++r) {
                const auto& arrays = m_written[static_cast<std::size_t>(first + r)];
                const std::vector<const float*> pointers{arrays[0].values.data(), arrays[1].values.data(), arrays[2].values.data()};
                slow.run(pointers);
                for (std::size_t c = 0; c < 5; ++c) {
                    const float expected = slow.output(0)[c], got = out[static_cast<std::size_t>(r) * 5 + c];
                    QVERIFY2(std::abs(got - expected) <= 1e-5f * (1.0f + std::abs(expected)),
                             qPrintable(QString("sample %1 class %2: %3 vs %4").arg(first + r).arg(c).arg(got).arg(expected)));
                }
            }
        }
    }

    void fidelityOverSeveralInputs()
    {
        const TensorFolderDataset data(m_samples, {});
        const PreparedModel model(std::make_shared<const Graph>(multiInputModel()));
        EngineOptions reference;
        reference.useDnnl = false;
        const FidelityMetrics f = measureFidelity(model, data, {}, 2, reference, EngineOptions{});
        QCOMPARE(f.samples, int64_t(3));
        QCOMPARE(f.outputs.size(), std::size_t(1));
        QCOMPARE(f.outputs[0].elements, int64_t(3 * 5)); // the padding row of the last batch left out
        QVERIFY2(f.worstSqnrDb() > 80.0, qPrintable(QString::number(f.worstSqnrDb())));
    }

    void mismatchesNameTheInputAndTheModel()
    {
        const Graph model = multiInputModel();
        auto write = [&](const char* name, std::vector<NpyArrayData> arrays) {
            const fs::path dir = freshDir(name);
            writeNpz(dir / "s.npz", arrays);
            return dir;
        };
        const auto sample = multiInputSample(0);

        const fs::path missing = write("missing", {sample[0], sample[1]});
        QString message = errorOf([&] { inputShapesFor(model, TensorFolderDataset(missing, {}), 1); });
        QVERIFY2(message.startsWith("multi_input_model.onnx") && message.contains("the model input 'bias' has no array in the data") &&
                     message.contains("'aux', 'image'"),
                 qPrintable(message));

        auto withLabel = sample;
        withLabel.push_back({"label", {}, {3.0f}});
        const fs::path extra = write("extra", withLabel);
        message = errorOf([&] { inputShapesFor(model, TensorFolderDataset(extra, {}), 1); });
        QVERIFY2(message.startsWith("multi_input_model.onnx") && message.contains("an array 'label' the model does not take"),
                 qPrintable(message));

        auto wrongShape = sample;
        wrongShape[2] = {"bias", {6}, std::vector<float>(6, 0.0f)};
        const fs::path shape = write("shape", wrongShape);
        message = errorOf([&] { inputShapesFor(model, TensorFolderDataset(shape, {}), 1); });
        QVERIFY2(message.startsWith("multi_input_model.onnx") && message.contains("model input 'bias'") && message.contains("[6]"),
                 qPrintable(message));

        const RandomDataset oneArray(SampleShape{3, 6, 6, Layout::Nchw}, 1);
        message = errorOf([&] { inputShapesFor(model, oneArray, 1); });
        QVERIFY2(message.contains("3 inputs ('image', 'aux', 'bias')") && message.contains("one array per sample"), qPrintable(message));

        Graph integer = model;
        integer.inputs[2].dtype = DataType::Int64;
        message = errorOf([&] { inputShapesFor(integer, TensorFolderDataset(m_samples, {}), 1); });
        QVERIFY2(message.contains("'bias'") && message.contains("only float inputs"), qPrintable(message));
    }

    void aFileChangedSinceOpenNamesFileAndSample()
    {
        const fs::path dir = freshDir("changed");
        writeMultiInputSamples(dir, 2);
        const TensorFolderDataset data(dir, {});
        auto changed = multiInputSample(1);
        changed.pop_back(); // bias gone
        writeNpz(dir / "sample_1.npz", changed);
        std::vector<float> a(108), b(5), c(108);
        const std::vector<float*> out{a.data(), b.data(), c.data()};
        const int64_t index = 1;
        const QString message = errorOf([&] { data.loadArrays({&index, 1}, out); });
        QVERIFY2(message.contains("sample_1.npz") && message.contains("sample 1") && message.contains("changed since"), qPrintable(message));
    }
};

QTEST_APPLESS_MAIN(TestModelFeed)
#include "test_model_feed.moc"
