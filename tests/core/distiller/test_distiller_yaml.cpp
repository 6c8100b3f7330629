// Distiller's --qe-config-file format: the three real ResNet-18 configs read (with warnings for what
// QuantScope does not apply), write -> read round trips, and bad input rejected with its YAML line.
#include "core/distiller/distiller_yaml.h"
#include "core/util/error.h"

#include "distiller_test_files.h"

#include <QtTest>

using namespace qs;

namespace {

using test::configPath;
using test::fileText;
using test::lineContaining;

const DistillerWarning* findWarning(const std::vector<DistillerWarning>& warnings, const std::string& key)
{
    for (const auto& w : warnings)
        if (w.key == key)
            return &w;
    return nullptr;
}

const char* const kHeader = "quantizers:\n"
                            "  q:\n"
                            "    class: PostTrainLinearQuantizer\n";

// The line of the error parsing `yaml`, or -1 when it parses.
int errorLine(const std::string& yaml, std::string* message = nullptr)
{
    try {
        parseDistillerConfig(yaml, "test.yaml");
    } catch (const Error& e) {
        if (message)
            *message = e.what();
        return e.context().line;
    }
    return -1;
}

} // namespace

class TestDistillerYaml : public QObject {
    Q_OBJECT

private slots:
    void readsPostTrainConfig()
    {
        std::vector<DistillerWarning> warnings;
        const DistillerConfig c = readDistillerConfig(configPath("resnet18_imagenet_post_train.yaml"), &warnings);
        QCOMPARE(c.quantizerName, std::string("post_train_quantizer"));
        QCOMPARE(c.global.bitsActivations, std::optional<NullableBits>(6));
        QCOMPARE(c.global.bitsWeights, std::optional<NullableBits>(6)); // bits_parameters
        QCOMPARE(c.global.bitsAccum, std::optional<NullableBits>(32));
        QVERIFY(c.global.mode == (DistillerModes{QuantMode::AsymmetricUnsigned, QuantMode::AsymmetricUnsigned}));
        QCOMPARE(c.global.perChannelWts, std::optional<bool>(true));
        QVERIFY(c.global.clipActs == RangeMethod::Avg);
        QVERIFY(!c.global.clipNStds);
        QCOMPARE(c.modelActivationStats, std::optional<std::string>("../quantization/post_train_quant/stats/resnet18_quant_stats.yaml"));
        QVERIFY(c.overrides.empty()); // every overrides section of this file is commented out
        QVERIFY(warnings.empty());
    }

    void readsInputOverridesConfig()
    {
        const std::string path = configPath("resnet18_imagenet_post_train_input_overrides.yaml");
        const std::string text = fileText(path);
        std::vector<DistillerWarning> warnings;
        const DistillerConfig c = readDistillerConfig(path, &warnings);
        QCOMPARE(c.overrides.size(), std::size_t(2));
        QCOMPARE(c.overrides[0].pattern, std::string("conv1"));
        QCOMPARE(c.overrides[0].line, lineContaining(text, "      conv1:"));
        QVERIFY(c.overrides[0].settings.inputOverrides.at(0).fromOutput);
        QVERIFY(!c.overrides[0].settings.bitsActivations); // inherits
        QCOMPARE(c.overrides[1].pattern, std::string("fc"));
        QVERIFY(c.overrides[1].settings.clipActs == RangeMethod::None);
        QVERIFY(c.overrides[1].settings.inputOverrides.at(0).clipActs == RangeMethod::Avg);
        QVERIFY(!c.overrides[1].settings.inputOverrides.at(0).fromOutput);

        const DistillerWarning* fallback = findWarning(warnings, "inputs_quant_auto_fallback");
        QVERIFY(fallback);
        QCOMPARE(fallback->line, lineContaining(text, "    inputs_quant_auto_fallback: False"));
        int inputOverrideWarnings = 0;
        for (const auto& w : warnings)
            inputOverrideWarnings += w.key == "input_overrides";
        QCOMPARE(inputOverrideWarnings, 2);
        QVERIFY(toString(*fallback).find("line " + std::to_string(fallback->line) + ": inputs_quant_auto_fallback: ") == 0);
    }

    void readsLapqConfig()
    {
        const std::string path = configPath("resnet18_imagenet_post_train_lapq.yaml");
        const std::string text = fileText(path);
        std::vector<DistillerWarning> warnings;
        const DistillerConfig c = readDistillerConfig(path, &warnings);
        // null means "set to no quantization", not "unset"
        QCOMPARE(c.global.bitsActivations, std::optional<NullableBits>(NullableBits()));
        QCOMPARE(c.global.bitsWeights, std::optional<NullableBits>(NullableBits()));
        QVERIFY(c.global.mode == (DistillerModes{QuantMode::AsymmetricUnsigned, QuantMode::Symmetric}));
        QCOMPARE(c.global.perChannelWts, std::optional<bool>(false));
        const std::vector<std::string> patterns{"layer.*conv.*", "layer.*relu.*", ".*downsample\\.0.*", "layer4.1.conv2", "layer4.1.relu2"};
        QCOMPARE(c.overrides.size(), patterns.size());
        for (std::size_t i = 0; i < patterns.size(); ++i)
            QCOMPARE(c.overrides[i].pattern, patterns[i]);
        QCOMPARE(c.overrides[0].settings.bitsActivations, std::optional<NullableBits>(NullableBits()));
        QCOMPARE(c.overrides[0].settings.bitsWeights, std::optional<NullableBits>(4));
        QCOMPARE(c.overrides[1].settings.bitsActivations, std::optional<NullableBits>(4));
        QVERIFY(!c.overrides[1].settings.bitsWeights); // unset: inherits the global null
        QVERIFY(!c.overrides[4].settings.bitsWeights);

        const DistillerWarning* quantizeInputs = findWarning(warnings, "quantize_inputs");
        QVERIFY(quantizeInputs);
        QCOMPARE(quantizeInputs->line, lineContaining(text, "quantize_inputs: False"));
        QVERIFY(findWarning(warnings, "inputs_quant_auto_fallback"));
    }

