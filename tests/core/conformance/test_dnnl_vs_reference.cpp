// Every fast path has a slow twin: seeded random single-operator graphs run through the oneDNN plan and
// the reference plan, which must agree to a relative 1e-4 (of the output's largest magnitude). For Conv,
// Gemm, ConvTranspose, MatMul, Transpose, the reductions, Split, positive-step Slice and constant Pad the
// oneDNN plan must take every node itself, so a lowering that silently falls back fails here. Some
// configurations fall back by design and are counted and printed: pooling whose window ends before the input does (a negative
// right pad oneDNN rejects), Add whose first operand is broadcast (oneDNN broadcasts only the second),
// ConvTranspose when output_padding makes oneDNN's right pad negative, Slice with a negative step or an
// empty result, Pad in reflect/edge mode.
#include "core/engine/engine.h"
#include "tests/core/synthetic_graph.h"
#include "core/ops/slicing.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <random>

using namespace qs;
using qs::testing::makeNode;
using qs::testing::randomTensor;

namespace {

using Ints = std::vector<int64_t>;


int64_t pick(std::mt19937& rng, int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng); }

// One graph on the oneDNN plan and on the reference plan (single-threaded), each run `runs` times on the
// same session (later runs see the earlier runs' leftovers in reused buffers); output 0 of each.
struct BothPlans {
    std::vector<float> dnnl, reference;
    std::vector<std::string> dnnlFallbacks; // nodes the oneDNN plan left to reference kernels
    QString fallbacks() const { return QString::fromStdString(dnnlFallbacks.empty() ? std::string() : "left to the reference: " + dnnlFallbacks.front()); }
};

BothPlans runOnBothPlans(const Graph& g, const std::vector<const float*>& inputs, int runs = 1)
{
    BothPlans result;
    for (const bool dnnl : {true, false}) {
        EngineOptions options;
        options.useDnnl = dnnl;
        options.threads = 1;
        auto compiled = CompiledModel::compile(g, {}, options);
        if (dnnl)
            result.dnnlFallbacks = compiled->referenceNodes();
        Session session(compiled);
        for (int run = 0; run < runs; ++run)
            session.run(inputs);
        const auto out = session.output(0);
        (dnnl ? result.dnnl : result.reference).assign(out.begin(), out.end());
    }
    return result;
}

// Empty when oneDNN and the reference agree elementwise (|a - b| <= rtol (1 + |b|)); else the first difference.
QString mismatch(const BothPlans& r, float rtol)
{
    if (r.dnnl.size() != r.reference.size())
        return QString("oneDNN gave %1 values, the reference %2").arg(r.dnnl.size()).arg(r.reference.size());
    for (std::size_t i = 0; i < r.dnnl.size(); ++i)
        if (!(std::fabs(r.dnnl[i] - r.reference[i]) <= rtol * (1.0f + std::fabs(r.reference[i]))))
            return QString("index %1: oneDNN %2, reference %3").arg(i).arg(r.dnnl[i]).arg(r.reference[i]);
    return {};
}

// One node reading runtime inputs x0, x1... and constants c0, c1... (in the order of `order`), output "y".
struct Case {
    std::string label;
    Graph graph;
    std::vector<Tensor> inputs;
    bool mayFallBack = false; // a configuration some oneDNN implementations reject (see below)
};

