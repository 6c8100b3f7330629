// The registry of oneDNN lowerings: one line per operator type.
#include "core/engine/dnnl_lowerings.h"

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
        {"Abs", lowerActivation},
        {"Sqrt", lowerActivation},
        {"Neg", lowerActivation},
        {"Add", lowerBinary},
        {"Sub", lowerBinary},
        {"Mul", lowerBinary},
        {"Div", lowerBinary},
        {"MaxPool", lowerPool},
        {"AveragePool", lowerPool},
        {"GlobalAveragePool", lowerPool},
        {"GlobalMaxPool", lowerPool},
        {"Softmax", lowerSoftmax},
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
    };
    auto it = lowerings.find(opType);
    return it == lowerings.end() ? nullptr : it->second;
}

std::string fuseActivations(LoweringContext& ctx, const std::string& value, dnnl::post_ops& ops)
{
    std::string current = value;
    while (const Node* next = ctx.soleConsumer(current)) {
        std::vector<DnnlEltwise> chain;
        if (!dnnlEltwiseChain(*next, ctx.graph(), chain))
            break;
        for (const auto& e : chain)
            ops.append_eltwise(1.0f, e.algorithm, e.alpha, e.beta);
        ctx.markFused(*next);
        current = next->outputs[0];
    }
    return current;
}

} // namespace qs
