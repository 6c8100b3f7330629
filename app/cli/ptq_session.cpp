#include "app/cli/ptq_session.h"

#include "core/data/calibration_pool.h"
#include "core/data/dataset_factory.h"
#include "core/data/subset.h"
#include "core/engine/engine.h"
#include "core/eval/evaluator.h"
#include "core/distiller/stats_yaml.h"
#include "core/util/error.h"

#include <cstdio>

namespace qs::cli {

Calibration obtainCalibration(const PreparedModel& model, const DataSelection& data, const PtqArguments& ptq, int threads, Progress* progress)
{
    if (ptq.statsFile) {
        const Graph& prepared = *model.graph(inputShapesFor(model.source(), *data.dataset, 1));
        int matched = 0;
        Calibration c = calibrationFromStatsFile(prepared, *ptq.statsFile, &matched);
        if (matched == 0)
            throw Error("no layer of the model matches a layer of the statistics file", {*ptq.statsFile});
        std::fprintf(stderr, "statistics: %d of %zu layers from %s\n", matched, layerStats(prepared).size(), ptq.statsFile->c_str());
        return c;
    }
    const SampleAmount amount = calibrationAmount(ptq.calibration);
    auto pick = [&](int64_t available) {
        return amount.isFraction ? randomSubset(available, amount, 0) : firstIndices(available, amount.count);
    };
    if (data.calibrationSpec) {
        const auto other = openDataset(*data.calibrationSpec, Split::Train, data.dataset->preprocess());
        const auto indices = pick(other->size());
        std::fprintf(stderr, "calibration: %zu samples of %s\n", indices.size(), other->name().c_str());
        return calibrate(model, *other, indices, kCalibrationBatch, threads, progress);
    }
    if (hasTrainSplit(data.spec)) {
        const auto train = openDataset(data.spec, Split::Train, data.dataset->preprocess());
        return calibrate(model, *train, pick(train->size()), kCalibrationBatch, threads, progress);
    }
    // A folder has no train split: calibrate on the images that are not evaluated, and say so; only when every
    // image is evaluated, on those, with a warning.
    const CalibrationPool pool = calibrationPool(data.dataset->size(), data.indices);
    std::vector<int64_t> indices;
    for (int64_t i : pick(static_cast<int64_t>(pool.indices.size())))
        indices.push_back(pool.indices[static_cast<std::size_t>(i)]);
    if (pool.sharesEvaluated)
        std::fprintf(stderr, "quantscope-cli: warning: calibrating on %zu of the evaluated images: %s has no train split and every "
                             "image is evaluated; give --calibration-data KIND:PATH for separate images\n",
                     indices.size(), data.dataset->name().c_str());
    else
        std::fprintf(stderr, "calibration: %zu images of %s that are not evaluated\n", indices.size(), data.dataset->name().c_str());
    return calibrate(model, *data.dataset, indices, kCalibrationBatch, threads, progress);
}

} // namespace qs::cli