class CaseBuilder {
public:
    CaseBuilder(std::string label, const std::string& opType)
    {
        m_case.label = std::move(label);
        m_case.graph.opsetVersion = 13;
        m_case.graph.sourcePath = "synthetic";
        m_node.name = "node";
        m_node.opType = opType;
        m_node.outputs = {"y"};
    }
    CaseBuilder& runtime(Tensor t)
    {
        const std::string name = "x" + std::to_string(m_case.inputs.size());
        m_case.graph.inputs.push_back(ValueInfo{name, DataType::Float32, t.shape(), {}, true});
        m_case.inputs.push_back(std::move(t));
        m_node.inputs.push_back(name);
        return *this;
    }
    CaseBuilder& constant(Tensor t)
    {
        const std::string name = "c" + std::to_string(m_node.inputs.size());
        m_case.graph.initializers[name] = std::move(t);
        m_node.inputs.push_back(name);
        return *this;
    }
    CaseBuilder& attr(const std::string& name, AttributeValue value)
    {
        m_node.attributes.set(name, std::move(value));
        return *this;
    }
    CaseBuilder& mayFallBack(bool value)
    {
        m_case.mayFallBack = value;
        return *this;
    }
    CaseBuilder& outputs(std::vector<std::string> names)
    {
        m_node.outputs = std::move(names);
        return *this;
    }
    Case build()
    {
        m_case.graph.nodes = {m_node};
        for (const auto& name : m_node.outputs)
            m_case.graph.outputs.push_back(ValueInfo{name, DataType::Float32, {}, {}, false});
        return std::move(m_case);
    }

private:
    Case m_case;
    Node m_node;
};

std::string str(const Ints& v) // toString() prints negative dims as "?": slice bounds need the numbers
{
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i > 0)
            s += ',';
        s += std::to_string(v[i]);
    }
    return s + "]";
}

std::vector<Case> convCases(std::mt19937& rng)
{
    std::vector<Case> cases;
    for (int i = 0; i < 12; ++i) {
        const int64_t spatial = i == 10 ? 1 : i == 11 ? 3 : 2;
        const int kind = static_cast<int>(pick(rng, 0, 2)); // 0 dense, 1 grouped, 2 depthwise
        const int64_t group = kind == 0 ? 1 : kind == 1 ? pick(rng, 2, 3) : pick(rng, 3, 8);
        const int64_t cg = kind == 2 ? 1 : pick(rng, 1, 4);
        const int64_t m = group * (kind == 2 ? pick(rng, 1, 2) : pick(rng, 1, 4));
        Ints x{pick(rng, 1, 2), group * cg}, w{m, cg}, strides, dilations, pads(2 * static_cast<std::size_t>(spatial));
        for (int64_t s = 0; s < spatial; ++s) {
            const int64_t k = pick(rng, 1, spatial == 3 ? 3 : 5), d = pick(rng, 1, 2);
            w.push_back(k);
            strides.push_back(pick(rng, 1, 3));
            dilations.push_back(d);
            pads[s] = pick(rng, 0, 2);
            pads[s + spatial] = pick(rng, 0, 2); // asymmetric
            x.push_back((k - 1) * d + 1 + pick(rng, 0, spatial == 3 ? 4 : 9));
        }
        CaseBuilder b("Conv x" + str(x) + " w" + str(w) + " group " + std::to_string(group) + " strides" + str(strides) +
                          " dilations" + str(dilations) + " pads" + str(pads),
                      "Conv");
        b.runtime(randomTensor(x, rng)).constant(randomTensor(w, rng));
        if (i % 2 == 0)
            b.constant(randomTensor({m}, rng));
        cases.push_back(b.attr("group", group).attr("strides", strides).attr("dilations", dilations).attr("pads", pads).build());
    }
    return cases;
}

std::vector<Case> gemmCases(std::mt19937& rng)
{
    std::vector<Case> cases;
    for (int i = 0; i < 6; ++i) {
        const int64_t m = pick(rng, 1, 8), k = pick(rng, 1, 64), n = pick(rng, 1, 32);
        const bool transB = i % 2 == 1;
        CaseBuilder b("Gemm " + std::to_string(m) + "x" + std::to_string(k) + "x" + std::to_string(n) + (transB ? " transB" : ""), "Gemm");
        b.runtime(randomTensor({m, k}, rng)).constant(randomTensor(transB ? Shape{n, k} : Shape{k, n}, rng));
        if (i < 4)
            b.constant(randomTensor({n}, rng)).attr("beta", 0.5f);
        cases.push_back(b.attr("transB", int64_t{transB}).build());
    }
    return cases;
}

