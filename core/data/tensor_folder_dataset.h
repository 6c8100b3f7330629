#pragma once
// tensors:DIR: samples already prepared and saved with NumPy, one per file: every .npy and .npz under DIR
// (recursively, sorted by path; any case; other files ignored). A file holds one sample, [C, H, W] or
// [1, C, H, W] (the batch dimension of 1 is dropped); an .npz holds exactly one such array (np.savez or
// np.savez_compressed with one array). The values are used as stored, converted to float: no resize, no
// normalisation. Of the PreprocessSpec given only `layout` counts: with nhwc the arrays are read as
// [H, W, C]. preprocess() says exactly that. Unlabelled (label -1, no classes).
//
// Opening reads only headers (for an .npz its central directory and the member's .npy header, inflating just
// that prefix) and leaves out, with the reason in skippedFiles(), files that are unreadable or corrupt, hold
// an unsupported dtype or a shape that is no sample, or whose sample shape differs from the first usable
// file's. An .npz with several arrays is not damage but a layout the evaluation cannot use yet (a multi-input
// model, or inputs saved beside labels): it stops the open with an error naming its arrays rather than being
// left out quietly. loadBatch() reads the file again each time (no cache; the OS has one), so a file that
// passed the scan but is corrupt past its header (or changed since) throws qs::Error with the file and the
// sample index. Thread-safe for concurrent loadBatch() calls: nothing is shared but immutable members.

#include "core/data/dataset.h"

#include <filesystem>
#include <string>
#include <vector>

namespace qs {

class Progress;

class TensorFolderDataset final : public Dataset {
public:
    // Throws qs::Error when ROOT is not a folder, holds no usable file (the first skip reason is quoted),
    // or holds an .npz with several arrays.
    TensorFolderDataset(const std::filesystem::path& root, const PreprocessSpec& spec, Progress* progress = nullptr);

    std::string name() const override;
    std::string description() const override;
    int64_t size() const override { return static_cast<int64_t>(m_files.size()); }
    int numClasses() const override { return 0; }
    std::string className(int index) const override;
    int label(int64_t index) const override;
    SampleShape sampleShape() const override { return m_shape; }
    const PreprocessSpec& preprocess() const override { return m_spec; }
    void loadBatch(std::span<const int64_t> indices, float* out) const override;
    std::vector<SkippedFile> skippedFiles() const override { return m_skipped; }

    std::string filePath(int64_t index) const;
    static bool hasTensorExtension(const std::filesystem::path& path);

private:
    void checkIndex(int64_t index) const;

    std::filesystem::path m_root;
    std::vector<std::string> m_files;
    std::vector<SkippedFile> m_skipped;
    std::vector<int64_t> m_dims; // the sample's dims as stored (batch dimension dropped): m_shape.dims()
    SampleShape m_shape;
    PreprocessSpec m_spec;
};

} // namespace qs
