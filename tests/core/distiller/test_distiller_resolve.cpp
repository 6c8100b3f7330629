// Distiller's override semantics on ONNX node names: the three real ResNet-18 configs resolved on a graph
// named like torchvision's ResNet-18 export (expected settings reasoned from Distiller's quantizer.py in the
// comments), exact-name-wins, first-match order, inheritance, errors with lines, export and round trip,
// and the module paths of a real exported model.
#include "core/distiller/distiller_resolve.h"
#include "core/distiller/distiller_yaml.h"
#include "core/engine/engine.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/util/error.h"

#include "distiller_test_files.h"

#include <QtTest>

#include <sstream>

using namespace qs;

namespace {

using test::configPath;
using test::fileText;
using test::lineStartingWith;

void addNode(Graph& g, const std::string& name, const std::string& type)
{
    Node n;
    n.name = name;
    n.opType = type;
    g.nodes.push_back(n);
}

// Node names as torch.onnx.export gives them for torchvision's resnet18 (BatchNorm folded away).
Graph resnet18Names()
{
    Graph g;
    addNode(g, "/conv1/Conv", "Conv");
    addNode(g, "/relu/Relu", "Relu");
    addNode(g, "/maxpool/MaxPool", "MaxPool");
    for (int l = 1; l <= 4; ++l)
        for (int b = 0; b < 2; ++b) {
            const std::string block = "/layer" + std::to_string(l) + "/layer" + std::to_string(l) + "." + std::to_string(b);
            addNode(g, block + "/conv1/Conv", "Conv");
            addNode(g, block + "/relu/Relu", "Relu");
            addNode(g, block + "/conv2/Conv", "Conv");
            if (l > 1 && b == 0)
                addNode(g, block + "/downsample/downsample.0/Conv", "Conv");
            addNode(g, block + "/Add", "Add");
            addNode(g, block + "/relu_1/Relu", "Relu");
        }
    addNode(g, "/avgpool/GlobalAveragePool", "GlobalAveragePool");
    addNode(g, "/Flatten", "Flatten");
    addNode(g, "/fc/Gemm", "Gemm");
    return g;
}

const DistillerMatch& matchOf(const std::vector<DistillerMatch>& report, const std::string& node)
{
    for (const auto& m : report)
        if (m.node == node)
            return m;
    throw std::runtime_error("no match entry for " + node);
}

LayerPtqSettings settings(int acts, int wts, QuantMode modeActs, QuantMode modeWts, bool perChannel, RangeMethod clip)
{
    LayerPtqSettings s;
    s.quant.bitsActivations = acts;
    s.quant.bitsWeights = wts;
    s.quant.modeActivations = modeActs;
    s.quant.modeWeights = modeWts;
    s.quant.perChannel = perChannel;
    s.clip = clip;
    return s;
}

// resnet18_imagenet_post_train.yaml with the overrides section of one run uncommented, as its header says.
std::string withRun(const std::string& text, int run)
{
    std::istringstream in(text);
    std::string line, out;
    bool inRun = false;
    while (std::getline(in, line)) {
        if (line.find("# Overrides section for run") != std::string::npos)
            inRun = line.find("run " + std::to_string(run)) != std::string::npos;
        else if (inRun && line.rfind("#", 0) == 0)
            line = line.substr(1);
        out += line + "\n";
    }
    return out;
}

PtqConfig resolveText(const std::string& yaml, const Graph& g, std::vector<DistillerMatch>* report = nullptr,
                      std::vector<DistillerWarning>* warnings = nullptr)
{
    return toPtqConfig(parseDistillerConfig(yaml), g, report, warnings);
}

const char* const kHeader = "quantizers:\n"
                            "  q:\n"
                            "    class: PostTrainLinearQuantizer\n";

} // namespace

