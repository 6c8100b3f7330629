// Distiller's --qe-* command line (add_post_train_quant_args / from_args): long and short forms, defaults,
// list flags, 0 bits = null, mutually exclusive stats sources, unknown flags; export back to flags and the
// one-line summary.
#include "core/quant/distiller_args.h"
#include "core/quant/quant_config_yaml.h"
#include "core/util/error.h"

#include <QtTest>

using namespace qs;

namespace {

std::string errorOf(const std::vector<std::string>& args)
{
    try {
        parseDistillerArgs(args);
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

class TestQuantCliFlags : public QObject {
    Q_OBJECT
private slots:
    void defaultsAreDistillers()
    {
        const DistillerArgs a = parseDistillerArgs({"--qe"});
        QVERIFY(a.quantizeEval);
        const EffectiveLayerConfig c = a.config.resolve("conv1");
        QCOMPARE(c.bitsActivations, Bits(8));
        QCOMPARE(c.bitsWeights, Bits(8));
        QCOMPARE(c.bitsAccum, 32);
        QVERIFY(c.mode == (ModePair{LinearMode::Symmetric, LinearMode::Symmetric}));
        QCOMPARE(c.clipActs, ClipMethod::None);
        QCOMPARE(c.perChannelWts, false);
        QVERIFY(a.config.overrides.empty());
        QCOMPARE(quantSummary(a.config), std::string("sym 8/8"));
    }

    void longAndShortFormsAgree()
    {
        const DistillerArgs longForm = parseDistillerArgs(
            {"--quantize-eval", "--qe-mode", "asym_u", "--qe-bits-acts", "7", "--qe-bits-wts", "4", "--qe-per-channel",
             "--qe-clip-acts", "avg", "--qe-scale-approx-bits", "8", "--qe-no-clip-layers", "fc", "conv1"});
        const DistillerArgs shortForm = parseDistillerArgs(
            {"--qe", "--qem", "asym_u", "--qeba", "7", "--qebw=4", "--qepc", "--qeca", "avg", "--qesab", "8", "--qencl", "fc", "conv1"});
        QVERIFY(longForm.config == shortForm.config);
        const EffectiveLayerConfig c = shortForm.config.resolve("layer1.0.conv1");
        QCOMPARE(c.bitsActivations, Bits(7));
        QCOMPARE(c.bitsWeights, Bits(4));
        QCOMPARE(c.mode.weights, LinearMode::AsymmetricUnsigned);
        QCOMPARE(c.perChannelWts, true);
        QCOMPARE(c.clipActs, ClipMethod::Avg);
        QCOMPARE(c.scaleApproxMultBits, Bits(8));
        QCOMPARE(shortForm.config.resolve("/fc/Gemm").clipActs, ClipMethod::None);
        QCOMPARE(shortForm.config.resolve("conv1").clipActs, ClipMethod::None);
        QCOMPARE(quantSummary(shortForm.config), std::string("asym_u 7/4 pc avg +2 overrides"));
    }

    void modeActsAndWtsOverrideMode()
    {
        const DistillerArgs a = parseDistillerArgs({"--qem", "asym_s", "--qema", "asym_u"});
        QVERIFY(a.config.global.mode == (ModePair{LinearMode::AsymmetricUnsigned, LinearMode::AsymmetricSigned}));
        const DistillerArgs b = parseDistillerArgs({"--qe-mode-wts", "sym_restr"});
        QVERIFY(b.config.global.mode == (ModePair{LinearMode::Symmetric, LinearMode::SymmetricRestricted}));
        QCOMPARE(quantSummary(b.config), std::string("sym/sym_restr 8/8"));
    }

    void listsStopAtTheNextFlagAndLeaveOtherArgs()
    {
        const DistillerArgs a = parseDistillerArgs({"model.onnx", "--qenql", "fc", "layer4.1.conv2", "--evaluate", "--qencl",
                                                    "conv1", "fc", "-b", "32", "--qeca", "laplace"});
        QCOMPARE(a.noQuantLayers, (std::vector<std::string>{"fc", "layer4.1.conv2"}));
        QCOMPARE(a.noClipLayers, (std::vector<std::string>{"conv1", "fc"}));
        QCOMPARE(a.remaining, (std::vector<std::string>{"model.onnx", "--evaluate", "-b", "32"}));
        // from_args: no-quant entries first, no-clip entries only for layers not also in the no-quant list.
        QCOMPARE(a.config.overrides.size(), std::size_t(3));
        QCOMPARE(a.config.overrides[2].pattern, std::string("conv1"));
        QVERIFY(!a.config.resolve("fc").quantized());
        QCOMPARE(a.config.resolve("conv1").clipActs, ClipMethod::None);
        QCOMPARE(a.config.resolve("layer1.0.conv1").clipActs, ClipMethod::Laplace);
    }

    void zeroBitsMeansNotQuantized()
    {
        const DistillerArgs a = parseDistillerArgs({"--qeba", "0"});
        QCOMPARE(a.config.resolve("fc").bitsActivations, Bits());
        QCOMPARE(quantSummary(a.config), std::string("sym fp/8"));
    }

    void statsAndExtensions()
    {
        const DistillerArgs a = parseDistillerArgs({"--qe-stats-file", "stats.yaml", "--qeca", "percentile", "--qe-percentile",
                                                    "99.9", "--qe-save-fp-weights"});
        QCOMPARE(a.statsFile.value_or(""), std::string("stats.yaml"));
        QCOMPARE(a.config.modelActivationStats.value_or(""), std::string("stats.yaml"));
        QCOMPARE(a.config.resolve("fc").clipPercentile, 99.9);
        QVERIFY(a.saveFpWeights);
        QCOMPARE(a.notes.size(), std::size_t(1));
        QCOMPARE(quantSummary(a.config), std::string("sym 8/8 percentile(99.9)"));
        const DistillerArgs n = parseDistillerArgs({"--qeca", "n_std", "--qe-clip-n-stds", "2.5"});
        QCOMPARE(quantSummary(n.config), std::string("sym 8/8 n_std(2.5)"));
        const DistillerArgs c = parseDistillerArgs({"--qe-calibration", "0.05"});
        QCOMPARE(c.calibration.value_or(0), 0.05);
    }

    void errorsNameTheFlag_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown") << QStringList{"--qe-bits-activations-x", "8"} << "--qe-bits-activations-x";
        QTest::newRow("unknown short") << QStringList{"--qez"} << "--qez";
        QTest::newRow("ambiguous prefix") << QStringList{"--qe-mode-"} << "ambiguous";
        QTest::newRow("mode value") << QStringList{"--qem", "symm"} << "--qe-mode: 'symm'";
        QTest::newRow("clip value") << QStringList{"--qeca", "max"} << "--qe-clip-acts: 'max'";
        QTest::newRow("bits word") << QStringList{"--qeba", "eight"} << "--qe-bits-acts: 'eight'";
        QTest::newRow("bits 12") << QStringList{"--qebw", "12"} << "--qe-bits-wts";
        QTest::newRow("missing value") << QStringList{"--qe-bits-acts", "--qepc"} << "--qe-bits-acts: expected one value";
        QTest::newRow("empty list") << QStringList{"--qencl", "--qepc"} << "--qe-no-clip-layers";
        QTest::newRow("n_std needs n") << QStringList{"--qeca", "n_std"} << "--qe-clip-n-stds";
        QTest::newRow("exclusive") << QStringList{"--qe-stats-file", "s.yaml", "--qe-config-file", "c.yaml"} << "not allowed with";
        QTest::newRow("calibration range") << QStringList{"--qe-calibration", "1.5"} << "(0, 1]";
        QTest::newRow("switch value") << QStringList{"--qepc=yes"} << "takes no value";
        QTest::newRow("lapq") << QStringList{"--qe-lapq"} << "LAPQ";
    }
    void errorsNameTheFlag()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        std::vector<std::string> argv;
        for (const QString& arg : args)
            argv.push_back(arg.toStdString());
        const std::string message = errorOf(argv);
        QVERIFY2(!message.empty(), "expected qs::Error");
        QVERIFY2(message.find(mentions.toStdString()) != std::string::npos, message.c_str());
    }

    void uniquePrefixAsArgparse()
    {
        QVERIFY(errorOf({"--qe-per"}).find("ambiguous") != std::string::npos); // --qe-per-channel, --qe-percentile
        const DistillerArgs a = parseDistillerArgs({"--qe-per-c", "--qe-bits-acc", "16"});
        QCOMPARE(a.config.global.perChannelWts, std::optional<bool>(true));
        QCOMPARE(a.config.bitsAccum, std::optional<int>(16));
    }

    void configFileReplacesFlags()
    {
        const std::string file = std::string(QS_TEST_DATA_DIR) + "/distiller_configs/resnet18_imagenet_post_train.yaml";
        const DistillerArgs a = parseDistillerArgs({"--qe", "--qeba", "4", "--qe-config-file", file});
        std::vector<QuantWarning> warnings;
        const QuantConfig c = effectiveConfig(a, &warnings);
        QCOMPARE(c.resolve("fc").bitsActivations, Bits(6)); // the file's, not --qeba 4
        QVERIFY(!warnings.empty());
        QVERIFY(warnings.back().message.find("--qe-bits-acts") != std::string::npos);
        QCOMPARE(quantSummary(c), std::string("asym_u 6/6 pc avg"));
    }

    void exportReparsesToTheSameConfig()
    {
        const std::vector<std::string> given{"--qe", "--qema", "asym_u", "--qemw", "sym", "--qebw", "4", "--qepc", "--qeca",
                                             "n_std", "--qe-clip-n-stds", "3", "--qenql", "fc", "--qencl", "conv1",
                                             "--qe-stats-file", "my stats.yaml"};
        const DistillerArgs a = parseDistillerArgs(given);
        const std::vector<std::string> exported = toDistillerArgs(a.config);
        QVERIFY(parseDistillerArgs(exported).config == a.config);
        QCOMPARE(formatCommandLine(exported),
                 std::string("--quantize-eval --qe-mode-acts asym_u --qe-mode-wts sym --qe-bits-wts 4 --qe-per-channel "
                             "--qe-clip-acts n_std --qe-clip-n-stds 3 --qe-no-quant-layers fc --qe-no-clip-layers conv1 "
                             "--qe-stats-file 'my stats.yaml'"));

        // A real config with regex overrides cannot be flags.
        const QuantConfig lapq = readQuantConfigFile(std::string(QS_TEST_DATA_DIR) +
                                                     "/distiller_configs/resnet18_imagenet_post_train_lapq.yaml");
        QVERIFY_THROWS_EXCEPTION(Error, toDistillerArgs(lapq));
        std::vector<std::string> missing;
        const std::vector<std::string> partial = toDistillerArgs(lapq, &missing);
        // The three regex keys and layer4.1.relu2; layer4.1.conv2 (both bits null) is a --qe-no-quant-layers entry.
        QCOMPARE(missing.size(), std::size_t(4));
        QVERIFY(std::find(partial.begin(), partial.end(), "layer4.1.conv2") != partial.end());
        QVERIFY(std::find(partial.begin(), partial.end(), "--qe-bits-acts") != partial.end());
    }
};

QTEST_APPLESS_MAIN(TestQuantCliFlags)
#include "test_quant_cli_flags.moc"
