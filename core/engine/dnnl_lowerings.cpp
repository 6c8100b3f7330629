// The registry of oneDNN lowerings: one line per operator type.
#include "core/engine/dnnl_lowerings.h"

#include "core/engine/dnnl_eltwise.h"

#include <map>

namespace qs {

LowerFn findLowering(const std::string& opType)
{
    static const std::map<std::string, LowerFn> lowerings = {
        {"Conv", lowerConv},
        {"Gemm", lowerGemm},
        {"BatchNormalization", lowerBatchNorm},
        {"Relu", lowerActivation},
        {"LeakyRelu", lowerActivation},
        {"Clip", lowerActivation},
        {"Sigmoid", lowerActivation},
        {"Tanh", lowerActivation},
        {"HardSigmoid", lowerActivation},
        {"HardSwish", lowerActivation},
        {"Exp", lowerActivation},
        {"Log", lowerActivation},
        {"Abs", lowerActivation},
        {"Sqrt", lowerActivation},
        {"Neg", lowerActivation},
        {"Pow", lowerActivation},
        {"Add", lowerBinary},
        {"Sub", lowerBinary},
        {"Mul", lowerBinary},
        {"Div", lowerBinary},
        {"MaxPool", lowerPool},
        {"AveragePool", lowerPool},
        {"GlobalAveragePool", lowerPool},
        {"GlobalMaxPool", lowerPool},
        {"Softmax", lowerSoftmax},
        {"LogSoftmax", lowerSoftmax},
        {"Concat", lowerConcat},
        {"Flatten", lowerView},
        {"Reshape", lowerView},
        {"Squeeze", lowerView},
        {"Unsqueeze", lowerView},
        {"ConvTranspose", lowerConvTranspose},
        {"MatMul", lowerMatMul},
        {"Transpose", lowerTranspose},
        {"Resize", lowerResize},
        {"Upsample", lowerResize},
        {"ReduceMean", lowerReduce},
        {"ReduceMax", lowerReduce},
        {"ReduceSum", lowerReduce},
        {"Slice", lowerSlice},
        {"Split", lowerSplit},
        {"Pad", lowerPad},
        {"DepthToSpace", lowerDepthSpace},
        {"PRelu", lowerPRelu},
        {"SpaceToDepth", lowerDepthSpace},
    };
    auto it = lowerings.find(opType);
    return it == lowerings.end() ? nullptr : it->second;
}

PendingActivations collectActivations(const LoweringContext& ctx, const std::string& value, dnnl::post_ops& ops)
{
    PendingActivations pending{value, {}};
    while (const Node* next = ctx.soleConsumer(pending.output)) {
        std::vector<DnnlEltwise> chain;
        if (!dnnlEltwiseChain(*next, ctx.graph(), chain))
            break;
        for (const auto& e : chain)
            ops.append_eltwise(1.0f, e.algorithm, e.alpha, e.beta);
        pending.nodes.push_back(next);
        pending.output = next->outputs[0];
    }
    return pending;
}

void PendingActivations::commit(LoweringContext& ctx) const
{
    for (const Node* n : nodes)
        ctx.markFused(*n);
}

std::string fuseActivations(LoweringContext& ctx, const std::string& value, dnnl::post_ops& ops)
{
    const PendingActivations pending = collectActivations(ctx, value, ops);
    pending.commit(ctx);
    return pending.output;
}

} // namespace qs
