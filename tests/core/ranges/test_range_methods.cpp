// The pipeline's range methods (an adapter over core/calibration) against numbers worked out by hand or
// published independently: ACIQ's clipping constants (Banner et al. 2019), Distiller's avg / n_std / laplace
// formulas on tiny tensors, percentile, the histogram's mass conservation, and the ranking property that
// makes the MSE method worth having.
#include "core/ranges/clip_methods.h"

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
            QVERIFY2(std::fabs(aciqAlpha(RangeMethod::Laplace, bits, false) - laplace[bits - 2]) < 0.01, qPrintable(QString::number(aciqAlpha(RangeMethod::Laplace, bits, false))));
            // Distiller's table rounds 3.29 (6 bits) to 3.28.
            QVERIFY2(std::fabs(aciqAlpha(RangeMethod::Gauss, bits, false) - gauss[bits - 2]) < 0.015, qPrintable(QString::number(aciqAlpha(RangeMethod::Gauss, bits, false))));
            // One-sided data uses half the range for the same number of levels: a wider optimal clip.
            QVERIFY(aciqAlpha(RangeMethod::Laplace, bits, true) > aciqAlpha(RangeMethod::Laplace, bits, false));
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

    // ReLU6 outputs (half the values exactly 0, the rest exponential with mean 0.5, capped at 6): symmetric modes run
    // them on the unsigned grid from 0, so entropy must pick the threshold it picks for asym_u, not one driven towards
    // 0 by the zero spike (0.60 here while the spike was counted; MobileNetV2 at 8-bit sym entropy fell to 19 % top-1).
    void entropyOnReluOutputsIgnoresTheZeroSpike()
    {
        std::mt19937 rng(5);
        std::exponential_distribution<float> tail(2.0f);
        std::vector<float> v(40000);
        for (std::size_t i = 0; i < v.size(); ++i)
            v[i] = i % 2 == 0 ? 0.0f : std::min(6.0f, tail(rng));
        ActivationStats s;
        s.add(v.data(), {1, static_cast<int64_t>(v.size())});
        const ValueRange sym = pickRange(RangeMethod::Entropy, s, 8, QuantMode::Symmetric);
        const ValueRange asym = pickRange(RangeMethod::Entropy, s, 8, QuantMode::AsymmetricUnsigned);
        QCOMPARE(sym.max, asym.max);
        QVERIFY2(sym.max > 2.0f && sym.max <= s.max, qPrintable(QString::number(sym.max)));
        // KL clips more of the tail than MSE would (29 dB predicted against min/max's 41), but not the tensor away.
        const double entropy = predictQuality(s.histogram, sym, 8, QuantMode::Symmetric).sqnrDb;
        QVERIFY2(entropy > 25.0, qPrintable(QString::number(entropy)));
    }

    // Predicted SQNR on the grid that runs, pinned against hand-computed values. A uniform histogram makes
    // the integral exact: rounding error is step^2 / 12 per value inside the grid, clipping error the
    // integral of (x - edge)^2 outside it.
    void predictedSqnrUsesTheGridThatRuns()
    {
        const Histogram posUniform = Histogram::fromCounts(0.0, 1.0, std::vector<double>(1000, 1.0));   // x in [0, 1]
        const Histogram symUniform = Histogram::fromCounts(-1.0, 1.0, std::vector<double>(1000, 1.0)); // x in [-1, 1]
        const auto db = [](double power, double mse) { return 10.0 * std::log10(power / mse); };
        // sym on a post-ReLU tensor runs on the unsigned grid: 4 bits, step 1/15 over [0, 1].
        // (A signed grid, step 1/7, would predict 10 log10(196) = 22.9 dB.)
        const double symPos = db(1.0 / 3.0, std::pow(1.0 / 15.0, 2) / 12.0); // 10 log10(900) = 29.54 dB
        QVERIFY(std::fabs(predictQuality(posUniform, ValueRange{0.0f, 1.0f}, 4, QuantMode::Symmetric).sqnrDb - symPos) < 0.01);
        // sym and sym_restr on signed data: step max / 7, levels -8..7 and -7..7 (both cover [-1, 1]).
        const double symSigned = db(1.0 / 3.0, std::pow(1.0 / 7.0, 2) / 12.0); // 10 log10(196) = 22.92 dB
        QVERIFY(std::fabs(predictQuality(symUniform, ValueRange{-1.0f, 1.0f}, 4, QuantMode::Symmetric).sqnrDb - symSigned) < 0.01);
        QVERIFY(std::fabs(predictQuality(symUniform, ValueRange{-1.0f, 1.0f}, 4, QuantMode::SymmetricRestricted).sqnrDb - symSigned) < 0.01);
        // sym_restr clipped at 0.5 on [-1, 1]: step 0.5 / 7 over [-0.5, 0.5]; each tail [0.5, 1] (density 1/2) adds
        // (0.5)^3 / 3 / 2, the middle half of the mass rounds with step^2 / 12.
        const double restrClipMse = 0.5 * std::pow(0.5 / 7.0, 2) / 12.0 + 2.0 * (std::pow(0.5, 3) / 3.0) / 2.0;
        QVERIFY(std::fabs(predictQuality(symUniform, ValueRange{-0.5f, 0.5f}, 4, QuantMode::SymmetricRestricted).sqnrDb -
                          db(1.0 / 3.0, restrClipMse)) < 0.01);
        // asym_u on [-1, 1], 4 bits: step 2/15, zero point round(7.5) = 8, levels (q - 8) * 2/15 for q = 0..15 span
        // [-16/15, 14/15]; [-1, 14/15] is 14.5 rounding cells, (14/15, 1] is clipped; density 1/2.
        const double step = 2.0 / 15.0;
        const double asymMse = 0.5 * (14.5 * std::pow(step, 3) / 12.0 + std::pow(1.0 / 15.0, 3) / 3.0);
        QVERIFY(std::fabs(predictQuality(symUniform, ValueRange{-1.0f, 1.0f}, 4, QuantMode::AsymmetricUnsigned).sqnrDb -
                          db(1.0 / 3.0, asymMse)) < 0.01);
        // asym_s is the same grid shifted: the same error.
        QVERIFY(std::fabs(predictQuality(symUniform, ValueRange{-1.0f, 1.0f}, 4, QuantMode::AsymmetricSigned).sqnrDb -
                          db(1.0 / 3.0, asymMse)) < 0.01);
    }

    void weightErrorIsExactAndCombines()
    {
        const Tensor w = Tensor::fromFloats({1, 4}, std::vector<float>{1.0f, 0.5f, -0.25f, 0.1f});
        // sym 4-bit per tensor: scale 1 / 7.5, q = clamp(round(7.5 w), -8, 7) = 7, 4, -2, 1.
        const double e1 = 1.0 - 7.0 / 7.5, e2 = 0.5 - 4.0 / 7.5, e3 = -0.25 + 2.0 / 7.5, e4 = 0.1 - 1.0 / 7.5;
        const double sym = 10.0 * std::log10(1.3225 / (e1 * e1 + e2 * e2 + e3 * e3 + e4 * e4));
        QVERIFY(std::fabs(weightSqnrDb(w, weightQuant(4, QuantMode::Symmetric, false)) - sym) < 1e-3);
        // sym_restr 4-bit: scale 1 / 7, q = 7, round(3.5) = 4, round(-1.75) = -2, round(0.7) = 1.
        const double r1 = 0.0, r2 = 0.5 - 4.0 / 7.0, r3 = -0.25 + 2.0 / 7.0, r4 = 0.1 - 1.0 / 7.0;
        const double restr = 10.0 * std::log10(1.3225 / (r1 * r1 + r2 * r2 + r3 * r3 + r4 * r4));
        QVERIFY(std::fabs(weightSqnrDb(w, weightQuant(4, QuantMode::SymmetricRestricted, false)) - restr) < 1e-3);
        // Two equal noise powers: 3 dB worse than either.
        QVERIFY(std::fabs(combinedSqnrDb(30.0, 30.0) - (30.0 - 10.0 * std::log10(2.0))) < 1e-9);
        QVERIFY(combinedSqnrDb(40.0, 200.0) > 39.99);
    }

    void restrictedGridsAreDistillers()
    {
        // Activations: sym_restr on a signed range uses [-127, 127] with scale max / 127.
        const ActivationQuant a = activationQuant(ValueRange{-2.0f, 1.0f}, 8, QuantMode::SymmetricRestricted);
        QCOMPARE(a.qmin(), -127);
        QCOMPARE(a.qmax(), 127);
        QCOMPARE(a.scale, 2.0f / 127.0f);
        QVERIFY(a.narrowerThanStorage()); // the engine clamps at -127 itself: s8 saturates at -128 only
        QCOMPARE(a.quantize(-3.0f), -127.0f);
        QCOMPARE(activationQuant(ValueRange{-2.0f, 1.0f}, 8, QuantMode::Symmetric).qmin(), -128);
        // Weights: max / 127 over [-127, 127] (sym: max / 127.5 over [-128, 127]).
        const Tensor w = Tensor::fromFloats({1, 3}, std::vector<float>{-1.0f, 0.5f, 1.0f});
        std::vector<int8_t> q;
        const std::vector<float> restrScale = quantizeWeights(w, weightQuant(8, QuantMode::SymmetricRestricted, false), q);
        QCOMPARE(restrScale[0], 1.0f / 127.0f);
        QCOMPARE(int(q[0]), -127);
        QCOMPARE(int(q[2]), 127);
        const std::vector<float> symScale = quantizeWeights(w, weightQuant(8, QuantMode::Symmetric, false), q);
        QCOMPARE(symScale[0], 1.0f / 127.5f);
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
