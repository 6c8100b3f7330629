// BatchNormalization in inference mode: y = scale * (x - mean) / sqrt(var + epsilon) + bias, per channel.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <cmath>

namespace qs {
namespace {

class BatchNormOp : public Op {
public:
    const char* type() const override { return "BatchNormalization"; }

    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 5, 5);
        if (ctx.node.attributes.i("training_mode", 0) != 0)
            throw Error("training_mode=1 is not supported: QuantScope runs inference only");
        const Shape& x = ctx.in(0).shape;
        if (x.size() < 2)
            throw Error("input must have a channel dimension, got " + toString(x));
        for (std::size_t i = 1; i < 5; ++i)
            if (ctx.in(i).shape != Shape{x[1]})
                throw Error("parameter '" + ctx.node.inputs[i] + "' has shape " + toString(ctx.in(i).shape) +
                            ", expected [" + std::to_string(x[1]) + "]");
        ctx.outputs = {makeInfo(ctx.in(0).dtype, x)};
        for (std::size_t i = 1; i < ctx.node.outputs.size(); ++i)
            if (!ctx.node.outputs[i].empty())
                throw Error("running mean/var outputs are training-only and not supported");
    }

    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& x = *in[0];
        const float eps = node.attributes.f("epsilon", 1e-5f);
        const int64_t n = x.shape()[0], c = x.shape()[1];
        const int64_t plane = c ? x.size() / (n * c) : 0;
        Tensor y(DataType::Float32, x.shape());
        const float *scale = in[1]->data<float>(), *bias = in[2]->data<float>();
        const float *mean = in[3]->data<float>(), *var = in[4]->data<float>();
        for (int64_t b = 0; b < n; ++b)
            for (int64_t ch = 0; ch < c; ++ch) {
                const float k = scale[ch] / std::sqrt(var[ch] + eps);
                const float* xs = x.data<float>() + (b * c + ch) * plane;
                float* ys = y.data<float>() + (b * c + ch) * plane;
                for (int64_t i = 0; i < plane; ++i)
                    ys[i] = (xs[i] - mean[ch]) * k + bias[ch];
            }
        return {std::move(y)};
    }

    OpPrepareTraits prepareTraits(const Node&) const override
    {
        OpPrepareTraits t;
        t.channelNormalization = true;
        return t;
    }
};

} // namespace

std::unique_ptr<Op> makeBatchNormOp() { return std::make_unique<BatchNormOp>(); }

} // namespace qs
