// Distiller's config file format: the three real files from IntelLabs/distiller read with the expected
// values and warnings, write -> read round trips, and bad input fails with the line of the bad value.
#include "core/quant/quant_config_yaml.h"
#include "core/util/error.h"

#include <QtTest>

using namespace qs;

namespace {

std::string dataPath(const char* file)
{
    return std::string(QS_TEST_DATA_DIR) + "/distiller_configs/" + file;
}

// The line qs::Error reports for `yaml`, or -1 when it parses.
int errorLine(const std::string& yaml, std::string* message = nullptr)
{
    try {
        parseQuantConfigYaml(yaml, "bad.yaml");
    } catch (const Error& e) {
        if (message)
            *message = e.what();
        return e.context().line;
    }
    return -1;
}

const std::string kHeader = "quantizers:\n"
                            "  post_train_quantizer:\n"
                            "    class: PostTrainLinearQuantizer\n"; // lines 1-3

bool hasWarning(const std::vector<QuantWarning>& warnings, const std::string& key, int line)
{
    for (const QuantWarning& w : warnings)
        if (w.key == key && w.line == line)
            return true;
    return false;
}

} // namespace

class TestQuantYaml : public QObject {
    Q_OBJECT
private slots:
    void readsRealConfigs_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("post_train") << "resnet18_imagenet_post_train.yaml";
        QTest::newRow("input_overrides") << "resnet18_imagenet_post_train_input_overrides.yaml";
        QTest::newRow("lapq") << "resnet18_imagenet_post_train_lapq.yaml";
    }
    void readsRealConfigs()
    {
        QFETCH(QString, file);
        std::vector<QuantWarning> warnings;
        const QuantConfig config = readQuantConfigFile(dataPath(file.toStdString().c_str()), &warnings);
        QCOMPARE(config.sectionName, std::string("quantizers"));
        QCOMPARE(config.quantizerName, std::string("post_train_quantizer"));
        QCOMPARE(config.bitsAccum, std::optional<int>(32));
        QVERIFY(config.modelActivationStats.has_value());
        // Round trip: write, read back, equal.
        const std::string written = writeQuantConfigYaml(config);
        const QuantConfig back = parseQuantConfigYaml(written, "written.yaml");
        if (!(back == config))
            QFAIL(("round trip differs; written:\n" + written).c_str());
        QCOMPARE(writeQuantConfigYaml(back), written);
    }

    void postTrainValues()
    {
        std::vector<QuantWarning> warnings;
        const QuantConfig c = readQuantConfigFile(dataPath("resnet18_imagenet_post_train.yaml"), &warnings);
        QCOMPARE(c.global.bitsActivations, std::optional<Bits>(Bits(6)));
        QCOMPARE(c.global.bitsWeights, std::optional<Bits>(Bits(6)));
        QVERIFY(c.global.mode == (ModePair{LinearMode::AsymmetricUnsigned, LinearMode::AsymmetricUnsigned}));
        QCOMPARE(c.global.perChannelWts, std::optional<bool>(true));
        QCOMPARE(c.global.clipActs, std::optional<ClipMethod>(ClipMethod::Avg));
        QVERIFY(!c.global.clipNStds); // unset stays unset
        QVERIFY(warnings.empty());
    }

    void unsupportedKeysAreWarnings()
    {
        std::vector<QuantWarning> warnings;
        const QuantConfig io = readQuantConfigFile(dataPath("resnet18_imagenet_post_train_input_overrides.yaml"), &warnings);
        QVERIFY(hasWarning(warnings, "inputs_quant_auto_fallback", 56));
        QCOMPARE(io.global.passthrough.size(), std::size_t(1));
        QCOMPARE(io.global.passthrough[0].yaml, std::string("False"));

        warnings.clear();
        const QuantConfig lapq = readQuantConfigFile(dataPath("resnet18_imagenet_post_train_lapq.yaml"), &warnings);
        QVERIFY(hasWarning(warnings, "inputs_quant_auto_fallback", 26));
        QVERIFY(hasWarning(warnings, "quantize_inputs", 36));
        QCOMPARE(lapq.global.bitsActivations, std::optional<Bits>(Bits())); // set, to null
        QVERIFY(lapq.global.mode == (ModePair{LinearMode::AsymmetricUnsigned, LinearMode::Symmetric}));
        QCOMPARE(lapq.overrides.size(), std::size_t(5));
        QCOMPARE(lapq.overrides[2].pattern, std::string(".*downsample\\.0.*"));
        QCOMPARE(lapq.overrides[2].line, 38);
        QVERIFY(!lapq.overrides[4].settings.bitsWeights); // layer4.1.relu2 leaves bits_weights unset
    }

    void writesDistillerSpelling()
    {
        const QuantConfig lapq = readQuantConfigFile(dataPath("resnet18_imagenet_post_train_lapq.yaml"));
        const std::string text = writeQuantConfigYaml(lapq);
        QVERIFY(text.find("bits_parameters: ~") != std::string::npos);
        QVERIFY(text.find("activations: ASYMMETRIC_UNSIGNED") != std::string::npos);
        QVERIFY(text.find("quantize_inputs: False") != std::string::npos);
        QVERIFY(text.find("bits_weights: 4") != std::string::npos);
    }

    void roundTripOfEveryKey()
    {
        QuantConfig c;
        c.sectionName = "quantizers";
        c.quantizerName = "q";
        c.global.bitsActivations = Bits(7);
        c.global.bitsWeights = Bits();
        c.bitsAccum = 24;
        c.global.mode = ModePair{LinearMode::SymmetricRestricted, LinearMode::AsymmetricSigned};
        c.global.clipActs = ClipMethod::Percentile;
        c.global.clipPercentile = 99.9;
        c.global.clipNStds = 0.1;
        c.global.clipHalfRange = true;
        c.global.scaleApproxMultBits = Bits();
        c.modelActivationStats = "stats dir/a: b.yaml";
        LayerSettings o;
        o.bitsBias = Bits(16);
        o.bitsWeights = Bits(3);
        o.perChannelWts = false;
        o.scaleApproxMultBits = Bits(16);
        InputOverride in;
        in.bitsActivations = Bits();
        in.mode = LinearMode::AsymmetricSigned;
        in.clipNStds = 1.0 / 3.0;
        in.clipActs = ClipMethod::NStd;
        o.inputOverrides[1] = in;
        o.inputOverrides[0].fromOutput = true;
        c.overrides = {{"layer[12]\\..*|fc", o, OverrideOrigin::Code, 0}, {"*bad", {}, OverrideOrigin::Code, 0}};
        c.overrides.pop_back(); // "*bad" is not a valid key
        c.overrides.push_back({"empty", {}, OverrideOrigin::Code, 0});
        const std::string text = writeQuantConfigYaml(c);
        const QuantConfig back = parseQuantConfigYaml(text);
        if (!(back == c))
            QFAIL(("round trip differs; written:\n" + text).c_str());
    }

    void errorsCarryTheLine_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("mode typo") << "    bits_activations: 8\n    mode: SYMETRIC\n" << 5 << "SYMETRIC";
        QTest::newRow("bits word") << "    bits_activations: eight\n" << 4 << "eight";
        QTest::newRow("bits 12") << "    bits_parameters: 12\n" << 4 << "bits_parameters: 12";
        QTest::newRow("unknown key") << "    bits_activations: 8\n    per_chanel_wts: True\n" << 5 << "per_chanel_wts";
        QTest::newRow("global bits_weights") << "    bits_weights: 8\n" << 4 << "bits_parameters";
        QTest::newRow("bad bool") << "    per_channel_wts: maybe\n" << 4 << "maybe";
        QTest::newRow("clip typo") << "    clip_acts: AVERAGE\n" << 4 << "AVERAGE";
        QTest::newRow("lower-case mode") << "    mode: symmetric\n" << 4 << "symmetric";
        QTest::newRow("mode map missing") << "    mode:\n      activations: SYMMETRIC\n" << 5 << "weights";
        QTest::newRow("override key") << "    overrides:\n      fc:\n        bits_weights: 4\n        clip: AVG\n" << 7 << "clip";
        QTest::newRow("override regex") << "    overrides:\n      'layer[1':\n        bits_weights: 4\n" << 5 << "layer[1";
        QTest::newRow("python regex") << "    overrides:\n      '(?i)conv':\n        bits_weights: 4\n" << 5 << "(?i";
        QTest::newRow("input override key") << "    overrides:\n      fc:\n        input_overrides:\n          0:\n            bits: 4\n"
                                             << 8 << "bits";
        QTest::newRow("n_std without n") << "    clip_acts: N_STD\n" << 0 << "clip_n_stds";
        QTest::newRow("duplicate") << "    bits_activations: 8\n    bits_activations: 4\n" << 5 << "duplicate";
        QTest::newRow("malformed") << "    bits_activations: 8\n   mode: [SYMMETRIC\n" << 5 << "malformed";
        QTest::newRow("deprecated acts") << "    overrides:\n      fc:\n        acts: 4\n" << 6 << "deprecated";
    }
    void errorsCarryTheLine()
    {
        QFETCH(QString, body);
        QFETCH(int, line);
        QFETCH(QString, mentions);
        std::string message;
        const int got = errorLine(kHeader + body.toStdString(), &message);
        if (got != line)
            QFAIL(("line " + std::to_string(got) + " instead of " + std::to_string(line) + ": " + message).c_str());
        QVERIFY2(message.find(mentions.toStdString()) != std::string::npos, message.c_str());
        if (line > 0)
            QVERIFY2(message.find("bad.yaml:" + std::to_string(line)) == 0, message.c_str());
    }

    void fileLevelErrors()
    {
        QCOMPARE(errorLine(""), 0);
        std::string message;
        QCOMPARE(errorLine("quantizers:\n  q:\n    class: QuantAwareTrainRangeLinearQuantizer\n", &message), 1);
        QVERIFY(message.find("PostTrainLinearQuantizer") != std::string::npos);
        QCOMPARE(errorLine("quantizers:\n  q:\n    bits_activations: 8\n", &message), 3);
        QVERIFY(message.find("class") != std::string::npos);
        QVERIFY_THROWS_EXCEPTION(Error, readQuantConfigFile(dataPath("does_not_exist.yaml")));
    }

    void otherSectionsIgnoredWithWarnings()
    {
        std::vector<QuantWarning> warnings;
        const QuantConfig c = parseQuantConfigYaml("version: 1\n"
                                                   "pruners:\n  p:\n    class: AutomatedGradualPruner\n"
                                                   "quantizers:\n  linear:\n    class: PostTrainLinearQuantizer\n"
                                                   "    bits_activations: None\n"
                                                   "policies:\n  - quantizer:\n      instance_name: linear\n",
                                                   {}, &warnings);
        QCOMPARE(c.quantizerName, std::string("linear"));
        QCOMPARE(c.global.bitsActivations, std::optional<Bits>(Bits()));
        QVERIFY(hasWarning(warnings, "version", 1));
        QVERIFY(hasWarning(warnings, "p", 3));
        QVERIFY(hasWarning(warnings, "bits_activations", 8)); // 'None' is a string to PyYAML
        QVERIFY(hasWarning(warnings, "policies", 9));
    }
};

QTEST_APPLESS_MAIN(TestQuantYaml)
#include "test_quant_yaml.moc"
