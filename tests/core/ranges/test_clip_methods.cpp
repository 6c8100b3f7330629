// Clip methods on ActivationStats and the predicted quantization error against hand-computed values;
// moments against values computed independently in Python; pytorch_histogram near PyTorch's own
// HistogramObserver output (tests/data/observers; the bit-exact match is HistogramObserver's, test_observers).

#include "core/ranges/clip_methods.h"
#include "core/ranges/histogram_ranges.h"
#include "core/util/error.h"

#include <QFile>
#include <QtTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace qs;

namespace {

// min -10, max 20, avg_min -4, avg_max 8, mean 1, std 2, b 1.5 (as a Distiller stats file gives them)
ActivationStats handStats(Histogram histogram = Histogram())
{
    ActivationStats s;
    s.min = -10;
    s.max = 20;
    s.avgMin = -4;
    s.avgMax = 8;
    s.mean = 1;
    s.std = 2;
    s.b = 1.5;
    s.histogram = std::move(histogram);
    return s;
}

// Ranges are float: compare to float precision.
bool near(double a, double b, double tol = 1e-5)
{
    return std::abs(a - b) <= tol * std::max(1.0, std::abs(b));
}

std::vector<float> loadGauss()
{
    QFile file(QStringLiteral(QS_TEST_DATA_DIR "/observers/gauss.f32"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open gauss.f32");
    const QByteArray bytes = file.readAll();
    std::vector<float> v(std::size_t(bytes.size()) / sizeof(float));
    std::memcpy(v.data(), bytes.constData(), v.size() * sizeof(float));
    return v;
}

} // namespace

class TestClipMethods : public QObject {
    Q_OBJECT

private slots:
    void names();
    void distillerModesByHand();
    void aciqByHand();
    void missingInputsAreErrors();
    void percentileByHand();
    void predictedErrorByHand();
    void klSearchByHand();
    void mseOnUniformByHand();
    void pytorchHistogramMatchesPyTorch();
    void rankingOnGaussianData();
    void movingAverageIsPyTorchs();
};

void TestClipMethods::names()
{
    for (RangeMethod m : allRangeMethods())
        QVERIFY(parseRangeMethod(toString(m)) == m);
    QCOMPARE(allRangeMethods().size(), std::size_t(10));
    QVERIFY(parseRangeMethod("N_STD") == RangeMethod::NStd);
    QCOMPARE(toString(RangeMethod::PytorchHistogram), std::string("pytorch_histogram"));
    try {
        parseRangeMethod("bogus");
        QFAIL("no error");
    } catch (const Error& e) {
        QVERIFY(e.message().find("none, avg, n_std, gauss, laplace, percentile, entropy, mse, pytorch_histogram, moving_average") !=
                std::string::npos);
    }
}

void TestClipMethods::distillerModesByHand()
{
    const ActivationStats s = handStats();
    ValueRange r = pickRange(RangeMethod::None, s, 8, QuantMode::AsymmetricUnsigned);
    QVERIFY(near(r.min, -10.0));
    QVERIFY(near(r.max, 20.0));
    r = pickRange(RangeMethod::Avg, s, 8, QuantMode::AsymmetricUnsigned);
    QVERIFY(near(r.min, -4.0));
    QVERIFY(near(r.max, 8.0));
    // n_std, k = 3: [max(-10, 1 - 6), min(20, 1 + 6)] = [-5, 7]
    RangeOptions p;
    p.nStds = 3;
    r = pickRange(RangeMethod::NStd, s, 8, QuantMode::Symmetric, p);
    QVERIFY(near(r.min, -5.0));
    QVERIFY(near(r.max, 7.0));
    // k = 20 is clamped to [min, max]
    p.nStds = 20;
    r = pickRange(RangeMethod::NStd, s, 8, QuantMode::Symmetric, p);
    QVERIFY(near(r.min, -10.0));
    QVERIFY(near(r.max, 20.0));
    p.nStds = 0;
    QVERIFY_THROWS_EXCEPTION(Error, pickRange(RangeMethod::NStd, s, 8, QuantMode::Symmetric, p));
}

void TestClipMethods::aciqByHand()
{
    const ActivationStats s = handStats();
    // laplace, 8 bits, symmetric: |1| + 1.5 * 9.89 = 15.835
    ValueRange r = pickRange(RangeMethod::Laplace, s, 8, QuantMode::Symmetric);
    QVERIFY(near(r.max, 15.835) && near(r.min, -15.835));
    // laplace, 8 bits, asymmetric: alpha = 14.835; lo = max(avg_min -4, 1 - 14.835) = -4; hi = -4 + 29.67
    r = pickRange(RangeMethod::Laplace, s, 8, QuantMode::AsymmetricUnsigned);
    QVERIFY(near(r.min, -4.0) && near(r.max, 25.67));
    // half range: alpha = 1.5 * 11.16 = 16.74; hi = -4 + 16.74 = 12.74
    RangeOptions half;
    half.halfRange = true;
    r = pickRange(RangeMethod::Laplace, s, 8, QuantMode::AsymmetricSigned, half);
    QVERIFY(near(r.min, -4.0) && near(r.max, 12.74));
    // gauss, 4 bits, symmetric: 1 + 2 * 2.55 = 6.1; asymmetric: alpha 5.1, lo = max(-4, -4.1) = -4, hi = 6.2
    r = pickRange(RangeMethod::Gauss, s, 4, QuantMode::SymmetricRestricted);
    QVERIFY(near(r.max, 6.1) && near(r.min, -6.1));
    r = pickRange(RangeMethod::Gauss, s, 4, QuantMode::AsymmetricUnsigned);
    QVERIFY(near(r.min, -4.0) && near(r.max, 6.2));
    // mean - alpha wins over avg_min when it is larger: gauss 1 bit, alpha = 2 * 1.24 = 2.48 -> lo = -1.48
    r = pickRange(RangeMethod::Gauss, s, 1, QuantMode::AsymmetricUnsigned);
    QVERIFY(near(r.min, -1.48) && near(r.max, -1.48 + 4.96));
    QCOMPARE(aciqAlpha(RangeMethod::Gauss, 8, true), 4.2);
    QCOMPARE(aciqAlpha(RangeMethod::Laplace, 0, false), 1.05);
    QVERIFY_THROWS_EXCEPTION(Error, pickRange(RangeMethod::Laplace, s, 9, QuantMode::Symmetric));
    QVERIFY_THROWS_EXCEPTION(Error, aciqAlpha(RangeMethod::Gauss, 0, false));
}

void TestClipMethods::missingInputsAreErrors()
{
    ActivationStats s; // a Distiller stats file without b: NaN
    s.min = -1;
    s.max = 1;
    s.mean = 0;
    s.std = 0.5;
    s.b = std::numeric_limits<double>::quiet_NaN();
    try {
        pickRange(RangeMethod::Laplace, s, 8, QuantMode::Symmetric);
        QFAIL("no error");
    } catch (const Error& e) {
        QVERIFY(e.message().find("'b'") != std::string::npos);
    }
    try {
        pickRange(RangeMethod::Percentile, s, 8, QuantMode::Symmetric);
        QFAIL("no error");
    } catch (const Error& e) {
        QVERIFY(e.message().find("histogram") != std::string::npos);
    }
    ActivationStats noMin = s;
    noMin.min = std::numeric_limits<double>::quiet_NaN();
    QVERIFY_THROWS_EXCEPTION(Error, pickRange(RangeMethod::None, noMin, 8, QuantMode::Symmetric));
}

void TestClipMethods::percentileByHand()
{
    // 4 bins over [0, 4] with 1 value each: the 75th percentile keeps [q(0.25), q(0.75)] = [1, 3].
    const ActivationStats s = handStats(Histogram::fromCounts(0.0, 4.0, {1, 1, 1, 1}));
    RangeOptions p;
    p.percentile = 75;
    const ValueRange r = pickRange(RangeMethod::Percentile, s, 8, QuantMode::AsymmetricUnsigned, p);
    QVERIFY(near(r.min, 1.0));
    QVERIFY(near(r.max, 3.0));
    p.percentile = 0;
    QVERIFY_THROWS_EXCEPTION(Error, pickRange(RangeMethod::Percentile, s, 8, QuantMode::AsymmetricUnsigned, p));
}

void TestClipMethods::predictedErrorByHand()
{
    // One bin, mass uniform on [0, 1]. Two levels {0, 1} (step 1):
    // MSE = integral_0^1 (x - round(x))^2 dx = 1/12; E[x^2] = 1/3 -> SQNR = 10 log10(4) = 6.0206 dB.
    const Histogram h = Histogram::fromCounts(0.0, 1.0, {1});
    QuantErrorEstimate e = predictQuantError(h, QuantGrid{0.0, 1.0, 2});
    QVERIFY(near(e.mse, 1.0 / 12.0, 1e-12));
    QVERIFY(near(e.sqnrDb, 10.0 * std::log10(4.0), 1e-12));
    QVERIFY(near(e.clipMse, 0.0, 1e-12));
    // Levels {0, 0.5}: rounding on [0, 0.5]: 0.5^3 / 12 = 0.0104167; clipping on [0.5, 1]:
    // integral (x - 0.5)^2 = 0.125 / 3 = 0.0416667; total 0.0520833.
    e = predictQuantError(h, QuantGrid{0.0, 0.5, 2});
    QVERIFY(near(e.mse, 0.125 / 12.0 + 0.125 / 3.0, 1e-12));
    QVERIFY(near(e.clipMse, 0.125 / 3.0, 1e-12));
    // 8-bit asym_u over [0, 1], the grid the engine runs: step 1/255 -> MSE = step^2 / 12 (every cell inside).
    const RangeQuality q = predictQuality(h, ValueRange{0.0f, 1.0f}, 8, QuantMode::AsymmetricUnsigned);
    QVERIFY(near(q.mse, 1.0 / (12.0 * 255.0 * 255.0), 1e-6));
}

void TestClipMethods::klSearchByHand()
{
    // counts {4, 4, 1, 3}, 2 target levels (no empty bins, so smoothing changes nothing):
    //  i = 2: P = {4, 8}/12, Q = {4, 4}/8          KL = 1/3 ln(2/3) + 2/3 ln(4/3)        = 0.056633
    //  i = 3: P = {4, 4, 4}/12, Q = {4, 2.5, 2.5}/9 KL = 1/3 (ln 0.75 + 2 ln 1.2)          = 0.025654
    //  i = 4: P = {4, 4, 1, 3}/12, Q = {4, 4, 2, 2}/12 KL = 1/12 ln 0.5 + 1/4 ln 1.5      = 0.043604
    QCOMPARE(klThresholdBins({4, 4, 1, 3}, 2), 3);
    // With {4, 4, 1, 1} the i = 4 merge reproduces P exactly (KL 0) and the full range wins.
    QCOMPARE(klThresholdBins({4, 4, 1, 1}, 2), 4);
}

void TestClipMethods::mseOnUniformByHand()
{
    // Uniform mass on [0, 1], 8-bit asym_u clipped at c: MSE(c) ~ (1 - c)^3 / 3 + c^3 / (12 * 255^2);
    // d/dc = 0 at 1 - c = c / 510 -> c = 510/511 = 0.99804; the nearest candidate is 511/512 = 0.998047.
    const Histogram h = Histogram::fromCounts(0.0, 1.0, std::vector<double>(2048, 10.0));
    ActivationStats s = handStats(h);
    s.min = 0.0;
    s.max = 1.0;
    const ValueRange r = pickRange(RangeMethod::Mse, s, 8, QuantMode::AsymmetricUnsigned);
    QVERIFY(near(r.min, 0.0));
    QVERIFY2(std::abs(r.max - 511.0 / 512.0) < 1.5 / 512.0, qPrintable(QString::number(r.max, 'g', 10)));
    // And it beats no clipping (the upper bound of the histogram).
    QVERIFY(predictQuality(h, r, 8, QuantMode::AsymmetricUnsigned).mse < predictQuality(h, ValueRange{0, 1}, 8, QuantMode::AsymmetricUnsigned).mse);
}

void TestClipMethods::pytorchHistogramMatchesPyTorch()
{
    // gauss.f32 fed in chunks of 1000; PyTorch 2.11's HistogramObserver(quint8, per_tensor_affine) gave
    // scale 0.0296196099370718, zero point 113 (tests/data/observers/expected.json). The same L2 search on
    // calibration's histogram (which grows by whole bin widths, not PyTorch's upsampling) lands close to it.
    const std::vector<float> data = loadGauss();
    ActivationStats s;
    s.histogramSamplesPerBatch = 0; // bin every value
    for (std::size_t i = 0; i < data.size(); i += 1000)
        s.add(data.data() + i, Shape{1000});
    QCOMPARE(s.histogram.total(), double(data.size()));
    const ValueRange r = pickRange(RangeMethod::PytorchHistogram, s, 8, QuantMode::AsymmetricUnsigned);
    const TorchQParams q = torchQParams(r.min, r.max, {TorchDtype::QUInt8, TorchQScheme::Affine, false});
    qInfo("pytorch_histogram on calibration's histogram: scale %.9g zero point %lld (PyTorch: 0.0296196099 113)", q.scale,
          static_cast<long long>(q.zeroPoint));
    QVERIFY2(std::abs(q.scale - 0.0296196099370718) / 0.0296196099370718 < 0.02, qPrintable(QString::number(q.scale, 'g', 9)));
    QVERIFY(std::abs(q.zeroPoint - 113) <= 2);
}

void TestClipMethods::rankingOnGaussianData()
{
    const std::vector<float> data = loadGauss();
    ActivationStats s;
    for (std::size_t i = 0; i < data.size(); i += 1000)
        s.add(data.data() + i, Shape{10, 100});
    // Reference values computed from the file in double with plain Python (two passes; std here comes from
    // one pass of sums and sums of squares, good to ~1e-8; the mean's sums run in an order the vector width decides:
    // AVX-512 builds held 1e-9, an AVX2 -O2 build gave 1.3e-9):
    // mean 0.2935573259710318, population std 0.9924279854789937, exact b = mean|x - mean| 0.7911523441086211.
    QVERIFY2(std::abs(s.mean - 0.2935573259710318) < 1e-8, qPrintable(QString::number(s.mean, 'g', 16)));
    QVERIFY2(std::abs(s.std - 0.9924279854789937) < 1e-8, qPrintable(QString::number(s.std, 'g', 16)));
    // b is accumulated against the running mean (one pass): close to, not equal to, the two-pass value.
    QVERIFY2(std::abs(s.b - 0.7911523441086211) < 2e-3, qPrintable(QString::number(s.b, 'g', 12)));
    QCOMPARE(s.min, -3.361081838607788);
    QCOMPARE(s.max, 4.361606121063232);
    const std::vector<MethodRange> ranked = rankRanges(s, 4, QuantMode::Symmetric);
    QCOMPARE(ranked.size(), std::size_t(10));
    for (std::size_t i = 1; i < ranked.size(); ++i)
        QVERIFY(ranked[i - 1].quality.sqnrDb >= ranked[i].quality.sqnrDb);
    // mse optimises this very estimate: it must be (within the candidate spacing) the best.
    double mseSqnr = 0;
    for (const MethodRange& e : ranked)
        if (e.method == RangeMethod::Mse)
            mseSqnr = e.quality.sqnrDb;
    QVERIFY2(mseSqnr >= ranked.front().quality.sqnrDb - 0.05, qPrintable(QString::fromStdString(toString(ranked.front().method))));
    // At 4 bits, clipping a Gaussian beats the full range: none is not the winner, and gauss (ACIQ,
    // alpha = 2.55 sigma) must predict better than none.
    double noneSqnr = 0;
    double gaussSqnr = 0;
    for (const MethodRange& e : ranked) {
        if (e.method == RangeMethod::None)
            noneSqnr = e.quality.sqnrDb;
        if (e.method == RangeMethod::Gauss)
            gaussSqnr = e.quality.sqnrDb;
    }
    QVERIFY(gaussSqnr > noneSqnr);
    QVERIFY(ranked.front().method != RangeMethod::None);
    // Entropy picks a threshold inside the data range.
    const ValueRange entropy = pickRange(RangeMethod::Entropy, s, 8, QuantMode::Symmetric);
    QVERIFY2(entropy.max > 2.0f && entropy.max <= s.max, qPrintable(QString::number(entropy.max) + " " + QString::number(s.histogram.hi())));
}

void TestClipMethods::movingAverageIsPyTorchs()
{
    // PyTorch 2.11's MovingAverageMinMaxObserver(0.01, quint8, per_tensor_affine) on gauss.f32 in chunks of 1000
    // (tests/data/observers/expected.json): min -2.937197208404541, max 2.98553729057312, scale
    // 0.023226408287882805, zero point 126. Calibration's statistics keep the same average of batch extremes.
    const std::vector<float> data = loadGauss();
    ActivationStats s;
    for (std::size_t i = 0; i < data.size(); i += 1000)
        s.add(data.data() + i, Shape{1000});
    QCOMPARE(static_cast<float>(s.movingMin), -2.937197208404541f);
    QCOMPARE(static_cast<float>(s.movingMax), 2.98553729057312f);
    const ValueRange r = pickRange(RangeMethod::MovingAverage, s, 8, QuantMode::AsymmetricUnsigned);
    const TorchQParams q = torchQParams(r.min, r.max, {TorchDtype::QUInt8, TorchQScheme::Affine, false});
    QCOMPARE(q.scale, 0.023226408287882805f);
    QCOMPARE(q.zeroPoint, int64_t(126));
    // Statistics from a Distiller file have no moving average: the method says what is missing.
    ActivationStats fromFile = handStats();
    try {
        pickRange(RangeMethod::MovingAverage, fromFile, 8, QuantMode::AsymmetricUnsigned);
        QFAIL("no error");
    } catch (const Error& e) {
        QVERIFY2(e.message().find("needs the statistic 'moving_") != std::string::npos, e.what());
    }
}

QTEST_APPLESS_MAIN(TestClipMethods)
#include "test_clip_methods.moc"