std::vector<Case> poolCases(std::mt19937& rng)
{
    std::vector<Case> cases;
    for (int i = 0; i < 12; ++i) {
        const bool average = i % 2 == 1;
        Ints x{pick(rng, 1, 2), pick(rng, 1, 5)}, kernel, strides, pads(4);
        for (int s = 0; s < 2; ++s) {
            const int64_t k = pick(rng, 1, 3);
            kernel.push_back(k);
            strides.push_back(pick(rng, 1, 3));
            pads[s] = pick(rng, 0, k - 1);
            pads[s + 2] = pick(rng, 0, k - 1);
            x.push_back(k + pick(rng, 0, 9));
        }
        const int64_t ceil = pick(rng, 0, 1);
        CaseBuilder b(std::string(average ? "AveragePool" : "MaxPool") + " x" + str(x) + " kernel" + str(kernel) + " strides" +
                          str(strides) + " pads" + str(pads) + " ceil_mode " + std::to_string(ceil),
                      average ? "AveragePool" : "MaxPool");
        b.runtime(randomTensor(x, rng)).attr("kernel_shape", kernel).attr("strides", strides).attr("pads", pads).attr("ceil_mode", ceil);
        if (average)
            b.attr("count_include_pad", pick(rng, 0, 1));
        cases.push_back(b.build());
    }
    return cases;
}

std::vector<Case> addCases(std::mt19937& rng)
{
    std::vector<Case> cases;
    const int64_t n = 2, c = 3, h = 4, w = 5;
    const std::vector<std::pair<Shape, Shape>> shapes = {
        {{n, c, h, w}, {n, c, h, w}}, {{n, c, h, w}, {c, 1, 1}}, {{n, c, h, w}, {1, c, 1, w}},
        {{n, c, h, w}, {w}},          {{n, 1, h, 1}, {1, c, 1, w}}, {{c, 1, w}, {n, c, h, w}},
    };
    for (const auto& [a, b] : shapes)
        cases.push_back(CaseBuilder("Add " + str(a) + " + " + str(b), "Add").runtime(randomTensor(a, rng)).runtime(randomTensor(b, rng)).build());
    return cases;
}

std::vector<Case> convTransposeCases(std::mt19937& rng)
{
    std::vector<Case> cases;
    for (int i = 0; i < 10; ++i) {
        const int64_t spatial = i == 8 ? 1 : i == 9 ? 3 : 2;
        const int64_t group = i % 3 == 2 ? pick(rng, 2, 3) : 1;
        const int64_t cg = pick(rng, 1, 4), mg = pick(rng, 1, 4);
        Ints x{pick(rng, 1, 2), group * cg}, w{group * cg, mg}, strides, dilations, pads(2 * static_cast<std::size_t>(spatial)), outputPadding;
        for (int64_t s = 0; s < spatial; ++s) {
            const int64_t k = pick(rng, 1, spatial == 3 ? 3 : 4), stride = pick(rng, 1, 3), d = pick(rng, 1, 2);
            w.push_back(k);
            strides.push_back(stride);
            dilations.push_back(d);
            pads[s] = pick(rng, 0, k - 1);
            pads[s + spatial] = pick(rng, 0, k - 1);
            outputPadding.push_back(pick(rng, 0, std::max(stride, d) - 1));
            x.push_back(pick(rng, 2, spatial == 3 ? 4 : 7));
        }
        CaseBuilder b("ConvTranspose x" + str(x) + " w" + str(w) + " group " + std::to_string(group) + " strides" + str(strides) +
                          " dilations" + str(dilations) + " pads" + str(pads) + " output_padding" + str(outputPadding),
                      "ConvTranspose");
        b.runtime(randomTensor(x, rng)).constant(randomTensor(w, rng));
        if (i % 2 == 0)
            b.constant(randomTensor({group * mg}, rng));
        // output_padding beyond the end pad is a negative right pad for oneDNN, which not every
        // deconvolution implementation accepts.
        for (int64_t s = 0; s < spatial; ++s)
            if (outputPadding[s] > pads[s + spatial])
                b.mayFallBack(true);
        cases.push_back(b.attr("group", group).attr("strides", strides).attr("dilations", dilations).attr("pads", pads)
                            .attr("output_padding", outputPadding).build());
    }
    return cases;
}

