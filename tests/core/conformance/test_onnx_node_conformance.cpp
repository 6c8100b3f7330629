// Runs ONNX's own operator conformance tests (Debian's libonnx-testdata) through both engines: the oneDNN
// plan and the reference kernels. Every node test whose operators QuantScope supports must match the stored
// outputs (rtol 1e-4, atol 1e-5); the per-operator pass counts are printed. Node tests in the same format that
// cover what ONNX's leave out (tests/data/onnx_node_extra, outputs from onnxruntime) run alongside them.
#include "core/engine/engine.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/ops/op.h"
#include "core/util/error.h"

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>

namespace fs = std::filesystem;
using namespace qs;

namespace {

const char* kNodeTests = "/usr/share/libonnx-testdata/data/node";
const char* kExtraNodeTests = QS_TEST_DATA_DIR "/onnx_node_extra";

// Node tests outside what QuantScope claims, each with the reason. Everything else that imports must pass.
const std::map<std::string, std::string> kExcluded = {
    {"test_batchnorm_epsilon_training_mode", "training mode: QuantScope runs inference only"},
    {"test_batchnorm_example_training_mode", "training mode: QuantScope runs inference only"},
    {"test_training_dropout", "training-mode Dropout is random"},
    {"test_training_dropout_default", "training-mode Dropout is random"},
    {"test_training_dropout_default_mask", "training-mode Dropout is random"},
    {"test_training_dropout_mask", "training-mode Dropout is random"},
    {"test_maxpool_with_argmax_2d_precomputed_pads", "MaxPool's Indices output is not supported"},
    {"test_maxpool_with_argmax_2d_precomputed_strides", "MaxPool's Indices output is not supported"},
    {"test_cast_BFLOAT16_to_FLOAT", "bfloat16 is not an element type QuantScope holds"},
    {"test_cast_FLOAT_to_BFLOAT16", "bfloat16 is not an element type QuantScope holds"},
    {"test_castlike_BFLOAT16_to_FLOAT_expanded", "bfloat16 is not an element type QuantScope holds"},
    {"test_castlike_FLOAT_to_BFLOAT16_expanded", "bfloat16 is not an element type QuantScope holds"},
    {"test_cast_FLOAT_to_STRING", "string tensors are not supported"},
    {"test_cast_STRING_to_FLOAT", "string tensors are not supported"},
    {"test_castlike_FLOAT_to_STRING_expanded", "string tensors are not supported"},
    {"test_castlike_STRING_to_FLOAT_expanded", "string tensors are not supported"},
};

// Float inputs that parameterise an operator rather than carry data (Resize scales, Pad's constant): exported
// models hold them as constants, and QuantScope needs them constant to fix shapes at load time.
// An LSTM's W, R, B and P are weights (constants in exported models, when the engine runs W x as a Gemm) but
// computed values to the operator: its node tests run both ways.
bool isParameterInput(const std::string& opType, std::size_t index, bool rnnWeightsConstant)
{
    if (opType == "LSTM")
        return rnnWeightsConstant && (index == 1 || index == 2 || index == 3 || index == 7);
    if (opType == "Resize")
        return index >= 1;
    if (opType == "Upsample" || opType == "Pad")
        return index >= 1;
    return false;
}

struct Outcome {
    int passed = 0;
    int failed = 0;
    int lowered = 0; // passed on oneDNN with no node left to the reference kernels
};

std::vector<fs::path> sortedFiles(const fs::path& dir, const std::string& prefix)
{
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().filename().string().rfind(prefix, 0) == 0)
            files.push_back(entry.path());
    std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
        auto index = [](const fs::path& p) {
            const std::string s = p.stem().string();
            return std::stoi(s.substr(s.find('_') + 1));
        };
        return index(a) < index(b);
    });
    return files;
}

