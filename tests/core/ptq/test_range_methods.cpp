// The pipeline's range methods (an adapter over core/calibration) against numbers worked out by hand or
// published independently: ACIQ's clipping constants (Banner et al. 2019), Distiller's avg / n_std / laplace
// formulas on tiny tensors, percentile, the histogram's mass conservation, and the ranking property that
// makes the MSE method worth having.
#include "core/ptq/range_methods.h"

#include <QtTest>

#include <cmath>
#include <random>

using namespace qs;

class TestRangeMethods : public QObject {
    Q_OBJECT
private slots:
    void aciqConstantsMatchThePaper()
    {
        // alpha / b for Laplace and alpha / sigma for Gauss, 2..8 bits.
        const double laplace[] = {2.83, 3.89, 5.03, 6.20, 7.41, 8.64, 9.89};
        const double gauss[] = {1.71, 2.15, 2.55, 2.94, 3.29, 3.61, 3.92};
        for (int bits = 2; bits <= 8; ++bits) {
            QVERIFY2(std::fabs(aciqAlpha(true, bits, false) - laplace[bits - 2]) < 0.01, qPrintable(QString::number(aciqAlpha(true, bits, false))));
            // Distiller's table rounds 3.29 (6 bits) to 3.28.
            QVERIFY2(std::fabs(aciqAlpha(false, bits, false) - gauss[bits - 2]) < 0.015, qPrintable(QString::number(aciqAlpha(false, bits, false))));
            // One-sided data uses half the range for the same number of levels: a wider optimal clip.
            QVERIFY(aciqAlpha(true, bits, true) > aciqAlpha(true, bits, false));
        }
    }

    void distillerStatisticsByHand()
    {
        // Two samples: [-1, 0, 3] and [1, 2, 7] -> min -1, max 7, avg_min (-1 + 1) / 2 = 0, avg_max (3 + 7) / 2 = 5,
        // mean 2, std sqrt(mean(x^2) - 4) = sqrt(64/6 - 4) = 2.5820, b: batch mean 2 -> mean |x - 2| = (3+2+1+1+0+5)/6 = 2.
        const float data[] = {-1, 0, 3, 1, 2, 7};
        ActivationStats s;
        s.add(data, {2, 3});
        QCOMPARE(s.min, -1.0);
        QCOMPARE(s.max, 7.0);
        QCOMPARE(s.avgMin, 0.0);
        QCOMPARE(s.avgMax, 5.0);
        QCOMPARE(s.mean, 2.0);
        QVERIFY(std::fabs(s.std - std::sqrt(64.0 / 6.0 - 4.0)) < 1e-9);
        QCOMPARE(s.b, 2.0);
        QCOMPARE(s.samples, 2);

        const ValueRange none = pickRange(RangeMethod::None, s, 8, QuantMode::AsymmetricUnsigned);
        QCOMPARE(none.min, -1.0f);
        QCOMPARE(none.max, 7.0f);
        const ValueRange avg = pickRange(RangeMethod::Avg, s, 8, QuantMode::AsymmetricUnsigned);
        QCOMPARE(avg.min, 0.0f);
        QCOMPARE(avg.max, 5.0f);
        RangeOptions one;
        one.nStds = 1.0; // mean +- 1 std = [-0.582, 4.582], inside [min, max]
        const ValueRange nstd = pickRange(RangeMethod::NStd, s, 8, QuantMode::AsymmetricUnsigned, one);
        QVERIFY(std::fabs(nstd.min - (2.0 - 2.5820)) < 1e-3 && std::fabs(nstd.max - (2.0 + 2.5820)) < 1e-3);
        // Laplace in Distiller's asymmetric form: alpha = L[bits] * b, lo = max(avg_min, mean - alpha), hi = lo + 2 alpha.
        // Distiller's table: L[8] = 9.89, L[2] = 2.83. 8 bits: alpha = 19.78 -> lo = max(0, -17.78) = 0, hi = 39.56.
        const ValueRange lap = pickRange(RangeMethod::Laplace, s, 8, QuantMode::AsymmetricUnsigned);
        QCOMPARE(lap.min, 0.0f);
        QVERIFY(std::fabs(lap.max - 2 * 2 * 9.89) < 1e-3);
        // 2 bits: alpha = 5.66 -> [0, 11.32].
        const ValueRange lap2 = pickRange(RangeMethod::Laplace, s, 2, QuantMode::AsymmetricUnsigned);
        QCOMPARE(lap2.min, 0.0f);
        QVERIFY(std::fabs(lap2.max - 2 * 2 * 2.83) < 1e-3);
    }

