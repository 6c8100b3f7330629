#include "core/ptq/model_size.h"

#include "core/quant/integer_flow.h"

#include <set>

namespace qs {

ModelSize modelSize(const Graph& g, const QuantizationPlan* plan)
{
    ModelSize size;
    std::set<std::string> counted;
    for (const Node& node : g.nodes) {
        const WeightQuant* wq = plan ? plan->layer(node.name) : nullptr;
        for (std::size_t i = 0; i < node.inputs.size(); ++i) {
            const Tensor* t = g.constant(node.inputs[i]);
            if (!t || !isFloatingPoint(t->dtype()) || !counted.insert(node.inputs[i]).second)
                continue;
            const int64_t fp32 = t->size() * 4;
            size.fp32Bytes += fp32;
            if (wq && i == 1) {
                const int64_t channels = wq->perChannel ? outputChannelCount(t->shape(), quantTraitsOf(node)) : 1;
                size.quantizedBytes += (t->size() * wq->bits + 7) / 8 + channels * 4;
            } else if (wq && i == 2) {
                size.quantizedBytes += t->size() * 4; // int32 bias
            } else {
                size.quantizedBytes += fp32;
            }
        }
    }
    return size;
}

} // namespace qs
