// Element-wise activations: Relu, LeakyRelu, Clip, Sigmoid, Tanh, HardSigmoid, HardSwish, and the simple
// math functions exporters emit (Exp, Log, Abs, Neg, Sqrt, Erf). One family: they share inference and traits.
#include "core/ops/activation.h"
#include "core/ops/op_list.h"
#include "core/ops/op_util.h"
#include "core/util/error.h"

#include <cmath>
#include <limits>
#include <string_view>

namespace qs {

ActivationParams activationParams(const Node& node, const Graph& graph)
{
    std::vector<const Tensor*> constants;
    for (const auto& in : node.inputs)
        constants.push_back(in.empty() ? nullptr : graph.constant(in));
    return activationParams(node, constants);
}

ActivationParams activationParams(const Node& node, const std::vector<const Tensor*>& constants)
{
    ActivationParams p;
    const std::string& t = node.opType;
    if (t == "Relu") {
        p.kind = ActivationKind::Relu;
    } else if (t == "LeakyRelu") {
        p.kind = ActivationKind::LeakyRelu;
        p.alpha = node.attributes.f("alpha", 0.01f);
    } else if (t == "Clip") {
        p.kind = ActivationKind::Clip;
        p.alpha = node.attributes.f("min", -std::numeric_limits<float>::max());
        p.beta = node.attributes.f("max", std::numeric_limits<float>::max());
        if (node.hasInput(1)) {
            if (constants.size() < 2 || !constants[1])
                throw Error("Clip min must be a constant");
            p.alpha = static_cast<float>(constants[1]->elementAsDouble(0));
        }
        if (node.hasInput(2)) {
            if (constants.size() < 3 || !constants[2])
                throw Error("Clip max must be a constant");
            p.beta = static_cast<float>(constants[2]->elementAsDouble(0));
        }
    } else if (t == "Sigmoid") {
        p.kind = ActivationKind::Sigmoid;
    } else if (t == "Tanh") {
        p.kind = ActivationKind::Tanh;
    } else if (t == "HardSigmoid") {
        p.kind = ActivationKind::HardSigmoid;
        p.alpha = node.attributes.f("alpha", 0.2f);
        p.beta = node.attributes.f("beta", 0.5f);
    } else if (t == "HardSwish") {
        p.kind = ActivationKind::HardSwish;
    } else if (t == "Exp") {
        p.kind = ActivationKind::Exp;
    } else if (t == "Log") {
        p.kind = ActivationKind::Log;
    } else if (t == "Abs") {
        p.kind = ActivationKind::Abs;
    } else if (t == "Neg") {
        p.kind = ActivationKind::Neg;
    } else if (t == "Sqrt") {
        p.kind = ActivationKind::Sqrt;
    } else if (t == "Erf") {
        p.kind = ActivationKind::Erf;
    } else {
        throw Error("not an activation: " + t);
    }
    return p;
}

float applyActivation(const ActivationParams& p, float x)
{
    switch (p.kind) {
    case ActivationKind::Relu: return x > 0.0f ? x : 0.0f;
    case ActivationKind::LeakyRelu: return x >= 0.0f ? x : p.alpha * x;
    case ActivationKind::Clip: return x < p.alpha ? p.alpha : (x > p.beta ? p.beta : x);
    case ActivationKind::Sigmoid: return 1.0f / (1.0f + std::exp(-x));
    case ActivationKind::Tanh: return std::tanh(x);
    case ActivationKind::HardSigmoid: return std::fmax(0.0f, std::fmin(1.0f, p.alpha * x + p.beta));
    case ActivationKind::HardSwish: return x * std::fmax(0.0f, std::fmin(1.0f, x / 6.0f + 0.5f));
    case ActivationKind::Exp: return std::exp(x);
    case ActivationKind::Log: return std::log(x);
    case ActivationKind::Abs: return std::fabs(x);
    case ActivationKind::Neg: return -x;
    case ActivationKind::Sqrt: return std::sqrt(x);
    case ActivationKind::Erf: return std::erf(x);
    }
    return x;
}

namespace {

class ActivationOp : public Op {
public:
    explicit ActivationOp(const char* type) : m_type(type) {}
    const char* type() const override { return m_type; }

    void infer(InferContext& ctx) const override
    {
        const bool isClip = std::string(m_type) == "Clip";
        requireInputs(ctx, 1, isClip ? 3 : 1);
        const ActivationParams p = activationParams(ctx.node, ctx.constants); // validates constant min/max
        if (isClip) { // record the bounds as attributes so quantization traits see them
            ctx.node.attributes.set("min", p.alpha);
            ctx.node.attributes.set("max", p.beta);
        }
        ctx.outputs = {makeInfo(ctx.in(0).dtype, ctx.in(0).shape)};
    }

    std::vector<Tensor> run(const Node& node, const std::vector<const Tensor*>& in) const override
    {
        const ActivationParams p = activationParams(node, in);
        const Tensor& x = *in[0];
        if (x.dtype() != DataType::Float32) { // integer Abs/Neg/Clip appear in shape arithmetic
            Tensor y(x.dtype(), x.shape());
            for (int64_t i = 0; i < x.size(); ++i)
                y.setElementFromDouble(i, applyActivation(p, static_cast<float>(x.elementAsDouble(i))));
            return {std::move(y)};
        }
        Tensor y(DataType::Float32, x.shape());
        const float* xd = x.data<float>();
        float* yd = y.data<float>();
        for (int64_t i = 0; i < x.size(); ++i)
            yd[i] = applyActivation(p, xd[i]);
        return {std::move(y)};
    }

    OpPrepareTraits prepareTraits(const Node&) const override
    {
        OpPrepareTraits t;
        t.positivelyHomogeneous = std::string_view(m_type) == "Relu" || std::string_view(m_type) == "LeakyRelu";
        return t;
    }

    OpQuantTraits quantTraits(const Node& node) const override
    {
        OpQuantTraits t;
        const std::string type = m_type;
        const bool common = type == "Relu" || type == "LeakyRelu" || type == "Clip" || type == "Sigmoid" ||
                            type == "Tanh" || type == "HardSigmoid" || type == "HardSwish";
        t.quantizable = common;
        // Post-ops on an integer layer's accumulator scaled to the destination's units; after an integer Add
        // only those that commute with the zero-point shift (LeakyReLU's slope does not).
        t.fusesAfterIntegerLayer = type == "Relu" || type == "LeakyRelu" || type == "Clip";
        t.fusesAfterIntegerAdd = type == "Relu" || type == "Clip";
        if (type == "Relu") {
            t.reluOfInput = true;
            t.outputMin = 0.0f;
        } else if (type == "Clip") {
            t.outputMin = node.attributes.f("min", -std::numeric_limits<float>::max());
            t.outputMax = node.attributes.f("max", std::numeric_limits<float>::max());
        } else if (type == "Sigmoid" || type == "HardSigmoid") {
            t.outputMin = 0.0f;
            t.outputMax = 1.0f;
        } else if (type == "Tanh") {
            t.outputMin = -1.0f;
            t.outputMax = 1.0f;
        }
        return t;
    }

private:
    const char* m_type;
};

} // namespace

std::unique_ptr<Op> makeActivationOp(const char* type) { return std::make_unique<ActivationOp>(type); }

} // namespace qs
