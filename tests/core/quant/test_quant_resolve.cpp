// Override resolution with Distiller's semantics (quantizer.py): exact name first, else the first key in file
// order whose (^key$) matches at the start, unset keys inherit, null bits = not quantized; on the real
// Distiller configs and on small configs built here.
#include "core/quant/quant_config.h"
#include "core/quant/quant_config_yaml.h"
#include "core/util/error.h"

#include <QtTest>

using namespace qs;

namespace {

QuantConfig realConfig(const char* file)
{
    return readQuantConfigFile(std::string(QS_TEST_DATA_DIR) + "/distiller_configs/" + file);
}

QuantOverride entry(const std::string& pattern, LayerSettings settings, int line = 0)
{
    return {pattern, std::move(settings), OverrideOrigin::Code, line};
}

LayerSettings weights(int bits)
{
    LayerSettings s;
    s.bitsWeights = Bits(bits);
    return s;
}

} // namespace

class TestQuantResolve : public QObject {
    Q_OBJECT
private slots:
    void defaultsAreDistillers()
    {
        const EffectiveLayerConfig c = QuantConfig{}.resolve("conv1");
        QCOMPARE(c.bitsActivations, Bits(8));
        QCOMPARE(c.bitsWeights, Bits(8));
        QCOMPARE(c.bitsAccum, 32);
        QCOMPARE(c.bitsBias, Bits(32)); // PostTrainLinearQuantizer passes bits_bias=bits_accum
        QVERIFY(c.mode == (ModePair{LinearMode::Symmetric, LinearMode::Symmetric}));
        QCOMPARE(c.clipActs, ClipMethod::None);
        QCOMPARE(c.perChannelWts, false);
        QVERIFY(!c.clipNStds);
        QVERIFY(!c.fromOverride());
    }

    void postTrainYamlGlobalsEverywhere()
    {
        const QuantConfig config = realConfig("resnet18_imagenet_post_train.yaml");
        QVERIFY(config.overrides.empty()); // every overrides block of the file is commented out
        for (const char* layer : {"fc", "conv1", "layer1.0.add", "/layer1/layer1.0/Add", "/fc/Gemm"}) {
            const EffectiveLayerConfig c = config.resolve(layer);
            QCOMPARE(c.bitsActivations, Bits(6));
            QCOMPARE(c.bitsWeights, Bits(6));
            QCOMPARE(c.bitsBias, Bits(32));
            QVERIFY(c.mode == (ModePair{LinearMode::AsymmetricUnsigned, LinearMode::AsymmetricUnsigned}));
            QCOMPARE(c.perChannelWts, true);
            QCOMPARE(c.clipActs, ClipMethod::Avg);
            QCOMPARE(c.matchedPattern, std::string());
            QCOMPARE(c.matchedLine, 0);
        }
        QCOMPARE(config.modelActivationStats.value_or(""),
                 std::string("../quantization/post_train_quant/stats/resnet18_quant_stats.yaml"));
    }

    void inputOverridesYaml()
    {
        const QuantConfig config = realConfig("resnet18_imagenet_post_train_input_overrides.yaml");
        const EffectiveLayerConfig fc = config.resolve("/fc/Gemm");
        QCOMPARE(fc.matchedPattern, std::string("fc"));
        QCOMPARE(fc.matchedName, std::string("fc"));
        QCOMPARE(fc.matchedLine, 67);
        QVERIFY(fc.exactMatch);
        QCOMPARE(fc.clipActs, ClipMethod::None);         // set by the override
        QCOMPARE(fc.bitsActivations, Bits(8));           // inherited
        QCOMPARE(fc.perChannelWts, true);                // inherited
        QCOMPARE(fc.overriddenKeys, (std::vector<std::string>{"clip_acts", "input_overrides"}));
        QCOMPARE(fc.inputs.size(), std::size_t(1));
        QCOMPARE(fc.inputs.at(0).clipActs, ClipMethod::Avg); // input 0 overrides the layer's NONE
        QCOMPARE(fc.inputs.at(0).bits, Bits(8));
        QCOMPARE(fc.inputs.at(0).mode, LinearMode::AsymmetricUnsigned);

        const EffectiveLayerConfig conv1 = config.resolve("conv1");
        QCOMPARE(conv1.matchedLine, 59);
        QCOMPARE(conv1.clipActs, ClipMethod::Avg);
        QVERIFY(conv1.inputs.at(0).fromOutput);
        QCOMPARE(conv1.inputs.at(0).clipActs, ClipMethod::Avg);

        // Keys are anchored at both ends: "conv1" does not match "layer1.0.conv1".
        const EffectiveLayerConfig inner = config.resolve("/layer1/layer1.0/conv1/Conv");
        QVERIFY(!inner.fromOverride());
        QCOMPARE(inner.clipActs, ClipMethod::Avg);
    }

