// Softmax and LogSoftmax (log of the same, computed as x - max - log(sum exp(x - max))). Before opset 13 the input is coerced to 2-D at `axis` (softmax over all trailing dims);
// from 13 on it runs along one axis. Inference records the opset-13 form: attribute "axis" plus, for
// old models whose coerced form differs, the internal attribute "_flatten_from".
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>

namespace qs {
namespace {

class SoftmaxOp : public Op {
public:
    explicit SoftmaxOp(bool log) : m_log(log) {}
    const char* type() const override { return m_log ? "LogSoftmax" : "Softmax"; }

    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 1);
        const int64_t rank = static_cast<int64_t>(ctx.in(0).shape.size());
        const int64_t axis = resolveAxisAttribute(ctx, static_cast<std::size_t>(rank), ctx.opset < 13 ? 1 : -1);
        if (ctx.opset < 13 && axis != rank - 1)
            ctx.node.attributes.set("_flatten_from", axis);
        ctx.outputs = {makeInfo(ctx.in(0).dtype, ctx.in(0).shape)};
    }

    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& x = *in[0];
        const Shape& s = x.shape();
        const int64_t rank = static_cast<int64_t>(s.size());
        int64_t outer = 1, axisLen = 1, inner = 1;
        if (node.attributes.has("_flatten_from")) {
            const int64_t from = node.attributes.i("_flatten_from", 1);
            for (int64_t i = 0; i < from; ++i)
                outer *= s[i];
            for (int64_t i = from; i < rank; ++i)
                axisLen *= s[i];
        } else {
            const int64_t axis = normalizeAxis(node.attributes.i("axis", -1), rank);
            for (int64_t i = 0; i < axis; ++i)
                outer *= s[i];
            axisLen = s[axis];
            for (int64_t i = axis + 1; i < rank; ++i)
                inner *= s[i];
        }
        Tensor y(DataType::Float32, s);
        const float* xd = x.data<float>();
        float* yd = y.data<float>();
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t i = 0; i < inner; ++i) {
                const int64_t base = o * axisLen * inner + i;
                float mx = -INFINITY;
                for (int64_t a = 0; a < axisLen; ++a)
                    mx = std::max(mx, xd[base + a * inner]);
                double sum = 0.0;
                for (int64_t a = 0; a < axisLen; ++a) {
                    const float e = std::exp(xd[base + a * inner] - mx);
                    yd[base + a * inner] = e;
                    sum += e;
                }
                if (m_log) {
                    const double logSum = std::log(sum);
                    for (int64_t a = 0; a < axisLen; ++a)
                        yd[base + a * inner] = static_cast<float>(static_cast<double>(xd[base + a * inner] - mx) - logSum);
                } else {
                    for (int64_t a = 0; a < axisLen; ++a)
                        yd[base + a * inner] = static_cast<float>(yd[base + a * inner] / sum);
                }
            }
        return {std::move(y)};
    }

private:
    bool m_log;
};

} // namespace

std::unique_ptr<Op> makeSoftmaxOp(bool log) { return std::make_unique<SoftmaxOp>(log); }

} // namespace qs
