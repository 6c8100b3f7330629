#include "app/cli/ptq_arguments.h"

#include "core/distiller/distiller_resolve.h"
#include "core/distiller/distiller_yaml.h"
#include "core/onnx_export/dynamic_batch.h"
#include "core/onnx_export/onnx_writer.h"
#include "core/onnx_export/qdq_model.h"
#include "core/quant/integer_flow.h"
#include "core/quant/layer_facts.h"
#include "core/util/error.h"

#include <cstdio>
#include <filesystem>

namespace qs::cli {

const char* const kPtqHelp =
    "Post-training quantization, Distiller's flags (real int8 execution on oneDNN):\n"
    "  --quantize-eval, --qe              quantize before evaluating\n"
    "  --qe-mode, --qem MODE              sym | sym_restr | asym_u | asym_s for activations and weights (default sym)\n"
    "  --qe-mode-acts, --qema MODE        activations only\n"
    "  --qe-mode-wts, --qemw MODE         weights only (asymmetric weights are exact up to 7 bits; 8-bit runs symmetric)\n"
    "  --qe-bits-acts, --qeba N           activation bits, 2..8 (default 8)\n"
    "  --qe-bits-wts, --qebw N            weight bits, 2..8 (default 8)\n"
    "  --qe-bits-accum N                  accumulator bits (32: oneDNN accumulates in s32)\n"
    "  --qe-per-channel, --qepc           per-output-channel weight scales\n"
    "  --qe-clip-acts, --qeca METHOD      none | avg | n_std | gauss | laplace | percentile | entropy | mse |\n"
    "                                     pytorch_histogram | moving_average (default none; bare: avg, as\n"
    "                                     Distiller's original switch)\n"
    "  --qe-clip-n-stds K                 k for n_std (default 3)\n"
    "  --qe-percentile P                  percentile for 'percentile' (default 99.99)\n"
    "  --qe-no-clip-layers, --qencl L...  layers quantized without clipping (node names or module paths, e.g. fc)\n"
    "  --qe-no-quant-layers, --qenql L... layers kept in FP32\n"
    "  --qe-scale-approx-bits, --qesab N  accepted; oneDNN applies float output scales (noted)\n"
    "  --qe-config-file FILE              Distiller YAML (PostTrainLinearQuantizer with regex overrides); replaces\n"
    "                                     the other --qe-* settings, as in Distiller\n"
    "  --export-config FILE               write the effective configuration as a Distiller YAML file\n"
    "  --export-onnx FILE                 write the quantized model as an ONNX QDQ model (QuantizeLinear /\n"
    "                                     DequantizeLinear, int8 weights; ONNX Runtime runs it on its int8\n"
    "                                     kernels), BatchNorm folded; the batch is left to the runtime where\n"
    "                                     the model allows it (else batch 1, noted)\n"
    "  --qe-stats-file FILE               statistics (Distiller's YAML schema) instead of calibrating\n"
    "  --qe-calibration AMOUNT            calibration samples from the train split: a portion as in Distiller\n"
    "                                     (0.05; 1 = all of it), or a count above 1 (default 512)\n"
    "QuantScope's additions:\n"
    "  --equalize                         cross-layer equalization before calibrating: balances the channel ranges\n"
    "                                     of conv pairs joined by ReLU/LeakyReLU (same FP32 function; helps\n"
    "                                     MobileNet-style depthwise models). A --qe-stats-file must come from an\n"
    "                                     equalized calibration too\n";

namespace {

void applyMode(const std::string& text, QuantMode* acts, QuantMode* wts)
{
    // Only the command-line spellings, as Distiller's argparse choices.
    const QuantMode mode = parseQuantMode(text);
    if (toString(mode) != text)
        throw Error("unknown quantization mode '" + text + "' (valid: sym, sym_restr, asym_u, asym_s)");
    if (acts)
        *acts = mode;
    if (wts)
        *wts = mode;
}

int bits(Args& args, std::initializer_list<const char*> names, int fallback)
{
    const long long b = args.integer(names, fallback);
    if (b == 0) // Distiller: 0 = leave that side unquantized (fake quantization of the other side only)
        throw Error("option " + std::string(*names.begin()) +
                    " 0 means, in Distiller, quantizing only the other side (weights-only or activations-only fake "
                    "quantization), which int8 execution cannot run; use --qe-no-quant-layers to keep layers FP32");
    if (b < 2 || b > 8)
        throw Error("option " + std::string(*names.begin()) + " must be 2..8 for integer execution (use --qe-no-quant-layers for FP32), got " +
                    std::to_string(b));
    return static_cast<int>(b);
}

} // namespace

// Distiller's flags for features QuantScope does not have: say so, and what to use instead, rather than
// "unknown argument".
void refuseDistillerOnlyFlags(Args& args)
{
    const std::pair<const char*, const char*> unsupported[] = {
        {"--qe-dynamic", "dynamic quantization is not supported: QuantScope quantizes activations statically from calibration statistics"},
        {"--qe-lapq", "LAPQ (loss-aware range search) is not supported; try --qe-clip-acts mse or entropy, which search each layer's range"},
        {"--qe-convert-pytorch", "there is no PyTorch model to convert: the ONNX model runs in int8 on oneDNN already"},
        {"--qept", "there is no PyTorch model to convert: the ONNX model runs in int8 on oneDNN already"},
        {"--qe-pytorch-backend", "there is no PyTorch backend: the int8 model runs on oneDNN"},
    };
    for (std::string& arg : args.rest())
        for (const auto& [flag, why] : unsupported)
            if (arg == flag || arg.rfind(std::string(flag) + "=", 0) == 0 || (std::string(flag) == "--qe-lapq" && arg.rfind("--lapq", 0) == 0))
                throw Error("Distiller's " + arg + ": " + why);
}

PtqArguments ptqArguments(Args& args)
{
    refuseDistillerOnlyFlags(args);
    PtqArguments p;
    p.quantize = args.flag({"--quantize-eval", "--qe"});
    LayerPtqSettings& d = p.config.defaults;
    d.quant.modeActivations = d.quant.modeWeights = QuantMode::Symmetric; // Distiller's default
    if (const auto mode = args.value({"--qe-mode", "--qem"}))
        applyMode(*mode, &d.quant.modeActivations, &d.quant.modeWeights);
    if (const auto mode = args.value({"--qe-mode-acts", "--qema"}))
        applyMode(*mode, &d.quant.modeActivations, nullptr);
    if (const auto mode = args.value({"--qe-mode-wts", "--qemw"}))
        applyMode(*mode, nullptr, &d.quant.modeWeights);
    d.quant.bitsActivations = bits(args, {"--qe-bits-acts", "--qeba"}, 8);
    d.quant.bitsWeights = bits(args, {"--qe-bits-wts", "--qebw"}, 8);
    const long long accum = args.integer({"--qe-bits-accum"}, 32);
    if (accum != 32)
        throw Error("--qe-bits-accum " + std::to_string(accum) + " is not supported: oneDNN accumulates in 32 bits");
    d.quant.perChannel = args.flag({"--qe-per-channel", "--qepc"});
    if (const auto clip = args.valueOrBare({"--qe-clip-acts", "--qeca"}, "avg")) // bare: Distiller's original switch
        d.clip = parseRangeMethod(*clip);
    d.rangeOptions.nStds = args.number({"--qe-clip-n-stds"}, 3.0);
    d.rangeOptions.percentile = args.number({"--qe-percentile"}, 99.99);
    if (d.rangeOptions.percentile <= 50.0 || d.rangeOptions.percentile > 100.0)
        throw Error("--qe-percentile must be in (50, 100]");
    p.config.noClipLayers = args.list({"--qe-no-clip-layers", "--qencl"});
    p.config.noQuantLayers = args.list({"--qe-no-quant-layers", "--qenql"});
    if (args.integer({"--qe-scale-approx-bits", "--qesab"}, -1) != -1) // an integer, as in Distiller ('abc' is refused)
        p.notes.push_back("--qe-scale-approx-bits: oneDNN applies float32 output scales; no fixed-point approximation is made");
    if (args.flag({"--qe-save-fp-weights"}))
        p.notes.push_back("--qe-save-fp-weights has no effect: FP32 weights are never modified");
    p.statsFile = args.value({"--qe-stats-file"});
    p.equalize = args.flag({"--equalize"});
    if (const auto amount = args.value({"--qe-calibration"})) {
        p.calibration = *amount;
        p.calibrationGiven = true;
    }
    p.exportConfig = args.value({"--export-config"});
    p.exportOnnx = args.value({"--export-onnx"});
    p.configFile = args.value({"--qe-config-file"});
    if (p.configFile) {
        std::vector<DistillerWarning> warnings;
        p.distiller = readDistillerConfig(*p.configFile, &warnings);
        for (const DistillerWarning& w : warnings)
            std::fprintf(stderr, "quantscope-cli: warning: %s:%d: %s: %s\n", p.configFile->c_str(), w.line, w.key.c_str(), w.message.c_str());
        // Distiller: "when '--qe-config-file' is passed, all other '--qe*' arguments are ignored".
        p.config = toPtqConfig(*p.distiller, Graph{}); // the global settings; overrides in applyToModel()
        p.notes.clear();
        p.notes.push_back("--qe-config-file " + *p.configFile + " replaces the other --qe-* quantization settings");
        if (!p.statsFile && p.distiller->modelActivationStats) {
            namespace fs = std::filesystem;
            const fs::path stats = *p.distiller->modelActivationStats;
            const fs::path besideConfig = fs::path(*p.configFile).parent_path() / stats;
            if (fs::exists(stats))
                p.statsFile = stats.string();
            else if (stats.is_relative() && fs::exists(besideConfig))
                p.statsFile = besideConfig.string();
            else
                p.notes.push_back("model_activation_stats '" + stats.string() + "' not found; calibrating instead (or pass --qe-stats-file)");
        }
    }
    return p;
}

std::vector<std::string> ineffectiveLayerNotes(const PtqArguments& ptq, const Graph& prepared)
{
    std::vector<std::string> notes;
    const std::vector<LayerFacts> facts = layerFacts(prepared);
    for (const auto& name : ptq.config.noClipLayers) {
        bool matched = false, clipsSomething = false;
        for (const LayerFacts& f : facts)
            if (nameMatches(f.node, name)) {
                matched = true;
                clipsSomething = clipsSomething || f.outputQuantized;
            }
        if (matched && !clipsSomething)
            notes.push_back("--qe-no-clip-layers " + name + " has no effect: its output stays FP32 (nothing is clipped there)");
    }
    return notes;
}

SampleAmount calibrationAmount(const std::string& text)
{
    if (text == "1") { // Distiller's portion 1: the whole split (our counts start at 2)
        SampleAmount all;
        all.isFraction = true;
        all.fraction = 1.0;
        return all;
    }
    return parseSampleAmount(text);
}

void checkLayerNames(const PtqArguments& ptq, const Graph& prepared, const std::optional<std::string>& layer)
{
    auto check = [&](const std::string& name, const char* flag) {
        for (const Node& node : prepared.nodes)
            if (nameMatches(node.name, name))
                return;
        std::string example;
        for (const Node& node : prepared.nodes)
            if (isIntegerLayer(prepared, node)) {
                example = " (e.g. '" + modulePath(node.name) + "' or '" + node.name + "')";
                break;
            }
        throw Error(std::string(flag) + ": the model has no layer '" + name + "'; give a node name or its module path" + example,
                    {prepared.sourcePath});
    };
    for (const auto& name : ptq.config.noClipLayers)
        check(name, "--qe-no-clip-layers");
    for (const auto& name : ptq.config.noQuantLayers)
        check(name, "--qe-no-quant-layers");
    if (layer)
        check(*layer, "--layer");
}

void applyToModel(PtqArguments& ptq, const Graph& prepared)
{
    if (ptq.distiller) {
        std::vector<DistillerMatch> report;
        std::vector<DistillerWarning> warnings;
        try {
            const PtqConfig resolved = toPtqConfig(*ptq.distiller, prepared, &report, &warnings);
            ptq.config.perLayer = resolved.perLayer;
        } catch (const Error& e) {
            throw e.withFile(*ptq.configFile);
        }
        for (const DistillerWarning& w : warnings)
            std::fprintf(stderr, "quantscope-cli: warning: %s:%d: override '%s' %s\n", ptq.configFile->c_str(), w.line, w.key.c_str(),
                         w.message.c_str());
        for (const DistillerMatch& m : report)
            for (const std::string& note : m.notes)
                if (m.pattern.empty())
                    std::fprintf(stderr, "quantscope-cli: note: %s (global settings of %s): %s\n", m.node.c_str(), ptq.configFile->c_str(),
                                 note.c_str());
                else
                    std::fprintf(stderr, "quantscope-cli: note: %s (%s:%d, override '%s'): %s\n", m.node.c_str(), ptq.configFile->c_str(),
                                 m.line, m.pattern.c_str(), note.c_str());
    }
    if (ptq.exportConfig) {
        DistillerConfig out = fromPtqConfig(ptq.config, prepared);
        if (ptq.distiller) {
            out.quantizerName = ptq.distiller->quantizerName;
            out.modelActivationStats = ptq.distiller->modelActivationStats;
        }
        saveDistillerConfig(out, *ptq.exportConfig);
        std::fprintf(stderr, "quantscope-cli: wrote the effective configuration (%zu per-layer overrides) to %s\n", out.overrides.size(),
                     ptq.exportConfig->c_str());
    }
}

void refuseOnnxExport(const PtqArguments& ptq, const char* command)
{
    if (ptq.exportOnnx)
        throw Error(std::string("--export-onnx writes the model `eval --qe` or `autoquant` quantizes; `") + command + "` quantizes none");
}

void writeQuantizedOnnx(const PtqArguments& ptq, const PreparedModel& model, const Graph& prepared, const QuantizationPlan& plan)
{
    if (!ptq.exportOnnx)
        return;
    const QdqModel qdq = qdqModelForAnyBatch(model, prepared, plan);
    writeOnnxFile(qdq.graph, *ptq.exportOnnx);
    std::fprintf(stderr, "quantscope-cli: wrote the quantized model (%d int8 layers, %d quantized values, QDQ, opset %lld, %s) to %s\n",
                 qdq.quantizedLayers, qdq.quantizedValues, static_cast<long long>(qdq.graph.opsetVersion),
                 qdq.dynamicBatch ? "dynamic batch" : "batch 1", ptq.exportOnnx->c_str());
    for (const std::string& note : qdq.notes)
        std::fprintf(stderr, "quantscope-cli: note: %s\n", note.c_str());
}

} // namespace qs::cli
