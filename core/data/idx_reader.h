#pragma once
// IDX files (MNIST, Fashion-MNIST): a 4-byte magic (0, 0, element type, rank), rank big-endian uint32
// dims, then the row-major data. Plain or gzip-compressed (zlib's gzread reads both transparently).
// Only unsigned-byte data (type 0x08) is supported. Every malformation (bad magic, wrong rank, truncated
// or over-long data, image/label count mismatch, label out of range) throws qs::Error naming the file.

#include "core/data/dataset.h"
#include "core/data/in_memory_dataset.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace qs {

class Progress;

struct IdxArray {
    std::vector<int64_t> dims;
    std::vector<uint8_t> data; // product(dims) bytes
};

IdxArray readIdxFile(const std::filesystem::path& path, Progress* progress = nullptr);

enum class IdxFlavor { Mnist, FashionMnist };

// The ten class names ("T-shirt/top" ... "Ankle boot" for Fashion-MNIST, "0" ... "9" for MNIST).
std::vector<std::string> idxClassNames(IdxFlavor flavor);

// An images file (N x H x W) and a labels file (N) as a gray in-memory dataset.
std::unique_ptr<InMemoryImageDataset> openIdxDataset(const std::filesystem::path& imagesPath,
                                                     const std::filesystem::path& labelsPath, std::string name,
                                                     std::vector<std::string> classNames, const PreprocessSpec& spec,
                                                     Progress* progress = nullptr);

// DIR holding train-/t10k-{images-idx3,labels-idx1}-ubyte, each plain or .gz (also the "images.idx3-ubyte"
// spelling). Throws qs::Error listing what was looked for when a file is missing.
std::unique_ptr<InMemoryImageDataset> openIdxDirectory(const std::filesystem::path& dir, IdxFlavor flavor,
                                                       Split split, const PreprocessSpec& spec,
                                                       Progress* progress = nullptr);

} // namespace qs
