// Acceptance test: QuantScope's observers reproduce PyTorch 2.11's on the vectors in tests/data/observers
// (expected.json, computed by torch.ao.quantization.observer; see the README there). Every entry must
// match: scale to 1e-5 relative, zero point exactly, observer min/max where recorded.

#include "core/ranges/observers.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <vector>

using namespace qs;

namespace {

const QString kDir = QStringLiteral(QS_TEST_DATA_DIR "/observers/");

std::vector<float> loadF32(const QString& name)
{
    QFile file(kDir + name + ".f32");
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(file.fileName()));
    const QByteArray bytes = file.readAll();
    std::vector<float> values(static_cast<std::size_t>(bytes.size()) / sizeof(float));
    std::memcpy(values.data(), bytes.constData(), values.size() * sizeof(float)); // little-endian host
    return values;
}

struct Spec {
    QString kind; // minmax, moving_average, histogram, per_channel, per_tensor
    TorchQuantSpec quant;
    float averagingConstant = 0.01f;
};

// "minmax_quint8_affine_reduce_range", "moving_average_0.01_quint8_affine", "histogram_2048_qint8_symmetric",
// "per_channel_qint8_affine", ...; an unknown key fails the test (nothing is skipped).
bool parseKey(const QString& key, Spec& spec)
{
    QString rest = key;
    if (rest.endsWith("_reduce_range")) {
        spec.quant.reduceRange = true;
        rest.chop(int(strlen("_reduce_range")));
    }
    if (rest.endsWith("_affine")) {
        spec.quant.qscheme = TorchQScheme::Affine;
        rest.chop(int(strlen("_affine")));
    } else if (rest.endsWith("_symmetric")) {
        spec.quant.qscheme = TorchQScheme::Symmetric;
        rest.chop(int(strlen("_symmetric")));
    } else {
        return false;
    }
    if (rest.endsWith("_quint8")) {
        spec.quant.dtype = TorchDtype::QUInt8;
        rest.chop(int(strlen("_quint8")));
    } else if (rest.endsWith("_qint8")) {
        spec.quant.dtype = TorchDtype::QInt8;
        rest.chop(int(strlen("_qint8")));
    } else {
        return false;
    }
    if (rest == "minmax" || rest == "per_channel" || rest == "per_tensor" || rest == "histogram_2048") {
        spec.kind = rest == "histogram_2048" ? QStringLiteral("histogram") : rest;
        return true;
    }
    if (rest.startsWith("moving_average_")) {
        spec.kind = "moving_average";
        bool ok = false;
        spec.averagingConstant = rest.mid(int(strlen("moving_average_"))).toFloat(&ok);
        return ok;
    }
    return false;
}

} // namespace

class TestObservers : public QObject {
    Q_OBJECT

private slots:
    void matchesPyTorch_data();
    void matchesPyTorch();
    void allEntriesCovered();
    void uninitialisedObserverGivesDefaults();
};

static QJsonObject expectedJson()
{
    QFile file(kDir + "expected.json");
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open expected.json");
    return QJsonDocument::fromJson(file.readAll()).object();
}

void TestObservers::matchesPyTorch_data()
{
    QTest::addColumn<QString>("tensor");
    QTest::addColumn<QString>("key");
    const QJsonObject tensors = expectedJson().value("tensors").toObject();
    for (auto t = tensors.begin(); t != tensors.end(); ++t) {
        const QJsonObject entries = t.value().toObject();
        for (auto e = entries.begin(); e != entries.end(); ++e)
            QTest::newRow(qPrintable(t.key() + "/" + e.key())) << t.key() << e.key();
    }
}

