// The one rule for which metric an evaluation measures (the CLI's eval and the workbench): top-1 only for a
// single-output classifier on labelled data, fidelity otherwise; a requested metric applies only where it can.
#include "core/eval/metric_choice.h"

#include "core/data/random_dataset.h"

#include <QtTest>

using namespace qs;

namespace {
Graph withOutputs(std::vector<Shape> shapes)
{
    Graph g;
    for (std::size_t i = 0; i < shapes.size(); ++i)
        g.outputs.push_back({"out" + std::to_string(i), DataType::Float32, shapes[i], {}, true});
    return g;
}

// RandomDataset's labels decide "labelled" here: a small stand-in with or without classes.
class Labelled final : public RandomDataset {
public:
    Labelled(int classes) : RandomDataset(SampleShape{1, 4, 4}, 8), m_classes(classes) {}
    int numClasses() const override { return m_classes; }

private:
    int m_classes;
};
} // namespace

class TestMetricChoice : public QObject {
    Q_OBJECT

private slots:
    void namesRoundTrip()
    {
        QCOMPARE(parseQualityMetric(toString(QualityMetric::Top1)), std::optional<QualityMetric>(QualityMetric::Top1));
        QCOMPARE(parseQualityMetric(toString(QualityMetric::Fidelity)), std::optional<QualityMetric>(QualityMetric::Fidelity));
        QVERIFY(!parseQualityMetric("top5"));
    }

    void topOneOnlyForLabelledClassifiers()
    {
        const Graph classifier = withOutputs({{1, 10}});
        const Graph detector = withOutputs({{1, 4420, 2}, {1, 4420, 4}});
        const Graph segmenter = withOutputs({{1, 21, 64, 64}});
        const Labelled labelled(10), unlabelled(0);
        QVERIFY(isSingleOutputClassifier(classifier));
        QVERIFY(!isSingleOutputClassifier(detector));
        QVERIFY(!isSingleOutputClassifier(segmenter));
        QVERIFY(chooseMetric(classifier, labelled) == QualityMetric::Top1);
        QVERIFY(chooseMetric(classifier, labelled, QualityMetric::Fidelity) == QualityMetric::Fidelity);
        QVERIFY(chooseMetric(classifier, unlabelled) == QualityMetric::Fidelity);
        QVERIFY(chooseMetric(classifier, unlabelled, QualityMetric::Top1) == QualityMetric::Fidelity); // cannot apply
        QVERIFY(chooseMetric(detector, labelled) == QualityMetric::Fidelity);
        QVERIFY(chooseMetric(segmenter, labelled, QualityMetric::Top1) == QualityMetric::Fidelity);
    }
};

QTEST_APPLESS_MAIN(TestMetricChoice)
#include "test_metric_choice.moc"