class TestDistillerResolve : public QObject {
    Q_OBJECT

private slots:
    void names()
    {
        QCOMPARE(distillerModulePath("/layer1/layer1.0/conv1/Conv"), std::string("layer1.0.conv1"));
        QCOMPARE(distillerModulePath("/layer2/layer2.0/downsample/downsample.0/Conv"), std::string("layer2.0.downsample.0"));
        QCOMPARE(distillerModulePath("/fc/Gemm"), std::string("fc"));
        QCOMPARE(distillerModulePath("/Flatten"), std::string("/Flatten"));
        QCOMPARE(distillerModulePath("fc"), std::string("fc"));
        Node add;
        add.name = "/layer1/layer1.0/Add";
        add.opType = "Add";
        QCOMPARE(distillerNames(add), (std::vector<std::string>{"/layer1/layer1.0/Add", "layer1.0", "layer1.0.add"}));
    }

    void patternsMatchWholeNames()
    {
        // Distiller: re.match('(^conv1$)|...', name) -- anchored at both ends.
        QVERIFY(distillerPatternMatches("conv1", "conv1"));
        QVERIFY(!distillerPatternMatches("conv", "conv1"));
        QVERIFY(!distillerPatternMatches("conv1", "layer1.0.conv1"));
        QVERIFY(!distillerPatternMatches("layer1", "layer1.0.conv1"));
        QVERIFY(distillerPatternMatches("layer.*conv.*", "layer1.0.conv1"));
        QVERIFY(distillerPatternMatches(".*add", "layer3.1.add"));
        QVERIFY(!distillerPatternMatches(".*add", "/layer3/layer3.1/Add")); // case-sensitive, as Python
        // A top-level '|' splits Distiller's (^...$) group: "(^conv1|fc$)" is "starts with conv1" or "is fc".
        QVERIFY(distillerPatternMatches("conv1|fc", "conv1x"));
        QVERIFY(distillerPatternMatches("conv1|fc", "fc"));
        QVERIFY(!distillerPatternMatches("conv1|fc", "xfc"));
        QCOMPARE(escapeRegex("layer1.0.conv1"), std::string("layer1\\.0\\.conv1"));
        QVERIFY(distillerPatternMatches(escapeRegex("/a(b)+c/Conv"), "/a(b)+c/Conv"));
        QVERIFY_THROWS_EXCEPTION(Error, distillerPatternMatches("(?P<x>a)", "a"));
    }

    void patternsAreBounded()
    {
        // Keys of the kinds real configs use stay accepted.
        for (const char* key : {".*conv.*", "layer1\\..*", "(conv1|fc)", "module\\.layer[0-9]+\\.conv[12]", ".*(conv|fc).*",
                                "(ab)+c", "a{2}", "(a(b)?)+", "[(*]+x", "\\(.*\\)+"})
            QVERIFY2(distillerPatternError(key).empty(), key);
        // Nested repetition or a repeated alternation: exponential backtracking in std::regex (the first used to hang).
        for (const char* key : {"(.*)*X", "(a+)+b", "(a|ab)+", "((x)*y){2,}", "(?:.*conv.*)+"}) {
            const std::string problem = distillerPatternError(key);
            QVERIFY2(problem.find("exponential") != std::string::npos, key);
        }
        QVERIFY_THROWS_EXCEPTION(Error, distillerPatternMatches("(.*)*X", "layer1.0.conv1"));
        // 16,000 nested groups overflowed the stack while compiling.
        QVERIFY(!distillerPatternError(std::string(16000, '(') + "a" + std::string(16000, ')')).empty());
        QVERIFY(distillerPatternError(std::string(17, '(') + "a" + std::string(17, ')')).find("nest deeper than 16") != std::string::npos);
        QVERIFY(distillerPatternError(std::string(16, '(') + "a" + std::string(16, ')')).empty());
        QVERIFY(distillerPatternError(std::string(1001, 'a')).find("1001 characters") != std::string::npos);
        // A brace count past int overflowed inside libstdc++'s regex compiler (found by fuzz_distiller_config).
        QVERIFY(distillerPatternError("a{4444444444444444444}").find("repetition count") != std::string::npos);
        QVERIFY(distillerPatternError("a{2,5000}").find("larger than 1000") != std::string::npos);
        QVERIFY(distillerPatternError("conv[0-9]{1,3}").empty());
        QVERIFY(distillerPatternError("(a)\\4444444444444444444").find("back-reference") != std::string::npos);
        QVERIFY(distillerPatternError("(a)\\2").empty()); // \2: Distiller wraps each key in a group of its own
        // In a config the refusal names the key's line.
        try {
            resolveText(std::string(kHeader) + "    overrides:\n      '(.*)*X':\n        bits_activations: 4\n", resnet18Names());
            QFAIL("a key with nested repetition accepted");
        } catch (const Error& e) {
            QCOMPARE(e.context().line, 5);
            QVERIFY(std::string(e.what()).find("exponential") != std::string::npos);
        }
    }