    void lapqYaml()
    {
        const QuantConfig config = realConfig("resnet18_imagenet_post_train_lapq.yaml");
        // Global: nothing quantized.
        const EffectiveLayerConfig fc = config.resolve("fc");
        QVERIFY(!fc.quantized());
        QVERIFY(!fc.fromOverride());
        QVERIFY(!config.resolve("conv1").quantized()); // "layer.*conv.*" needs a "layer" prefix

        // layer.*conv.* (line 30): weights 4, activations null, modes from the nested global mode.
        const EffectiveLayerConfig conv = config.resolve("/layer1/layer1.0/conv1/Conv");
        QCOMPARE(conv.matchedPattern, std::string("layer.*conv.*"));
        QCOMPARE(conv.matchedName, std::string("layer1.0.conv1"));
        QCOMPARE(conv.matchedLine, 30);
        QVERIFY(!conv.exactMatch);
        QCOMPARE(conv.bitsActivations, Bits());
        QCOMPARE(conv.bitsWeights, Bits(4));
        QVERIFY(conv.mode == (ModePair{LinearMode::AsymmetricUnsigned, LinearMode::Symmetric}));

        // layer.*relu.* (line 34): activations 4, weights inherit null; quantize_inputs is not applied.
        const EffectiveLayerConfig relu = config.resolve("layer2.1.relu1");
        QCOMPARE(relu.matchedLine, 34);
        QCOMPARE(relu.bitsActivations, Bits(4));
        QCOMPARE(relu.bitsWeights, Bits());
        QVERIFY(relu.quantized());
        QVERIFY(std::find(relu.ignoredKeys.begin(), relu.ignoredKeys.end(), "quantize_inputs") != relu.ignoredKeys.end());

        // .*downsample\.0.* (line 38), in the exporter's Sequential naming.
        const EffectiveLayerConfig down = config.resolve("/layer2/layer2.0/downsample/downsample.0/Conv");
        QCOMPARE(down.matchedPattern, std::string(".*downsample\\.0.*"));
        QCOMPARE(down.matchedName, std::string("layer2.0.downsample.0"));
        QCOMPARE(down.bitsWeights, Bits(4));

        // Exact name wins over the earlier layer.*conv.*: layer4.1.conv2 stays FP32.
        const EffectiveLayerConfig last = config.resolve("layer4.1.conv2");
        QCOMPARE(last.matchedPattern, std::string("layer4.1.conv2"));
        QCOMPARE(last.matchedLine, 42);
        QVERIFY(last.exactMatch);
        QVERIFY(!last.quantized());
        const EffectiveLayerConfig lastRelu = config.resolve("layer4.1.relu2");
        QCOMPARE(lastRelu.matchedLine, 45);
        QCOMPARE(lastRelu.bitsActivations, Bits());
        QVERIFY(!lastRelu.quantized());
        // The neighbouring layer4.1.conv1 still takes layer.*conv.*.
        QCOMPARE(config.resolve("layer4.1.conv1").bitsWeights, Bits(4));
    }

    void firstMatchInFileOrder()
    {
        QuantConfig config;
        config.overrides = {entry("layer1\\..*", weights(4), 10), entry(".*conv.*", weights(6), 12)};
        QCOMPARE(config.resolve("layer1.0.conv1").matchedLine, 10);
        QCOMPARE(config.resolve("layer1.0.conv1").bitsWeights, Bits(4));
        QCOMPARE(config.resolve("layer2.0.conv1").matchedLine, 12);
        std::reverse(config.overrides.begin(), config.overrides.end());
        QCOMPARE(config.resolve("layer1.0.conv1").bitsWeights, Bits(6));
    }

    void exactNameWinsOverEarlierRegex()
    {
        QuantConfig config;
        config.overrides = {entry("layer.*", weights(4), 3), entry("layer1.0.conv1", weights(2), 7)};
        const EffectiveLayerConfig c = config.resolve("layer1.0.conv1");
        QCOMPARE(c.bitsWeights, Bits(2));
        QVERIFY(c.exactMatch);
        QCOMPARE(c.matchedLine, 7);
        // "." in the key is a regex: the same key also matches layer1x0yconv1, but only as a regex.
        const EffectiveLayerConfig other = config.resolve("layer1x0yconv1");
        QCOMPARE(other.matchedLine, 3);
    }

    void anchoredLikeReMatch()
    {
        QuantConfig config;
        config.overrides = {entry("conv", weights(4)), entry("conv1|fc", weights(6))};
        QCOMPARE(config.resolve("conv1").matchedPattern, std::string("conv1|fc")); // "conv" must match whole
        QCOMPARE(config.resolve("conv").bitsWeights, Bits(4));
        // Python: re.match('(^conv1|fc$)', ...) matches names starting with conv1, or exactly fc.
        QCOMPARE(config.resolve("conv1_extra").bitsWeights, Bits(6));
        QCOMPARE(config.resolve("fc").bitsWeights, Bits(6));
        QVERIFY(!config.resolve("xfc").fromOverride());
        QVERIFY(!config.resolve("fc2").fromOverride());
    }

