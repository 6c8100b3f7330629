// `quantscope-cli info`: what a model contains and how QuantScope will run it.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "core/engine/cpu_features.h"
#include "core/engine/engine.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ops/op.h"

#include <cstdio>
#include <map>

namespace qs::cli {

int runInfo(std::vector<std::string> argv)
{
    Args args(std::move(argv));
    if (args.helpRequested()) {
        std::puts("usage: quantscope-cli info [--model M.onnx] [--batch N]\n"
                  "Prints the model's inputs, outputs, operators and parameters, and which nodes run on oneDNN.");
        return 0;
    }
    const std::string path = modelArgument(args);
    const long long batch = args.integer({"--batch"}, 1);
    args.finish();
    const Graph model = importOnnxFile(path);
    std::printf("model: %s\nproducer: %s, opset %lld\n", path.c_str(), model.producer.c_str(), static_cast<long long>(model.opsetVersion));
    for (const auto& in : model.inputs)
        std::printf("input:  %s %s %s\n", in.name.c_str(), toString(in.dtype).c_str(), toString(in.shape).c_str());
    for (const auto& out : model.outputs)
        std::printf("output: %s %s %s\n", out.name.c_str(), toString(out.dtype).c_str(), toString(out.shape).c_str());
    InputShapes shapes;
    shapes.batch = batch;
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
    return 0;
}

} // namespace qs::cli
