// Identity and Dropout, one pass-through family: the output is the input (Dropout at inference is the
// identity; its optional mask output is all true).
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"

#include <algorithm>

namespace qs {
namespace {

class PassThroughOp : public Op {
public:
    explicit PassThroughOp(const char* type) : m_type(type) {}
    const char* type() const override { return m_type; }

    void infer(InferContext& ctx) const override
    {
        requireInputs(ctx, 1, 3);
        ctx.outputs = {makeInfo(ctx.in(0).dtype, ctx.in(0).shape)};
        if (ctx.node.outputs.size() > 1)
            ctx.outputs.push_back(makeInfo(DataType::Bool, ctx.in(0).shape));
    }

    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        std::vector<Tensor> out{*in[0]};
        if (node.outputs.size() > 1) {
            Tensor mask(DataType::Bool, in[0]->shape());
            std::fill(mask.data<uint8_t>(), mask.data<uint8_t>() + mask.size(), 1);
            out.push_back(std::move(mask));
        }
        return out;
    }

    OpQuantTraits quantTraits(const Node&) const override
    {
        OpQuantTraits t;
        t.view = true;
        return t;
    }

    OpPrepareTraits prepareTraits(const Node&) const override
    {
        OpPrepareTraits t;
        t.identityAtInference = true; // Dropout's mask output, if read, keeps the node (core/transforms/cleanup.cpp)
        return t;
    }

private:
    const char* m_type;
};

} // namespace

std::unique_ptr<Op> makePassThroughOp(const char* type) { return std::make_unique<PassThroughOp>(type); }

} // namespace qs
