#include "app/cli/ptq_session.h"

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
    const auto train = openDataset(data.spec, Split::Train, data.dataset->preprocess());
    const SampleAmount amount = calibrationAmount(ptq.calibration);
    const auto indices = amount.isFraction ? randomSubset(train->size(), amount, 0) : firstIndices(train->size(), amount.count);
    return calibrate(model, *train, indices, kCalibrationBatch, threads, progress);
}

} // namespace qs::cli
