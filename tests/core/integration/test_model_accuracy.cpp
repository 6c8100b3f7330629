// FP32 accuracy of real models on the real Fashion-MNIST test split must equal ONNX Runtime's independently
// measured numbers (tests/data/models/reference.json), and must not depend on batch size or engine.
#include "core/data/dataset_factory.h"
#include "core/data/subset.h"
#include "core/eval/evaluator.h"
#include "core/onnx_import/onnx_importer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QtTest>

#include <cmath>

using namespace qs;

class TestModelAccuracy : public QObject {
    Q_OBJECT

    std::unique_ptr<Dataset> m_test;
    QJsonObject m_reference;

    static QString model(const char* name) { return QStringLiteral(QS_TEST_DATA_DIR "/models/%1.onnx").arg(name); }

private slots:
    void initTestCase()
    {
        m_test = openDataset("fashion-mnist:/usr/share/datasets/fashion-mnist", Split::Test, PreprocessSpec::fashionMnist());
        QFile file(QS_TEST_DATA_DIR "/models/reference.json");
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_reference = QJsonDocument::fromJson(file.readAll()).object()["models"].toObject();
        QCOMPARE(m_reference.size(), 3);
    }

    void top1EqualsOnnxRuntime_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("cnn") << "fmnist_cnn";
        QTest::newRow("cnn_bn") << "fmnist_cnn_bn";
        QTest::newRow("resnet8") << "fmnist_resnet8";
    }

    void top1EqualsOnnxRuntime()
    {
        QFETCH(QString, name);
        const Graph graph = importOnnxFile(model(name.toUtf8().constData()).toStdString());
        EvalOptions options;
        options.batch = 100;
        const EvalMetrics m = evaluate(graph, *m_test, options);
        QCOMPARE(m.samples, 10000);
        const double expected = m_reference[name].toObject()["fp32_ort"].toDouble();
        QVERIFY(expected > 0.9);
        qInfo("%s: top-1 %.4f (ONNX Runtime %.4f), %.0f images/s", qPrintable(name), m.top1(), expected, m.imagesPerSecond());
        QVERIFY2(std::fabs(m.top1() - expected) <= 0.0002 + 1e-9, qPrintable(QString("top-1 %1 vs %2").arg(m.top1()).arg(expected)));
    }

    // Logits must not depend on the batch size (beyond float rounding) nor on the engine: oneDNN with batch 1
    // and 7 (padded last batch) against the reference kernels.
    void logitsIndependentOfBatchAndEngine()
    {
        const Graph graph = importOnnxFile(model("fmnist_resnet8").toStdString());
        const auto indices = firstIndices(m_test->size(), 20);
        std::vector<float> input(static_cast<std::size_t>(20 * 28 * 28));
        m_test->loadBatch(indices, input.data());

        auto logitsWith = [&](int64_t batch, bool dnnl) {
            EngineOptions options;
            options.useDnnl = dnnl;
            InputShapes shapes;
            shapes.batch = batch;
            auto compiled = CompiledModel::compile(graph, shapes, options);
            Session session(compiled);
            std::vector<float> all;
            std::vector<float> chunk(static_cast<std::size_t>(batch * 28 * 28), 0.0f);
            for (int64_t first = 0; first < 20; first += batch) {
                const int64_t rows = std::min<int64_t>(batch, 20 - first);
                std::fill(chunk.begin(), chunk.end(), 0.0f);
                std::copy(input.begin() + first * 784, input.begin() + (first + rows) * 784, chunk.begin());
                session.run(chunk.data());
                const auto out = session.output(0);
                all.insert(all.end(), out.begin(), out.begin() + rows * 10);
            }
            return all;
        };
        const auto reference = logitsWith(20, false);
        for (const auto& [batch, dnnl] : std::vector<std::pair<int64_t, bool>>{{1, true}, {7, true}, {20, true}, {3, false}}) {
            const auto logits = logitsWith(batch, dnnl);
            QCOMPARE(logits.size(), reference.size());
            for (std::size_t i = 0; i < logits.size(); ++i)
                QVERIFY2(std::fabs(logits[i] - reference[i]) <= 1e-4f + 1e-4f * std::fabs(reference[i]),
                         qPrintable(QString("batch %1 %2: logit %3 = %4, reference %5").arg(batch).arg(dnnl ? "oneDNN" : "reference")
                                        .arg(i).arg(logits[i]).arg(reference[i])));
        }
    }
};

QTEST_APPLESS_MAIN(TestModelAccuracy)
#include "test_model_accuracy.moc"