bool close(const Tensor& expected, std::span<const float> actual, std::string& why)
{
    if (static_cast<int64_t>(actual.size()) != expected.size()) {
        why = "size " + std::to_string(actual.size()) + " != " + std::to_string(expected.size());
        return false;
    }
    for (int64_t i = 0; i < expected.size(); ++i) {
        const double e = expected.elementAsDouble(i), a = actual[i];
        if (std::isnan(e) && std::isnan(a))
            continue;
        if (std::isinf(e) && e == a)
            continue;
        if (!(std::fabs(a - e) <= 1e-5 + 1e-4 * std::fabs(e))) {
            why = "element " + std::to_string(i) + ": got " + std::to_string(a) + ", expected " + std::to_string(e);
            return false;
        }
    }
    return true;
}

// Runs one test case; returns "" on success or the reason of the failure.
std::string runCase(const Graph& model, const fs::path& dataSet, bool useDnnl, bool rnnWeightsConstant, bool* ranReference = nullptr)
{
    Graph graph = model;
    const auto inputFiles = sortedFiles(dataSet, "input_");
    const auto outputFiles = sortedFiles(dataSet, "output_");
    // Inputs the engine must see at run time: float32 tensors that are not weights. Everything else (weights,
    // shapes, indices, axes) becomes a constant, as it is in exported models.
    std::vector<Tensor> runtime;
    InputShapes shapes;
    std::vector<ValueInfo> keptInputs;
    // A graph with a non-float output cannot run on the float engine: fold it entirely (tests the reference kernels).
    bool foldAll = false;
    for (const auto& out : model.outputs)
        foldAll = foldAll || out.dtype != DataType::Float32;
    for (std::size_t i = 0; i < inputFiles.size() && i < model.inputs.size(); ++i) {
        const ValueInfo& info = model.inputs[i];
        Tensor t = readTensorProtoFile(inputFiles[i].string());
        bool isWeight = false;
        for (const auto& node : model.nodes) {
            const Op* op = findOp(node.opType);
            const auto traits = op->quantTraits(node);
            for (std::size_t k = 0; k < node.inputs.size(); ++k)
                if (node.inputs[k] == info.name &&
                    (std::find(traits.weightInputs.begin(), traits.weightInputs.end(), static_cast<int>(k)) != traits.weightInputs.end() ||
                     static_cast<int>(k) == traits.biasInput))
                    isWeight = true;
            for (std::size_t k = 0; k < node.inputs.size(); ++k)
                if (node.inputs[k] == info.name && isParameterInput(node.opType, k, rnnWeightsConstant))
                    isWeight = true;
        }
        if (t.dtype() == DataType::Float32 && !isWeight && t.size() > 0 && t.rank() > 0 && !foldAll) {
            shapes.exact[info.name] = t.shape();
            runtime.push_back(std::move(t));
            keptInputs.push_back(info);
        } else {
            graph.initializers[info.name] = std::move(t);
        }
    }
    graph.inputs = keptInputs;
    EngineOptions options;
    options.useDnnl = useDnnl;
    options.threads = 1;
    auto compiled = CompiledModel::compile(graph, shapes, options);
    if (ranReference)
        *ranReference = *ranReference || !compiled->referenceNodes().empty();
    for (const Node& node : compiled->graph().nodes)
        if (rnnWeightsConstant && node.opType == "LSTM" && node.hasInput(1))
            return node.label() + ": constant W, but its input projection did not become a Gemm";
    Session session(compiled);
    std::vector<const float*> pointers;
    for (const auto& t : runtime)
        pointers.push_back(t.data<float>());
    session.run(pointers);
    for (std::size_t i = 0; i < outputFiles.size() && i < compiled->graph().outputs.size(); ++i) {
        const Tensor expected = readTensorProtoFile(outputFiles[i].string());
        const std::string& name = compiled->graph().outputs[i].name;
        std::string why;
        if (const Tensor* c = compiled->graph().constant(name)) {
            const std::vector<float> values = c->toFloat();
            if (c->shape() != expected.shape())
                return "output " + name + " shape " + toString(c->shape()) + " != " + toString(expected.shape());
            if (!close(expected, values, why))
                return "output " + name + ": " + why;
            continue;
        }
        if (compiled->graph().outputs[i].shape != expected.shape())
            return "output " + name + " shape " + toString(compiled->graph().outputs[i].shape) + " != " + toString(expected.shape());
        if (!close(expected, session.output(i), why))
            return "output " + name + ": " + why;
    }
    return {};
}

} // namespace