    void postTrainConfigAppliesGlobals()
    {
        // No overrides are active in this file (all four sections are commented out), so every layer --
        // fc, conv1, layer1.0.add alike -- gets the quantizer's own settings: bits_activations 6,
        // bits_parameters 6, mode ASYMMETRIC_UNSIGNED for both, per_channel_wts True, clip_acts AVG.
        const Graph g = resnet18Names();
        std::vector<DistillerMatch> report;
        std::vector<DistillerWarning> warnings;
        const PtqConfig c = toPtqConfig(readDistillerConfig(configPath("resnet18_imagenet_post_train.yaml")), g, &report, &warnings);
        const auto asymU = QuantMode::AsymmetricUnsigned;
        QVERIFY(c.defaults == settings(6, 6, asymU, asymU, true, RangeMethod::Avg));
        QVERIFY(c.perLayer.empty());
        for (const char* node : {"/fc/Gemm", "/conv1/Conv", "/layer1/layer1.0/Add"}) {
            const DistillerMatch& m = matchOf(report, node);
            QVERIFY(m.pattern.empty());
            QVERIFY(m.settings == c.defaults);
            QVERIFY(m.notes.empty());
        }
        QVERIFY(warnings.empty());
        QCOMPARE(report.size(), std::size_t(3 + 8 * 5 + 3 + 2)); // Flatten is not a layer
    }

    void postTrainRun6()
    {
        // Run 6 of the table: conv1 and fc exactly named, `.*add` for every element-wise add.
        const Graph g = resnet18Names();
        const std::string text = withRun(fileText(configPath("resnet18_imagenet_post_train.yaml")), 6);
        std::vector<DistillerMatch> report;
        const PtqConfig c = resolveText(text, g, &report);
        const auto asymU = QuantMode::AsymmetricUnsigned;
        // conv1: key `conv1` -> bits 8/8; mode, per-channel and AVG clipping inherited from the globals.
        const DistillerMatch& conv1 = matchOf(report, "/conv1/Conv");
        QCOMPARE(conv1.pattern, std::string("conv1"));
        QVERIFY(conv1.exact);
        QCOMPARE(conv1.line, lineStartingWith(text, "      conv1:"));
        QVERIFY(conv1.settings == settings(8, 8, asymU, asymU, true, RangeMethod::Avg));
        QVERIFY(c.resolve(g.nodes[0]) == conv1.settings);
        // layer1.0.conv1: `conv1` must match the whole name, `.*add` does not match: globals (6 bits).
        const DistillerMatch& inner = matchOf(report, "/layer1/layer1.0/conv1/Conv");
        QVERIFY(inner.pattern.empty());
        QCOMPARE(inner.settings.quant.bitsActivations, 6);
        // layer1.0.add (Distiller's EltwiseAdd module, our "/layer1/layer1.0/Add"): `.*add` -> 8/8, AVG.
        const DistillerMatch& add = matchOf(report, "/layer1/layer1.0/Add");
        QCOMPARE(add.pattern, std::string(".*add"));
        QCOMPARE(add.matchedName, std::string("layer1.0.add"));
        QVERIFY(!add.exact);
        QVERIFY(add.settings == settings(8, 8, asymU, asymU, true, RangeMethod::Avg));
        // fc: 8/8 and clip_acts NONE.
        const DistillerMatch& fc = matchOf(report, "/fc/Gemm");
        QCOMPARE(fc.pattern, std::string("fc"));
        QVERIFY(fc.settings == settings(8, 8, asymU, asymU, true, RangeMethod::None));
        // 1 conv1 + 8 adds + fc
        QCOMPARE(c.perLayer.size(), std::size_t(10));
    }