    void roundTripsRealConfigs()
    {
        for (const char* name : {"resnet18_imagenet_post_train.yaml", "resnet18_imagenet_post_train_input_overrides.yaml",
                                 "resnet18_imagenet_post_train_lapq.yaml"}) {
            const DistillerConfig c = readDistillerConfig(configPath(name));
            const std::string written = writeDistillerConfig(c);
            const DistillerConfig back = parseDistillerConfig(written);
            QVERIFY2(back == c, (std::string(name) + ":\n" + written).c_str());
            QCOMPARE(writeDistillerConfig(back), written);
        }
    }

    void roundTripsEveryKey()
    {
        DistillerConfig c;
        c.quantizerName = "my quantizer";
        c.global.bitsActivations = NullableBits(7);
        c.global.bitsWeights = NullableBits();
        c.global.bitsAccum = NullableBits(32);
        c.global.mode = DistillerModes{QuantMode::AsymmetricSigned, QuantMode::SymmetricRestricted};
        c.global.perChannelWts = true;
        c.global.clipActs = RangeMethod::NStd;
        c.global.clipNStds = 2.5;
        c.global.clipHalfRange = true;
        c.global.clipPercentile = 99.9;
        c.global.scaleApproxMultBits = 16;
        c.modelActivationStats = "stats.yaml";
        DistillerOverride a;
        a.pattern = ".*add";
        a.settings.bitsWeights = NullableBits(8);
        a.settings.bitsBias = NullableBits(32);
        a.settings.clipActs = RangeMethod::Entropy;
        DistillerInputOverride in;
        in.bitsActivations = NullableBits();
        in.mode = DistillerModes{QuantMode::Symmetric, QuantMode::Symmetric};
        in.clipActs = RangeMethod::Mse;
        in.clipNStds = 4.0;
        a.settings.inputOverrides[1] = in;
        DistillerOverride b;
        b.pattern = "/layer1/layer1\\.0/conv1/Conv";
        b.settings.mode = DistillerModes{QuantMode::AsymmetricUnsigned, QuantMode::AsymmetricUnsigned};
        b.settings.perChannelWts = false;
        DistillerOverride empty;
        empty.pattern = "fc"; // an override with no keys at all
        c.overrides = {a, b, empty};

        const std::string written = writeDistillerConfig(c);
        std::vector<DistillerWarning> warnings;
        const DistillerConfig back = parseDistillerConfig(written, {}, &warnings);
        QVERIFY2(back == c, written.c_str());
        QCOMPARE(back.overrides[1].line, lineContaining(written, "/layer1/layer1\\.0/conv1/Conv"));
    }

    void unsetDiffersFromSet()
    {
        const DistillerConfig c = parseDistillerConfig(std::string(kHeader) + "    overrides:\n      fc:\n        bits_weights: 8\n");
        const DistillerSettings& s = c.overrides.at(0).settings;
        QCOMPARE(s.bitsWeights, std::optional<NullableBits>(8));
        QVERIFY(!s.bitsActivations && !s.mode && !s.clipActs && !s.perChannelWts);
        QVERIFY(!c.global.bitsActivations); // Distiller's defaults apply at resolution
    }

