// LSTM's contract outside its numbers (those are the node tests': ONNX's test_lstm_* and tests/data/onnx_node_extra):
// attribute values it does not support are refused with an error naming the attribute and value, its MAC count is
// 4 * hidden * (input + hidden) per step, direction and batch row, and its int8 coverage reason says why it stays FP32.
#include "core/ops/op.h"
#include "core/util/error.h"

#include <QtTest>

using namespace qs;

namespace {

ValueInfo info(const char* name, Shape shape, DataType type = DataType::Float32)
{
    return ValueInfo{name, type, std::move(shape), {}, true};
}

// X [seq 5, batch 2, input 3], hidden 4, one direction unless the node says otherwise.
struct LstmCase {
    Node node;
    std::vector<ValueInfo> values{info("X", {5, 2, 3}), info("W", {1, 16, 3}), info("R", {1, 16, 4})};

    LstmCase()
    {
        node.name = "lstm";
        node.opType = "LSTM";
        node.inputs = {"X", "W", "R"};
        node.outputs = {"Y", "Y_h", "Y_c"};
        node.attributes.set("hidden_size", int64_t{4});
    }

    // The error message of shape inference, or "" when it succeeds.
    std::string inferError(std::vector<ValueInfo>* outputs = nullptr)
    {
        InferContext ctx{node, {}, {}, 14, {}, std::nullopt};
        for (const ValueInfo& v : values) {
            ctx.inputs.push_back(v.name.empty() ? nullptr : &v); // an unnamed value is an omitted input
            ctx.constants.push_back(nullptr);
        }
        try {
            findOp("LSTM")->infer(ctx);
        } catch (const Error& e) {
            return e.message();
        }
        if (outputs)
            *outputs = ctx.outputs;
        return {};
    }
};

} // namespace

class TestLstm : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(findOp("LSTM"), "LSTM is not registered (core/ops/op_registry.cpp)"); }

    void infersShapesInBothLayouts()
    {
        LstmCase c;
        c.node.attributes.set("direction", std::string("bidirectional"));
        c.values[1].shape = {2, 16, 3};
        c.values[2].shape = {2, 16, 4};
        std::vector<ValueInfo> out;
        QCOMPARE(c.inferError(&out), std::string());
        QCOMPARE(out.size(), std::size_t{3});
        QCOMPARE(out[0].shape, (Shape{5, 2, 2, 4}));
        QCOMPARE(out[1].shape, (Shape{2, 2, 4}));
        c.node.attributes.set("layout", int64_t{1}); // X [batch 5, seq 2, input 3]
        QCOMPARE(c.inferError(&out), std::string());
        QCOMPARE(out[0].shape, (Shape{5, 2, 2, 4}));
        QCOMPARE(out[2].shape, (Shape{5, 2, 4}));
    }

    // QuantScope's own form without W (core/transforms/lstm_input_projection.h): X holds every direction's input
    // gates, so its last dim must be directions * 4 * hidden.
    void acceptsInputGatesWithoutW()
    {
        LstmCase c;
        c.node.attributes.set("direction", std::string("bidirectional"));
        c.node.inputs[1].clear();
        c.values[1] = ValueInfo{};
        c.values[2].shape = {2, 16, 4};
        c.values[0].shape = {5, 2, 32};
        std::vector<ValueInfo> out;
        QCOMPARE(c.inferError(&out), std::string());
        QCOMPARE(out[0].shape, (Shape{5, 2, 2, 4}));
        c.values[0].shape = {5, 2, 16}; // one direction's gates only
        const std::string error = c.inferError();
        QVERIFY2(error.find("LSTM input X [5,2,16]: dim 2 should be 32") != std::string::npos, error.c_str());
        QVERIFY2(error.find("X holds the input gates") != std::string::npos, error.c_str());
    }

    void refusesWhatItDoesNotSupport_data()
    {
        QTest::addColumn<QString>("attribute");
        QTest::addColumn<QString>("expected");
        QTest::newRow("direction") << "direction=sideways" << "LSTM direction 'sideways' is not supported";
        QTest::newRow("layout") << "layout=2" << "LSTM layout 2 is not supported";
        QTest::newRow("activation") << "activations=Sigmoid,Gelu,Tanh" << "LSTM activation 'Gelu' is not supported";
        QTest::newRow("activation count") << "activations=Sigmoid,Tanh" << "LSTM needs 3 activations";
        QTest::newRow("clip") << "clip=-1" << "LSTM clip must be positive";
        QTest::newRow("input_forget") << "input_forget=2" << "LSTM input_forget must be 0 or 1";
        QTest::newRow("float64") << "dtype=double" << "LSTM supports float32 only; input X is float64";
        QTest::newRow("hidden_size") << "hidden_size=5" << "LSTM input W [1,16,3]: dim 1 should be 20 (4 * hidden_size)";
    }

    void refusesWhatItDoesNotSupport()
    {
        QFETCH(QString, attribute);
        QFETCH(QString, expected);
        LstmCase c;
        const QStringList kv = attribute.split('=');
        const std::string key = kv[0].toStdString(), value = kv[1].toStdString();
        if (key == "direction")
            c.node.attributes.set(key, value);
        else if (key == "activations") {
            std::vector<std::string> names;
            for (const QString& n : kv[1].split(','))
                names.push_back(n.toStdString());
            c.node.attributes.set(key, names);
        } else if (key == "clip")
            c.node.attributes.set(key, std::stof(value));
        else if (key == "dtype")
            c.values[0].dtype = DataType::Float64;
        else
            c.node.attributes.set(key, int64_t{std::stoll(value)});
        const std::string error = c.inferError();
        QVERIFY2(error.find(expected.toStdString()) != std::string::npos, error.c_str());
    }

    void countsMultiplyAccumulatesPerStep()
    {
        // en_number's first LSTM: 80 steps, batch 1, input 288, hidden 48, both directions.
        const Op* op = findOp("LSTM");
        QCOMPARE(op->multiplyAccumulates({{80, 1, 288}, {2, 192, 288}, {2, 192, 48}}, {}), int64_t{80} * 2 * 192 * (288 + 48));
        QCOMPARE(op->multiplyAccumulates({{80, 3, 288}, {1, 192, 288}, {1, 192, 48}}, {80, 1, 3, 48}), int64_t{80} * 3 * 192 * (288 + 48));
        QCOMPARE(op->multiplyAccumulates({{-1, 1, 288}, {2, 192, 288}, {2, 192, 48}}, {}), int64_t{0}); // unknown length
        // Without W (its input projection is a Gemm before it) only the recurrence R H is left.
        QCOMPARE(op->multiplyAccumulates({{80, 1, 384}, {}, {2, 192, 48}}, {}), int64_t{80} * 2 * 192 * 48);
    }

    void saysWhyItStaysFp32()
    {
        LstmCase c;
        const OpQuantTraits t = findOp("LSTM")->quantTraits(c.node);
        QVERIFY(t.role == QuantRole::None);
        QVERIFY(t.weightInputs.empty());
        QVERIFY(t.noIntegerKernel.find("LSTM has no int8 kernel") != std::string::npos);
        c.node.inputs[1].clear();
        const std::string recurrence = findOp("LSTM")->quantTraits(c.node).noIntegerKernel;
        QVERIFY2(recurrence.find("recurrence") != std::string::npos && recurrence.find("input projection runs as the Gemm") != std::string::npos,
                 recurrence.c_str());
    }
};

QTEST_APPLESS_MAIN(TestLstm)
#include "test_lstm.moc"