void TestObservers::matchesPyTorch()
{
    QFETCH(QString, tensor);
    QFETCH(QString, key);
    const QJsonObject root = expectedJson();
    const int chunk = root.value("chunk").toInt();
    QCOMPARE(chunk, 1000);
    const QJsonObject expected = root.value("tensors").toObject().value(tensor).toObject().value(key).toObject();
    Spec spec;
    QVERIFY2(parseKey(key, spec), qPrintable("unknown observer key " + key));
    const std::vector<float> data = loadF32(tensor);
    const bool isWeight = tensor.startsWith("weight_");

    std::vector<TorchQParams> got;
    bool haveMinMax = false;
    float gotMin = 0.0f;
    float gotMax = 0.0f;
    auto feed = [&](auto& observer) {
        if (isWeight) {
            observer.observe(data.data(), static_cast<int64_t>(data.size()));
        } else {
            for (std::size_t i = 0; i < data.size(); i += static_cast<std::size_t>(chunk))
                observer.observe(data.data() + i, static_cast<int64_t>(std::min<std::size_t>(chunk, data.size() - i)));
        }
        got = {observer.calculateQParams()};
        gotMin = observer.min();
        gotMax = observer.max();
        haveMinMax = true;
    };
    if (spec.kind == "minmax" || spec.kind == "per_tensor") {
        MinMaxObserver observer(spec.quant);
        feed(observer);
    } else if (spec.kind == "moving_average") {
        MovingAverageMinMaxObserver observer(spec.averagingConstant, spec.quant);
        feed(observer);
    } else if (spec.kind == "histogram") {
        HistogramObserver observer(spec.quant);
        feed(observer);
        // The histogram keeps all the mass it was fed (float32 counts, as PyTorch's: to rounding).
        QVERIFY(std::abs(observer.histogram().total() - double(data.size())) < 1e-6 * double(data.size()));
    } else if (spec.kind == "per_channel") {
        QVERIFY(isWeight);
        const std::vector<int64_t> shape{16, 8, 3, 3};
        QCOMPARE(std::size_t(16 * 8 * 3 * 3), data.size());
        PerChannelMinMaxObserver observer(0, spec.quant);
        observer.observe(data.data(), shape);
        got = observer.calculateQParams();
    } else {
        QFAIL("unhandled observer kind");
    }

    const QJsonArray scales = expected.value("scale").toArray();
    const QJsonArray zeroPoints = expected.value("zero_point").toArray();
    QCOMPARE(qsizetype(got.size()), scales.size());
    QCOMPARE(zeroPoints.size(), scales.size());
    for (qsizetype i = 0; i < scales.size(); ++i) {
        const double want = scales.at(i).toDouble();
        const double rel = std::abs(double(got[std::size_t(i)].scale) - want) / want;
        QVERIFY2(rel <= 1e-5, qPrintable(QString("channel %1: scale %2, PyTorch %3 (rel %4)")
                                             .arg(i).arg(got[std::size_t(i)].scale, 0, 'g', 9).arg(want, 0, 'g', 9).arg(rel)));
        QCOMPARE(got[std::size_t(i)].zeroPoint, int64_t(zeroPoints.at(i).toInteger()));
    }
    if (expected.contains("min")) {
        QVERIFY(haveMinMax);
        QCOMPARE(double(gotMin), double(float(expected.value("min").toDouble())));
        QCOMPARE(double(gotMax), double(float(expected.value("max").toDouble())));
    }
}

void TestObservers::allEntriesCovered()
{
    // 5 activations x 8 observer settings + 3 weight settings: a guard against an emptied data file.
    const QJsonObject tensors = expectedJson().value("tensors").toObject();
    int entries = 0;
    for (auto t = tensors.begin(); t != tensors.end(); ++t)
        entries += int(t.value().toObject().size());
    QCOMPARE(entries, 43);
}

void TestObservers::uninitialisedObserverGivesDefaults()
{
    HistogramObserver histogram;
    QCOMPARE(histogram.calculateQParams().scale, 1.0f);
    QCOMPARE(histogram.calculateQParams().zeroPoint, int64_t(0));
    MinMaxObserver minmax;
    QCOMPARE(minmax.calculateQParams().scale, 1.0f);
}

QTEST_APPLESS_MAIN(TestObservers)
#include "test_observers.moc"
