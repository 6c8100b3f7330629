#pragma once
// What a model expects of its input, as data: geometry (resize, center crop), channel order, memory
// layout and normalisation x = (pixel * scale - mean[c]) / std[c]. Parsed from a compact CLI string
// ("resize=256,crop=224,channels=rgb,layout=nchw,scale=1/255,mean=0.485:0.456:0.406,std=0.229:0.224:0.225")
// or from a `key: value` sidecar file next to the model; formatSpec() gives the canonical compact string and
// parsePreprocessSpec(formatSpec(s)) == s. Bad keys or values throw qs::Error naming them (and file/line).

#include "core/util/input_shape_spec.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace qs {

// Rgba / Bgra: the colour channels and an opaque alpha (255 before scale, mean and std) for models that take four.
enum class ChannelOrder { Gray, Rgb, Bgr, Rgba, Bgra };
enum class Layout { Nchw, Nhwc };

int channelCount(ChannelOrder order);
std::string toString(ChannelOrder order);
std::string toString(Layout layout);

struct PreprocessSpec {
    // resize=N: shorter side to N keeping the aspect ratio (torchvision Resize(N)); resize=HxW: exact size.
    // Bilinear, on 8-bit pixels. 0 = no resize.
    int resizeShorter = 0;
    int resizeHeight = 0;
    int resizeWidth = 0;
    // crop=N or crop=HxW: center crop (offset floor((size - crop) / 2)). 0 = no crop.
    int cropHeight = 0;
    int cropWidth = 0;
    // Unset: the source's own (gray stays gray, colour becomes rgb).
    std::optional<ChannelOrder> channels;
    Layout layout = Layout::Nchw;
    double scale = 1.0;
    // One value (all channels) or one per channel; empty = mean 0, std 1.
    std::vector<double> mean;
    std::vector<double> std;
    // input_shape=NAME=1x3x48x192 (several separated by ';'): the model's input shapes where the model leaves
    // dims dynamic. Image data with no resize/crop is resized to it (sizedToInputShape).
    std::vector<InputShapeSpec> inputShapes;

    bool operator==(const PreprocessSpec&) const = default;

    // Fashion-MNIST reference models: gray 28x28, x = (pixel/255 - 0.2860) / 0.3530.
    static PreprocessSpec fashionMnist();
};

// `spec` with resize=HxW from its single rank-4 input shape (by its layout) when it sets neither resize nor crop.
PreprocessSpec sizedToInputShape(PreprocessSpec spec);

// Compact form; an empty string gives the default spec (raw pixels, NCHW).
PreprocessSpec parsePreprocessSpec(const std::string& text);
std::string formatSpec(const PreprocessSpec& spec);

// Applies one `key=value` (compact) or `key: value` (sidecar) setting; throws qs::Error naming key and value.
void applyPreprocessSetting(PreprocessSpec& spec, const std::string& key, const std::string& value);

// Sidecar: one `key: value` per line, `#` comments, blank lines ignored; lists as `[a, b, c]` or `a:b:c`;
// values may be quoted. Errors carry the file and the 1-based line.
PreprocessSpec loadPreprocessSidecar(const std::filesystem::path& path);
PreprocessSpec parsePreprocessSidecar(const std::string& text, const std::string& fileName = {});
std::string formatPreprocessSidecar(const PreprocessSpec& spec);
// `<dir>/<stem>.preprocess.yaml` or `<dir>/<model file name>.preprocess.yaml`, whichever exists first.
std::optional<std::filesystem::path> findPreprocessSidecar(const std::filesystem::path& modelPath);

} // namespace qs