    void inputOverridesConfig()
    {
        // conv1 only has input_overrides (not applied, warned about at read): its output settings are the
        // globals (8 bits, ASYMMETRIC_UNSIGNED, per channel, AVG); fc sets clip_acts NONE.
        const Graph g = resnet18Names();
        std::vector<DistillerMatch> report;
        const PtqConfig c = toPtqConfig(readDistillerConfig(configPath("resnet18_imagenet_post_train_input_overrides.yaml")), g, &report);
        const auto asymU = QuantMode::AsymmetricUnsigned;
        QVERIFY(c.defaults == settings(8, 8, asymU, asymU, true, RangeMethod::Avg));
        QCOMPARE(matchOf(report, "/conv1/Conv").pattern, std::string("conv1"));
        QVERIFY(matchOf(report, "/conv1/Conv").settings == c.defaults);
        QVERIFY(matchOf(report, "/fc/Gemm").settings == settings(8, 8, asymU, asymU, true, RangeMethod::None));
        QVERIFY(matchOf(report, "/layer1/layer1.0/Add").pattern.empty());
    }

    void lapqConfig()
    {
        const Graph g = resnet18Names();
        const std::string path = configPath("resnet18_imagenet_post_train_lapq.yaml");
        const std::string text = fileText(path);
        std::vector<DistillerMatch> report;
        std::vector<DistillerWarning> warnings;
        const PtqConfig c = toPtqConfig(readDistillerConfig(path), g, &report, &warnings);
        // Global bits are null: nothing is quantized unless an override says so.
        QVERIFY(!c.defaults.quantize);
        QVERIFY(!matchOf(report, "/conv1/Conv").settings.quantize);
        QVERIFY(matchOf(report, "/conv1/Conv").pattern.empty());
        QVERIFY(!matchOf(report, "/fc/Gemm").settings.quantize);
        // layer1.0.conv1: first regex `layer.*conv.*` -> activations null, weights 4: Distiller quantizes the
        // weights only, which int8 execution cannot do -> FP32 with a note.
        const DistillerMatch& conv = matchOf(report, "/layer1/layer1.0/conv1/Conv");
        QCOMPARE(conv.pattern, std::string("layer.*conv.*"));
        QVERIFY(!conv.settings.quantize);
        QCOMPARE(conv.notes.size(), std::size_t(1));
        QVERIFY(conv.notes[0].find("weights-only") != std::string::npos);
        // layer4.1.conv2: `layer.*conv.*` comes first in the file, but the exact name wins: null/null, no note.
        const DistillerMatch& last = matchOf(report, "/layer4/layer4.1/conv2/Conv");
        QCOMPARE(last.pattern, std::string("layer4.1.conv2"));
        QVERIFY(last.exact);
        QVERIFY(!last.settings.quantize);
        QVERIFY(last.notes.empty());
        // layer1.0.relu: `layer.*relu.*` -> 4-bit activations, mode {ASYMMETRIC_UNSIGNED, SYMMETRIC} inherited,
        // per_channel_wts False, no clipping.
        const DistillerMatch& relu = matchOf(report, "/layer1/layer1.0/relu/Relu");
        QCOMPARE(relu.pattern, std::string("layer.*relu.*"));
        QVERIFY(relu.settings.quantize);
        QVERIFY(relu.settings == settings(4, 8, QuantMode::AsymmetricUnsigned, QuantMode::Symmetric, false, RangeMethod::None));
        QVERIFY(c.resolve(g.nodes[4]) == relu.settings); // "/layer1/layer1.0/relu/Relu"
        // layer2.0.downsample.0: only `.*downsample\.0.*` matches.
        const DistillerMatch& down = matchOf(report, "/layer2/layer2.0/downsample/downsample.0/Conv");
        QCOMPARE(down.pattern, std::string(".*downsample\\.0.*"));
        QCOMPARE(down.matchedName, down.node); // the ONNX name is tried first and matches too
        // torchvision's blocks share one relu module, so `layer4.1.relu2` (Distiller's ResNet) matches nothing.
        QCOMPARE(warnings.size(), std::size_t(1));
        QCOMPARE(warnings[0].key, std::string("layer4.1.relu2"));
        QCOMPARE(warnings[0].line, lineStartingWith(text, "      layer4.1.relu2:"));
    }

