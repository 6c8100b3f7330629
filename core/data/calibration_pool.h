#pragma once
// Where calibration draws its samples when the evaluation data has no train split of its own (image and tensor
// folders): from the samples that are not evaluated, so that calibration and evaluation do not share images;
// only when every sample is evaluated, from the evaluated ones (and the caller says so).

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

// Whether the kind of a "KIND:PATH" spec has a train split distinct from its test split (IDX, CIFAR-10).
bool hasTrainSplit(const std::string& spec);

struct CalibrationPool {
    std::vector<int64_t> indices; // sorted
    bool sharesEvaluated = false; // every sample is evaluated: these are the evaluated ones
};
// The pool of a dataset of `size` samples of which `evaluated` (sorted) are evaluated.
CalibrationPool calibrationPool(int64_t size, const std::vector<int64_t>& evaluated);

} // namespace qs
