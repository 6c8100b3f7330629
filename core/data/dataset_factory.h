#pragma once
// Opens a dataset from a CLI-style spec "KIND:PATH":
//   fashion-mnist:DIR, mnist:DIR  IDX files (plain or .gz), split train/test
//   cifar10:DIR                   CIFAR-10 binary batches, split train/test
//   imagefolder:DIR               ROOT/<class>/<image>; has no train/test partition, split is ignored
// Unknown kinds and a missing ':' throw qs::Error listing the known kinds.

#include "core/data/dataset.h"
#include "core/data/preprocess_spec.h"

#include <memory>
#include <string>
#include <vector>

namespace qs {

class Progress;

struct DatasetSpec {
    std::string kind; // lower case
    std::string path;
};

DatasetSpec parseDatasetSpec(const std::string& text);
std::vector<std::string> knownDatasetKinds();

std::unique_ptr<Dataset> openDataset(const std::string& spec, Split split, const PreprocessSpec& preprocess,
                                     Progress* progress = nullptr);

// A sensible preprocessing when neither the CLI nor a model sidecar gives one: Fashion-MNIST's reference
// normalisation, MNIST's (0.1307, 0.3081), CIFAR-10's per-channel statistics, ImageNet's resize 256 /
// crop 224 for image folders.
PreprocessSpec defaultPreprocessFor(const std::string& spec);

} // namespace qs
