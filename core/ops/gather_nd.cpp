// GatherND: takes slices of `data` addressed by the last axis of `indices` (k-tuples, negative from the end),
// after batch_dims leading axes the two share; any element type. Output: indices.shape[:-1] + data.shape[batch_dims + k:].
// Detectors' post-processing uses it on NonMaxSuppression's selection, so indices may have a row count known only
// at run time (an unknown dim passes through inference).
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>
#include <cstring>

namespace qs {
namespace {

// The output shape; throws naming what does not fit. Dims may be unknown (-1) at inference.
Shape gatherNdShape(const Shape& data, const Shape& indices, int64_t batchDims)
{
    const int64_t r = static_cast<int64_t>(data.size()), q = static_cast<int64_t>(indices.size());
    if (r < 1 || q < 1)
        throw Error("data and indices need rank 1 or more, are " + toString(data) + " and " + toString(indices));
    if (batchDims < 0 || batchDims >= std::min(q, r))
        throw Error("batch_dims " + std::to_string(batchDims) + " must be in [0, " + std::to_string(std::min(q, r)) +
                    ") for data " + toString(data) + " and indices " + toString(indices));
    const int64_t k = indices.back();
    if (k < 0)
        throw Error("the last dim of indices " + toString(indices) + " must be known");
    if (k < 1 || k > r - batchDims)
        throw Error("the last dim of indices " + toString(indices) + " must be in [1, " + std::to_string(r - batchDims) +
                    "] for data " + toString(data) + " and batch_dims " + std::to_string(batchDims));
    for (int64_t i = 0; i < batchDims; ++i)
        if (data[i] >= 0 && indices[i] >= 0 && data[i] != indices[i])
            throw Error("batch dim " + std::to_string(i) + " differs: data " + toString(data) + ", indices " + toString(indices));
    Shape out(indices.begin(), indices.end() - 1);
    out.insert(out.end(), data.begin() + batchDims + k, data.end());
    return out;
}

class GatherNdOp : public Op {
public:
    const char* type() const override { return "GatherND"; }
    void infer(InferContext& ctx) const override
    {
        requireAllInputs(ctx, 2, 2);
        if (!isInteger(ctx.in(1).dtype))
            throw Error("indices must be integers, are " + toString(ctx.in(1).dtype));
        ctx.outputs = {makeInfo(ctx.in(0).dtype, gatherNdShape(ctx.in(0).shape, ctx.in(1).shape, ctx.node.attributes.i("batch_dims", 0)))};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& data = *in[0];
        const Shape& ds = data.shape();
        const Shape& is = in[1]->shape();
        const int64_t b = node.attributes.i("batch_dims", 0);
        Tensor y(data.dtype(), gatherNdShape(ds, is, b));
        const std::vector<int64_t> indices = in[1]->toInt64();
        const int64_t k = is.back();
        int64_t batches = 1, tuplesPerBatch = 1, slice = 1;
        for (int64_t i = 0; i < b; ++i)
            batches *= ds[i];
        for (std::size_t i = static_cast<std::size_t>(b); i + 1 < is.size(); ++i)
            tuplesPerBatch *= is[i];
        for (std::size_t i = static_cast<std::size_t>(b + k); i < ds.size(); ++i)
            slice *= ds[i];
        const std::vector<int64_t> strides = stridesOf(ds);
        const int64_t batchStride = b > 0 ? strides[static_cast<std::size_t>(b - 1)] : 0;
        const std::size_t es = elementSize(data.dtype());
        const auto* src = static_cast<const unsigned char*>(data.raw());
        auto* dst = static_cast<unsigned char*>(y.raw());
        for (int64_t batch = 0; batch < batches; ++batch)
            for (int64_t t = 0; t < tuplesPerBatch; ++t) {
                const int64_t tuple = batch * tuplesPerBatch + t;
                int64_t offset = batch * batchStride;
                for (int64_t j = 0; j < k; ++j) {
                    const std::size_t axis = static_cast<std::size_t>(b + j);
                    int64_t i = indices[static_cast<std::size_t>(tuple * k + j)];
                    if (i < -ds[axis] || i >= ds[axis])
                        throw Error("index " + std::to_string(i) + " is out of range for dim " + std::to_string(axis) + " of data " + toString(ds));
                    offset += (i < 0 ? i + ds[axis] : i) * strides[axis];
                }
                std::memcpy(dst + tuple * slice * static_cast<int64_t>(es), src + offset * static_cast<int64_t>(es), static_cast<std::size_t>(slice) * es);
            }
        return {std::move(y)};
    }
};

} // namespace

std::unique_ptr<Op> makeGatherNdOp() { return std::make_unique<GatherNdOp>(); }

} // namespace qs