    void exactNameWinsOverEarlierRegex()
    {
        const Graph g = resnet18Names();
        std::vector<DistillerMatch> report;
        resolveText(std::string(kHeader) + "    overrides:\n"
                                           "      .*conv.*:\n        bits_weights: 5\n"
                                           "      /layer1/layer1.0/conv2/Conv:\n        bits_weights: 7\n",
                    g, &report);
        QCOMPARE(matchOf(report, "/layer1/layer1.0/conv2/Conv").settings.quant.bitsWeights, 7); // by ONNX name
        QVERIFY(matchOf(report, "/layer1/layer1.0/conv2/Conv").exact);
        QCOMPARE(matchOf(report, "/layer1/layer1.0/conv1/Conv").settings.quant.bitsWeights, 5);
    }

    void firstMatchInFileOrder()
    {
        const Graph g = resnet18Names();
        const std::string a = "      layer.*conv.*:\n        bits_weights: 5\n";
        const std::string b = "      layer1\\.0\\..*:\n        bits_weights: 7\n";
        std::vector<DistillerMatch> report;
        resolveText(std::string(kHeader) + "    overrides:\n" + a + b, g, &report);
        QCOMPARE(matchOf(report, "/layer1/layer1.0/conv1/Conv").settings.quant.bitsWeights, 5);
        QCOMPARE(matchOf(report, "/layer1/layer1.0/relu/Relu").settings.quant.bitsWeights, 7); // only b matches
        report.clear();
        resolveText(std::string(kHeader) + "    overrides:\n" + b + a, g, &report);
        QCOMPARE(matchOf(report, "/layer1/layer1.0/conv1/Conv").settings.quant.bitsWeights, 7);
        QCOMPARE(matchOf(report, "/layer2/layer2.0/conv1/Conv").settings.quant.bitsWeights, 5);
    }

    void unsetKeysInherit()
    {
        const Graph g = resnet18Names();
        std::vector<DistillerMatch> report;
        const PtqConfig c = resolveText(std::string(kHeader) + "    bits_activations: 7\n"
                                                               "    mode:\n      activations: ASYMMETRIC_SIGNED\n      weights: SYMMETRIC\n"
                                                               "    per_channel_wts: True\n    clip_acts: N_STD\n    clip_n_stds: 2.5\n"
                                                               "    clip_percentile: 99.9\n"
                                                               "    overrides:\n      fc:\n        bits_weights: 6\n",
                                        g, &report);
        LayerPtqSettings expected = settings(7, 6, QuantMode::AsymmetricSigned, QuantMode::Symmetric, true, RangeMethod::NStd);
        expected.rangeOptions.nStds = 2.5;
        expected.rangeOptions.percentile = 99.9;
        QVERIFY(matchOf(report, "/fc/Gemm").settings == expected);
        expected.quant.bitsWeights = 8; // Distiller's default bits_parameters
        QVERIFY(c.defaults == expected);
    }