    void histogramGrowsWithoutLosingMass()
    {
        Histogram h(64);
        std::mt19937 rng(7);
        std::normal_distribution<float> n(0.0f, 1.0f);
        double added = 0.0;
        for (int batch = 0; batch < 20; ++batch) {
            std::vector<float> v(1000);
            for (float& x : v)
                x = n(rng) * (1.0f + batch); // the range keeps growing
            h.add(v.data(), static_cast<int64_t>(v.size()));
            added += v.size();
        }
        QCOMPARE(h.total(), added);
        QVERIFY(h.lo() <= -20.0 && h.hi() >= 20.0);
        // Median of a symmetric distribution: near 0 (within two bins).
        QVERIFY(std::fabs(h.quantile(0.5)) < 2 * h.binWidth());
    }

    void percentileCutsTheTail()
    {
        // 9999 values in [0, 1) and one outlier at 1000: the 99.9th percentile ignores it, none does not.
        std::vector<float> v;
        for (int i = 0; i < 9999; ++i)
            v.push_back(static_cast<float>(i) / 9999.0f);
        v.push_back(1000.0f);
        ActivationStats s;
        s.add(v.data(), {1, static_cast<int64_t>(v.size())});
        RangeOptions o;
        o.percentile = 99.9;
        const ValueRange p = pickRange(RangeMethod::Percentile, s, 8, QuantMode::AsymmetricUnsigned, o);
        QVERIFY(p.min >= 0.0f && p.min < 0.01f);
        QVERIFY2(p.max < 2.0f, qPrintable(QString::number(p.max)));
        QCOMPARE(pickRange(RangeMethod::None, s, 8, QuantMode::AsymmetricUnsigned).max, 1000.0f);
    }

    void mseAndEntropyBeatMinMaxOnHeavyTails()
    {
        // Laplace data with rare large outliers: clipping methods must predict a better SQNR than min/max at 4 bits.
        std::mt19937 rng(3);
        std::exponential_distribution<float> e(1.0f);
        std::bernoulli_distribution sign(0.5);
        std::vector<float> v(50000);
        for (float& x : v)
            x = (sign(rng) ? 1.0f : -1.0f) * e(rng);
        v[0] = 40.0f;
        ActivationStats s;
        s.add(v.data(), {1, static_cast<int64_t>(v.size())});
        const auto quality = [&](RangeMethod m) {
            return predictQuality(s.histogram, pickRange(m, s, 4, QuantMode::Symmetric), 4, QuantMode::Symmetric).sqnrDb;
        };
        const double none = quality(RangeMethod::None), mse = quality(RangeMethod::Mse), entropy = quality(RangeMethod::Entropy);
        const double laplace = quality(RangeMethod::Laplace);
        qInfo("4-bit SQNR: none %.2f dB, laplace %.2f, entropy %.2f, mse %.2f", none, laplace, entropy, mse);
        QVERIFY(mse > none + 3.0);
        QVERIFY(laplace > none + 3.0);
        QVERIFY(entropy > none);
        // MSE minimises the predicted error over a grid of candidates: nothing else may score clearly better.
        for (RangeMethod m : allRangeMethods())
            QVERIFY2(quality(m) <= mse + 0.05, qPrintable(QString::fromStdString(toString(m))));
    }

    void namesRoundTripAndBadNamesAreListed()
    {
        for (RangeMethod m : allRangeMethods())
            QVERIFY(parseRangeMethod(toString(m)) == m);
        QVERIFY(parseRangeMethod("LAPLACE") == RangeMethod::Laplace);
        try {
            parseRangeMethod("lapalce");
            QFAIL("accepted a misspelt method");
        } catch (const std::exception& e) {
            QVERIFY(QString(e.what()).contains("valid: none, avg"));
        }
    }
};

QTEST_APPLESS_MAIN(TestRangeMethods)
#include "test_range_methods.moc"