std::vector<Case> matMulCases(std::mt19937& rng)
{
    std::vector<Case> cases;
    const std::vector<std::pair<Shape, Shape>> shapes = {
        {{4, 7}, {7, 3}},       {{2, 3, 4, 7}, {7, 5}}, {{2, 1, 4, 7}, {3, 7, 5}}, {{7}, {7, 5}},
        {{3, 4, 7}, {7}},       {{5, 6}, {2, 6, 3}},    {{1, 5, 16}, {16, 32}},     {{2, 3, 4, 7}, {2, 3, 7, 2}},
    };
    int i = 0;
    for (const auto& [a, b] : shapes) {
        const bool constantB = i++ % 2 == 0;
        CaseBuilder c("MatMul " + str(a) + " x " + str(b) + (constantB ? " (constant B)" : ""), "MatMul");
        c.runtime(randomTensor(a, rng));
        if (constantB)
            c.constant(randomTensor(b, rng));
        else
            c.runtime(randomTensor(b, rng));
        cases.push_back(c.build());
    }
    return cases;
}

std::vector<Case> transposeCases(std::mt19937& rng)
{
    std::vector<Case> cases;
    for (int i = 0; i < 5; ++i) {
        Ints x, perm;
        const int64_t rank = pick(rng, 2, 5);
        for (int64_t r = 0; r < rank; ++r) {
            x.push_back(pick(rng, 1, 5));
            perm.push_back(r);
        }
        std::shuffle(perm.begin(), perm.end(), rng);
        cases.push_back(CaseBuilder("Transpose x" + str(x) + " perm" + str(perm), "Transpose").runtime(randomTensor(x, rng)).attr("perm", perm).build());
    }
    return cases;
}

// Slice (steps may be negative: those run on the reference, oneDNN has no negative strides) and Split.
std::vector<Case> sliceCases(std::mt19937& rng)
{
    std::vector<Case> cases;
    for (int i = 0; i < 10; ++i) {
        Ints x, starts, ends, axes, steps;
        const int64_t rank = pick(rng, 1, 4);
        bool negative = false;
        for (int64_t r = 0; r < rank; ++r) {
            const int64_t dim = pick(rng, 1, 9);
            x.push_back(dim);
            if (pick(rng, 0, 2) == 0)
                continue; // axis left whole
            const int64_t step = pick(rng, 0, 3) == 0 ? -pick(rng, 1, 2) : pick(rng, 1, 3);
            negative = negative || step < 0;
            starts.push_back(pick(rng, -dim, dim - 1));
            ends.push_back(pick(rng, 0, 4) == 0 ? (step > 0 ? INT64_MAX : INT64_MIN) : pick(rng, -dim, dim));
            axes.push_back(pick(rng, 0, 1) ? r : r - rank);
            steps.push_back(step);
        }
        if (starts.empty()) {
            starts = {1};
            ends = {INT64_MAX};
            axes = {0};
            steps = {1};
        }
        const auto n = static_cast<int64_t>(starts.size());
        CaseBuilder b("Slice x" + str(x) + " starts" + str(starts) + " ends" + str(ends) + " axes" + str(axes) + " steps" + str(steps), "Slice");
        b.runtime(randomTensor(x, rng))
            .constant(Tensor::fromInt64({n}, starts))
            .constant(Tensor::fromInt64({n}, ends))
            .constant(Tensor::fromInt64({n}, axes))
            .constant(Tensor::fromInt64({n}, steps));
        // An empty result stays a reference step too (nothing to copy).
        const Tensor startsT = Tensor::fromInt64({n}, starts), endsT = Tensor::fromInt64({n}, ends), axesT = Tensor::fromInt64({n}, axes),
                     stepsT = Tensor::fromInt64({n}, steps);
        Node probe;
        const bool empty = elementCount(sliceSpecOf(probe, x, {nullptr, &startsT, &endsT, &axesT, &stepsT}).out) == 0;
        // Steps above 1 may make strides oneDNN takes for overlapping (see dnnl_lower_slice.cpp).
        bool strided = false;
        for (int64_t step : steps)
            strided = strided || step > 1;
        cases.push_back(b.mayFallBack(negative || empty || strided).build());
    }
    // YOLOv5's Focus: every second pixel from offsets 0 and 1, which must run on oneDNN.
    for (const int64_t offset : {0, 1}) {
        const Ints starts{offset, offset}, ends{INT64_MAX, INT64_MAX}, axes{2, 3}, steps{2, 2};
        cases.push_back(CaseBuilder("Slice (Focus) starts" + str(starts), "Slice")
                            .runtime(randomTensor({2, 3, 8, 6}, rng))
                            .constant(Tensor::fromInt64({2}, starts))
                            .constant(Tensor::fromInt64({2}, ends))
                            .constant(Tensor::fromInt64({2}, axes))
                            .constant(Tensor::fromInt64({2}, steps))
                            .build());
    }
    for (int i = 0; i < 5; ++i) {
        Ints x;
        const int64_t rank = pick(rng, 1, 4);
        for (int64_t r = 0; r < rank; ++r)
            x.push_back(pick(rng, 2, 7));
        const int64_t axis = pick(rng, 0, rank - 1);
        Ints split{pick(rng, 1, x[axis] - 1)};
        split.push_back(x[axis] - split[0]);
        CaseBuilder b("Split x" + str(x) + " axis " + std::to_string(axis) + " split" + str(split), "Split");
        b.runtime(randomTensor(x, rng)).constant(Tensor::fromInt64({2}, split)).attr("axis", axis).outputs({"y", "y1"});
        cases.push_back(b.build());
    }
    return cases;
}

