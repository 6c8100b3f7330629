// Scale / zero point in PyTorch's and Distiller's conventions against hand-computed values.

#include "core/ranges/quant_params.h"
#include "core/util/error.h"

#include <QtTest>

#include <cmath>

using namespace qs;

class TestQuantParams : public QObject {
    Q_OBJECT

private slots:
    void torchAffine();
    void torchSymmetric();
    void torchDegenerate();
    void distillerSymmetric();
    void distillerAsymmetric();
    void distillerErrors();
    void conventionsAgree();
    void quantRanges();
    void gridOfAsymmetricRange();
    void modeNames();
};

void TestQuantParams::torchAffine()
{
    // [-1, 3] on quint8: scale = 4 / 255; zero point = 0 - round(-1 / (4/255)) = -round(-63.75) = 64.
    TorchQParams p = torchQParams(-1.0f, 3.0f, {TorchDtype::QUInt8, TorchQScheme::Affine, false});
    QCOMPARE(p.scale, 4.0f / 255.0f);
    QCOMPARE(p.zeroPoint, int64_t(64));
    // reduce_range: [0, 127], scale 4 / 127 = 0.0314961, zero point -round(-31.75) = 32.
    p = torchQParams(-1.0f, 3.0f, {TorchDtype::QUInt8, TorchQScheme::Affine, true});
    QCOMPARE(p.scale, 4.0f / 127.0f);
    QCOMPARE(p.zeroPoint, int64_t(32));
    // qint8: zero point = -128 + 64 = -64.
    p = torchQParams(-1.0f, 3.0f, {TorchDtype::QInt8, TorchQScheme::Affine, false});
    QCOMPARE(p.zeroPoint, int64_t(-64));
    // A positive range still contains 0: [2, 4] -> [0, 4], zero point 0.
    p = torchQParams(2.0f, 4.0f, {TorchDtype::QUInt8, TorchQScheme::Affine, false});
    QCOMPARE(p.scale, 4.0f / 255.0f);
    QCOMPARE(p.zeroPoint, int64_t(0));
}

void TestQuantParams::torchSymmetric()
{
    // max(|-1|, 3) / 127.5 = 0.0235294
    TorchQParams p = torchQParams(-1.0f, 3.0f, {TorchDtype::QInt8, TorchQScheme::Symmetric, false});
    QCOMPARE(p.scale, 3.0f / 127.5f);
    QCOMPARE(p.zeroPoint, int64_t(0));
    p = torchQParams(-1.0f, 3.0f, {TorchDtype::QUInt8, TorchQScheme::Symmetric, false});
    QCOMPARE(p.zeroPoint, int64_t(128));
    // qint8 reduce_range [-64, 63]: 3 / 63.5
    p = torchQParams(-1.0f, 3.0f, {TorchDtype::QInt8, TorchQScheme::Symmetric, true});
    QCOMPARE(p.scale, 3.0f / 63.5f);
}

void TestQuantParams::torchDegenerate()
{
    // All zeros: scale clamps to eps, zero point 0.
    TorchQParams p = torchQParams(0.0f, 0.0f, {});
    QCOMPARE(p.scale, 1.1920928955078125e-07f);
    QCOMPARE(p.zeroPoint, int64_t(0));
    // min > max (nothing observed): PyTorch's default (1, 0).
    p = torchQParams(1.0f, -1.0f, {});
    QCOMPARE(p.scale, 1.0f);
}

void TestQuantParams::distillerSymmetric()
{
    // 8 bits, sat 3: n = 255/2 = 127.5 -> scale 42.5; restricted n = 127 -> 42.333...
    DistillerQParams p = distillerSymmetricParams(8, 3.0, false);
    QCOMPARE(p.scale, 42.5);
    QCOMPARE(p.zeroPoint, 0.0);
    p = distillerSymmetricParams(8, 3.0, true);
    QCOMPARE(p.scale, 127.0 / 3.0);
    // 4 bits: n = 7.5
    QCOMPARE(distillerSymmetricParams(4, 1.5, false).scale, 5.0);
    // Zero saturation: Distiller replaces it by n, scale 1.
    QCOMPARE(distillerSymmetricParams(8, 0.0, false).scale, 1.0);
    // Mode form uses max(|min|, |max|).
    QCOMPARE(distillerQParams(8, QuantMode::Symmetric, -5.0, 3.0).scale, 127.5 / 5.0);
}

