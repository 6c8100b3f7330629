#include "core/eval/metric_choice.h"

namespace qs {

std::string toString(QualityMetric metric) { return metric == QualityMetric::Top1 ? "top1" : "fidelity"; }

std::optional<QualityMetric> parseQualityMetric(const std::string& text)
{
    if (text == "top1")
        return QualityMetric::Top1;
    if (text == "fidelity")
        return QualityMetric::Fidelity;
    return std::nullopt;
}

bool isSingleOutputClassifier(const Graph& model) { return model.outputs.size() == 1 && model.outputs[0].shape.size() == 2; }

bool top1Applies(const Graph& model, const Dataset& data) { return data.numClasses() > 0 && isSingleOutputClassifier(model); }

QualityMetric chooseMetric(const Graph& model, const Dataset& data, std::optional<QualityMetric> requested)
{
    if (!top1Applies(model, data))
        return QualityMetric::Fidelity;
    return requested.value_or(QualityMetric::Top1);
}

} // namespace qs