// Pad: constant mode (negative pads crop) must run on oneDNN; reflect and edge stay on the reference.
std::vector<Case> padCases(std::mt19937& rng)
{
    std::vector<Case> cases;
    for (int i = 0; i < 10; ++i) {
        const int64_t rank = pick(rng, 1, 4);
        Ints x, pads(2 * static_cast<std::size_t>(rank));
        for (int64_t r = 0; r < rank; ++r) {
            x.push_back(pick(rng, 3, 7));
            pads[r] = pick(rng, -1, 3);
            pads[r + rank] = pick(rng, -1, 3);
        }
        const std::string mode = i < 7 ? "constant" : i < 9 ? "edge" : "reflect";
        if (mode != "constant")
            for (auto& p : pads)
                p = std::max<int64_t>(p, 0);
        const float value = static_cast<float>(pick(rng, -3, 3)) * 0.5f;
        cases.push_back(CaseBuilder("Pad " + mode + " x" + str(x) + " pads" + str(pads) + " value " + std::to_string(value), "Pad")
                            .runtime(randomTensor(x, rng))
                            .constant(Tensor::fromInt64({2 * rank}, pads))
                            .constant(Tensor::fromFloats({}, std::vector<float>{value}))
                            .attr("mode", mode)
                            .mayFallBack(mode != "constant")
                            .build());
    }
    return cases;
}

std::vector<Case> reduceCases(std::mt19937& rng)
{
    std::vector<Case> cases;
    const char* types[] = {"ReduceMean", "ReduceMax", "ReduceSum"};
    for (int i = 0; i < 9; ++i) {
        Ints x, axes;
        const int64_t rank = pick(rng, 2, 5);
        for (int64_t r = 0; r < rank; ++r) {
            x.push_back(pick(rng, 2, 6)); // no dims of 1: every case must reduce something
            if (pick(rng, 0, 1))
                axes.push_back(pick(rng, 0, 1) ? r : r - rank);
        }
        if (axes.empty())
            axes.push_back(rank - 1);
        const int64_t keep = pick(rng, 0, 1);
        const std::string type = types[i % 3];
        cases.push_back(CaseBuilder(type + " x" + str(x) + " axes" + str(axes) + " keepdims " + std::to_string(keep), type)
                            .runtime(randomTensor(x, rng)).attr("axes", axes).attr("keepdims", keep).build());
    }
    return cases;
}

} // namespace

