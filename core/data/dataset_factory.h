#pragma once
// Opens a dataset from a CLI-style spec "KIND:PATH":
//   fashion-mnist:DIR, mnist:DIR  IDX files (plain or .gz), split train/test
//   cifar10:DIR                   CIFAR-10 binary batches, split train/test
//   imagefolder:DIR               ROOT/<class>/<image>; has no train/test partition, split is ignored
//   images:DIR                    every image under DIR, no labels (calibration, fidelity); split is ignored
//   tensors:DIR                   every .npy/.npz under DIR, one prepared sample each, used as stored (only the
//                                 spec's layout counts), no labels; split is ignored. An .npz may hold one array
//                                 per model input, named after it (see tensor_folder_dataset.h)
// Image folders whose preprocessing gives no size take it from the spec's input_shape.
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
// crop 224 for labelled image folders; for unlabelled images: RGB pixels / 255 at the size of the model's
// input_shape (no mean/std: a model's own normalisation must come from its sidecar or --preprocess); for
// tensors: nothing (NCHW, values as stored).
PreprocessSpec defaultPreprocessFor(const std::string& spec);

} // namespace qs