    // An override that sets only clip_acts, with no bits anywhere, inherits Distiller's default 8 bits (it was
    // rejected, reading an unset value); bits_accum other than 32 is refused rather than ignored.
    void clipOnlyOverrideAndBitsAccum()
    {
        const Graph g = resnet18Names();
        const PtqConfig c = resolveText(std::string(kHeader) + "    overrides:\n      fc:\n        clip_acts: AVG\n", g);
        const Node* fc = g.findNode("/fc/Gemm");
        QVERIFY(fc);
        QVERIFY(c.resolve(*fc).quantize);
        QVERIFY(c.resolve(*fc).clip == RangeMethod::Avg);
        QCOMPARE(c.resolve(*fc).quant.bitsActivations, 8);
        try {
            resolveText(std::string(kHeader) + "    bits_accum: 16\n", g);
            QFAIL("bits_accum 16 was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("bits_accum 16") != std::string::npos, e.what());
        }
        QVERIFY(resolveText(std::string(kHeader) + "    bits_accum: 32\n", g).defaults.quantize);
    }

    void notesWhereInt8Differs()
    {
        const Graph g = resnet18Names();
        std::vector<DistillerMatch> report;
        resolveText(std::string(kHeader) + "    mode: SYMMETRIC_RESTRICTED\n"
                                           "    overrides:\n      fc:\n        bits_weights: 16\n      conv1:\n        bits_weights: null\n",
                    g, &report);
        const DistillerMatch& fc = matchOf(report, "/fc/Gemm");
        QVERIFY(!fc.settings.quantize);
        QCOMPARE(fc.notes.size(), std::size_t(1)); // 16 bits (the restricted grid runs as such: no note)
        const DistillerMatch& conv1 = matchOf(report, "/conv1/Conv");
        QVERIFY(!conv1.settings.quantize); // activations only: Distiller's fake quantization
        QVERIFY(matchOf(report, "/relu/Relu").settings.quantize);
        QVERIFY(matchOf(report, "/relu/Relu").settings.quant.modeActivations == QuantMode::SymmetricRestricted);
    }

    void refusesWhatDistillerRefuses()
    {
        const Graph g = resnet18Names();
        const std::string nstd = std::string(kHeader) + "    overrides:\n      fc:\n        clip_acts: N_STD\n";
        try {
            resolveText(nstd, g);
            QFAIL("N_STD without clip_n_stds accepted");
        } catch (const Error& e) {
            QCOMPARE(e.context().line, 5);
        }
        const std::string notQuantized = std::string(kHeader) + "    overrides:\n      fc:\n        bits_activations: null\n"
                                                                "        bits_weights: null\n        clip_acts: AVG\n";
        try {
            resolveText(notQuantized, g);
            QFAIL("settings on a layer that is not quantized accepted");
        } catch (const Error& e) {
            QCOMPARE(e.context().line, 5);
            QVERIFY(std::string(e.what()).find("not quantizing") != std::string::npos);
        }
    }

    void exportRoundTrip()
    {
        const Graph g = resnet18Names();
        PtqConfig c;
        c.defaults = settings(8, 8, QuantMode::AsymmetricUnsigned, QuantMode::Symmetric, true, RangeMethod::Avg);
        LayerPtqSettings fc = c.defaults;
        fc.clip = RangeMethod::None;
        c.perLayer["/fc/Gemm"] = fc;
        LayerPtqSettings inner = c.defaults;
        inner.quant.bitsActivations = 6;
        inner.clip = RangeMethod::Percentile;
        inner.rangeOptions.percentile = 99.9;
        c.perLayer["/layer1/layer1.0/conv1/Conv"] = inner;
        LayerPtqSettings down = c.defaults;
        down.clip = RangeMethod::NStd;
        down.rangeOptions.nStds = 2.0;
        c.perLayer["/layer2/layer2.0/downsample/downsample.0/Conv"] = down;
        c.noQuantLayers = {"conv1"};

        const DistillerConfig d = fromPtqConfig(c, g);
        QCOMPARE(d.overrides.size(), std::size_t(4));
        const std::string yaml = writeDistillerConfig(d);
        QVERIFY2(yaml.find("layer1\\.0\\.conv1:") != std::string::npos, yaml.c_str());
        QVERIFY2(yaml.find("layer2\\.0\\.downsample\\.0:") != std::string::npos, yaml.c_str());
        std::vector<DistillerWarning> warnings;
        std::vector<DistillerMatch> report;
        const PtqConfig back = toPtqConfig(parseDistillerConfig(yaml, {}, &warnings), g, &report, &warnings);
        QVERIFY(warnings.empty());
        QVERIFY(back.defaults == c.defaults);
        for (const Node& node : g.nodes) {
            const LayerPtqSettings want = c.resolve(node);
            const LayerPtqSettings got = back.resolve(node);
            QCOMPARE(got.quantize, want.quantize);
            if (want.quantize)
                QVERIFY2(got == want, node.name.c_str());
        }
        // the override for fc sets only what differs
        const auto fcOverride = std::find_if(d.overrides.begin(), d.overrides.end(), [](const auto& o) { return o.pattern == "fc"; });
        QVERIFY(fcOverride != d.overrides.end());
        DistillerSettings onlyClip;
        onlyClip.clipActs = RangeMethod::None;
        QVERIFY(fcOverride->settings == onlyClip);
    }

    // Every clip method and every mode survives export and import (pytorch_histogram was once written as NONE).
    void everyClipMethodAndModeRoundTrips()
    {
        const Graph g = resnet18Names();
        for (RangeMethod clip : allRangeMethods()) {
            for (QuantMode mode : allQuantModes()) {
                PtqConfig c;
                c.defaults = settings(8, 8, mode, mode, true, clip);
                LayerPtqSettings layer = c.defaults; // an override with another method and mode
                layer.clip = clip == RangeMethod::None ? RangeMethod::Avg : RangeMethod::None;
                layer.quant.modeActivations = layer.quant.modeWeights = mode == QuantMode::Symmetric ? QuantMode::AsymmetricSigned : QuantMode::Symmetric;
                c.perLayer["/fc/Gemm"] = layer;
                if (clip == RangeMethod::NStd)
                    c.defaults.rangeOptions.nStds = 2.5;
                const std::string yaml = writeDistillerConfig(fromPtqConfig(c, g));
                QVERIFY2(yaml.find(distillerName(clip)) != std::string::npos, yaml.c_str());
                QVERIFY2(yaml.find(distillerName(mode)) != std::string::npos, yaml.c_str());
                std::vector<DistillerWarning> warnings;
                const PtqConfig back = toPtqConfig(parseDistillerConfig(yaml, {}, &warnings), g, nullptr, &warnings);
                const std::string what = toString(clip) + " " + toString(mode) + "\n" + yaml;
                for (const Node& node : g.nodes) {
                    const LayerPtqSettings want = c.resolve(node), got = back.resolve(node);
                    QVERIFY2(got.quantize == want.quantize && (!want.quantize || got == want), (node.name + ": " + what).c_str());
                }
            }
        }
    }

    void realExportedModel()
    {
        // fmnist_resnet8.onnx was exported by torch.onnx: "/stem/stem.0/Conv", "/l2/sc/sc.0/Conv", "/l1/Add".
        const Graph model = importOnnxFile(std::string(QS_TEST_DATA_DIR) + "/models/fmnist_resnet8.onnx");
        EngineOptions plain;
        plain.useDnnl = false;
        const Graph prepared = CompiledModel::compile(model, InputShapes{}, plain)->graph();
        std::vector<DistillerMatch> report;
        std::vector<DistillerWarning> warnings;
        resolveText(std::string(kHeader) + "    overrides:\n"
                                           "      stem.0:\n        bits_weights: 7\n"
                                           "      l2.sc.0:\n        bits_weights: 6\n"
                                           "      .*\\.add:\n        bits_activations: 5\n",
                    prepared, &report, &warnings);
        QVERIFY(warnings.empty()); // every key found its layer
        QCOMPARE(matchOf(report, "/stem/stem.0/Conv").settings.quant.bitsWeights, 7);
        QCOMPARE(matchOf(report, "/l2/sc/sc.0/Conv").settings.quant.bitsWeights, 6);
        QCOMPARE(matchOf(report, "/l1/Add").matchedName, std::string("l1.add"));
    }
};

QTEST_APPLESS_MAIN(TestDistillerResolve)
#include "test_distiller_resolve.moc"
