// Gemm: Y = alpha * A' * B' + beta * C, with optional transposes and a broadcast C.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>

namespace qs {
namespace {

class GemmOp : public Op {
public:
    const char* type() const override { return "Gemm"; }

    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 2, 3);
        const Shape& a = ctx.in(0).shape;
        const Shape& b = ctx.in(1).shape;
        if (a.size() != 2 || b.size() != 2)
            throw Error("Gemm needs 2-D inputs, got " + toString(a) + " and " + toString(b));
        const bool ta = ctx.node.attributes.i("transA", 0), tb = ctx.node.attributes.i("transB", 0);
        const int64_t m = ta ? a[1] : a[0], k = ta ? a[0] : a[1];
        const int64_t kb = tb ? b[1] : b[0], n = tb ? b[0] : b[1];
        if (k >= 0 && kb >= 0 && k != kb)
            throw Error("inner dimensions differ: A " + toString(a) + (ta ? "^T" : "") + ", B " + toString(b) + (tb ? "^T" : ""));
        if (ctx.has(2))
            broadcastShapes({m, n}, ctx.in(2).shape); // validates
        ctx.outputs = {makeInfo(ctx.in(0).dtype, {m, n})};
    }

    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& a = *in[0];
        const Tensor& b = *in[1];
        const bool ta = node.attributes.i("transA", 0), tb = node.attributes.i("transB", 0);
        const float alpha = node.attributes.f("alpha", 1.0f), beta = node.attributes.f("beta", 1.0f);
        const int64_t m = ta ? a.shape()[1] : a.shape()[0], k = ta ? a.shape()[0] : a.shape()[1];
        const int64_t n = tb ? b.shape()[0] : b.shape()[1];
        Tensor y(DataType::Float32, {m, n});
        const float* ad = a.data<float>();
        const float* bd = b.data<float>();
        float* yd = y.data<float>();
        for (int64_t i = 0; i < m; ++i)
            for (int64_t j = 0; j < n; ++j) {
                double acc = 0.0;
                for (int64_t p = 0; p < k; ++p)
                    acc += static_cast<double>(ad[ta ? p * m + i : i * k + p]) * bd[tb ? j * k + p : p * n + j];
                yd[i * n + j] = static_cast<float>(alpha * acc);
            }
        if (in.size() > 2 && in[2] && beta != 0.0f) {
            const Tensor c = in[2]->cast(DataType::Float32);
            const float* cd = c.data<float>();
            forEachBroadcast(y.shape(), y.shape(), c.shape(), [&](int64_t o, int64_t, int64_t ic) { yd[o] += beta * cd[ic]; });
        }
        return {std::move(y)};
    }

    OpPrepareTraits prepareTraits(const Node& node) const override
    {
        // Only B as [N, K] (transB) with alpha = beta = 1 has its output channels on the weights' first axis.
        OpPrepareTraits t;
        t.absorbsChannelAffine = node.attributes.i("transB", 0) == 1 && node.attributes.f("alpha", 1.0f) == 1.0f &&
                                 node.attributes.f("beta", 1.0f) == 1.0f;
        return t;
    }

    int64_t multiplyAccumulates(const std::vector<Shape>& in, const Shape& out) const override
    {
        // [M, N] outputs, each over K = |A| / M (A is [M, K] or, transposed, [K, M]).
        return !in.empty() && !out.empty() && out[0] > 0 ? elementCount(out) * (elementCount(in[0]) / out[0]) : 0;
    }

    OpQuantTraits quantTraits(const Node& node) const override
    {
        OpQuantTraits t;
        t.quantizable = true;
        t.role = QuantRole::IntegerLayer;
        t.weightInputs = {1};
        t.weightOutputAxis = node.attributes.i("transB", 0) != 0 ? 0 : 1; // B is [K, N] unless transposed
        if (node.attributes.i("transA", 0) != 0 || node.attributes.f("alpha", 1.0f) != 1.0f)
            t.noIntegerKernel = "Gemm with transA or alpha != 1 has no int8 kernel";
        t.biasInput = 2;
        return t;
    }
};

} // namespace

std::unique_ptr<Op> makeGemmOp() { return std::make_unique<GemmOp>(); }

} // namespace qs
