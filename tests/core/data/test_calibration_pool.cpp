// Where calibration draws from when the data has no train split: the samples that are not evaluated, or, when
// every sample is evaluated, the evaluated ones, flagged so the caller can say so.
#include "core/data/calibration_pool.h"

#include "core/util/error.h"

#include <QtTest>

using namespace qs;

class TestCalibrationPool : public QObject {
    Q_OBJECT

private slots:
    void foldersHaveNoTrainSplit()
    {
        QVERIFY(hasTrainSplit("fashion-mnist:/data"));
        QVERIFY(hasTrainSplit("cifar10:/data"));
        QVERIFY(!hasTrainSplit("images:/photos"));
        QVERIFY(!hasTrainSplit("imagefolder:/imagenet"));
        QVERIFY(!hasTrainSplit("tensors:/arrays"));
        QVERIFY_THROWS_EXCEPTION(Error, hasTrainSplit("nosuchkind:/x"));
    }

    void notEvaluatedFirst()
    {
        CalibrationPool pool = calibrationPool(6, {0, 2, 3});
        QCOMPARE(pool.indices, (std::vector<int64_t>{1, 4, 5}));
        QVERIFY(!pool.sharesEvaluated);
        pool = calibrationPool(3, {0, 1, 2});
        QCOMPARE(pool.indices, (std::vector<int64_t>{0, 1, 2}));
        QVERIFY(pool.sharesEvaluated);
    }
};

QTEST_APPLESS_MAIN(TestCalibrationPool)
#include "test_calibration_pool.moc"
