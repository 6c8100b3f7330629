#pragma once
// tensors:DIR: samples already prepared and saved with NumPy, one per file: every .npy and .npz under DIR
// (recursively, sorted by path; any case; other files ignored). The values are used as stored, converted to
// float: no resize, no normalisation. Unlabelled (label -1, no classes). Two kinds of folder:
//  - one array per sample (.npy, or .npz of one array): [C, H, W] or [1, C, H, W] (the batch dimension of 1 is
//    dropped); of the PreprocessSpec given only `layout` counts: with nhwc the arrays are read as [H, W, C].
//  - several arrays per sample, for a model of several inputs: each .npz holds one array per model input, named
//    after it (np.savez(f, image=..., im_shape=...)); any rank and dtype, shapes as stored (a leading batch
//    dimension of 1 may be there or not: the model feed decides by the input's rank). sampleArrays() names them
//    (sorted by name), loadArrays() loads them; sampleShape() and loadBatch() throw, as there is no one shape.
// The first usable file decides which kind, and its arrays' names and shapes. preprocess() says exactly that.
//
// Opening reads only headers (for an .npz its central directory and each member's .npy header, inflating just
// that prefix) and leaves out, with the reason in skippedFiles(), files that are unreadable or corrupt, hold
// an unsupported dtype or a shape that is no sample, or whose arrays or shapes differ from the first usable
// file's. loadBatch()/loadArrays() read the file again each time (no cache; the OS has one), so a file that
// passed the scan but is corrupt past its header (or changed since) throws qs::Error with the file and the
// sample index. Thread-safe for concurrent loads: nothing is shared but immutable members.

#include "core/data/dataset.h"

#include <filesystem>
#include <string>
#include <vector>

namespace qs {

class Progress;

class TensorFolderDataset final : public Dataset {
public:
    // Throws qs::Error when ROOT is not a folder or holds no usable file (the first skip reason is quoted).
    TensorFolderDataset(const std::filesystem::path& root, const PreprocessSpec& spec, Progress* progress = nullptr);

    std::string name() const override;
    std::string description() const override;
    int64_t size() const override { return static_cast<int64_t>(m_files.size()); }
    int numClasses() const override { return 0; }
    std::string className(int index) const override;
    int label(int64_t index) const override;
    SampleShape sampleShape() const override;
    const PreprocessSpec& preprocess() const override { return m_spec; }
    void loadBatch(std::span<const int64_t> indices, float* out) const override;
    std::vector<SampleArray> sampleArrays() const override;
    void loadArrays(std::span<const int64_t> indices, std::span<float* const> out) const override;
    std::vector<SkippedFile> skippedFiles() const override { return m_skipped; }

    std::string filePath(int64_t index) const;
    static bool hasTensorExtension(const std::filesystem::path& path);

private:
    void checkIndex(int64_t index) const;

    std::filesystem::path m_root;
    std::vector<std::string> m_files;
    std::vector<SkippedFile> m_skipped;
    std::vector<int64_t> m_dims; // one array per sample: its dims as stored (batch dimension dropped): m_shape.dims()
    SampleShape m_shape;
    std::vector<SampleArray> m_arrays; // several arrays per sample: them, by name; empty for one array
    PreprocessSpec m_spec;
};

} // namespace qs
