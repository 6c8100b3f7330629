#pragma once
// Statistics for quantizing a model from the command line: read from --qe-stats-file, or collected by a
// calibration pass over --calibration-data, the train split of the evaluation dataset, or, for image folders
// (no split), the images not evaluated (the evaluated ones only when nothing else is left, with a warning).

#include "app/cli/cli_common.h"
#include "app/cli/ptq_arguments.h"
#include "core/engine/prepared_model.h"
#include "core/calibration/calibration.h"

namespace qs::cli {

Calibration obtainCalibration(const PreparedModel& model, const DataSelection& data, const PtqArguments& ptq, int threads, Progress* progress);

} // namespace qs::cli
