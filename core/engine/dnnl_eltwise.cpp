#include "core/engine/dnnl_eltwise.h"

#include "core/ops/activation.h"
#include "core/ops/op.h"
#include "core/util/error.h"

namespace qs {

namespace {

// Pow by one constant float exponent (LayerNorm's x^2 in transformer necks) is oneDNN's eltwise_pow, alpha * x^beta,
// when the base is float32 and keeps its shape (a scalar exponent does not broadcast it).
bool powAsEltwise(const Node& node, const Graph& graph, std::vector<DnnlEltwise>& chain)
{
    const Tensor* exponent = node.inputs.size() == 2 ? graph.constant(node.input(1)) : nullptr;
    const ValueInfo* base = graph.info(node.input(0));
    const ValueInfo* out = node.outputs.empty() ? nullptr : graph.info(node.outputs[0]);
    if (!exponent || exponent->size() != 1 || exponent->dtype() != DataType::Float32 || !base || base->dtype != DataType::Float32 || !out ||
        out->shape != base->shape)
        return false;
    chain.push_back({dnnl::algorithm::eltwise_pow, 1.0f, exponent->toFloat()[0]});
    return true;
}

} // namespace

bool dnnlEltwiseChain(const Node& node, const Graph& graph, std::vector<DnnlEltwise>& chain)
{
    if (node.opType == "Pow" && node.domain.empty())
        return powAsEltwise(node, graph, chain);
    if (!findOp(node.opType))
        return false;
    ActivationParams p;
    try {
        p = activationParams(node, graph);
    } catch (const Error&) {
        return false;
    }
    using A = dnnl::algorithm;
    switch (p.kind) {
    case ActivationKind::Relu: chain.push_back({A::eltwise_relu, 0.0f, 0.0f}); return true;
    case ActivationKind::LeakyRelu: chain.push_back({A::eltwise_relu, p.alpha, 0.0f}); return true;
    case ActivationKind::Clip: chain.push_back({A::eltwise_clip_v2, p.alpha, p.beta}); return true;
    case ActivationKind::Sigmoid: chain.push_back({A::eltwise_logistic, 0.0f, 0.0f}); return true;
    case ActivationKind::Tanh: chain.push_back({A::eltwise_tanh, 0.0f, 0.0f}); return true;
    case ActivationKind::HardSwish: chain.push_back({A::eltwise_hardswish, 0.0f, 0.0f}); return true;
    case ActivationKind::HardSigmoid: // oneDNN 2.6 has no hardsigmoid: linear then clip
        chain.push_back({A::eltwise_linear, p.alpha, p.beta});
        chain.push_back({A::eltwise_clip_v2, 0.0f, 1.0f});
        return true;
    case ActivationKind::Exp: chain.push_back({A::eltwise_exp, 0.0f, 0.0f}); return true;
    case ActivationKind::Log: chain.push_back({A::eltwise_log, 0.0f, 0.0f}); return true;
    case ActivationKind::Abs: chain.push_back({A::eltwise_abs, 0.0f, 0.0f}); return true;
    case ActivationKind::Sqrt: chain.push_back({A::eltwise_sqrt, 0.0f, 0.0f}); return true;
    case ActivationKind::Neg: chain.push_back({A::eltwise_linear, -1.0f, 0.0f}); return true;
    case ActivationKind::Erf: return false;
    }
    return false;
}

} // namespace qs
