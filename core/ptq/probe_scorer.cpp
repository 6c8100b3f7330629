#include "core/ptq/probe_scorer.h"

#include "core/data/subset.h"
#include "core/eval/evaluator.h"
#include "core/util/error.h"

#include <algorithm>

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
    for (std::size_t i = 0; i < graph->outputs.size(); ++i) {
        const ValueInfo& out = graph->outputs[i];
        const ValueInfo* info = graph->info(out.name);
        const ValueInfo& known = info && info->shapeKnown ? *info : out;
        if (out.dtype != DataType::Float32 || !hasFixedShape(known) || known.shape.empty() || known.shape[0] != batch)
            continue;
        outputs.push_back(i);
        outputElements.push_back(elementCount(known.shape) / batch);
    }
    if (outputs.empty())
        throw Error(what + ": the model has no float output of a fixed shape, batch first, to compare with FP32", {graph->sourcePath});
    const bool firstCompared = outputs.front() == 0;
    classes = firstCompared ? outputElements.front() : 0;
    for (int64_t i : indices)
        labels.push_back(dataset.label(i));
    labelled = firstCompared && graph->outputs[0].shape.size() == 2 &&
               std::all_of(labels.begin(), labels.end(), [&](int l) { return l >= 0 && l < classes; });
    if (!labelled)
        labels.clear();
}

} // namespace qs
