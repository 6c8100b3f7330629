#pragma once
// A small model of three float inputs and a folder of its samples, for the tests of feeding several inputs
// from tensors:DIR (tests/core/eval/test_model_feed.cpp, tests/core/integration/test_multi_input_ptq.cpp):
//   image [N, 3, 6, 6] -> Conv 3x3 (4) ┐
//   aux   [N, 3, 6, 6] -> Conv 3x3 (4) ┴ Add -> Relu -> GlobalAveragePool -> Flatten -> Gemm (5) -> + bias [N, 5] -> out
// The samples are .npz files with one array per input, written in an order other than the graph's, `image`
// stored with its batch dimension of 1 ([1, 3, 6, 6]), the others without.

#include "npz_writer.h"
#include "synthetic_graph.h"

#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace qs::testing {

inline Graph multiInputModel()
{
    std::mt19937 rng(11);
    Graph g;
    g.opsetVersion = 13;
    g.sourcePath = "multi_input_model.onnx";
    g.inputs.push_back(ValueInfo{"image", DataType::Float32, {-1, 3, 6, 6}, {}, true});
    g.inputs.push_back(ValueInfo{"aux", DataType::Float32, {-1, 3, 6, 6}, {}, true});
    g.inputs.push_back(ValueInfo{"bias", DataType::Float32, {-1, 5}, {}, true});
    g.initializers["wi"] = randomTensor({4, 3, 3, 3}, rng);
    g.initializers["wa"] = randomTensor({4, 3, 3, 3}, rng);
    g.initializers["ba"] = randomTensor({4}, rng);
    g.initializers["wg"] = randomTensor({4, 5}, rng);
    g.initializers["bg"] = randomTensor({5}, rng);
    for (const auto& [name, in, w, out] : {std::tuple{"conv_image", "image", "wi", "ci"}, std::tuple{"conv_aux", "aux", "wa", "ca"}}) {
        std::vector<std::string> inputs{in, w};
        if (std::string(in) == "aux")
            inputs.push_back("ba");
        Node n = makeNode(name, "Conv", inputs, {out});
        n.attributes.set("kernel_shape", std::vector<int64_t>{3, 3});
        n.attributes.set("pads", std::vector<int64_t>{1, 1, 1, 1});
        g.nodes.push_back(std::move(n));
    }
    g.nodes.push_back(makeNode("sum", "Add", {"ci", "ca"}, {"s"}));
    g.nodes.push_back(makeNode("relu", "Relu", {"s"}, {"r"}));
    g.nodes.push_back(makeNode("pool", "GlobalAveragePool", {"r"}, {"p"}));
    g.nodes.push_back(makeNode("flatten", "Flatten", {"p"}, {"f"}));
    g.nodes.push_back(makeNode("fc", "Gemm", {"f", "wg", "bg"}, {"logits"}));
    g.nodes.push_back(makeNode("add_bias", "Add", {"logits", "bias"}, {"out"}));
    g.outputs.push_back(ValueInfo{"out", DataType::Float32, {}, {}, false});
    return g;
}

// One sample: the arrays as written, in graph-input order (image, aux, bias), values seeded by the index.
inline std::vector<NpyArrayData> multiInputSample(int index)
{
    std::mt19937 rng(static_cast<unsigned>(100 + index));
    auto values = [&](std::size_t n, float lo, float hi) {
        std::uniform_real_distribution<float> dist(lo, hi);
        std::vector<float> v(n);
        for (float& x : v)
            x = dist(rng);
        return v;
    };
    return {{"image", {1, 3, 6, 6}, values(108, 0.0f, 1.0f)}, {"aux", {3, 6, 6}, values(108, -2.0f, 2.0f)}, {"bias", {5}, values(5, -0.5f, 0.5f)}};
}

// Writes `count` samples to DIR/sample_<i>.npz (arrays in the order bias, aux, image) and returns them.
inline std::vector<std::vector<NpyArrayData>> writeMultiInputSamples(const std::filesystem::path& dir, int count)
{
    std::vector<std::vector<NpyArrayData>> samples;
    for (int i = 0; i < count; ++i) {
        samples.push_back(multiInputSample(i));
        const auto& s = samples.back();
        writeNpz(dir / ("sample_" + std::to_string(i) + ".npz"), {s[2], s[1], s[0]});
    }
    return samples;
}

} // namespace qs::testing