class TestDnnlVsReference : public QObject {
    Q_OBJECT
private slots:
    void randomShapesAgree_data()
    {
        QTest::addColumn<int>("family");
        for (const char* name : {"Conv", "Gemm", "Pool", "Add", "ConvTranspose", "MatMul", "Transpose", "Reduce", "Slice", "Pad"})
            QTest::newRow(name) << 0;
    }

    void randomShapesAgree()
    {
        const std::string family = QTest::currentDataTag();
        std::mt19937 rng(20240611u + 131u * static_cast<unsigned>(family.size()) + static_cast<unsigned char>(family[0])); // fixed per family
        std::vector<Case> cases = family == "Conv"            ? convCases(rng)
                                  : family == "Gemm"          ? gemmCases(rng)
                                  : family == "Pool"          ? poolCases(rng)
                                  : family == "Add"           ? addCases(rng)
                                  : family == "ConvTranspose" ? convTransposeCases(rng)
                                  : family == "MatMul"        ? matMulCases(rng)
                                  : family == "Transpose"     ? transposeCases(rng)
                                  : family == "Reduce"        ? reduceCases(rng)
                                  : family == "Slice"         ? sliceCases(rng)
                                                              : padCases(rng);
        const bool mayFallBack = family == "Pool" || family == "Add";
        int fellBack = 0;
        for (const Case& c : cases) {
            std::vector<const float*> pointers;
            for (const auto& t : c.inputs)
                pointers.push_back(t.data<float>());
            std::vector<float> outputs[2];
            for (const bool dnnl : {true, false}) {
                EngineOptions options;
                options.useDnnl = dnnl;
                options.threads = 1;
                auto compiled = CompiledModel::compile(c.graph, {}, options);
                if (dnnl && !compiled->referenceNodes().empty() && (mayFallBack || c.mayFallBack))
                    ++fellBack;
                else if (dnnl && !compiled->referenceNodes().empty())
                    QFAIL(qPrintable(QString::fromStdString(c.label + ": oneDNN left " + compiled->referenceNodes().front() + " to the reference")));
                Session session(compiled);
                session.run(pointers);
                for (std::size_t k = 0; k < c.graph.outputs.size(); ++k) { // all outputs, one after the other
                    const auto out = session.output(k);
                    outputs[dnnl ? 0 : 1].insert(outputs[dnnl ? 0 : 1].end(), out.begin(), out.end());
                }
            }
            QCOMPARE(outputs[0].size(), outputs[1].size());
            float scale = 1e-6f;
            for (float v : outputs[1])
                scale = std::max(scale, std::fabs(v));
            for (std::size_t i = 0; i < outputs[0].size(); ++i)
                if (!(std::fabs(outputs[0][i] - outputs[1][i]) <= 1e-4f * scale))
                    QFAIL(qPrintable(QString::fromStdString(c.label + ": element " + std::to_string(i) + " oneDNN " + std::to_string(outputs[0][i]) +
                                                            " reference " + std::to_string(outputs[1][i]))));
        }
        qInfo("%s: %d random cases, %d ran on the reference inside the oneDNN plan", family.c_str(), static_cast<int>(cases.size()), fellBack);
    }

