// Bad input never crashes: truncated, empty and non-ONNX files, unsupported operators (all listed with
// node names), inconsistent shapes. Each gives a qs::Error whose message names the file and node.
#include "core/engine/engine.h"
#include "core/onnx_import/onnx_importer.h"
#include "core/util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <sstream>

using namespace qs;

namespace {
std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A hand-encoded ONNX model (protobuf wire format), so a test can declare what no exporter would write.
std::string varint(uint64_t v)
{
    std::string out;
    do {
        out += static_cast<char>((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
        v >>= 7;
    } while (v);
    return out;
}
std::string field(int number, const std::string& bytes) { return varint(static_cast<uint64_t>(number) << 3 | 2) + varint(bytes.size()) + bytes; }
std::string field(int number, uint64_t value) { return varint(static_cast<uint64_t>(number) << 3) + varint(value); }

// x [1] -> Identity -> y, plus an initializer 'w' (float) with the given dims and raw data, or with external data
// (key-value pairs such as location/offset/length) when `external` is not empty; `opset` is the default domain's.
std::string modelWithInitializer(const std::vector<int64_t>& dims, const std::string& rawData,
                                 const std::vector<std::pair<std::string, std::string>>& external = {}, uint64_t opset = 13)
{
    std::string tensor;
    for (int64_t d : dims)
        tensor += field(1, static_cast<uint64_t>(d));
    tensor += field(2, uint64_t{1}) + field(8, std::string("w"));
    if (external.empty())
        tensor += field(9, rawData);
    for (const auto& [key, value] : external)
        tensor += field(13, field(1, key) + field(2, value));
    if (!external.empty())
        tensor += field(14, uint64_t{1}); // data_location: EXTERNAL
    const std::string valueType = field(1, field(1, uint64_t{1}) + field(2, field(1, field(1, uint64_t{1}))));
    const std::string graph = field(1, field(1, std::string("x")) + field(2, std::string("y")) + field(3, std::string("id")) +
                                           field(4, std::string("Identity"))) +
                              field(2, std::string("g")) + field(5, tensor) + field(11, field(1, std::string("x")) + field(2, valueType)) +
                              field(12, field(1, std::string("y")) + field(2, valueType));
    return field(1, uint64_t{7}) + field(7, graph) + field(8, field(2, opset));
}

QString errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}
} // namespace

class TestBadInput : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    const std::string m_model = QS_TEST_DATA_DIR "/models/fmnist_cnn.onnx";

    std::string write(const char* name, const std::string& bytes)
    {
        const std::string path = m_dir.filePath(name).toStdString();
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }

private slots:
    void truncatedModelIsRejectedWithFileName()
    {
        const std::string bytes = readAll(m_model);
        const std::string path = write("truncated.onnx", bytes.substr(0, bytes.size() / 3));
        const QString message = errorOf([&] { importOnnxFile(path); });
        QVERIFY2(message.contains("truncated.onnx") && message.contains("not a valid ONNX model"), qPrintable(message));
    }

    void emptyAndNonOnnxFiles()
    {
        QVERIFY(errorOf([&] { importOnnxFile(write("empty.onnx", "")); }).contains("empty"));
        QVERIFY(errorOf([&] { importOnnxFile(write("text.onnx", "this is not a model at all\n")); }).contains("text.onnx"));
        QVERIFY(errorOf([&] { importOnnxFile(m_dir.filePath("missing.onnx").toStdString()); }).contains("cannot open"));
    }

    // Declared sizes are checked before allocation: dims whose product wraps past 2^64 (with 64 bytes of data),
    // negative dims, and a 2 GiB tensor declared with no data are errors naming the tensor, not a crash or an
    // allocation of gigabytes.
    void declaredSizesAreCheckedBeforeAllocation()
    {
        QVERIFY(errorOf([&] { importOnnxBytes(modelWithInitializer({2}, std::string(8, '\0')), "ok.onnx"); }).isEmpty());
        const QString wrap =
            errorOf([&] { importOnnxBytes(modelWithInitializer({(int64_t{1} << 60) + 1, 16}, std::string(64, '\0')), "wrap.onnx"); });
        QVERIFY2(wrap.contains("wrap.onnx") && wrap.contains("'w'") && wrap.contains("more elements than can be counted"), qPrintable(wrap));
        const QString negative = errorOf([&] { importOnnxBytes(modelWithInitializer({-4, 2}, std::string(8, '\0')), "negative.onnx"); });
        QVERIFY2(negative.contains("'w'") && negative.contains("negative dimension"), qPrintable(negative));
        const QString huge = errorOf([&] { importOnnxBytes(modelWithInitializer({16384, 32768}, std::string()), "huge.onnx"); });
        QVERIFY2(huge.contains("'w'") && huge.contains("expected 2147483648"), qPrintable(huge));
    }

