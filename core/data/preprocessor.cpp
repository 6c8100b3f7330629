#include "core/data/preprocessor.h"

#include "core/util/error.h"

#include <opencv2/imgproc.hpp>

namespace qs {

namespace {

std::string sizeText(int h, int w)
{
    return std::to_string(h) + "x" + std::to_string(w);
}

// torchvision Resize(N): the shorter side becomes N, the longer one int(N * long / short).
cv::Size shorterSideSize(int height, int width, int side)
{
    if (height <= width)
        return {static_cast<int>(static_cast<int64_t>(side) * width / height), side};
    return {side, static_cast<int>(static_cast<int64_t>(side) * height / width)};
}

} // namespace

Preprocessor::Preprocessor(PreprocessSpec spec, ChannelOrder sourceOrder, int sourceHeight, int sourceWidth)
    : m_spec(std::move(spec)), m_sourceOrder(sourceOrder)
{
    m_outputOrder = m_spec.channels.value_or(sourceOrder == ChannelOrder::Gray ? ChannelOrder::Gray : ChannelOrder::Rgb);
    const int channels = channelCount(m_outputOrder);

    int height = 0, width = 0;
    if (m_spec.cropHeight > 0) {
        height = m_spec.cropHeight;
        width = m_spec.cropWidth;
    } else if (m_spec.resizeHeight > 0) {
        height = m_spec.resizeHeight;
        width = m_spec.resizeWidth;
    } else if (sourceHeight > 0 && sourceWidth > 0) {
        const cv::Size size = m_spec.resizeShorter > 0 ? shorterSideSize(sourceHeight, sourceWidth, m_spec.resizeShorter)
                                                       : cv::Size(sourceWidth, sourceHeight);
        height = size.height;
        width = size.width;
    } else {
        throw Error("preprocess: images of varying size need crop=N or resize=HxW to give one sample shape");
    }
    m_shape = {channels, height, width, m_spec.layout};

    for (const auto* values : {&m_spec.mean, &m_spec.std}) {
        if (values->size() > 1 && static_cast<int>(values->size()) != channels)
            throw Error("preprocess: " + std::string(values == &m_spec.mean ? "mean" : "std") + " has " +
                        std::to_string(values->size()) + " values but channels=" + toString(m_outputOrder) + " gives " +
                        std::to_string(channels));
    }
    for (double s : m_spec.std)
        if (s == 0)
            throw Error("preprocess: std must not be 0");

    m_lut.resize(static_cast<std::size_t>(channels));
    for (int c = 0; c < channels; ++c) {
        const auto pick = [c](const std::vector<double>& v, double fallback) {
            return v.empty() ? fallback : v[v.size() == 1 ? 0 : static_cast<std::size_t>(c)];
        };
        const double mean = pick(m_spec.mean, 0.0);
        const double stddev = pick(m_spec.std, 1.0);
        for (int p = 0; p < 256; ++p)
            m_lut[static_cast<std::size_t>(c)][static_cast<std::size_t>(p)] =
                static_cast<float>((p * m_spec.scale - mean) / stddev);
    }

    if (sourceHeight > 0 && sourceWidth > 0 && m_outputOrder == m_sourceOrder) {
        cv::Size resized(sourceWidth, sourceHeight);
        if (m_spec.resizeShorter > 0)
            resized = shorterSideSize(sourceHeight, sourceWidth, m_spec.resizeShorter);
        else if (m_spec.resizeHeight > 0)
            resized = cv::Size(m_spec.resizeWidth, m_spec.resizeHeight);
        m_pointwise = resized == cv::Size(sourceWidth, sourceHeight) && height == sourceHeight && width == sourceWidth;
    }
}

cv::Mat Preprocessor::prepare(const cv::Mat& image) const
{
    if (image.depth() != CV_8U || (image.channels() != 1 && image.channels() != 3))
        throw Error("preprocess: expected an 8-bit image with 1 or 3 channels, got type " + std::to_string(image.type()));
    if (image.empty())
        throw Error("preprocess: empty image");
    if ((image.channels() == 1) != (m_sourceOrder == ChannelOrder::Gray))
        throw Error("preprocess: image has " + std::to_string(image.channels()) + " channels, source order is " +
                    toString(m_sourceOrder));

    cv::Mat current = image;
    cv::Size target;
    if (m_spec.resizeShorter > 0)
        target = shorterSideSize(image.rows, image.cols, m_spec.resizeShorter);
    else if (m_spec.resizeHeight > 0)
        target = cv::Size(m_spec.resizeWidth, m_spec.resizeHeight);
    if (!target.empty() && target != current.size()) {
        cv::Mat resized;
        cv::resize(current, resized, target, 0, 0, cv::INTER_LINEAR);
        current = resized;
    }

    if (m_spec.cropHeight > 0) {
        if (current.rows < m_spec.cropHeight || current.cols < m_spec.cropWidth)
            throw Error("preprocess: image " + sizeText(current.rows, current.cols) + " is smaller than crop " +
                        sizeText(m_spec.cropHeight, m_spec.cropWidth));
        const int top = (current.rows - m_spec.cropHeight) / 2;
        const int left = (current.cols - m_spec.cropWidth) / 2;
        current = current(cv::Rect(left, top, m_spec.cropWidth, m_spec.cropHeight));
    }

    if (current.rows != m_shape.height || current.cols != m_shape.width)
        throw Error("preprocess: image is " + sizeText(current.rows, current.cols) + " after resize/crop, expected " +
                    sizeText(static_cast<int>(m_shape.height), static_cast<int>(m_shape.width)));

    // Four channels: the colour order first, then an opaque alpha appended.
    const bool alpha = m_outputOrder == ChannelOrder::Rgba || m_outputOrder == ChannelOrder::Bgra;
    const ChannelOrder colour = m_outputOrder == ChannelOrder::Rgba ? ChannelOrder::Rgb : m_outputOrder == ChannelOrder::Bgra ? ChannelOrder::Bgr : m_outputOrder;
    if (m_sourceOrder != colour) {
        int code = -1;
        if (m_sourceOrder == ChannelOrder::Gray)
            code = colour == ChannelOrder::Rgb ? cv::COLOR_GRAY2RGB : cv::COLOR_GRAY2BGR;
        else if (colour == ChannelOrder::Gray)
            code = m_sourceOrder == ChannelOrder::Rgb ? cv::COLOR_RGB2GRAY : cv::COLOR_BGR2GRAY;
        else
            code = cv::COLOR_RGB2BGR; // a swap either way
        cv::Mat converted;
        cv::cvtColor(current, converted, code);
        current = converted;
    }
    if (alpha) {
        cv::Mat withAlpha;
        cv::cvtColor(current, withAlpha, cv::COLOR_BGR2BGRA); // appends alpha = 255 whatever the colour order
        current = withAlpha;
    }
    return current;
}

void Preprocessor::normalize(const cv::Mat& prepared, float* out) const
{
    const int channels = static_cast<int>(m_shape.channels);
    const int height = static_cast<int>(m_shape.height);
    const int width = static_cast<int>(m_shape.width);
    if (prepared.depth() != CV_8U || prepared.channels() != channels || prepared.rows != height || prepared.cols != width)
        throw Error("preprocess: internal shape mismatch before normalisation");

    const std::size_t plane = static_cast<std::size_t>(height) * static_cast<std::size_t>(width);
    for (int y = 0; y < height; ++y) {
        const uint8_t* row = prepared.ptr<uint8_t>(y);
        if (channels == 1) {
            const auto& lut = m_lut[0];
            float* dst = out + static_cast<std::size_t>(y) * width;
            for (int x = 0; x < width; ++x)
                dst[x] = lut[row[x]];
        } else if (m_shape.layout == Layout::Nchw) {
            for (int c = 0; c < channels; ++c) {
                const auto& lut = m_lut[static_cast<std::size_t>(c)];
                float* dst = out + c * plane + static_cast<std::size_t>(y) * width;
                for (int x = 0; x < width; ++x)
                    dst[x] = lut[row[x * channels + c]];
            }
        } else {
            float* dst = out + static_cast<std::size_t>(y) * width * channels;
            for (int i = 0; i < width * channels; ++i)
                dst[i] = m_lut[static_cast<std::size_t>(i % channels)][row[i]];
        }
    }
}

} // namespace qs
