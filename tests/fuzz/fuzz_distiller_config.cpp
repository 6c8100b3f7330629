// Distiller --qe-config-file YAML: parsing (keys, values, override regexes) and resolution of the overrides
// against a small real model (tests/data/models/fmnist_resnet8.onnx, prepared once: residual Adds, module
// paths), then the export direction (fromPtqConfig + write) of what resolved.
// Seeds: tests/data/distiller_configs and variants keyed to the model (corpus/fuzz_distiller_config).
#include "tests/fuzz/fuzz_util.h"

#include "core/distiller/distiller_resolve.h"
#include "core/distiller/distiller_yaml.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/transforms/prepare_graph.h"

namespace {

const qs::Graph& model()
{
    static const qs::Graph prepared =
        qs::prepareGraph(qs::importOnnxFile(qs::fuzz::sourcePath("tests/data/models/fmnist_resnet8.onnx")), {});
    return prepared;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    (void)model();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try {
        std::vector<qs::DistillerWarning> warnings;
        const qs::DistillerConfig config = qs::parseDistillerConfig(std::string(qs::fuzz::asText(data, size)), "fuzz.yaml", &warnings);
        std::vector<qs::DistillerMatch> report;
        const qs::PtqConfig ptq = qs::toPtqConfig(config, model(), &report, &warnings);
        (void)qs::writeDistillerConfig(qs::fromPtqConfig(ptq, model()));
        for (const auto& w : warnings)
            (void)qs::toString(w);
    } catch (const qs::Error&) {
    }
    return 0;
}