void TestQuantParams::distillerAsymmetric()
{
    // [-1, 3], 8 bits: scale = 255 / 4 = 63.75; zp = round(63.75 * -1) = -64 (unsigned), +128 = 64 (signed).
    DistillerQParams u = distillerAsymmetricParams(8, -1.0, 3.0, false);
    QCOMPARE(u.scale, 63.75);
    QCOMPARE(u.zeroPoint, -64.0);
    DistillerQParams s = distillerAsymmetricParams(8, -1.0, 3.0, true);
    QCOMPARE(s.zeroPoint, 64.0);
    // q = round(scale * x - zp): -1 -> round(0.25) = 0, 3 -> round(255.25) = 255 (unsigned);
    // signed: -1 -> round(-127.75) = -128.
    QCOMPARE(std::nearbyint(u.scale * -1.0 - u.zeroPoint), 0.0);
    QCOMPARE(std::nearbyint(u.scale * 3.0 - u.zeroPoint), 255.0);
    QCOMPARE(std::nearbyint(s.scale * -1.0 - s.zeroPoint), -128.0);
    // Non-integral zero point keeps scale * min.
    QCOMPARE(distillerAsymmetricParams(8, -1.0, 3.0, false, false).zeroPoint, -63.75);
    // Range forced to include zero: [1, 2] -> [0, 2].
    QCOMPARE(distillerAsymmetricParams(8, 1.0, 2.0, false).scale, 127.5);
    QCOMPARE(distillerAsymmetricParams(8, 1.0, 2.0, false).zeroPoint, 0.0);
}

void TestQuantParams::distillerErrors()
{
    QVERIFY_THROWS_EXCEPTION(Error, distillerSymmetricParams(8, -1.0, false));
    QVERIFY_THROWS_EXCEPTION(Error, distillerAsymmetricParams(8, 2.0, 1.0, false));
    QVERIFY_THROWS_EXCEPTION(Error, distillerSymmetricParams(0, 1.0, false));
}

void TestQuantParams::conventionsAgree()
{
    // scale_distiller = 1 / scale_pytorch, zero_point_pytorch = -zero_point_distiller.
    const TorchQParams u = toTorch(distillerAsymmetricParams(8, -1.0, 3.0, false));
    const TorchQParams torchU = torchQParams(-1.0f, 3.0f, {TorchDtype::QUInt8, TorchQScheme::Affine, false});
    QVERIFY(std::abs(u.scale - torchU.scale) < 1e-7f);
    QCOMPARE(u.zeroPoint, torchU.zeroPoint);
    const TorchQParams s = toTorch(distillerAsymmetricParams(8, -1.0, 3.0, true));
    const TorchQParams torchS = torchQParams(-1.0f, 3.0f, {TorchDtype::QInt8, TorchQScheme::Affine, false});
    QVERIFY(std::abs(s.scale - torchS.scale) < 1e-7f);
    QCOMPARE(s.zeroPoint, torchS.zeroPoint);
    const TorchQParams sym = toTorch(distillerSymmetricParams(8, 3.0, false));
    QVERIFY(std::abs(sym.scale - torchQParams(-1.0f, 3.0f, {TorchDtype::QInt8, TorchQScheme::Symmetric, false}).scale) < 1e-7f);
    const DistillerQParams back = toDistiller(torchU);
    QVERIFY(std::abs(back.scale - 63.75) < 1e-4);
    QCOMPARE(back.zeroPoint, -64.0);
}

void TestQuantParams::quantRanges()
{
    QCOMPARE(distillerQuantRange(4, QuantMode::AsymmetricUnsigned).max, int64_t(15));
    QCOMPARE(distillerQuantRange(4, QuantMode::Symmetric).min, int64_t(-8));
    QCOMPARE(distillerQuantRange(4, QuantMode::SymmetricRestricted).min, int64_t(-7));
    QCOMPARE(distillerQuantRange(4, QuantMode::AsymmetricSigned).max, int64_t(7));
    QCOMPARE(torchQuantRange(TorchDtype::QInt8, true).min, int64_t(-64));
}

void TestQuantParams::gridOfAsymmetricRange()
{
    // [-1, 3], asym_u 8 bits: levels (q + zp) / scale for q = 0..255 -> lo = -64 / 63.75, step 1 / 63.75.
    const QuantGrid g = distillerGrid(8, QuantMode::AsymmetricUnsigned, -1.0, 3.0);
    QCOMPARE(g.levels, int64_t(256));
    QCOMPARE(g.lo, -64.0 / 63.75);
    QCOMPARE(g.step, 1.0 / 63.75);
    QVERIFY(std::abs(g.hi() - 191.0 / 63.75) < 1e-12);
}

void TestQuantParams::modeNames()
{
    QVERIFY(parseQuantMode("sym_restr") == QuantMode::SymmetricRestricted);
    QVERIFY(parseQuantMode("ASYMMETRIC_SIGNED") == QuantMode::AsymmetricSigned);
    QCOMPARE(distillerName(QuantMode::AsymmetricUnsigned), std::string("ASYMMETRIC_UNSIGNED"));
    try {
        parseQuantMode("asym");
        QFAIL("no error");
    } catch (const Error& e) {
        QVERIFY(e.message().find("asym_u") != std::string::npos);
        QVERIFY(e.message().find("SYMMETRIC_RESTRICTED") != std::string::npos);
    }
}

QTEST_APPLESS_MAIN(TestQuantParams)
#include "test_quant_params.moc"
