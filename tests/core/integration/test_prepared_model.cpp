// A loaded model is prepared once per input shape and shared: calibration and evaluation at the same batch
// use one prepared graph, asking again returns the same one, and a model compiled from it computes what a
// model prepared from scratch computes.
#include "core/calibration/calibration.h"
#include "core/data/dataset_factory.h"
#include "core/data/subset.h"
#include "core/engine/prepared_model.h"
#include "core/eval/evaluator.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/quant/plan_builder.h"

#include <QtTest>

using namespace qs;

class TestPreparedModel : public QObject {
    Q_OBJECT

private slots:
    void preparedOncePerShapeAndShared()
    {
        const auto source = std::make_shared<const Graph>(importOnnxFile(QS_SOURCE_DIR "/resources/models/fmnist_demo.onnx"));
        const PreparedModel model(source);
        InputShapes one;
        one.batch = 1;
        const auto first = model.graph(one);
        QCOMPARE(model.graph(one).get(), first.get());
        QCOMPARE(model.preparedCount(), 1);

        const auto train = openDataset("fashion-mnist:/usr/share/datasets/fashion-mnist", Split::Train, PreprocessSpec::fashionMnist());
        const auto test = openDataset("fashion-mnist:/usr/share/datasets/fashion-mnist", Split::Test, PreprocessSpec::fashionMnist());
        const Calibration c = calibrate(model, *train, firstIndices(train->size(), 64), 32);
        QCOMPARE(model.preparedCount(), 2); // batch 1 and the calibration batch
        EvalOptions options;
        options.batch = 32;
        options.indices = firstIndices(test->size(), 256);
        const EvalMetrics shared = evaluate(model, *test, options);
        options.engine.quantization = buildPlanForTest(c);
        const EvalMetrics quantized = evaluate(model, *test, options);
        QCOMPARE(model.preparedCount(), 2); // both evaluations reused the calibration batch's graph
        QVERIFY(quantized.samples == 256);

        // The same numbers as a model prepared from scratch.
        options.engine.quantization.reset();
        const EvalMetrics fresh = evaluate(*source, *test, options);
        QCOMPARE(shared.correctTop1, fresh.correctTop1);
        QCOMPARE(shared.crossEntropySum, fresh.crossEntropySum);
    }

private:
    static std::shared_ptr<const QuantizationPlan> buildPlanForTest(const Calibration& c)
    {
        // Every integer layer at 8-bit asym_u min/max, straight from the statistics.
        return std::make_shared<const QuantizationPlan>(buildQuantizationPlan(
            c.prepared, [](const Node&) { return std::optional<LayerQuantSettings>(LayerQuantSettings{}); },
            [&](const std::string& value, const Node&, const LayerQuantSettings&) {
                const ActivationStats* s = c.stats(value);
                return ValueRange{static_cast<float>(s->min), static_cast<float>(s->max)};
            }));
    }
};

QTEST_GUILESS_MAIN(TestPreparedModel)
#include "test_prepared_model.moc"
