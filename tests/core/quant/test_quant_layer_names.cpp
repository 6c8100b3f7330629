// ONNX node names from torch.onnx -> the PyTorch module paths Distiller's override keys are written against,
// and the override key matcher (Python re.match on (^key$)).
#include "core/quant/layer_names.h"
#include "core/quant/override_pattern.h"
#include "core/util/error.h"

#include <QtTest>

using namespace qs;

class TestQuantLayerNames : public QObject {
    Q_OBJECT
private slots:
    void modulePaths_data()
    {
        QTest::addColumn<QString>("node");
        QTest::addColumn<QString>("path");
        QTest::newRow("conv in block") << "/layer1/layer1.0/conv1/Conv" << "layer1.0.conv1";
        QTest::newRow("fc") << "/fc/Gemm" << "fc";
        QTest::newRow("stem") << "/conv1/Conv" << "conv1";
        QTest::newRow("relu numbered") << "/layer1/layer1.0/relu_1/Relu_1" << "layer1.0.relu_1";
        QTest::newRow("downsample") << "/layer2/layer2.0/downsample/downsample.0/Conv" << "layer2.0.downsample.0";
        QTest::newRow("features") << "/features/features.0/Conv" << "features.0";
        QTest::newRow("old exporter") << "Conv_0" << "Conv_0";
        QTest::newRow("output name") << "123" << "123";
        QTest::newRow("top-level op") << "/Flatten" << "/Flatten";
        QTest::newRow("not an op type") << "/layer1/conv" << "/layer1/conv";
    }
    void modulePaths()
    {
        QFETCH(QString, node);
        QFETCH(QString, path);
        QCOMPARE(QString::fromStdString(modulePathFromOnnxName(node.toStdString())), path);
    }

    void matchNames()
    {
        QCOMPARE(layerMatchNames("/layer1/layer1.0/conv1/Conv"),
                 (std::vector<std::string>{"/layer1/layer1.0/conv1/Conv", "layer1.0.conv1"}));
        // An Add traced in the block's forward() is Distiller's `add` module, not the block.
        QCOMPARE(layerMatchNames("/layer1/layer1.0/Add"), (std::vector<std::string>{"/layer1/layer1.0/Add", "layer1.0.add"}));
        QCOMPARE(layerMatchNames("/layer1/layer1.0/add/Add"),
                 (std::vector<std::string>{"/layer1/layer1.0/add/Add", "layer1.0.add"}));
        QCOMPARE(layerMatchNames("layer1.0.conv1"), std::vector<std::string>{"layer1.0.conv1"});
        QCOMPARE(layerMatchNames("module.fc"), std::vector<std::string>{"fc"}); // DataParallel
        QCOMPARE(layerMatchNames("Add_3", "Add"), std::vector<std::string>{"Add_3"});
    }

    void patternsMatchLikePython()
    {
        QVERIFY(OverridePattern("layer.*conv.*").matches("layer1.0.conv1"));
        QVERIFY(!OverridePattern("layer.*conv.*").matches("/layer1/layer1.0/bn1/BatchNormalization"));
        QVERIFY(!OverridePattern("conv1").matches("layer1.0.conv1")); // anchored at the start
        QVERIFY(!OverridePattern("conv").matches("conv1"));          // and at the end
        QVERIFY(OverridePattern(".*downsample\\.0.*").matches("layer2.0.downsample.0"));
        QVERIFY(!OverridePattern(".*downsample\\.0.*").matches("layer2.0.downsample_0"));
        QVERIFY(OverridePattern("conv1|fc").matches("conv1.x")); // (^conv1|fc$)
        QVERIFY(!OverridePattern("conv1|fc").matches("x.fc.y"));
        QVERIFY(OverridePattern("layer[1-2]\\.\\d\\.conv(1|2)").matches("layer2.1.conv2"));
        QVERIFY_THROWS_EXCEPTION(Error, OverridePattern("layer[1"));
        QVERIFY_THROWS_EXCEPTION(Error, OverridePattern("(?P<name>conv)"));
        QVERIFY_THROWS_EXCEPTION(Error, OverridePattern("conv\\Z"));
        QVERIFY(overridePatternProblem("(?:conv|fc)1").empty());
        const std::string literal = "layer1.0.conv1";
        QVERIFY(OverridePattern(escapeOverridePattern(literal)).matches(literal));
        QVERIFY(!OverridePattern(escapeOverridePattern(literal)).matches("layer1x0.conv1"));
    }
};

QTEST_APPLESS_MAIN(TestQuantLayerNames)
#include "test_quant_layer_names.moc"