    // Floor-mode pooling that leaves the last input row and column unused (7 -> 3 with a 2x2 window, stride
    // 2; 8 -> 3 with 3x3, stride 2): the end of many CNNs' feature extractors. oneDNN must run it (a
    // negative right padding is the same pooling as none) and agree with the reference.
    void floorModePoolingWithUnusedInputRunsOnOneDnn()
    {
        std::mt19937 rng(17);
        const std::vector<std::pair<int64_t, int64_t>> geometries = {{7, 2}, {8, 3}};
        for (const auto& [size, window] : geometries) {
            for (const char* op : {"MaxPool", "AveragePool"}) {
                const Case c = CaseBuilder(op, op)
                                   .runtime(randomTensor({2, 16, size, size}, rng))
                                   .attr("kernel_shape", Ints{window, window})
                                   .attr("strides", Ints{2, 2})
                                   .build();
                const BothPlans r = runOnBothPlans(c.graph, {c.inputs[0].data<float>()});
                QVERIFY2(r.dnnlFallbacks.empty(), qPrintable(QString(op) + ": " + r.fallbacks()));
                QCOMPARE(r.dnnl.size(), std::size_t{2 * 16 * 3 * 3});
                const QString diff = mismatch(r, 1e-5f);
                QVERIFY2(diff.isEmpty(), qPrintable(diff));
            }
        }
    }

    // Squeeze-excite: a reduction over H and W of a convolution's output, which oneDNN keeps in a blocked
    // layout (nChw16c), with keepdims 1 (feeding the next conv) and 0 (feeding a Gemm).
    void reductionOfBlockedLayout()
    {
        for (const int64_t keep : {1, 0}) {
            std::mt19937 rng(11 + static_cast<unsigned>(keep));
            Graph g;
            g.opsetVersion = 13;
            g.sourcePath = "synthetic";
            g.inputs.push_back(ValueInfo{"x", DataType::Float32, {2, 8, 9, 7}, {}, true});
            g.initializers["w"] = randomTensor({32, 8, 3, 3}, rng);
            Node conv;
            conv.name = "conv";
            conv.opType = "Conv";
            conv.inputs = {"x", "w"};
            conv.outputs = {"c"};
            conv.attributes.set("pads", Ints{1, 1, 1, 1});
            Node reduce;
            reduce.name = "reduce";
            reduce.opType = "ReduceMean";
            reduce.inputs = {"c"};
            reduce.outputs = {"y"};
            reduce.attributes.set("axes", Ints{2, 3});
            reduce.attributes.set("keepdims", keep);
            g.nodes = {conv, reduce};
            g.outputs.push_back(ValueInfo{"y", DataType::Float32, {}, {}, false});
            const Tensor x = randomTensor({2, 8, 9, 7}, rng);
            const BothPlans r = runOnBothPlans(g, {x.data<float>()});
            QVERIFY2(r.dnnlFallbacks.empty(), qPrintable(r.fallbacks()));
            QCOMPARE(r.dnnl.size(), std::size_t{2 * 32});
            const QString diff = mismatch(r, 1e-4f);
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
        }
    }

    // Pow by a constant exponent (LayerNorm's square in transformer necks) runs as oneDNN's eltwise_pow, negative
    // bases included for whole exponents; a runtime exponent or a shape-changing one stays on the reference.
    void powByConstantRunsOnOneDnn()
    {
        std::mt19937 rng(23);
        for (const float exponent : {2.0f, 3.0f, -1.0f, 0.5f}) {
            Tensor x = randomTensor({2, 40, 120}, rng); // uniform in [-1, 1]
            if (exponent == 0.5f || exponent == -1.0f)
                for (float& v : x.floats())
                    v = std::fabs(v) + 0.25f;
            const Case c = CaseBuilder("Pow " + std::to_string(exponent), "Pow").runtime(x).constant(Tensor::scalarFloat(exponent)).build();
            const BothPlans r = runOnBothPlans(c.graph, {c.inputs[0].data<float>()});
            QVERIFY2(r.dnnlFallbacks.empty(), qPrintable(r.fallbacks()));
            const QString diff = mismatch(r, 1e-5f);
            QVERIFY2(diff.isEmpty(), qPrintable(QString::number(exponent) + ": " + diff));
        }
        const Tensor x = randomTensor({2, 3}, rng);
        const Case broadcast = CaseBuilder("Pow by [2, 3] exponents", "Pow").runtime(x).constant(randomTensor({2, 3}, rng)).build();
        QVERIFY(!runOnBothPlans(broadcast.graph, {broadcast.inputs[0].data<float>()}).dnnlFallbacks.empty());
    }