class TestOnnxNodeConformance : public QObject {
    Q_OBJECT
private slots:
    void supportedNodeTestsMatchStoredOutputs()
    {
        if (!fs::exists(kNodeTests))
            QFAIL("libonnx-testdata is not installed (scripts/install-deps.sh installs it)");
        std::map<std::string, Outcome> perOp;
        std::vector<std::string> failures;
        int imported = 0, unsupported = 0;
        std::vector<fs::path> dirs;
        for (const auto& entry : fs::directory_iterator(kNodeTests))
            dirs.push_back(entry.path());
        int extra = 0;
        for (const auto& entry : fs::directory_iterator(kExtraNodeTests))
            if (entry.is_directory()) {
                dirs.push_back(entry.path());
                ++extra;
            }
        QVERIFY2(extra > 0, kExtraNodeTests);
        std::sort(dirs.begin(), dirs.end(), [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
        for (const auto& dir : dirs) {
            const std::string name = dir.filename().string();
            Graph model;
            try {
                model = importOnnxFile((dir / "model.onnx").string());
            } catch (const Error& e) {
                // Our own node tests are of operators QuantScope claims: one that no longer imports fails, not skips.
                if (dir.parent_path() == fs::path(kExtraNodeTests))
                    failures.push_back(name + ": " + e.what());
                ++unsupported;
                continue;
            }
            if (kExcluded.count(name))
                continue;
            ++imported;
            std::set<std::string> ops;
            for (const auto& node : model.nodes)
                ops.insert(node.opType);
            // A Constant-only test folds into initializers and has no node left (reading *ops.begin() of the empty
            // set stopped the suite under ASan).
            const std::string op = ops.empty() ? std::string("(constants only)") : ops.size() == 1 ? *ops.begin() : "(graph) " + *ops.begin();
            const int variants = ops.count("LSTM") ? 2 : 1;
            for (int variant = 0; variant < 2 * variants; ++variant) {
                const bool dnnl = variant % 2 == 0, rnnWeightsConstant = variant >= 2;
                std::string why;
                bool ranReference = false;
                try {
                    for (const auto& dataSet : sortedFiles(dir, "test_data_set_"))
                        if (why.empty())
                            why = runCase(model, dataSet, dnnl, rnnWeightsConstant, &ranReference);
                } catch (const std::exception& e) {
                    why = std::string("threw: ") + e.what();
                }
                if (why.empty()) {
                    ++perOp[op].passed;
                    if (dnnl && !ranReference)
                        ++perOp[op].lowered;
                } else {
                    ++perOp[op].failed;
                    failures.push_back(name + (dnnl ? " [oneDNN" : " [reference") + (rnnWeightsConstant ? ", constant weights]: " : "]: ") + why);
                }
            }
        }
        qInfo("ONNX node tests: %d imported (%d of ours), %d use unsupported operators", imported, extra, unsupported);
        for (const auto& [op, outcome] : perOp)
            qInfo("  %-22s %3d passed %3d failed (%d fully on oneDNN)", op.c_str(), outcome.passed, outcome.failed, outcome.lowered);
        for (const auto& f : failures)
            qWarning("FAIL %s", f.c_str());
        QVERIFY2(imported > 150, "too few node tests imported: the importer rejects supported operators");
        QCOMPARE(static_cast<int>(failures.size()), 0);
    }
};

QTEST_APPLESS_MAIN(TestOnnxNodeConformance)
#include "test_onnx_node_conformance.moc"
