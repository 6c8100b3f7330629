// `quantscope-cli info`: what a model contains and how QuantScope will run it.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "core/engine/cpu_features.h"
#include "core/engine/engine.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ops/op.h"
#include "core/ptq/ptq_config.h"
#include "core/quant/int8_coverage.h"
#include "core/transforms/shape_inference.h"
#include "app/cli/ptq_arguments.h"
#include "core/data/preprocess_spec.h"

#include "core/util/error.h"

#include <algorithm>

#include <cstdio>
#include <map>

namespace qs::cli {

int runInfo(std::vector<std::string> argv)
{
    Args args(std::move(argv));
    if (args.helpRequested()) {
        std::printf("usage: quantscope-cli info [--model M.onnx] [--batch N] [--input-shape [NAME=]DIMS]... [--qe --qe-* ...]\n"
                    "Prints the model's inputs, outputs, operators and parameters, and which nodes run on oneDNN.\n"
                    "With --quantize-eval (and any --qe-* flags or --qe-config-file): the share of MACs that would run in\n"
                    "int8 and every FP32 island with its reason (no calibration needed).\n"
                    "  --input-shape [NAME=]DIMS  shape of a dynamic input (default: input_shape of MODEL.preprocess.yaml)\n%s",
                    kPtqHelp);
        return 0;
    }
    const std::string path = modelArgument(args);
    const long long batch = args.integer({"--batch"}, 0); // 0: the input shapes' own (1 when none is given)
    if (batch < 0)
        throw Error("--batch must be positive, got " + std::to_string(batch));
    std::vector<InputShapeSpec> shapeSpecs = inputShapeArguments(args);
    if (shapeSpecs.empty())
        if (const auto sidecar = findPreprocessSidecar(path))
            shapeSpecs = loadPreprocessSidecar(*sidecar).inputShapes;
    PtqArguments ptq = ptqArguments(args);
    refuseOnnxExport(ptq, "info");
    args.finish();
    const Graph model = importOnnxFile(path);
    std::printf("model: %s\nproducer: %s, opset %lld\n", path.c_str(), model.producer.c_str(), static_cast<long long>(model.opsetVersion));
    for (const auto& in : model.inputs)
        std::printf("input:  %s %s %s\n", in.name.c_str(), toString(in.dtype).c_str(), toString(in.shape).c_str());
    for (const auto& out : model.outputs)
        std::printf("output: %s %s %s\n", out.name.c_str(), toString(out.dtype).c_str(), toString(out.shape).c_str());
    InputShapes shapes = inputShapesFrom(model, shapeSpecs);
    if (batch > 0) {
        shapes.batch = batch;
        for (auto& [name, shape] : shapes.exact)
            shape[0] = batch;
    }
    auto compiled = CompiledModel::compile(model, shapes);
    const Graph& g = compiled->graph();
    std::map<std::string, int> counts;
    for (const auto& node : g.nodes)
        ++counts[node.opType];
    std::printf("parameters: %lld\nnodes after preparation: %zu (imported: %zu)\n", static_cast<long long>(g.parameterCount()),
                g.nodes.size(), model.nodes.size());
    for (const auto& [type, count] : counts)
        std::printf("  %-20s %d\n", type.c_str(), count);
    const CpuFeatures& cpu = cpuFeatures();
    std::printf("cpu: %s, int8 dot products %s (weights: %d bits recommended)\n", cpu.isa.c_str(),
                cpu.hasVnni ? "exact (VNNI)" : "saturating without VNNI", cpu.recommendedWeightBits());
    const auto fallback = compiled->referenceNodes();
    std::printf("oneDNN: %zu of %zu nodes (the rest run reference kernels)\n", g.nodes.size() - fallback.size(), g.nodes.size());
    for (const auto& name : fallback)
        std::printf("  reference: %s\n", name.c_str());
    for (const auto& node : g.nodes)
        if (findOp(node.opType)->quantTraits(node).quantizable)
            std::printf("  layer %-40s %-12s %s\n", node.name.c_str(), node.opType.c_str(), toString(g.info(node.outputs[0])->shape).c_str());
    if (ptq.quantize) {
        checkLayerNames(ptq, g);
        applyToModel(ptq, g);
        const QuantizationPlan plan = planLayout(g, ptq.config);
        const Int8Coverage coverage = int8Coverage(g, &plan);
        std::printf("int8 with %s: %s\n", ptq.configFile ? ptq.configFile->c_str() : ptq.config.summary().c_str(),
                    coverageSummary(coverage).c_str());
        for (const LayerCoverage& island : coverage.fp32Islands())
            std::printf("  FP32 %-40s %-12s %6.2f%% of MACs: %s\n", island.node.c_str(), island.opType.c_str(),
                        100.0 * static_cast<double>(island.macs) / static_cast<double>(std::max<int64_t>(1, coverage.totalMacs)),
                        island.fp32Reason.c_str());
    }
    return 0;
}

} // namespace qs::cli
