#pragma once
// torchvision-style ImageFolder: ROOT/<class>/**/<image>, classes are the sub-folders of ROOT sorted by
// name (class index = position), images are files with a known image extension (jpg, jpeg, png, ppm, bmp,
// pgm, tif, tiff, webp; any case) found recursively and sorted by path; other files are ignored.
//
// Corrupt files. Scanning does a cheap check of every candidate and leaves out, with the reason in
// skippedFiles(): zero-byte and unreadable files, files OpenCV does not recognise by signature, and JPEG/PNG
// files without their end marker (FF D9 / IEND in the last 4 KiB: the usual truncated download). With
// ImageFolderOptions::verifyDecode every image is also fully decoded at open, so the skip list is exact.
// A file that passes the scan but then fails to decode makes loadBatch() throw qs::Error with the file and
// sample index: a bad image never crashes and never becomes silent garbage.
//
// Prepared 8-bit samples (after resize/crop/channels) are cached up to cacheBytes, so repeated evaluations
// decode each image once. Thread-safe for concurrent loadBatch() calls.

#include "core/data/dataset.h"
#include "core/data/preprocessor.h"

#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace qs {

class Progress;

struct ImageFolderOptions {
    bool verifyDecode = false;
    // Every image in the tree, no classes (label -1): data for calibration and label-free fidelity.
    bool unlabelled = false;
    std::size_t cacheBytes = std::size_t(512) << 20;
};

class ImageFolderDataset final : public Dataset {
public:
    // Throws qs::Error when ROOT is not a folder, has no class folders or no usable image, or the
    // preprocessing does not give a fixed sample shape (images vary in size: use crop= or resize=HxW).
    ImageFolderDataset(const std::filesystem::path& root, const PreprocessSpec& spec, ImageFolderOptions options = {},
                       Progress* progress = nullptr);

    std::string name() const override;
    std::string description() const override;
    int64_t size() const override { return static_cast<int64_t>(m_samples.size()); }
    int numClasses() const override { return static_cast<int>(m_classNames.size()); }
    std::string className(int index) const override;
    int label(int64_t index) const override;
    SampleShape sampleShape() const override { return m_preprocessor.outputShape(); }
    const PreprocessSpec& preprocess() const override { return m_preprocessor.spec(); }
    void loadBatch(std::span<const int64_t> indices, float* out) const override;
    std::vector<SkippedFile> skippedFiles() const override { return m_skipped; }

    std::string filePath(int64_t index) const;
    static bool hasImageExtension(const std::filesystem::path& path);

private:
    struct Sample {
        std::string path;
        int label = 0;
    };
    void checkIndex(int64_t index) const;
    cv::Mat decode(int64_t index) const; // 8-bit BGR, or throws qs::Error

    std::filesystem::path m_root;
    std::vector<std::string> m_classNames;
    std::vector<Sample> m_samples;
    std::vector<SkippedFile> m_skipped;
    Preprocessor m_preprocessor;
    ImageFolderOptions m_options;

    mutable std::mutex m_cacheMutex;
    mutable std::vector<cv::Mat> m_cache; // prepared samples; empty Mat = not cached
    mutable std::size_t m_cacheUsed = 0;
};

} // namespace qs
