// Statistics collection against straightforward double-precision references: the vectorised moments
// kernel, the exact statistics of a multi-batch feed, the histogram's mass and its stratified subsample
// (which must not alias with periodic feature-map structure), and the ranges picked from capped
// histograms on the demo model next to those from histograms of every value.
#include "core/data/dataset_factory.h"
#include "core/data/subset.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/stats/activation_stats.h"
#include "core/calibration/calibration.h"
#include "core/calibration/derived_statistics.h"
#include "core/ranges/clip_methods.h"
#include "core/stats/stats_kernels.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>

using namespace qs;

namespace {

std::vector<float> randomValues(std::size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal(0.5f, 2.0f);
    std::vector<float> v(n);
    for (float& x : v)
        x = normal(rng);
    return v;
}

} // namespace

class TestActivationStats : public QObject {
    Q_OBJECT
private slots:
    void momentsMatchDoubleReference_data()
    {
        QTest::addColumn<int>("n");
        for (int n : {1, 7, 2048, 2049, 100003})
            QTest::newRow(qPrintable(QString::number(n))) << n;
    }
    void momentsMatchDoubleReference()
    {
        QFETCH(int, n);
        const auto v = randomValues(static_cast<std::size_t>(n), 7);
        const auto m = stats_kernels::moments(v.data(), n);
        double sum = 0.0, sumSquares = 0.0;
        for (float x : v) {
            sum += x;
            sumSquares += static_cast<double>(x) * x;
        }
        QCOMPARE(m.min, *std::min_element(v.begin(), v.end()));
        QCOMPARE(m.max, *std::max_element(v.begin(), v.end()));
        // Float partial sums over 2048-value blocks: the error stays within float rounding of the magnitudes.
        QVERIFY2(std::fabs(m.sum - sum) <= 1e-6 * (std::sqrt(static_cast<double>(n) * sumSquares) + 1.0),
                 qPrintable(QString("%1 vs %2").arg(m.sum).arg(sum)));
        QVERIFY2(std::fabs(m.sumSquares - sumSquares) <= 1e-5 * sumSquares, qPrintable(QString("%1 vs %2").arg(m.sumSquares).arg(sumSquares)));
    }

