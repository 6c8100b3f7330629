#include "core/data/calibration_pool.h"

#include "core/data/dataset_factory.h"

#include <algorithm>

namespace qs {

bool hasTrainSplit(const std::string& spec)
{
    const std::string kind = parseDatasetSpec(spec).kind;
    return kind != "imagefolder" && kind != "images" && kind != "tensors";
}

CalibrationPool calibrationPool(int64_t size, const std::vector<int64_t>& evaluated)
{
    CalibrationPool pool;
    for (int64_t i = 0; i < size; ++i)
        if (!std::binary_search(evaluated.begin(), evaluated.end(), i))
            pool.indices.push_back(i);
    if (pool.indices.empty()) {
        pool.indices = evaluated;
        pool.sharesEvaluated = true;
    }
    return pool;
}

} // namespace qs
