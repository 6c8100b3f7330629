// TensorStats / GrowingHistogram / weight statistics against hand-computed values.

#include "core/ranges/tensor_stats.h"
#include "core/util/error.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace qs;

class TestTensorStats : public QObject {
    Q_OBJECT

private slots:
    void twoBatchesByHand();
    void oneValuePerSampleUsesBatch();
    void nonFiniteIgnored();
    void histogramGrowsWithoutLosingMass();
    void histogramKeepsMassInPlace();
    void histogramQuantile();
    void weightStats();
    void restoredStatsAreReadOnly();
};

void TestTensorStats::twoBatchesByHand()
{
    // Batch 1 [2, 3]: {1, 2, 3}, {-1, 0, 4}; batch 2 [1, 3]: {5, 6, -2}.
    TensorStats s;
    const std::vector<float> b1{1, 2, 3, -1, 0, 4};
    const std::vector<float> b2{5, 6, -2};
    s.add(b1.data(), std::vector<int64_t>{2, 3});
    s.add(b2.data(), std::vector<int64_t>{1, 3});
    QCOMPARE(s.count(), int64_t(9));
    QCOMPARE(s.samples(), int64_t(3));
    QCOMPARE(s.min(), -2.0);
    QCOMPARE(s.max(), 6.0);
    // per-sample minima 1, -1, -2 -> -2/3; maxima 3, 4, 6 -> 13/3
    QVERIFY(std::abs(s.avgMin() - (-2.0 / 3.0)) < 1e-12);
    QVERIFY(std::abs(s.avgMax() - 13.0 / 3.0) < 1e-12);
    // sum 18 / 9 = 2; squared deviations 1+0+1+9+4+4+9+16+16 = 60 -> std sqrt(60/9) = 2.5819889
    QVERIFY(std::abs(s.mean() - 2.0) < 1e-12);
    QVERIFY(std::abs(s.std() - std::sqrt(60.0 / 9.0)) < 1e-12);
    // b with the running mean: batch 1 vs 1.5: .5+.5+1.5+2.5+1.5+2.5 = 9; batch 2 vs 2: 3+4+4 = 11 -> 20/9
    QVERIFY(std::abs(s.b() - 20.0 / 9.0) < 1e-12);
    QCOMPARE(s.shape(), (std::vector<int64_t>{2, 3}));
    QCOMPARE(s.histogram().total(), 9.0);
    QCOMPARE(s.histogram().min(), -2.0f);
    QCOMPARE(s.histogram().max(), 6.0f);
    const StatsSummary sum = s.summary();
    QCOMPARE(sum.min, -2.0);
    QCOMPARE(sum.shape, (std::vector<int64_t>{2, 3}));
}

void TestTensorStats::oneValuePerSampleUsesBatch()
{
    // [4] = 4 samples of one value: Distiller switches to the batch as one sample, so avg_min == min.
    TensorStats s;
    const std::vector<float> v{3, -1, 2, 5};
    s.add(v.data(), std::vector<int64_t>{4});
    QCOMPARE(s.samples(), int64_t(1));
    QCOMPARE(s.avgMin(), -1.0);
    QCOMPARE(s.avgMax(), 5.0);
}

void TestTensorStats::nonFiniteIgnored()
{
    TensorStats s;
    const float inf = std::numeric_limits<float>::infinity();
    const std::vector<float> v{1, std::nanf(""), inf, 3};
    s.add(v.data(), std::vector<int64_t>{1, 4});
    QCOMPARE(s.nonFinite(), int64_t(2));
    QCOMPARE(s.count(), int64_t(2));
    QCOMPARE(s.min(), 1.0);
    QCOMPARE(s.max(), 3.0);
    QCOMPARE(s.mean(), 2.0);
    QCOMPARE(s.histogram().total(), 2.0);
}

