// Scoring of logits: top-1 / top-5 by rank of the label's logit (ties against the sample), and rows a broken
// model cannot score — a NaN logit or a label logit that is not finite, what infinite scales produce — count
// as wrong predictions instead of hits (a NaN compares false with everything, so it was never "greater").
#include "core/eval/evaluator.h"

#include <QtTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace qs;

namespace {
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr int64_t kClasses = 8;

EvalMetrics score(const std::vector<float>& logits, const std::vector<int>& labels)
{
    EvalMetrics m;
    accumulateLogits(m, logits.data(), static_cast<int64_t>(labels.size()), kClasses, labels);
    return m;
}
} // namespace

class TestEvaluator : public QObject {
    Q_OBJECT

private slots:
    void ranksTheLabelsLogit()
    {
        const std::vector<float> logits{
            0, 1, 9, 2, 3, 4, 5, 6, // label 2 is the largest: top-1 and top-5
            9, 8, 7, 6, 1, 2, 3, 4, // label 2 is third: top-5 only
            9, 8, 7, 6, 5, 4, 3, 2, // label 7 is last: neither
            5, 5, 0, 0, 0, 0, 0, 0, // label 1 ties with class 0, which ranks first: top-5 only
        };
        const EvalMetrics m = score(logits, {2, 2, 7, 1});
        QCOMPARE(m.samples, int64_t(4));
        QCOMPARE(m.correctTop1, int64_t(1));
        QCOMPARE(m.correctTop5, int64_t(3));
        QVERIFY(std::isfinite(m.meanCrossEntropy()) && m.meanCrossEntropy() > 0.0);
    }

    void nanLogitsCountWrong()
    {
        std::vector<float> logits(4 * kClasses, 0.0f);
        for (int64_t c = 0; c < kClasses; ++c)
            logits[static_cast<std::size_t>(c)] = kNaN; // row 0: every logit NaN (a model run with infinite scales)
        logits[1 * kClasses + 3] = 10.0f;             // row 1: the label wins, but another class is NaN
        logits[1 * kClasses + 5] = kNaN;
        logits[2 * kClasses + 4] = kNaN;              // row 2: the label's own logit is NaN
        logits[3 * kClasses + 6] = kInf;              // row 3: the label's logit is +inf
        const EvalMetrics m = score(logits, {0, 3, 4, 6});
        QCOMPARE(m.samples, int64_t(4));
        QCOMPARE(m.correctTop1, int64_t(0));
        QCOMPARE(m.correctTop5, int64_t(0));
        QCOMPARE(m.top1(), 0.0);
        // With fewer than five classes every scorable row is in the top 5, but a NaN row still is not.
        const std::vector<float> three{kNaN, kNaN, kNaN, 1, 2, 3};
        EvalMetrics few;
        accumulateLogits(few, three.data(), 2, 3, std::vector<int>{0, 0});
        QCOMPARE(few.correctTop5, int64_t(1));
    }

    void infiniteOtherLogitsRankAsUsual()
    {
        // -inf elsewhere is a valid score (below the label); +inf elsewhere beats the label.
        std::vector<float> logits(2 * kClasses, 0.0f);
        logits[0 * kClasses + 1] = 1.0f;
        logits[0 * kClasses + 2] = -kInf;
        logits[1 * kClasses + 1] = 1.0f;
        logits[1 * kClasses + 0] = kInf;
        const EvalMetrics m = score(logits, {1, 1});
        QCOMPARE(m.correctTop1, int64_t(1));
        QCOMPARE(m.correctTop5, int64_t(2));
    }
};

QTEST_APPLESS_MAIN(TestEvaluator)
#include "test_evaluator.moc"
