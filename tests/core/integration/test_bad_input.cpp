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
