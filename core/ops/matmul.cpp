// MatMul with numpy semantics: batched, broadcasting batch dims, 1-D operands promoted and the added
// dim removed again. Accumulates in double.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>

namespace qs {
namespace {

Shape matMulShape(const Shape& a, const Shape& b)
{
    if (a.empty() || b.empty())
        throw Error("MatMul operands must have rank >= 1");
    const Shape a2 = a.size() == 1 ? Shape{1, a[0]} : a;
    const Shape b2 = b.size() == 1 ? Shape{b[0], 1} : b;
    const int64_t k = a2.back(), kb = b2[b2.size() - 2];
    if (k != kb && k >= 0 && kb >= 0)
        throw Error("MatMul inner dims differ: " + toString(a) + " x " + toString(b));
    Shape out = broadcastShapes(Shape(a2.begin(), a2.end() - 2), Shape(b2.begin(), b2.end() - 2));
    if (a.size() > 1)
        out.push_back(a2[a2.size() - 2]);
    if (b.size() > 1)
        out.push_back(b2.back());
    return out;
}

class MatMulOp : public Op {
public:
    const char* type() const override { return "MatMul"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 2, 2);
        if (ctx.in(0).dtype != ctx.in(1).dtype)
            throw Error("input types differ: " + toString(ctx.in(0).dtype) + " and " + toString(ctx.in(1).dtype));
        ctx.outputs = {makeInfo(ctx.in(0).dtype, matMulShape(ctx.in(0).shape, ctx.in(1).shape))};
    }
    int64_t multiplyAccumulates(const std::vector<Shape>& in, const Shape& out) const override
    {
        return !in.empty() && !in[0].empty() ? std::max<int64_t>(1, elementCount(out)) * in[0].back() : 0; // K = A's last dim
    }
    OpQuantTraits quantTraits(const Node&) const override
    {
        // Graph preparation turns a MatMul by a constant matrix into a Gemm (core/transforms/matmul_as_gemm.h);
        // what remains multiplies two computed values, or a constant of another rank.
        OpQuantTraits t;
        t.noIntegerKernel = "MatMul has no int8 kernel unless its second operand is a constant matrix (then it runs as a Gemm)";
        return t;
    }
    std::vector<Tensor> run(const Node&, const std::vector<const Tensor*>& in) const override
    {
        const Tensor &a = *in[0], &b = *in[1];
        const Shape out = matMulShape(a.shape(), b.shape());
        const Shape a2 = a.rank() == 1 ? Shape{1, a.shape()[0]} : a.shape();
        const Shape b2 = b.rank() == 1 ? Shape{b.shape()[0], 1} : b.shape();
        const int64_t m = a2[a2.size() - 2], k = a2.back(), n = b2.back();
        const Shape batchA(a2.begin(), a2.end() - 2), batchB(b2.begin(), b2.end() - 2);
        const Shape batch = broadcastShapes(batchA, batchB);
        Tensor y(a.dtype(), out);
        const bool f32 = a.dtype() == DataType::Float32;
        forEachBroadcast(batch, batchA, batchB, [&](int64_t o, int64_t ia, int64_t ib) {
            const int64_t offA = ia * m * k, offB = ib * k * n, offY = o * m * n;
            for (int64_t i = 0; i < m; ++i)
                for (int64_t j = 0; j < n; ++j) {
                    double acc = 0.0;
                    if (f32) {
                        const float* ad = a.data<float>() + offA + i * k;
                        const float* bd = b.data<float>() + offB + j;
                        for (int64_t p = 0; p < k; ++p)
                            acc += static_cast<double>(ad[p]) * bd[p * n];
                        y.data<float>()[offY + i * n + j] = static_cast<float>(acc);
                    } else {
                        for (int64_t p = 0; p < k; ++p)
                            acc += a.elementAsDouble(offA + i * k + p) * b.elementAsDouble(offB + p * n + j);
                        y.setElementFromDouble(offY + i * n + j, acc);
                    }
                }
        });
        return {std::move(y)};
    }
};

} // namespace

std::unique_ptr<Op> makeMatMulOp() { return std::make_unique<MatMulOp>(); }

} // namespace qs