    // External data is read from the model's folder only, within the file's bounds, and checked against the
    // declared size before anything is allocated.
    void externalDataStaysInsideTheModelsFolder()
    {
        QTemporaryDir outside;
        const float values[4] = {1.5f, -2.0f, 3.25f, 4.0f};
        write("w.bin", std::string(reinterpret_cast<const char*>(values), sizeof values));
        std::ofstream(outside.filePath("secret.bin").toStdString(), std::ios::binary) << std::string(16, 'x');
        const std::string model = m_dir.filePath("ext.onnx").toStdString();
        auto importWith = [&](const std::vector<std::pair<std::string, std::string>>& ext) {
            std::ofstream(model, std::ios::binary | std::ios::trunc) << modelWithInitializer({2}, {}, ext);
            return importOnnxFile(model);
        };
        const Graph g = importWith({{"location", "w.bin"}, {"offset", "8"}, {"length", "8"}});
        QCOMPARE(g.initializers.at("w").data<float>()[0], 3.25f);
        QCOMPARE(g.initializers.at("w").data<float>()[1], 4.0f);

        const QString up = errorOf([&] { importWith({{"location", "../secret.bin"}}); });
        QVERIFY2(up.contains("ext.onnx") && up.contains("'w'") && up.contains("leaves the model's folder"), qPrintable(up));
        const QString absolute = errorOf([&] { importWith({{"location", outside.filePath("secret.bin").toStdString()}}); });
        QVERIFY2(absolute.contains("absolute path"), qPrintable(absolute));
        QVERIFY(QFile::link(outside.filePath("secret.bin"), m_dir.filePath("link.bin")));
        const QString link = errorOf([&] { importWith({{"location", "link.bin"}}); });
        QVERIFY2(link.contains("resolves outside the model's folder"), qPrintable(link));
        const QString past = errorOf([&] { importWith({{"location", "w.bin"}, {"offset", "12"}, {"length", "8"}}); });
        QVERIFY2(past.contains("runs past the end of the 16-byte file"), qPrintable(past));
        const QString size = errorOf([&] { importWith({{"location", "w.bin"}, {"length", "4"}}); });
        QVERIFY2(size.contains("has 4 bytes of data, expected 8"), qPrintable(size));
        const QString missing = errorOf([&] { importWith({{"location", "nothere.bin"}}); });
        QVERIFY2(missing.contains("does not exist next to the model") && missing.contains("nothere.bin"), qPrintable(missing));
        const QString count = errorOf([&] { importWith({{"location", "w.bin"}, {"offset", "-8"}}); });
        QVERIFY2(count.contains("not a byte count"), qPrintable(count));
    }

    // An opset newer than any QuantScope knows is refused (it used to be read with older definitions).
    void unknownOpsetIsRefused()
    {
        QVERIFY(errorOf([&] { importOnnxBytes(modelWithInitializer({2}, std::string(8, '\0'), {}, kNewestKnownOpset), "ok.onnx"); }).isEmpty());
        const QString message = errorOf([&] { importOnnxBytes(modelWithInitializer({2}, std::string(8, '\0'), {}, 30), "new.onnx"); });
        QVERIFY2(message.contains("new.onnx") && message.contains("declares opset 30"), qPrintable(message));
    }

    // Ops with an axis on scalar inputs (fuzzing found Concat, Split and ArgMax crashing on them): an error naming
    // the node, whether the scalars arrive at run time or as constants to fold.
    void axisOnAScalarIsAnError_data()
    {
        QTest::addColumn<QString>("op");
        QTest::newRow("Concat") << "Concat";
        QTest::newRow("Split") << "Split";
        QTest::newRow("ArgMax") << "ArgMax";
    }

    void axisOnAScalarIsAnError()
    {
        QFETCH(QString, op);
        for (const bool constant : {false, true}) {
            Graph g;
            g.opsetVersion = 13;
            g.sourcePath = "scalar.onnx";
            if (constant)
                g.initializers["x"] = Tensor::scalarFloat(1.0f);
            else
                g.inputs.push_back(ValueInfo{"x", DataType::Float32, {}, {}, true});
            g.inputs.push_back(ValueInfo{"z", DataType::Float32, {1}, {}, true});
            Node n;
            n.name = "bad";
            n.opType = op.toStdString();
            n.inputs = op == "Concat" ? std::vector<std::string>{"x", "x"} : std::vector<std::string>{"x"};
            n.outputs = {"y"};
            g.nodes.push_back(n);
            g.outputs.push_back(ValueInfo{"y", DataType::Float32, {}, {}, false});
            const QString message = errorOf([&] { CompiledModel::compile(g, {}); });
            QVERIFY2(message.contains("bad") && message.contains("scalar"), qPrintable(op + (constant ? " constant: " : " input: ") + message));
        }
    }

    void unsupportedOperatorsAreAllListed()
    {
        // Rename two node op types in the serialized model: "Relu" -> "Rxlu" keeps the byte length.
        std::string bytes = readAll(m_model);
        int renamed = 0;
        for (std::size_t at = bytes.find("\x22\x04Relu"); at != std::string::npos; at = bytes.find("\x22\x04Relu", at + 1)) {
            bytes[at + 3] = 'x';
            ++renamed;
        }
        QVERIFY(renamed >= 2);
        const QString message = errorOf([&] { importOnnxBytes(bytes, "renamed.onnx"); });
        QVERIFY2(message.contains("unsupported operators") && message.contains("Rxlu") &&
                     message.contains(QString("(%1 nodes)").arg(renamed)),
                 qPrintable(message));
    }

    void inconsistentShapeNamesTheNode()
    {
        const Graph graph = importOnnxFile(m_model);
        InputShapes shapes;
        shapes.exact["input"] = {1, 1, 20, 20}; // the Gemm after Flatten then sees the wrong K
        const QString message = errorOf([&] { CompiledModel::compile(graph, shapes); });
        QVERIFY2(message.contains("fmnist_cnn.onnx") && message.contains("Gemm"), qPrintable(message));
        shapes.exact["input"] = {1, 3, 28, 28}; // wrong channel count for the first Conv
        const QString conv = errorOf([&] { CompiledModel::compile(graph, shapes); });
        QVERIFY2(conv.contains("Conv") && conv.contains("channels"), qPrintable(conv));
    }
};

QTEST_APPLESS_MAIN(TestBadInput)
#include "test_bad_input.moc"