    void vectorisedAndPortableBinningAgree_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("stride");
        QTest::newRow("every value") << 5000 << 1;
        QTest::newRow("every value, ragged") << 4099 << 1;
        QTest::newRow("sample 1 in 3, last run short") << 100001 << 3;
        QTest::newRow("sample 1 in 97") << 1000000 << 97;
    }
    void vectorisedAndPortableBinningAgree()
    {
        // Whichever path this CPU takes, it must bin exactly the values the portable loop bins.
        QFETCH(int, n);
        QFETCH(int, stride);
        auto v = randomValues(static_cast<std::size_t>(n), 5);
        for (std::size_t i = 0; i < v.size(); i += 7)
            v[i] = 0.0f; // a spike, as after a ReLU
        for (std::size_t i = 3; i < v.size(); i += 5)
            v[i] = i % 2 ? -4.0f : 5.0f; // on the bounds of the central part, which belong to it
        const stats_kernels::BinGrid grid{-6.0f, 2048.0f / 13.0f, 2048};
        const stats_kernels::BinGrid reluGrid{0.0f, 2048.0f / 7.0f, 2048};
        const std::size_t size = stats_kernels::kCountCopies * 2049;
        std::vector<uint32_t> fast(size, 0), portable(size, 0), fastRelu(size, 0), portableRelu(size, 0);
        // The ReLU side bins max(v, 0) of the same drawn values; its central range starts above zero, so the
        // zeros of negative values are tails there.
        const stats_kernels::BinTarget reluFast{0.25f, 5.0f, reluGrid, fastRelu.data(), 1.0f}, reluPortable{0.25f, 5.0f, reluGrid, portableRelu.data(), 1.0f};
        stats_kernels::Binned ra, rb;
        const auto a = stats_kernels::binCentralSample(v.data(), n, stride, 11, {-4.0f, 5.0f, grid, fast.data(), 0.5f}, &reluFast, &ra);
        const auto b = stats_kernels::binCentralSamplePortable(v.data(), n, stride, 11, {-4.0f, 5.0f, grid, portable.data(), 0.5f}, &reluPortable, &rb);
        QCOMPARE(a.count, b.count);
        QCOMPARE(ra.count, rb.count);
        QVERIFY(a.count > 0 && a.count < (n + stride - 1) / stride); // some values fall outside [keepLo, keepHi]
        QVERIFY(ra.count > 0 && ra.count < a.count);
        QVERIFY2(std::fabs(a.absDev - b.absDev) <= 1e-5 * b.absDev, qPrintable(QString("%1 vs %2").arg(a.absDev).arg(b.absDev)));
        QVERIFY2(std::fabs(ra.absDev - rb.absDev) <= 1e-5 * rb.absDev, qPrintable(QString("%1 vs %2").arg(ra.absDev).arg(rb.absDev)));
        // Summed over the copies, the counts agree bin by bin (the copies may split them differently).
        auto summed = [](const std::vector<uint32_t>& counts, int bin) {
            uint64_t total = 0;
            for (int copy = 0; copy < stats_kernels::kCountCopies; ++copy)
                total += counts[static_cast<std::size_t>(copy * 2049 + bin)];
            return total;
        };
        for (int bin = 0; bin <= 2048; ++bin) {
            QVERIFY2(summed(fast, bin) == summed(portable, bin), qPrintable(QString("bin %1: %2 vs %3").arg(bin).arg(summed(fast, bin)).arg(summed(portable, bin))));
            QVERIFY2(summed(fastRelu, bin) == summed(portableRelu, bin), qPrintable(QString("ReLU bin %1").arg(bin)));
        }
        // The ReLU side is what binning max(v, 0) on its own gives.
        std::vector<float> y(v);
        for (float& x : y)
            x = std::max(x, 0.0f);
        std::vector<uint32_t> direct(size, 0);
        const auto d = stats_kernels::binCentralSamplePortable(y.data(), n, stride, 11, {0.25f, 5.0f, reluGrid, direct.data(), 1.0f});
        QCOMPARE(d.count, ra.count);
        for (int bin = 0; bin <= 2048; ++bin)
            QVERIFY2(summed(direct, bin) == summed(fastRelu, bin), qPrintable(QString("ReLU vs direct, bin %1").arg(bin)));
    }

    void momentsAndTailsAgreeWithScalarReference_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<float>("reluLo");
        QTest::newRow("ReLU range from zero") << 100003 << 0.0f;
        QTest::newRow("ReLU range above zero") << 100003 << 0.5f;
        QTest::newRow("short") << 77 << 0.0f;
    }
    void momentsAndTailsAgreeWithScalarReference()
    {
        // Both paths (this CPU's and the portable one) against a plain loop: tails of x and of max(x, 0),
        // and the ReLU's sums.
        QFETCH(int, n);
        QFETCH(float, reluLo);
        const auto v = randomValues(static_cast<std::size_t>(n), 13);
        const float lo = -3.0f, hi = 4.0f, reluHi = 3.5f;
        std::vector<float> tails, reluTails;
        double reluSum = 0.0, reluSquares = 0.0;
        for (float x : v) {
            if (x < lo || x > hi)
                tails.push_back(x);
            const float y = std::max(x, 0.0f);
            if (y < reluLo || y > reluHi)
                reluTails.push_back(y);
            reluSum += y;
            reluSquares += static_cast<double>(y) * y;
        }
        for (bool portable : {false, true}) {
            std::vector<float> t, rt;
            stats_kernels::ReluSums relu{reluLo, reluHi, 0.0, 0.0, &rt};
            const auto m = portable ? stats_kernels::momentsAndTailsPortable(v.data(), n, lo, hi, t, &relu)
                                    : stats_kernels::momentsAndTails(v.data(), n, lo, hi, t, &relu);
            QCOMPARE(m.min, *std::min_element(v.begin(), v.end()));
            std::sort(t.begin(), t.end());
            std::sort(rt.begin(), rt.end());
            auto expectedTails = tails, expectedReluTails = reluTails;
            std::sort(expectedTails.begin(), expectedTails.end());
            std::sort(expectedReluTails.begin(), expectedReluTails.end());
            QCOMPARE(t, expectedTails);
            QCOMPARE(rt, expectedReluTails);
            QVERIFY(!rt.empty());
            QVERIFY2(std::fabs(relu.sum - reluSum) <= 1e-6 * reluSum, qPrintable(QString("%1 vs %2").arg(relu.sum).arg(reluSum)));
            QVERIFY2(std::fabs(relu.sumSquares - reluSquares) <= 1e-5 * reluSquares, qPrintable(QString::number(relu.sumSquares)));
        }
    }

    void statisticsOfSeveralBatchesAreExact()
    {
        // Three batches of 4 samples of 40000 values: more than the histogram cap, so the histogram is
        // subsampled, but min / max / avg_min / avg_max / mean / std must stay exact.
        const int64_t perSample = 40000;
        std::vector<float> all;
        ActivationStats s;
        for (unsigned batch = 0; batch < 3; ++batch) {
            auto v = randomValues(static_cast<std::size_t>(4 * perSample), 11 + batch);
            v[static_cast<std::size_t>(batch * 1000)] = 40.0f + static_cast<float>(batch); // a rare outlier
            s.add(v.data(), {4, perSample});
            all.insert(all.end(), v.begin(), v.end());
        }
        double sum = 0.0, sumSquares = 0.0, avgMin = 0.0, avgMax = 0.0;
        for (float x : all) {
            sum += x;
            sumSquares += static_cast<double>(x) * x;
        }
        for (std::size_t r = 0; r < 12; ++r) {
            const auto first = all.begin() + static_cast<std::ptrdiff_t>(r * perSample);
            avgMin += *std::min_element(first, first + perSample) / 12.0;
            avgMax += *std::max_element(first, first + perSample) / 12.0;
        }
        const double n = static_cast<double>(all.size());
        const double mean = sum / n;
        QCOMPARE(s.elements, static_cast<int64_t>(all.size()));
        QCOMPARE(s.samples, 12);
        QCOMPARE(s.min, static_cast<double>(*std::min_element(all.begin(), all.end())));
        QCOMPARE(s.max, 42.0);
        QVERIFY(std::fabs(s.avgMin - avgMin) < 1e-9);
        QVERIFY(std::fabs(s.avgMax - avgMax) < 1e-9);
        QVERIFY(std::fabs(s.mean - mean) < 1e-6);
        QVERIFY(std::fabs(s.std - std::sqrt(sumSquares / n - mean * mean)) < 1e-5);
        // The histogram carries the full mass and spans the exact range; b from the subsample is close.
        QVERIFY(std::fabs(s.histogram.total() - n) < 1e-6 * n);
        QVERIFY(s.histogram.lo() <= s.min && s.histogram.hi() >= s.max);
        QVERIFY2(std::fabs(s.b - 2.0 * std::sqrt(2.0 / M_PI) * 2.0 / 2.0) < 0.05, qPrintable(QString::number(s.b))); // E|x - mu| = sigma sqrt(2/pi)
    }

    void stratifiedSubsampleDoesNotAliasWithPeriodicData()
    {
        // A feature map whose columns cycle through 0, 1, 2, 3: sampling every 4th value at a fixed offset
        // would see only zeros. The stratified sample must find all four values in about equal shares.
        const int64_t n = 4 * 65536;
        std::vector<float> v(static_cast<std::size_t>(n));
        for (int64_t i = 0; i < n; ++i)
            v[static_cast<std::size_t>(i)] = static_cast<float>(i % 4);
        const stats_kernels::BinGrid grid{0.0f, 1.0f, 4};
        std::vector<uint32_t> counts(stats_kernels::kCountCopies * 5, 0);
        // A central range that excludes nothing: every drawn value is binned.
        const auto binned = stats_kernels::binCentralSample(v.data(), n, 4, 0, {-1.0f, 5.0f, grid, counts.data(), 0.0f});
        QCOMPARE(binned.count, n / 4); // one value per run of 4
        stats_kernels::sumCountCopies(counts.data(), stats_kernels::kCountCopies, 4, 5);
        for (int b = 0; b < 4; ++b)
            QVERIFY2(std::fabs(counts[static_cast<std::size_t>(b)] / static_cast<double>(n / 4) - 0.25) < 0.02,
                     qPrintable(QString("bin %1: %2").arg(b).arg(counts[static_cast<std::size_t>(b)])));
    }

    void exactAndSubsampledCountsAgreeWhenEveryValueIsBinned()
    {
        // stride 1 is an exact histogram: compare with counting by hand.
        const auto v = randomValues(50000, 3);
        const float lo = *std::min_element(v.begin(), v.end()), hi = *std::max_element(v.begin(), v.end());
        Histogram h(64);
        h.addKnownRange(v.data(), static_cast<int64_t>(v.size()), lo, hi, 0.0);
        std::vector<double> expected(64, 0.0);
        for (float x : v)
            expected[static_cast<std::size_t>(std::clamp(static_cast<int>((x - lo) * (64.0f / (hi - lo))), 0, 63))] += 1.0;
        for (int b = 0; b < 64; ++b)
            QCOMPARE(h.counts()[static_cast<std::size_t>(b)], expected[static_cast<std::size_t>(b)]);
    }

    void reluStatisticsFromTheInputPassEqualThoseOfTheReluOutput()
    {
        // addWithRelu must leave the ReLU's statistics as if its output had been read: same extremes and
        // per-sample means, same sums, and the same histogram (same sample positions, same tail bounds).
        ActivationStats input, derived, direct;
        for (unsigned batch = 0; batch < 4; ++batch) {
            auto v = randomValues(static_cast<std::size_t>(8 * 20000), 21 + batch);
            v[static_cast<std::size_t>(batch * 77)] = 30.0f + static_cast<float>(batch); // the range grows
            const Shape shape{8, 20000};
            input.addWithRelu(v.data(), shape, derived);
            for (float& x : v)
                x = std::max(x, 0.0f);
            direct.add(v.data(), shape);
        }
        QCOMPARE(derived.min, direct.min);
        QCOMPARE(derived.max, direct.max);
        QCOMPARE(derived.avgMin, direct.avgMin);
        QCOMPARE(derived.avgMax, direct.avgMax);
        QCOMPARE(derived.samples, direct.samples);
        QCOMPARE(derived.shape, direct.shape);
        QVERIFY(std::fabs(derived.mean - direct.mean) <= 1e-6 * direct.mean);
        QVERIFY(std::fabs(derived.std - direct.std) <= 1e-6 * direct.std);
        QVERIFY(std::fabs(derived.b - direct.b) <= 1e-5 * direct.b);
        QCOMPARE(derived.histogram.lo(), direct.histogram.lo());
        QCOMPARE(derived.histogram.hi(), direct.histogram.hi());
        for (int bin = 0; bin < direct.histogram.bins(); ++bin)
            QVERIFY2(std::fabs(derived.histogram.counts()[static_cast<std::size_t>(bin)] - direct.histogram.counts()[static_cast<std::size_t>(bin)]) <=
                         1e-9 * direct.histogram.total(),
                     qPrintable(QString("bin %1").arg(bin)));
        QVERIFY(direct.histogram.counts()[0] > 0.4 * direct.histogram.total()); // the spike of zeros is there
    }

    void batchesWithNonFiniteValuesAreSkipped()
    {
        // A NaN or an infinity in a batch (a broken image, an overflowing layer) must not poison the
        // statistics: the batch is left out, the others count.
        ActivationStats s, relu;
        auto good = randomValues(4 * 10000, 31);
        auto first = good;
        first[7] = std::nanf(""); // a first batch must not even set the histogram's range
        s.addWithRelu(first.data(), {4, 10000}, relu);
        QVERIFY(s.histogram.empty() && relu.histogram.empty());
        s.addWithRelu(good.data(), {4, 10000}, relu);
        for (float bad : {std::nanf(""), std::numeric_limits<float>::infinity()}) {
            auto v = randomValues(4 * 10000, 32);
            v[12345] = bad;
            s.addWithRelu(v.data(), {4, 10000}, relu);
        }
        s.addWithRelu(good.data(), {4, 10000}, relu);
        QCOMPARE(s.samples, 8);
        QCOMPARE(relu.samples, 8);
        QVERIFY(std::isfinite(s.mean) && std::isfinite(s.std) && std::isfinite(s.b) && std::isfinite(relu.mean));
        QVERIFY(std::fabs(s.histogram.total() - 80000.0) < 1e-6 * 80000.0);
        QVERIFY(std::fabs(relu.histogram.total() - 80000.0) < 1e-6 * 80000.0);
    }

    void calibrationDerivesReluAndFlattenStatisticsExactly()
    {
        // On the demo model, calibration reads conv outputs and derives the ReLU outputs (and copies
        // Flatten's): the result must equal reading every value.
        const Graph model = importOnnxFile(QS_SOURCE_DIR "/resources/models/fmnist_demo.onnx");
        const auto train = openDataset("fashion-mnist:/usr/share/datasets/fashion-mnist", Split::Train, PreprocessSpec::fashionMnist());
        const auto indices = firstIndices(train->size(), 96);
        const Calibration derived = calibrate(model, *train, indices, 32);
        const Calibration direct = calibrate(model, *train, indices, 32, 0, nullptr, kHistogramSamplesPerBatch, false);
        QCOMPARE(derived.values.size(), direct.values.size());
        int relus = 0, flattens = 0;
        for (const auto& [value, d] : direct.values) {
            QVERIFY2(derived.values.count(value), value.c_str());
            const ActivationStats& s = derived.values.at(value);
            relus += value.find("Relu") != std::string::npos;
            flattens += value.find("Flatten") != std::string::npos;
            QCOMPARE(s.min, d.min);
            QCOMPARE(s.max, d.max);
            QCOMPARE(s.avgMin, d.avgMin);
            QCOMPARE(s.avgMax, d.avgMax);
            QCOMPARE(s.shape, d.shape);
            QCOMPARE(s.elements, d.elements);
            // Means and deviations come from float partial sums whose order differs between the two passes (the
            // kernels' vector width decides it): 1e-6 of the value held on AVX-512, AVX2 gave 2.1e-6.
            QVERIFY2(std::fabs(s.mean - d.mean) <= 1e-5 * std::fabs(d.mean) + 1e-9,
                     qPrintable(QString("%1: mean %2 vs %3").arg(value.c_str()).arg(s.mean, 0, 'g', 12).arg(d.mean, 0, 'g', 12)));
            QVERIFY(std::fabs(s.std - d.std) <= 1e-5 * d.std + 1e-9);
            QCOMPARE(s.histogram.lo(), d.histogram.lo());
            QCOMPARE(s.histogram.hi(), d.histogram.hi());
            QVERIFY(std::fabs(s.histogram.total() - d.histogram.total()) <= 1e-9 * d.histogram.total());
            // Flatten's values reach a tap in another order than its input's (NCHW vs the conv's NHWC), so
            // the subsample drawn from them differs; everything else is drawn at the same positions.
            if (value.find("Flatten") != std::string::npos)
                continue;
            for (int bin = 0; bin < d.histogram.bins(); ++bin)
                QVERIFY2(std::fabs(s.histogram.counts()[static_cast<std::size_t>(bin)] - d.histogram.counts()[static_cast<std::size_t>(bin)]) <=
                             1e-9 * d.histogram.total(),
                         qPrintable(QString("%1 bin %2").arg(QString::fromStdString(value)).arg(bin)));
        }
        QCOMPARE(relus, 3);
        QCOMPARE(flattens, 1);
        // The pass ran with each ReLU after its MaxPool (so the pool outputs above, read from the moved
        // ReLUs, equal the originals): every MaxPool of the observed graph reads a conv output.
        const Graph observed = graphForObservation(derived.prepared, planDerivedStatistics(derived.prepared));
        int swapped = 0;
        for (const Node& node : observed.nodes)
            if (node.opType == "MaxPool") {
                const int producer = observed.producerOf(node.inputs[0]);
                QVERIFY(producer >= 0);
                swapped += observed.nodes[static_cast<std::size_t>(producer)].opType == "Conv";
                QCOMPARE(observed.nodes[static_cast<std::size_t>(observed.consumersOf(node.outputs[0]).at(0))].opType, std::string("Relu"));
            }
        QCOMPARE(swapped, 3);
    }

    void cappedHistogramsPickTheSameRangesOnTheDemoModel()
    {
        // 256 training images of the demo model: every histogram-based method's range from the default
        // (capped) histograms must be within 3 % of the activation's span of the range from histograms of
        // every value, and the capped run must actually have subsampled (conv1's batches exceed the cap).
        const Graph model = importOnnxFile(QS_SOURCE_DIR "/resources/models/fmnist_demo.onnx");
        const auto train = openDataset("fashion-mnist:/usr/share/datasets/fashion-mnist", Split::Train, PreprocessSpec::fashionMnist());
        const auto indices = firstIndices(train->size(), 256);
        const Calibration capped = calibrate(model, *train, indices, 32);
        const Calibration exact = calibrate(model, *train, indices, 32, 0, nullptr, 0);
        QCOMPARE(capped.values.size(), exact.values.size());
        int compared = 0;
        for (const auto& [value, e] : exact.values) {
            const ActivationStats& c = capped.values.at(value);
            QCOMPARE(c.min, e.min);
            QCOMPARE(c.max, e.max);
            const double span = e.max - e.min;
            if (span <= 0.0)
                continue;
            for (RangeMethod method : {RangeMethod::Percentile, RangeMethod::Entropy, RangeMethod::Mse, RangeMethod::PytorchHistogram}) {
                const ValueRange re = pickRange(method, e, 8, QuantMode::AsymmetricUnsigned);
                const ValueRange rc = pickRange(method, c, 8, QuantMode::AsymmetricUnsigned);
                // What matters is how well the capped range quantizes the real data: its predicted SQNR on the
                // exact histogram must be within 0.25 dB of the range found on the exact histogram.
                const double sqnrExact = predictQuality(e.histogram, re, 8, QuantMode::AsymmetricUnsigned).sqnrDb;
                const double sqnrCapped = predictQuality(e.histogram, rc, 8, QuantMode::AsymmetricUnsigned).sqnrDb;
                QVERIFY2(sqnrCapped >= sqnrExact - 0.25, qPrintable(QString("%1 %2: exact [%3, %4] %5 dB, capped [%6, %7] %8 dB")
                                                                        .arg(QString::fromStdString(value), QString::fromStdString(toString(method)))
                                                                        .arg(re.min).arg(re.max).arg(sqnrExact).arg(rc.min).arg(rc.max).arg(sqnrCapped)));
                ++compared;
            }
        }
        QVERIFY(compared >= 40);
        // The comparison means something only if the default run really subsampled: some histogram must
        // differ from its exact twin (same range, same total mass, other counts).
        bool subsampled = false;
        for (const auto& [value, e] : exact.values) {
            const Histogram& h = capped.values.at(value).histogram;
            QVERIFY(std::fabs(h.total() - e.histogram.total()) <= 1e-6 * e.histogram.total());
            subsampled = subsampled || h.counts() != e.histogram.counts();
        }
        QVERIFY(subsampled);
    }
};

QTEST_GUILESS_MAIN(TestActivationStats)
#include "test_activation_stats.moc"
