#include "core/ptq/probe_scorer.h"

#include "core/data/subset.h"
#include "core/eval/evaluator.h"
#include "core/util/error.h"

namespace qs {

ProbeSample::ProbeSample(const PreparedModel& model, const Dataset& dataset, const std::vector<int64_t>& requested, int64_t batchWanted,
                         const std::string& what)
    : indices(requested.empty() ? firstIndices(dataset.size()) : requested), total(static_cast<int64_t>(indices.size()))
{
    if (total == 0)
        throw Error(what + " needs at least one sample");
    shapes = model.runnableShapes(inputShapesFor(model.source(), dataset, std::max<int64_t>(1, std::min(batchWanted, total))));
    graph = model.graph(shapes);
    batch = shapes.batch;
    const Shape& out = graph->outputs.at(0).shape;
    classes = elementCount(out) / std::max<int64_t>(out.at(0), 1);
    for (int64_t i : indices)
        labels.push_back(dataset.label(i));
    labelled = out.size() == 2 && std::all_of(labels.begin(), labels.end(), [&](int l) { return l >= 0 && l < classes; });
    if (!labelled)
        labels.clear();
}

} // namespace qs
