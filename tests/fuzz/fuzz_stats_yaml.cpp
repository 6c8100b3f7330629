// Distiller activation statistics YAML and QuantScope's histogram sidecar (<file>.hist.yaml), loaded the way
// `quantscope-cli eval --qe-stats-file` does: calibrationFromStatsFile against a small real model prepared once
// (tests/data/models/fmnist_resnet8.onnx). The input is the stats file, optionally followed by a line
// "#--- sidecar" and the sidecar's text (without it, no sidecar exists). Every clip method but entropy then picks a range
// from each loaded value, as `quantscope-cli ranges --qe-stats-file` does: what the loader accepts must be usable.
// Seeds: stats written by the CLI for that model, and the resnet18/50 files of tests/data/distiller_stats.
#include "tests/fuzz/fuzz_util.h"

#include "core/distiller/stats_yaml.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ranges/clip_methods.h"
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
    static const std::string path = (qs::fuzz::scratchDir() / "stats.yaml").string();
    static const std::string sidecar = path + ".hist.yaml";
    constexpr std::string_view kSeparator = "\n#--- sidecar\n";
    const std::string_view text = qs::fuzz::asText(data, size);
    const std::size_t split = text.find(kSeparator);
    qs::fuzz::writeFile(path, text.substr(0, split));
    if (split == std::string_view::npos) {
        std::error_code ec;
        std::filesystem::remove(sidecar, ec);
    } else {
        qs::fuzz::writeFile(sidecar, text.substr(split + kSeparator.size()));
    }
    try {
        int matched = 0;
        const qs::Calibration calibration = qs::calibrationFromStatsFile(model(), path, &matched);
        for (const auto& entry : calibration.values)
            qs::fuzz::pickEveryRange(entry.second);
    } catch (const qs::Error&) {
    }
    return 0;
}