void TestTensorStats::histogramGrowsWithoutLosingMass()
{
    GrowingHistogram h;
    std::vector<float> v(10000);
    double fed = 0;
    const double ranges[][2] = {{0, 1}, {-1, 3}, {2.5, 2.5}, {10, 11}, {-50, -49}};
    for (const auto& r : ranges) {
        for (std::size_t i = 0; i < v.size(); ++i)
            v[i] = float(r[0] + (r[1] - r[0]) * double(i) / double(v.size() - 1));
        h.add(v.data(), int64_t(v.size()));
        fed += double(v.size());
        QCOMPARE(h.total(), fed); // double counts: exact
    }
    QCOMPARE(h.min(), -50.0f);
    QCOMPARE(h.max(), 11.0f);
}

void TestTensorStats::histogramKeepsMassInPlace()
{
    // 1000 values at 0.25 in a [0, 1] histogram, then the range grows to [0, 8]: the mass must land in the
    // bin holding 0.25 (bin 64 of 2048 over [0, 8]).
    GrowingHistogram h;
    std::vector<float> a(1000, 0.25f);
    a[0] = 0.0f;
    a[1] = 1.0f;
    h.add(a.data(), int64_t(a.size()));
    const std::vector<float> b{8.0f};
    h.add(b.data(), 1);
    QCOMPARE(h.total(), 1001.0);
    QCOMPARE(h.counts()[64], 998.0);
    QCOMPARE(h.counts()[0], 1.0);  // the 0
    // The 1 sat in the old last bin [1 - 1/2048, 1], which lies inside new bin 255 = [255/256, 1).
    QCOMPARE(h.counts()[255], 1.0);
    QCOMPARE(h.counts()[2047], 1.0); // the 8
}

void TestTensorStats::histogramQuantile()
{
    // 4 bins over [0, 4], one value each: quantile(0.75) = 3, quantile(0.125) = 0.5 (linear in the bin).
    GrowingHistogram h = GrowingHistogram::fromCounts(0.0f, 4.0f, {1, 1, 1, 1});
    QCOMPARE(h.quantile(0.75), 3.0);
    QCOMPARE(h.quantile(0.125), 0.5);
    QCOMPARE(h.quantile(1.0), 4.0);
    QVERIFY_THROWS_EXCEPTION(Error, GrowingHistogram::fromCounts(1.0f, 0.0f, {1}));
    QVERIFY_THROWS_EXCEPTION(Error, GrowingHistogram::fromCounts(0.0f, 1.0f, {-1}));
}

void TestTensorStats::weightStats()
{
    // [2, 3]: channel 0 {1, -2, 3}, channel 1 {0.5, 0.25, -0.125}
    const std::vector<float> w{1, -2, 3, 0.5f, 0.25f, -0.125f};
    const WeightStats s = computeWeightStats(w.data(), std::vector<int64_t>{2, 3});
    QCOMPARE(s.min, -2.0f);
    QCOMPARE(s.max, 3.0f);
    QCOMPARE(s.channelMin, (std::vector<float>{-2.0f, -0.125f}));
    QCOMPARE(s.channelMax, (std::vector<float>{3.0f, 0.5f}));
    QCOMPARE(s.histogram.total(), 6.0);
    QVERIFY_THROWS_EXCEPTION(Error, computeWeightStats(w.data(), std::vector<int64_t>{}));
    QVERIFY_THROWS_EXCEPTION(Error, computeWeightStats(w.data(), std::vector<int64_t>{0, 3}));
}

void TestTensorStats::restoredStatsAreReadOnly()
{
    StatsSummary sum;
    sum.min = -1;
    sum.max = 1;
    TensorStats s = TensorStats::fromSummary(sum);
    QCOMPARE(s.min(), -1.0);
    QVERIFY(std::isnan(s.b()));
    QVERIFY(!s.hasHistogram());
    const float v = 0.0f;
    QVERIFY_THROWS_EXCEPTION(Error, s.add(&v, std::vector<int64_t>{1}));
}

QTEST_APPLESS_MAIN(TestTensorStats)
#include "test_tensor_stats.moc"
