#pragma once
// Applies a PreprocessSpec to decoded 8-bit images. Order: resize (bilinear, 8-bit, like PIL-based
// pipelines), center crop, channel conversion, then normalisation through a per-channel 256-entry lookup
// table computed in double precision, x = (pixel * scale - mean[c]) / std[c], written in the spec's layout.
// Keeping pixels 8-bit until the last step lets in-memory datasets store uint8 and makes loadBatch a
// table lookup. Immutable after construction, so safe to share between threads.

#include "core/data/dataset.h"
#include "core/data/preprocess_spec.h"

#include <opencv2/core.hpp>

#include <array>
#include <vector>

namespace qs {

class Preprocessor {
public:
    // sourceOrder: channel order of the images given to apply() (OpenCV decodes to BGR; IDX is gray,
    // CIFAR-10 RGB). sourceHeight/sourceWidth: the fixed source size, or 0 when images vary in size.
    // Throws qs::Error when the output shape cannot be fixed or mean/std do not match the channel count.
    Preprocessor(PreprocessSpec spec, ChannelOrder sourceOrder, int sourceHeight = 0, int sourceWidth = 0);

    const PreprocessSpec& spec() const { return m_spec; }
    SampleShape outputShape() const { return m_shape; }
    ChannelOrder outputOrder() const { return m_outputOrder; }
    // True when prepare() is the identity for fixed-size sources: apply() is a pure per-pixel lookup.
    bool isPointwise() const { return m_pointwise; }

    // Geometry and channel conversion only: the 8-bit image (outputShape() H x W x C) normalize() consumes.
    // Throws qs::Error when the image is smaller than the crop or has an unsupported depth/channel count.
    cv::Mat prepare(const cv::Mat& image) const;
    // prepared must be 8-bit with outputShape()'s size and channel count.
    void normalize(const cv::Mat& prepared, float* out) const;
    void apply(const cv::Mat& image, float* out) const { normalize(prepare(image), out); }

private:
    PreprocessSpec m_spec;
    ChannelOrder m_sourceOrder;
    ChannelOrder m_outputOrder;
    SampleShape m_shape;
    bool m_pointwise = false;
    std::vector<std::array<float, 256>> m_lut; // per output channel
};

} // namespace qs
