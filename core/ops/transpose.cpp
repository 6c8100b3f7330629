// Transpose: permutes the axes ("perm", default reversed) of a tensor of any element type.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <algorithm>
#include <cstring>

namespace qs {
namespace {

std::vector<int64_t> permutationOf(const Node& node, std::size_t rank)
{
    std::vector<int64_t> perm = node.attributes.ints("perm");
    if (perm.empty()) {
        for (std::size_t i = 0; i < rank; ++i)
            perm.push_back(static_cast<int64_t>(rank - 1 - i));
        return perm;
    }
    if (perm.size() != rank)
        throw Error("perm has " + std::to_string(perm.size()) + " entries for rank " + std::to_string(rank));
    std::vector<bool> seen(rank, false);
    for (auto& p : perm) {
        p = normalizeAxis(p, static_cast<int64_t>(rank));
        if (seen[p])
            throw Error("perm " + toString(node.attributes.ints("perm")) + " is not a permutation");
        seen[p] = true;
    }
    return perm;
}

class TransposeOp : public Op {
public:
    const char* type() const override { return "Transpose"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 1);
        const Shape& x = ctx.in(0).shape;
        const std::vector<int64_t> perm = permutationOf(ctx.node, x.size());
        ctx.node.attributes.set("perm", perm);
        Shape out(x.size());
        for (std::size_t i = 0; i < x.size(); ++i)
            out[i] = x[perm[i]];
        ctx.outputs = {makeInfo(ctx.in(0).dtype, out)};
    }
    OpQuantTraits quantTraits(const Node&) const override { return movesElementsTraits(); }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& x = *in[0];
        const std::size_t rank = x.shape().size();
        const std::vector<int64_t> perm = permutationOf(node, rank);
        const std::vector<int64_t> inStrides = stridesOf(x.shape());
        Shape out(rank);
        std::vector<int64_t> strides(rank); // input stride of each output axis
        for (std::size_t i = 0; i < rank; ++i) {
            out[i] = x.shape()[perm[i]];
            strides[i] = inStrides[perm[i]];
        }
        Tensor y(x.dtype(), out);
        const std::size_t es = elementSize(x.dtype());
        const auto* src = static_cast<const unsigned char*>(x.raw());
        auto* dst = static_cast<unsigned char*>(y.raw());
        std::vector<int64_t> coord(rank, 0);
        int64_t from = 0;
        for (int64_t o = 0; o < y.size(); ++o) {
            std::memcpy(dst + o * es, src + from * es, es);
            for (int a = static_cast<int>(rank) - 1; a >= 0; --a) {
                from += strides[a];
                if (++coord[a] < out[a])
                    break;
                from -= strides[a] * out[a];
                coord[a] = 0;
            }
        }
        return {std::move(y)};
    }
};

} // namespace

std::unique_ptr<Op> makeTransposeOp() { return std::make_unique<TransposeOp>(); }

} // namespace qs
