// DepthToSpace (DCR and CRD modes) and SpaceToDepth on [N, C, H, W]: data movement, any element type.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <cstring>

namespace qs {
namespace {

class DepthSpaceOp : public Op {
public:
    explicit DepthSpaceOp(bool toSpace) : m_toSpace(toSpace) {}
    const char* type() const override { return m_toSpace ? "DepthToSpace" : "SpaceToDepth"; }
    void infer(InferContext& ctx) const override
    {
        requireAllInputs(ctx, 1, 1);
        const Shape& x = ctx.in(0).shape;
        const int64_t b = ctx.node.attributes.i("blocksize", 0);
        if (b < 1)
            throw Error("blocksize must be at least 1");
        if (m_toSpace) {
            const std::string mode = ctx.node.attributes.s("mode", "DCR");
            if (mode != "DCR" && mode != "CRD")
                throw Error("mode must be DCR or CRD, not " + mode);
        }
        if (x.size() != 4)
            throw Error(std::string(type()) + " takes a 4-D input, not " + toString(x));
        Shape y = x;
        if (m_toSpace) {
            if (x[1] >= 0 && x[1] % (b * b) != 0)
                throw Error("channels " + std::to_string(x[1]) + " are not a multiple of blocksize^2");
            y = {x[0], x[1] < 0 ? -1 : x[1] / (b * b), x[2] < 0 ? -1 : x[2] * b, x[3] < 0 ? -1 : x[3] * b};
        } else {
            if ((x[2] >= 0 && x[2] % b != 0) || (x[3] >= 0 && x[3] % b != 0))
                throw Error("height and width " + toString(x) + " are not multiples of the blocksize");
            y = {x[0], x[1] < 0 ? -1 : x[1] * b * b, x[2] < 0 ? -1 : x[2] / b, x[3] < 0 ? -1 : x[3] / b};
        }
        ctx.outputs = {makeInfo(ctx.in(0).dtype, y)};
    }
    OpQuantTraits quantTraits(const Node&) const override { return movesElementsTraits(); }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& x = *in[0];
        const int64_t b = node.attributes.i("blocksize", 1);
        const bool crd = m_toSpace && node.attributes.s("mode", "DCR") == "CRD";
        // The small side: [N, C, H, W] of the depth-heavy tensor; the big side [N, C/(b*b), H*b, W*b].
        const Shape& xs = x.shape();
        const int64_t n = xs[0];
        const int64_t c = m_toSpace ? xs[1] / (b * b) : xs[1];
        const int64_t h = m_toSpace ? xs[2] : xs[2] / b;
        const int64_t w = m_toSpace ? xs[3] : xs[3] / b;
        const Shape ys = m_toSpace ? Shape{n, c, h * b, w * b} : Shape{n, c * b * b, h, w};
        Tensor y(x.dtype(), ys);
        const std::size_t size = elementSize(x.dtype());
        const auto* src = static_cast<const unsigned char*>(x.raw());
        auto* dst = static_cast<unsigned char*>(y.raw());
        for (int64_t in = 0; in < n; ++in)
            for (int64_t ic = 0; ic < c; ++ic)
                for (int64_t by = 0; by < b; ++by)
                    for (int64_t bx = 0; bx < b; ++bx) {
                        // The depth channel holding offset (by, bx) of channel ic: DCR (and SpaceToDepth) put the block
                        // offset first, CRD the channel.
                        const int64_t depth = crd ? ic * b * b + by * b + bx : (by * b + bx) * c + ic;
                        for (int64_t iy = 0; iy < h; ++iy)
                            for (int64_t ix = 0; ix < w; ++ix) {
                                const int64_t deep = ((in * c * b * b + depth) * h + iy) * w + ix;
                                const int64_t wide = ((in * c + ic) * h * b + iy * b + by) * w * b + ix * b + bx;
                                const int64_t from = m_toSpace ? deep : wide, to = m_toSpace ? wide : deep;
                                std::memcpy(dst + static_cast<std::size_t>(to) * size, src + static_cast<std::size_t>(from) * size, size);
                            }
                    }
        return {std::move(y)};
    }

private:
    bool m_toSpace;
};

} // namespace

std::unique_ptr<Op> makeDepthSpaceOp(bool toSpace) { return std::make_unique<DepthSpaceOp>(toSpace); }

} // namespace qs