    void badValuesCarryTheirLine()
    {
        std::string message;
        QCOMPARE(errorLine(std::string(kHeader) + "    bits_activations: 8\n    mode: SYMETRIC\n", &message), 5);
        QVERIFY(message.find("test.yaml:5") == 0);
        QVERIFY(message.find("SYMETRIC") != std::string::npos);
        QCOMPARE(errorLine(std::string(kHeader) + "    bits_activations: eight\n", &message), 4);
        QVERIFY(message.find("eight") != std::string::npos);
        QCOMPARE(errorLine(std::string(kHeader) + "    mode: symmetric\n"), 4); // case-sensitive, like Enum[name]
        QCOMPARE(errorLine(std::string(kHeader) + "    mode:\n      activations: SYMMETRIC\n"), 5);
        QCOMPARE(errorLine(std::string(kHeader) + "    clip_acts: MAX\n"), 4);
        QCOMPARE(errorLine(std::string(kHeader) + "    per_channel_wts: maybe\n"), 4);
        QCOMPARE(errorLine(std::string(kHeader) + "    bits_parameters: 40\n"), 4);
        // Global bits int8 cannot run left every layer FP32 while the run printed "int8".
        QCOMPARE(errorLine(std::string(kHeader) + "    bits_parameters: 8\n    bits_activations: 16\n", &message), 5);
        QVERIFY2(message.find("bits_activations 16") != std::string::npos && message.find("no layer would be quantized") != std::string::npos,
                 message.c_str());
        QCOMPARE(errorLine(std::string(kHeader) + "    bits_parameters: 12\n"), 4);
        QCOMPARE(errorLine(std::string(kHeader) + "    bits_activations: null\n    bits_parameters: null\n"), -1); // FP32, as in Distiller
        QCOMPARE(errorLine(std::string(kHeader) + "    overrides:\n      fc:\n        bits_activations: 16\n"), -1); // a note per layer
        QCOMPARE(errorLine(std::string(kHeader) + "    clip_acts: N_STD\n"), 4); // Distiller: needs clip_n_stds
        QCOMPARE(errorLine(std::string(kHeader) + "    overrides:\n      fc:\n        clip_n_stds: many\n"), 6);
        QCOMPARE(errorLine(std::string(kHeader) + "    overrides:\n      fc:\n        input_overrides:\n          x: {}\n"), 7);
    }

    void unknownKeysAreErrors()
    {
        std::string message;
        QCOMPARE(errorLine(std::string(kHeader) + "    bits_activations: 8\n    bits_activation: 8\n", &message), 5);
        QVERIFY(message.find("bits_activation'") != std::string::npos);
        QCOMPARE(errorLine(std::string(kHeader) + "    bits_weights: 8\n"), 4);  // an override key
        QCOMPARE(errorLine(std::string(kHeader) + "    overrides:\n      fc:\n        bits_parameters: 8\n"), 6);
        QCOMPARE(errorLine(std::string(kHeader) + "    overrides:\n      fc:\n        wts: 8\n"), 6); // deprecated
        QCOMPARE(errorLine(std::string(kHeader) + "    overrides:\n      fc:\n        bitz: 8\n"), 6);
        QCOMPARE(errorLine(std::string(kHeader) + "    clip_acts: AVG\n    clip_acts: NONE\n"), 5);
    }

    void badPatternsAndStructure()
    {
        std::string message;
        QCOMPARE(errorLine(std::string(kHeader) + "    overrides:\n      (?P<x>conv):\n        bits_weights: 4\n", &message), 5);
        QVERIFY(message.find("(?P<x>conv)") != std::string::npos);
        QCOMPARE(errorLine(std::string(kHeader) + "    overrides:\n      conv[:\n        bits_weights: 4\n"), 5);
        QCOMPARE(errorLine("quantizers:\n  q:\n    class: QuantAwareTrainRangeLinearQuantizer\n"), 2); // none left
        QCOMPARE(errorLine("quantizers:\n  q:\n    bits_activations: 8\n"), 3);                     // no class
        QCOMPARE(errorLine("policies: []\n"), 1);
        QCOMPARE(errorLine(std::string(kHeader) + "  r:\n    class: PostTrainLinearQuantizer\n"), 4); // ambiguous
    }

    void malformedYamlCarriesItsLine()
    {
        std::string message;
        const int line = errorLine(std::string(kHeader) + "    bits_activations: 8\n    mode: [SYMMETRIC\n    clip_acts: AVG\n", &message);
        QVERIFY2(line >= 5, message.c_str());
        QVERIFY(message.find("malformed YAML") != std::string::npos);
        QCOMPARE(errorLine(std::string(kHeader) + "    bits_activations: 8\n   bad indent: 1\n"), 5);
        QVERIFY_THROWS_EXCEPTION(Error, readDistillerConfig(configPath("does_not_exist.yaml")));
    }

    void unsupportedKeysAreWarnings()
    {
        const std::string yaml = std::string("version: 1\n") + kHeader +
                                 "    fp16: True\n"
                                 "    save_fp_weights: True\n"
                                 "    lapq_maxiter: 2\n"
                                 "    overrides:\n"
                                 "      fc:\n"
                                 "        make_identity: True\n"
                                 "        fpq_module: 16\n"
                                 "  other:\n"
                                 "    class: QuantAwareTrainRangeLinearQuantizer\n";
        std::vector<DistillerWarning> warnings;
        const DistillerConfig c = parseDistillerConfig(yaml, "w.yaml", &warnings);
        QCOMPARE(c.overrides.size(), std::size_t(1));
        // sections and other quantizers first, then the chosen quantizer's keys in file order
        const std::vector<std::pair<std::string, int>> expected{{"version", 1},      {"other", 12},         {"fp16", 5},      {"save_fp_weights", 6},
                                                                {"lapq_maxiter", 7}, {"make_identity", 10}, {"fpq_module", 11}};
        QCOMPARE(warnings.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(warnings[i].key, expected[i].first);
            QCOMPARE(warnings[i].line, expected[i].second);
        }
    }
};

QTEST_APPLESS_MAIN(TestDistillerYaml)
#include "test_distiller_yaml.moc"
