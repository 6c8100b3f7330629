// ONNX import plus graph preparation, the path `quantscope-cli info` takes before compiling: protobuf parsing,
// tensor and attribute decoding, topological sort, input shape fixing, shape inference with constant folding
// (which runs the reference kernels on the model's own constants), pass-through removal and BatchNorm folding.
// Seeds: ONNX node-test models (corpus/fuzz_onnx); dictionary: fuzz_onnx.dict.
#include "tests/fuzz/fuzz_util.h"

#include "core/onnx_import/onnx_importer.h"
#include "core/transforms/prepare_graph.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try {
        const qs::Graph model = qs::importOnnxBytes(std::string(qs::fuzz::asText(data, size)), "fuzz.onnx");
        qs::PrepareOptions options;
        options.shapes.batch = 2;
        const qs::Graph prepared = qs::prepareGraph(model, options);
        (void)prepared.parameterCount();
    } catch (const qs::Error&) {
    }
    return 0;
}
