#include "core/data/in_memory_dataset.h"

#include "core/util/error.h"

namespace qs {

InMemoryImageDataset::InMemoryImageDataset(InMemoryImages images, PreprocessSpec spec)
    : m_images(std::move(images)),
      m_preprocessor(std::move(spec), m_images.order, m_images.height, m_images.width)
{
    const ErrorContext where{m_images.source};
    if (m_images.count < 0 || m_images.height <= 0 || m_images.width <= 0)
        throw Error("dataset has invalid image dimensions", where);
    m_imageBytes = static_cast<std::size_t>(m_images.height) * static_cast<std::size_t>(m_images.width) *
                   static_cast<std::size_t>(channelCount(m_images.order));
    if (m_images.pixels.size() != m_imageBytes * static_cast<std::size_t>(m_images.count))
        throw Error("dataset pixel buffer does not hold " + std::to_string(m_images.count) + " images", where);
    if (!m_images.labels.empty() && m_images.labels.size() != static_cast<std::size_t>(m_images.count))
        throw Error("dataset has " + std::to_string(m_images.labels.size()) + " labels for " +
                        std::to_string(m_images.count) + " images",
                    where);
    const int classes = numClasses();
    for (std::size_t i = 0; i < m_images.labels.size(); ++i) {
        const int l = m_images.labels[i];
        if (l < 0 || (classes > 0 && l >= classes))
            throw Error("label " + std::to_string(l) + " out of range [0, " + std::to_string(classes) + ")",
                        {m_images.source, {}, 0, static_cast<long long>(i)});
    }
}

std::string InMemoryImageDataset::description() const
{
    return m_images.name + ": " + std::to_string(m_images.count) + " images " + std::to_string(m_images.height) + "x" +
           std::to_string(m_images.width) + " " + toString(m_images.order) + " from " + m_images.source + "; " +
           std::to_string(numClasses()) + " classes; preprocess " + formatSpec(preprocess()) + " -> " +
           toString(sampleShape());
}

std::string InMemoryImageDataset::className(int index) const
{
    if (index < 0 || index >= numClasses())
        throw Error("class index " + std::to_string(index) + " out of range", {m_images.source});
    return m_images.classNames[static_cast<std::size_t>(index)];
}

void InMemoryImageDataset::checkIndex(int64_t index) const
{
    if (index < 0 || index >= m_images.count)
        throw Error("sample index out of range [0, " + std::to_string(m_images.count) + ")",
                    {m_images.source, {}, 0, index});
}

int InMemoryImageDataset::label(int64_t index) const
{
    checkIndex(index);
    return m_images.labels.empty() ? -1 : m_images.labels[static_cast<std::size_t>(index)];
}

std::span<const uint8_t> InMemoryImageDataset::rawPixels(int64_t index) const
{
    checkIndex(index);
    return {m_images.pixels.data() + static_cast<std::size_t>(index) * m_imageBytes, m_imageBytes};
}

void InMemoryImageDataset::loadBatch(std::span<const int64_t> indices, float* out) const
{
    const std::size_t stride = static_cast<std::size_t>(sampleShape().elements());
    const int type = CV_8UC(channelCount(m_images.order));
    for (std::size_t i = 0; i < indices.size(); ++i) {
        const auto pixels = rawPixels(indices[i]);
        // A header over the stored bytes, no copy; OpenCV only reads it.
        const cv::Mat image(m_images.height, m_images.width, type, const_cast<uint8_t*>(pixels.data()));
        try {
            if (m_preprocessor.isPointwise())
                m_preprocessor.normalize(image, out + i * stride);
            else
                m_preprocessor.apply(image, out + i * stride);
        } catch (const Error& e) {
            throw Error(e.message(), {m_images.source, {}, 0, indices[i]});
        }
    }
}

} // namespace qs
