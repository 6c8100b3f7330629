#pragma once
// CIFAR-10 binary version: each batch file is a sequence of 3073-byte records, one label byte (0..9)
// then 1024 red, 1024 green and 1024 blue bytes of a 32x32 image (row-major planes). DIR holds
// data_batch_1..5.bin (train) and test_batch.bin (test), or a cifar-10-batches-bin/ folder with them;
// batches.meta.txt, if present, names the classes one per line. A file whose size is not a positive
// multiple of 3073, or a label > 9, throws qs::Error naming the file (and sample).

#include "core/data/dataset.h"
#include "core/data/in_memory_dataset.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace qs {

class Progress;

std::vector<std::string> cifar10DefaultClassNames();

// Appends the records of one batch file to images (RGB, interleaved) and labels.
void readCifar10Batch(const std::filesystem::path& path, std::vector<uint8_t>& pixels, std::vector<int>& labels);

std::unique_ptr<InMemoryImageDataset> openCifar10(const std::filesystem::path& dir, Split split,
                                                  const PreprocessSpec& spec, Progress* progress = nullptr);

} // namespace qs
