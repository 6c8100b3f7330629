// LSTM (opsets 7 and 14): one layer of long short-term memory over a sequence, forward, reverse or both ways.
// Per direction and batch row, for each step t of the row's sequence (ONNX's equations, gates stored i, o, f, c):
//   i = f(Wi x + Ri H + Wbi + Rbi + Pi . C)      f = f(Wf x + Rf H + Wbf + Rbf + Pf . C)   (f = 1 - i with input_forget)
//   c = g(Wc x + Rc H + Wbc + Rbc)               C' = f . C + i . c
//   o = f(Wo x + Ro H + Wbo + Rbo + Po . C')     H' = o . h(C')
// with `clip` bounding the inputs of f and g (the gates). The spec says "the input of activations", which would
// include h's input C'; onnxruntime does not clip C', and neither do we, so clipped models give its numbers.
// A reverse direction reads a row's sequence from its last valid step down; outputs past a row's sequence_lens
// are zero, and Y_h / Y_c hold the last valid step (zero for an empty sequence, as in onnxruntime). Float32
// only; no int8 kernel: it runs in FP32 inside quantized models.
// Without W (QuantScope's own form, made by core/transforms/lstm_input_projection.h), X already holds the input
// gates W x (+ their bias) of every direction, [seq, batch, dirs * 4H] in layout 0: that product then runs as an
// int8 Gemm before the LSTM and only the recurrence R H runs here.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/ops/rnn_activation.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs {
namespace {

enum Input { kX, kW, kR, kB, kSequenceLens, kInitialH, kInitialC, kP };

struct LstmAttributes {
    int directions = 1;
    bool reverse = false; // the only direction runs backwards
    bool batchFirst = false; // layout 1: X [batch, seq, input], Y [batch, seq, dirs, hidden], states [batch, dirs, hidden]
    float clip = std::numeric_limits<float>::infinity();
    bool inputForget = false;
    std::vector<RnnActivation> functions; // f, g, h per direction
};

LstmAttributes lstmAttributes(const Node& node)
{
    LstmAttributes a;
    const std::string direction = node.attributes.s("direction", "forward");
    if (direction == "bidirectional")
        a.directions = 2;
    else if (direction == "reverse")
        a.reverse = true;
    else if (direction != "forward")
        throw Error("LSTM direction '" + direction + "' is not supported (forward, reverse or bidirectional)");
    const int64_t layout = node.attributes.i("layout", 0);
    if (layout != 0 && layout != 1)
        throw Error("LSTM layout " + std::to_string(layout) + " is not supported (0 or 1)");
    a.batchFirst = layout == 1;
    if (node.attributes.has("clip")) {
        a.clip = node.attributes.f("clip", 0.0f);
        if (!(a.clip > 0.0f))
            throw Error("LSTM clip must be positive, got " + std::to_string(a.clip));
    }
    const int64_t inputForget = node.attributes.i("input_forget", 0);
    if (inputForget != 0 && inputForget != 1)
        throw Error("LSTM input_forget must be 0 or 1, got " + std::to_string(inputForget));
    a.inputForget = inputForget == 1;
    std::vector<std::string> defaults;
    for (int d = 0; d < a.directions; ++d)
        defaults.insert(defaults.end(), {"Sigmoid", "Tanh", "Tanh"});
    a.functions = rnnActivations(node, defaults, static_cast<std::size_t>(3 * a.directions), "LSTM");
    return a;
}

// Compares a dim against what it must be; unknown dims (-1) pass.
void requireDim(const Shape& shape, std::size_t axis, int64_t expected, const char* input, const char* what)
{
    if (expected >= 0 && shape[axis] >= 0 && shape[axis] != expected)
        throw Error(std::string("LSTM input ") + input + " " + toString(shape) + ": dim " + std::to_string(axis) + " should be " +
                    std::to_string(expected) + " (" + what + ")");
}

void requireRank(const Shape& shape, std::size_t rank, const char* input)
{
    if (shape.size() != rank)
        throw Error(std::string("LSTM input ") + input + " should have rank " + std::to_string(rank) + ", got " + toString(shape));
}

class LstmOp : public Op {
public:
    const char* type() const override { return "LSTM"; }

    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 8); // W may be omitted (see the top of the file); R may not
        if (!ctx.has(kR) || !ctx.in(kR).shapeKnown)
            throw Error("LSTM input R (recurrence weights) is required and must have a known shape");
        if (ctx.has(kW) && !ctx.in(kW).shapeKnown)
            throw Error("the shape of LSTM input W is unknown");
        const LstmAttributes a = lstmAttributes(ctx.node);
        static const char* const kNames[] = {"X", "W", "R", "B", "sequence_lens", "initial_h", "initial_c", "P"};
        for (std::size_t i = 0; i < ctx.inputs.size(); ++i)
            if (ctx.has(i) && i != kSequenceLens && ctx.in(i).dtype != DataType::Float32)
                throw Error(std::string("LSTM supports float32 only; input ") + kNames[i] + " is " + toString(ctx.in(i).dtype));
        const Shape& x = ctx.in(kX).shape;
        const Shape& r = ctx.in(kR).shape;
        requireRank(x, 3, "X");
        requireRank(r, 3, "R");
        const int64_t hidden = ctx.node.attributes.i("hidden_size", r[2]);
        if (hidden <= 0)
            throw Error("LSTM hidden_size must be positive, got " + std::to_string(hidden));
        const int64_t seq = a.batchFirst ? x[1] : x[0], batch = a.batchFirst ? x[0] : x[1], dirs = a.directions;
        if (ctx.has(kW)) {
            const Shape& w = ctx.in(kW).shape;
            requireRank(w, 3, "W");
            requireDim(w, 0, dirs, "W", "directions");
            requireDim(w, 1, 4 * hidden, "W", "4 * hidden_size");
            requireDim(w, 2, x[2], "W", "X's input size");
        } else {
            requireDim(x, 2, dirs * 4 * hidden, "X", "directions * 4 * hidden_size: without W, X holds the input gates");
        }
        requireDim(r, 0, dirs, "R", "directions");
        requireDim(r, 1, 4 * hidden, "R", "4 * hidden_size");
        requireDim(r, 2, hidden, "R", "hidden_size");
        if (ctx.has(kB)) {
            requireRank(ctx.in(kB).shape, 2, "B");
            requireDim(ctx.in(kB).shape, 0, dirs, "B", "directions");
            requireDim(ctx.in(kB).shape, 1, 8 * hidden, "B", "8 * hidden_size");
        }
        if (ctx.has(kSequenceLens)) {
            const DataType t = ctx.in(kSequenceLens).dtype;
            if (t != DataType::Int32 && t != DataType::Int64)
                throw Error("LSTM sequence_lens should be int32, got " + toString(t));
            requireRank(ctx.in(kSequenceLens).shape, 1, "sequence_lens");
            requireDim(ctx.in(kSequenceLens).shape, 0, batch, "sequence_lens", "batch size");
        }
        for (const Input state : {kInitialH, kInitialC}) {
            if (!ctx.has(state))
                continue;
            const char* name = kNames[state];
            const Shape& s = ctx.in(state).shape;
            requireRank(s, 3, name);
            requireDim(s, a.batchFirst ? 1 : 0, dirs, name, "directions");
            requireDim(s, a.batchFirst ? 0 : 1, batch, name, "batch size");
            requireDim(s, 2, hidden, name, "hidden_size");
        }
        if (ctx.has(kP)) {
            requireRank(ctx.in(kP).shape, 2, "P");
            requireDim(ctx.in(kP).shape, 0, dirs, "P", "directions");
            requireDim(ctx.in(kP).shape, 1, 3 * hidden, "P", "3 * hidden_size");
        }
        const Shape y = a.batchFirst ? Shape{batch, seq, dirs, hidden} : Shape{seq, dirs, batch, hidden};
        const Shape state = a.batchFirst ? Shape{batch, dirs, hidden} : Shape{dirs, batch, hidden};
        ctx.outputs = {makeInfo(DataType::Float32, y), makeInfo(DataType::Float32, state), makeInfo(DataType::Float32, state)};
    }

    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const LstmAttributes a = lstmAttributes(node);
        auto input = [&](Input i) { return static_cast<std::size_t>(i) < in.size() ? in[i] : nullptr; };
        const Tensor& x = *in[kX];
        const Tensor* w = input(kW); // nullptr: X holds the input gates (see the top of the file)
        const Tensor& r = *in[kR];
        const int64_t hidden = node.attributes.i("hidden_size", r.shape()[2]);
        const int64_t seq = x.shape()[a.batchFirst ? 1 : 0], batch = x.shape()[a.batchFirst ? 0 : 1], inputSize = x.shape()[2];
        const int64_t dirs = a.directions;
        std::vector<int64_t> lengths(static_cast<std::size_t>(batch), seq);
        if (const Tensor* lens = input(kSequenceLens)) {
            lengths = lens->toInt64();
            if (static_cast<int64_t>(lengths.size()) != batch)
                throw Error("LSTM sequence_lens has " + std::to_string(lengths.size()) + " lengths for a batch of " + std::to_string(batch));
            for (int64_t len : lengths)
                if (len < 0 || len > seq)
                    throw Error("LSTM sequence_lens holds " + std::to_string(len) + ", outside [0, " + std::to_string(seq) + "]");
        }
        // Element offsets in the layout's order: X[t, b], Y[t, d, b], states[d, b] (layout 0) or X[b, t], Y[b, t, d], states[b, d].
        auto xAt = [&](int64_t t, int64_t b) { return (a.batchFirst ? b * seq + t : t * batch + b) * inputSize; };
        auto yAt = [&](int64_t t, int64_t d, int64_t b) { return (a.batchFirst ? (b * seq + t) * dirs + d : (t * dirs + d) * batch + b) * hidden; };
        auto stateAt = [&](int64_t d, int64_t b) { return (a.batchFirst ? b * dirs + d : d * batch + b) * hidden; };

        Tensor y(DataType::Float32, a.batchFirst ? Shape{batch, seq, dirs, hidden} : Shape{seq, dirs, batch, hidden});
        const Shape stateShape = a.batchFirst ? Shape{batch, dirs, hidden} : Shape{dirs, batch, hidden};
        Tensor yh(DataType::Float32, stateShape), yc(DataType::Float32, stateShape);
        const float* xd = x.data<float>();
        const float* bias = input(kB) ? input(kB)->data<float>() : nullptr;
        const float* peep = input(kP) ? input(kP)->data<float>() : nullptr;
        const float* h0 = input(kInitialH) ? input(kInitialH)->data<float>() : nullptr;
        const float* c0 = input(kInitialC) ? input(kInitialC)->data<float>() : nullptr;
        const int64_t gates = 4 * hidden;
        std::vector<double> pre(static_cast<std::size_t>(gates));
        std::vector<float> h(static_cast<std::size_t>(hidden)), c(static_cast<std::size_t>(hidden));
        // W and R transposed to [input][gate] and [hidden][gate]: each step then adds one row per input element to
        // all the gates (contiguous, so the compiler vectorizes it) instead of reducing a row per gate. Each gate
        // still sums in the same order. This took en_number's two LSTMs from 12 to 4.4 ms (one thread).
        std::vector<float> wT(w ? static_cast<std::size_t>(inputSize * gates) : 0), rT(static_cast<std::size_t>(hidden * gates));
        for (int64_t d = 0; d < dirs; ++d) {
            const float* wd = w ? w->data<float>() + d * gates * inputSize : nullptr;
            const float* rd = r.data<float>() + d * gates * hidden;
            for (int64_t g = 0; g < gates; ++g) {
                for (int64_t p = 0; wd && p < inputSize; ++p)
                    wT[p * gates + g] = wd[g * inputSize + p];
                for (int64_t p = 0; p < hidden; ++p)
                    rT[p * gates + g] = rd[g * hidden + p];
            }
            const float* bd = bias ? bias + d * 2 * gates : nullptr;
            const float* pd = peep ? peep + d * 3 * hidden : nullptr;
            const RnnActivation& fAct = a.functions[static_cast<std::size_t>(3 * d)];
            const RnnActivation& gAct = a.functions[static_cast<std::size_t>(3 * d + 1)];
            const RnnActivation& hAct = a.functions[static_cast<std::size_t>(3 * d + 2)];
            const bool backwards = a.reverse || d == 1;
            auto act = [&](const RnnActivation& fn, double v) {
                return applyRnnActivation(fn, static_cast<float>(std::clamp(v, -static_cast<double>(a.clip), static_cast<double>(a.clip))));
            };
            for (int64_t b = 0; b < batch; ++b) {
                const int64_t len = lengths[static_cast<std::size_t>(b)];
                const int64_t s0 = stateAt(d, b);
                for (int64_t k = 0; k < hidden; ++k) {
                    h[k] = h0 ? h0[s0 + k] : 0.0f;
                    c[k] = c0 ? c0[s0 + k] : 0.0f;
                }
                for (int64_t step = 0; step < len; ++step) {
                    const int64_t t = backwards ? len - 1 - step : step;
                    const float* xt = xd + xAt(t, b);
                    for (int64_t g = 0; g < gates; ++g)
                        pre[g] = bd ? static_cast<double>(bd[g]) + bd[gates + g] : 0.0;
                    if (w) {
                        for (int64_t p = 0; p < inputSize; ++p) {
                            const double xp = xt[p];
                            const float* row = wT.data() + p * gates;
                            for (int64_t g = 0; g < gates; ++g)
                                pre[g] += row[g] * xp;
                        }
                    } else {
                        for (int64_t g = 0; g < gates; ++g)
                            pre[g] += xt[d * gates + g];
                    }
                    for (int64_t p = 0; p < hidden; ++p) {
                        const double hp = h[p];
                        const float* row = rT.data() + p * gates;
                        for (int64_t g = 0; g < gates; ++g)
                            pre[g] += row[g] * hp;
                    }
                    float* yt = y.data<float>() + yAt(t, d, b);
                    for (int64_t k = 0; k < hidden; ++k) {
                        // Gate blocks in W, R and B: i, o, f, c. Peepholes in P: i, o, f.
                        const double cPrev = c[k];
                        const float i = act(fAct, pre[k] + (pd ? pd[k] * cPrev : 0.0));
                        const float f = a.inputForget ? 1.0f - i : act(fAct, pre[2 * hidden + k] + (pd ? pd[2 * hidden + k] * cPrev : 0.0));
                        const float cell = act(gAct, pre[3 * hidden + k]);
                        const float cNew = f * c[k] + i * cell;
                        const float o = act(fAct, pre[hidden + k] + (pd ? pd[hidden + k] * static_cast<double>(cNew) : 0.0));
                        c[k] = cNew;
                        yt[k] = o * applyRnnActivation(hAct, cNew); // not clipped: see the top of the file
                    }
                    std::copy(yt, yt + hidden, h.begin());
                }
                // Past a short sequence, Y stays zero (the tensor starts zeroed); an empty one leaves zero states.
                float* hOut = yh.data<float>() + s0;
                float* cOut = yc.data<float>() + s0;
                for (int64_t k = 0; k < hidden; ++k) {
                    hOut[k] = len > 0 ? h[k] : 0.0f;
                    cOut[k] = len > 0 ? c[k] : 0.0f;
                }
            }
        }
        return {std::move(y), std::move(yh), std::move(yc)};
    }

    OpQuantTraits quantTraits(const Node& node) const override
    {
        OpQuantTraits t;
        t.noIntegerKernel = node.hasInput(kW) ? "LSTM has no int8 kernel (it runs in FP32)"
                                              : "LSTM recurrence (R H per step) has no int8 kernel; its input projection runs as the Gemm before it";
        return t;
    }

    int64_t multiplyAccumulates(const std::vector<Shape>& in, const Shape&) const override
    {
        // Every step of every batch row and direction multiplies W [4H, input] by x and R [4H, H] by H: the count
        // is seq * batch (X's first two dims in either layout) * directions * 4H * (input + H), or without W (X holds
        // the input gates) only the R H part. Y may be omitted, so the output shape is not used.
        if (in.size() < 3 || in[0].size() != 3 || in[2].size() != 3 || (!in[1].empty() && in[1].size() != 3))
            return 0;
        const int64_t rows = in[0][0] * in[0][1];
        const int64_t input = in[1].empty() ? 0 : in[1][2];
        const int64_t macs = rows * in[2][0] * in[2][1] * (input + in[2][2]);
        return rows > 0 && in[2][0] > 0 && in[2][1] > 0 && input >= 0 && in[2][2] > 0 ? macs : 0;
    }
};

} // namespace

std::unique_ptr<Op> makeLstmOp() { return std::make_unique<LstmOp>(); }

} // namespace qs
