// Empty tensors (a dim of 0: ONNX's zero-sized Split parts, an empty `axes` input) are valid and copy nothing:
// their buffers may be null, and memcpy with a null pointer is undefined even for 0 bytes. UBSan
// (-DQS_SANITIZE=ON, scripts/test.sh) aborts this test if a copy path loses its guard.
#include "core/ir/tensor.h"

#include <QtTest>

#include <cstdint>
#include <span>
#include <vector>

using namespace qs;

class TestTensor : public QObject {
    Q_OBJECT

private slots:
    void emptyTensorsCopyNothing()
    {
        const Tensor f = Tensor::fromFloats({2, 0}, std::span<const float>());
        QCOMPARE(f.size(), int64_t(0));
        QVERIFY(f.toFloat().empty());
        QVERIFY(f.toInt64().empty());

        const Tensor i = Tensor::fromInt64({0}, std::span<const int64_t>());
        QCOMPARE(i.size(), int64_t(0));
        QVERIFY(i.toInt64().empty());
        QVERIFY(i.toFloat().empty());
    }

    void nonEmptyTensorsKeepTheirValues()
    {
        const std::vector<float> values{1.5f, -2.0f, 3.0f};
        const Tensor f = Tensor::fromFloats({3}, values);
        QCOMPARE(f.toFloat(), values);
        const std::vector<int64_t> ints{7, -8};
        QCOMPARE(Tensor::fromInt64({2}, ints).toInt64(), ints);
    }
};

QTEST_APPLESS_MAIN(TestTensor)
#include "test_tensor.moc"
