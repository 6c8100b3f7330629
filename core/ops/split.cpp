// Split: cuts a tensor of any element type along "axis" into parts of the sizes given by the `split`
// input (opset >= 13), the attribute, num_outputs (opset 18: ceil-sized parts) or equal parts. The sizes (slicing.h) are shared with the oneDNN
// lowering.
#include "core/ops/slicing.h"

#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>
#include <cstring>

namespace qs {

std::vector<int64_t> splitSizes(const Node& node, const Shape& x, const Tensor* splitInput)
{
    const int64_t axis = normalizeAxis(node.attributes.i("axis", 0), static_cast<int64_t>(x.size()));
    const int64_t outputs = static_cast<int64_t>(node.outputs.size());
    std::vector<int64_t> sizes = splitInput ? splitInput->toInt64() : node.attributes.ints("split");
    if (sizes.empty() && node.attributes.has("num_outputs")) {
        // Opset 18: ceil(dim / n) each, the last part takes what is left (it may be smaller).
        const int64_t n = node.attributes.i("num_outputs", 0);
        if (n != outputs || n <= 0)
            throw Error("num_outputs is " + std::to_string(n) + " but the node has " + std::to_string(outputs) + " outputs");
        const int64_t chunk = x[axis] / n + (x[axis] % n != 0 ? 1 : 0); // ceil without overflowing
        for (int64_t i = 0; i < n; ++i)
            sizes.push_back(std::max<int64_t>(0, std::min(chunk, x[axis] - i * chunk)));
    }
    if (sizes.empty()) {
        if (outputs == 0 || x[axis] % outputs != 0)
            throw Error("dim " + std::to_string(x[axis]) + " cannot be split into " + std::to_string(outputs) + " equal parts");
        sizes.assign(static_cast<std::size_t>(outputs), x[axis] / outputs);
    }
    if (static_cast<int64_t>(sizes.size()) != outputs)
        throw Error("split has " + std::to_string(sizes.size()) + " sizes for " + std::to_string(outputs) + " outputs");
    int64_t sum = 0;
    for (int64_t s : sizes) {
        if (s < 0)
            throw Error("negative split size");
        if (__builtin_add_overflow(sum, s, &sum)) // a corrupt model's split sizes; must not wrap
            throw Error("split sizes overflow");
    }
    if (sum != x[axis])
        throw Error("split sizes sum to " + std::to_string(sum) + ", dim " + std::to_string(axis) + " is " + std::to_string(x[axis]));
    return sizes;
}

namespace {

class SplitOp : public Op {
public:
    const char* type() const override { return "Split"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 2);
        const Shape& x = ctx.in(0).shape;
        const int64_t axis = resolveAxisAttribute(ctx, x.size());
        const std::vector<int64_t> sizes = splitSizes(ctx.node, x, ctx.has(1) ? &ctx.constantInput(1, "split") : nullptr);
        for (int64_t s : sizes) {
            Shape out = x;
            out[axis] = s;
            ctx.outputs.push_back(makeInfo(ctx.in(0).dtype, out));
        }
    }
    OpQuantTraits quantTraits(const Node&) const override { return movesElementsTraits(); }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& x = *in[0];
        const int64_t axis = node.attributes.i("axis", 0);
        const std::vector<int64_t> sizes = splitSizes(node, x.shape(), in.size() > 1 ? in[1] : nullptr);
        const std::size_t es = elementSize(x.dtype());
        int64_t outer = 1, inner = 1;
        for (int64_t i = 0; i < x.rank(); ++i)
            if (i < axis)
                outer *= x.shape()[i];
            else if (i > axis)
                inner *= x.shape()[i];
        std::vector<Tensor> outs;
        int64_t offset = 0;
        for (int64_t s : sizes) {
            Shape shape = x.shape();
            shape[axis] = s;
            Tensor y(x.dtype(), shape);
            for (int64_t o = 0; o < outer && s * inner > 0; ++o) // a zero-sized part has no buffer to copy into
                std::memcpy(static_cast<unsigned char*>(y.raw()) + o * s * inner * es,
                            static_cast<const unsigned char*>(x.raw()) + (o * x.shape()[axis] + offset) * inner * es,
                            static_cast<std::size_t>(s * inner) * es);
            offset += s;
            outs.push_back(std::move(y));
        }
        return outs;
    }
};

} // namespace

std::unique_ptr<Op> makeSplitOp() { return std::make_unique<SplitOp>(); }

} // namespace qs
