// Pad: constant, reflect and edge modes, any element type. Pads (and the constant) are attributes before
// opset 11 and inputs from 11 on; negative pads crop.
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <cstring>

namespace qs {
namespace {

struct PadSpec {
    std::vector<int64_t> begin, end;
    std::string mode;
    double value = 0.0;
    Shape out;
};

PadSpec padSpec(const Node& node, const Shape& x, const Tensor* padsInput, const Tensor* valueInput)
{
    const std::size_t rank = x.size();
    const std::vector<int64_t> pads = padsInput ? padsInput->toInt64() : node.attributes.ints("pads");
    if (pads.size() != 2 * rank)
        throw Error("pads has " + std::to_string(pads.size()) + " entries, rank " + std::to_string(rank) + " needs " + std::to_string(2 * rank));
    PadSpec s;
    s.mode = node.attributes.s("mode", "constant");
    if (s.mode != "constant" && s.mode != "reflect" && s.mode != "edge")
        throw Error("unsupported pad mode '" + s.mode + "'");
    s.value = valueInput ? (valueInput->size() > 0 ? valueInput->elementAsDouble(0) : 0.0) : node.attributes.f("value", 0.0f);
    s.begin.assign(pads.begin(), pads.begin() + static_cast<long>(rank));
    s.end.assign(pads.begin() + static_cast<long>(rank), pads.end());
    s.out = x;
    for (std::size_t i = 0; i < rank; ++i) {
        if (__builtin_add_overflow(x[i], s.begin[i], &s.out[i]) || __builtin_add_overflow(s.out[i], s.end[i], &s.out[i]))
            throw Error("pads of dim " + std::to_string(i) + " overflow"); // a corrupt model's pads; must not wrap
        if (s.out[i] < 0)
            throw Error("pads crop more than dim " + std::to_string(i) + " holds");
        const bool grows = s.begin[i] > 0 || s.end[i] > 0;
        if (grows && s.mode != "constant" && x[i] == 0)
            throw Error("cannot " + s.mode + "-pad an empty dim");
        if (grows && s.mode == "reflect" && (s.begin[i] >= x[i] || s.end[i] >= x[i]))
            throw Error("reflect pads must be smaller than the dim they pad");
    }
    return s;
}

class PadOp : public Op {
public:
    const char* type() const override { return "Pad"; }
    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 3);
        const Tensor* pads = ctx.has(1) ? &ctx.constantInput(1, "pads") : nullptr;
        const Tensor* value = ctx.has(2) ? &ctx.constantInput(2, "constant_value") : nullptr;
        if (ctx.opset >= 11 && !pads)
            throw Error("the pads input is required");
        ctx.outputs = {makeInfo(ctx.in(0).dtype, padSpec(ctx.node, ctx.in(0).shape, pads, value).out)};
    }
    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const Tensor& x = *in[0];
        const PadSpec s = padSpec(node, x.shape(), in.size() > 1 ? in[1] : nullptr, in.size() > 2 ? in[2] : nullptr);
        Tensor y(x.dtype(), s.out);
        const std::size_t rank = s.out.size(), es = elementSize(x.dtype());
        const std::vector<int64_t> inStrides = stridesOf(x.shape());
        std::vector<int64_t> coord(rank, 0);
        for (int64_t o = 0; o < y.size(); ++o) {
            int64_t from = 0;
            bool inside = true;
            for (std::size_t a = 0; a < rank; ++a) {
                int64_t c = coord[a] - s.begin[a];
                const int64_t n = x.shape()[a];
                if (c < 0 || c >= n) {
                    if (s.mode == "constant") {
                        inside = false;
                        break;
                    }
                    if (s.mode == "edge") {
                        c = c < 0 ? 0 : n - 1;
                    } else { // reflect about the first/last element (which is not repeated)
                        const int64_t period = 2 * (n - 1);
                        c = period == 0 ? 0 : ((c % period) + period) % period;
                        if (c >= n)
                            c = period - c;
                    }
                }
                from += c * inStrides[a];
            }
            if (inside)
                std::memcpy(static_cast<unsigned char*>(y.raw()) + o * es, static_cast<const unsigned char*>(x.raw()) + from * es, es);
            else
                y.setElementFromDouble(o, s.value);
            for (int a = static_cast<int>(rank) - 1; a >= 0; --a) {
                if (++coord[a] < s.out[a])
                    break;
                coord[a] = 0;
            }
        }
        return {std::move(y)};
    }
};

} // namespace

std::unique_ptr<Op> makePadOp() { return std::make_unique<PadOp>(); }

} // namespace qs