    void inheritanceOfUnsetKeys()
    {
        QuantConfig config;
        config.global.mode = ModePair{LinearMode::AsymmetricSigned, LinearMode::AsymmetricSigned};
        config.global.clipActs = ClipMethod::Laplace;
        config.global.perChannelWts = true;
        config.overrides = {entry("fc", weights(4))};
        const EffectiveLayerConfig c = config.resolve("fc");
        QCOMPARE(c.bitsWeights, Bits(4));
        QCOMPARE(c.bitsActivations, Bits(8));
        QCOMPARE(c.clipActs, ClipMethod::Laplace);
        QCOMPARE(c.perChannelWts, true);
        QCOMPARE(c.mode.weights, LinearMode::AsymmetricSigned);
        QCOMPARE(c.overriddenKeys, std::vector<std::string>{"bits_weights"});
    }

    void settingsOnUnquantizedLayerRefused()
    {
        QuantConfig config;
        LayerSettings s;
        s.bitsActivations = Bits();
        s.bitsWeights = Bits();
        s.clipActs = ClipMethod::Avg;
        config.overrides = {entry("fc", s, 21)};
        try {
            config.resolve("fc");
            QFAIL("expected qs::Error");
        } catch (const Error& e) {
            QCOMPARE(e.context().line, 21);
            QVERIFY(e.message().find("clip_acts") != std::string::npos);
        }
        QVERIFY(config.resolve("conv1").quantized());
    }

    void layerListsAsDistillerFromArgs()
    {
        QuantConfig config;
        config.global.clipActs = ClipMethod::Avg;
        applyLayerLists(config, {"fc"}, {"conv1", "fc"});
        QCOMPARE(config.overrides.size(), std::size_t(2)); // fc is only in the no-quant entry
        QCOMPARE(config.overrides[0].origin, OverrideOrigin::NoQuantLayers);
        const EffectiveLayerConfig fc = config.resolve("/fc/Gemm");
        QVERIFY(!fc.quantized());
        QCOMPARE(fc.origin, OverrideOrigin::NoQuantLayers);
        const EffectiveLayerConfig conv1 = config.resolve("/conv1/Conv");
        QCOMPARE(conv1.clipActs, ClipMethod::None);
        QCOMPARE(conv1.origin, OverrideOrigin::NoClipLayers);
        QCOMPARE(conv1.bitsActivations, Bits(8));
        QCOMPARE(config.resolve("layer1.0.conv2").clipActs, ClipMethod::Avg);
    }

    void unmatchedOverridesReported()
    {
        const QuantConfig config = realConfig("resnet18_imagenet_post_train_lapq.yaml");
        const std::vector<std::string> layers{"/conv1/Conv", "/layer1/layer1.0/conv1/Conv", "/layer1/layer1.0/relu/Relu",
                                              "/layer4/layer4.1/conv2/Conv", "/fc/Gemm"};
        const std::vector<QuantWarning> warnings = unmatchedOverrides(config, layers);
        QCOMPARE(warnings.size(), std::size_t(2)); // .*downsample\.0.* and layer4.1.relu2
        QCOMPARE(warnings[0].key, std::string(".*downsample\\.0.*"));
        QCOMPARE(warnings[0].line, 38);
        QCOMPARE(warnings[1].key, std::string("layer4.1.relu2"));
        QCOMPARE(warnings[1].line, 45);
    }

    void validationRules()
    {
        QuantConfig config;
        config.global.clipActs = ClipMethod::NStd;
        QVERIFY_THROWS_EXCEPTION(Error, validateQuantConfig(config));
        config.global.clipNStds = 2.5;
        validateQuantConfig(config);

        QuantConfig bits;
        bits.overrides = {entry("fc", weights(12), 9)};
        try {
            validateQuantConfig(bits);
            QFAIL("expected qs::Error");
        } catch (const Error& e) {
            QCOMPARE(e.context().line, 9);
            QVERIFY(e.message().find("bits_weights: 12") != std::string::npos);
        }
        bits.overrides = {entry("fc", weights(16), 9)};
        const std::vector<QuantWarning> notes = validateQuantConfig(bits);
        QCOMPARE(notes.size(), std::size_t(1));
        QVERIFY(notes[0].message.find("float") != std::string::npos);

        QCOMPARE(checkBits(BitsRole::Weights, Bits(4)), BitsSupport::Integer);
        QCOMPARE(checkBits(BitsRole::Activations, Bits(32)), BitsSupport::Float);
        QCOMPARE(checkBits(BitsRole::Activations, Bits()), BitsSupport::NotQuantized);
        QVERIFY_THROWS_EXCEPTION(Error, checkBits(BitsRole::Activations, Bits(1)));
        QVERIFY_THROWS_EXCEPTION(Error, checkBits(BitsRole::Weights, Bits(9)));
        QVERIFY_THROWS_EXCEPTION(Error, checkBits(BitsRole::Accumulator, Bits()));
        QCOMPARE(checkBits(BitsRole::Bias, Bits(32)), BitsSupport::Integer);

        QuantConfig badKey;
        badKey.overrides = {entry("(?P<x>conv)", weights(4), 5)};
        QVERIFY_THROWS_EXCEPTION(Error, validateQuantConfig(badKey));
    }
};

QTEST_APPLESS_MAIN(TestQuantResolve)
#include "test_quant_resolve.moc"
