#pragma once
// A dataset held in memory as 8-bit HWC images of one size (IDX and CIFAR-10 load into this): the file is
// read and decompressed once, loadBatch() then only preprocesses (a table lookup when the spec needs no
// resize, crop or channel change). Immutable after construction, so concurrent reads are safe.

#include "core/data/dataset.h"
#include "core/data/preprocessor.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace qs {

struct InMemoryImages {
    std::string name;        // "Fashion-MNIST test"
    std::string source;      // file or folder the pixels came from (error context, description)
    int64_t count = 0;
    int height = 0;
    int width = 0;
    ChannelOrder order = ChannelOrder::Gray; // Gray: 1 channel; Rgb/Bgr: 3 interleaved
    std::vector<uint8_t> pixels;             // count * height * width * channels
    std::vector<int> labels;                 // count entries, or empty when unlabelled
    std::vector<std::string> classNames;
};

class InMemoryImageDataset final : public Dataset {
public:
    // Throws qs::Error when the pixel or label counts do not match, a label is out of range, or the
    // preprocessing cannot apply to images of this size.
    InMemoryImageDataset(InMemoryImages images, PreprocessSpec spec);

    std::string name() const override { return m_images.name; }
    std::string description() const override;
    int64_t size() const override { return m_images.count; }
    int numClasses() const override { return static_cast<int>(m_images.classNames.size()); }
    std::string className(int index) const override;
    int label(int64_t index) const override;
    SampleShape sampleShape() const override { return m_preprocessor.outputShape(); }
    const PreprocessSpec& preprocess() const override { return m_preprocessor.spec(); }
    void loadBatch(std::span<const int64_t> indices, float* out) const override;

    // The stored 8-bit pixels of one sample, HWC (thumbnails, tests).
    std::span<const uint8_t> rawPixels(int64_t index) const;
    const InMemoryImages& images() const { return m_images; }

private:
    void checkIndex(int64_t index) const;

    InMemoryImages m_images;
    Preprocessor m_preprocessor;
    std::size_t m_imageBytes = 0;
};

} // namespace qs