    // A padded destination comes from the activation arena, where an earlier (larger) activation left its
    // values: the lowering must write every element, border included (conv1's buffer is free once conv2 ran).
    void padWritesEveryElementOfAReusedBuffer()
    {
        std::mt19937 rng(5);
        Graph g;
        g.opsetVersion = 13;
        g.sourcePath = "synthetic";
        g.inputs.push_back(ValueInfo{"x", DataType::Float32, {1, 4, 10, 10}, {}, true});
        g.initializers["w1"] = randomTensor({32, 4, 1, 1}, rng);
        g.initializers["w2"] = randomTensor({4, 32, 1, 1}, rng);
        g.initializers["w3"] = randomTensor({4, 4, 3, 3}, rng);
        g.initializers["pads"] = Tensor::fromInt64({8}, Ints{0, 0, 1, 2, 0, 0, 2, 1});
        g.initializers["value"] = Tensor::fromFloats({}, std::vector<float>{0.25f});
        auto node = [](const char* name, const char* op, std::vector<std::string> in, const char* out) {
            Node n;
            n.name = name;
            n.opType = op;
            n.inputs = std::move(in);
            n.outputs = {out};
            return n;
        };
        g.nodes = {node("conv1", "Conv", {"x", "w1"}, "c1"), node("conv2", "Conv", {"c1", "w2"}, "c2"),
                   node("pad", "Pad", {"c2", "pads", "value"}, "p"), node("conv3", "Conv", {"p", "w3"}, "y")};
        g.outputs.push_back(ValueInfo{"y", DataType::Float32, {}, {}, false});
        const Tensor x = randomTensor({1, 4, 10, 10}, rng);
        const BothPlans r = runOnBothPlans(g, {x.data<float>()}, 2);
        QVERIFY2(r.dnnlFallbacks.empty(), qPrintable(r.fallbacks()));
        QCOMPARE(r.dnnl.size(), std::size_t{1 * 4 * 11 * 11}); // 10x10 padded to 13x13, then a 3x3 conv
        const QString diff = mismatch(r, 1e-4f);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    // oneDNN's deconvolution rejects a negative end pad (output_padding beyond the end pad). The node then
    // runs on its reference kernel, and the Relu after it must still run: a lowering that marked the Relu
    // fused before oneDNN refused the primitive lost its output ("value has not been computed").
    void rejectedPrimitiveKeepsItsActivation()
    {
        std::mt19937 rng(7);
        Graph g;
        g.opsetVersion = 13;
        g.sourcePath = "synthetic";
        g.inputs.push_back(ValueInfo{"x", DataType::Float32, {1, 2, 4, 4}, {}, true});
        g.initializers["w"] = randomTensor({2, 3, 3, 3}, rng);
        g.initializers["b"] = randomTensor({3}, rng);
        Node deconv;
        deconv.name = "deconv";
        deconv.opType = "ConvTranspose";
        deconv.inputs = {"x", "w", "b"};
        deconv.outputs = {"t"};
        deconv.attributes.set("dilations", Ints{2, 2});
        deconv.attributes.set("output_padding", Ints{1, 1});
        Node relu;
        relu.name = "relu";
        relu.opType = "Relu";
        relu.inputs = {"t"};
        relu.outputs = {"y"};
        g.nodes = {deconv, relu};
        g.outputs.push_back(ValueInfo{"y", DataType::Float32, {}, {}, false});
        const Tensor x = randomTensor({1, 2, 4, 4}, rng);
        const BothPlans r = runOnBothPlans(g, {x.data<float>()});
        QCOMPARE(r.dnnl.size(), std::size_t{1 * 3 * 9 * 9});
        const QString diff = mismatch(r, 1e-5f);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
        QVERIFY(*std::min_element(r.dnnl.begin(), r.dnnl.end()) >= 0.0f);
    }
};

QTEST_APPLESS_MAIN(TestDnnlVsReference)
#include "test_dnnl_vs_reference.moc"
