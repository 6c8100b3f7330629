#pragma once
// Resize/Upsample geometry shared by the reference kernel and the oneDNN lowering, which uses it to check
// that oneDNN's resampling formula picks the same source positions and weights before taking a node.

#include "core/ir/graph.h"

#include <string>
#include <vector>

namespace qs {

struct ResizeSpec {
    std::string mode;        // nearest, linear, cubic
    std::string coordinates; // coordinate_transformation_mode
    std::string nearestMode;
    float cubicA = -0.75f;
    bool excludeOutside = false;
    float extrapolation = 0.0f;
    Shape out;
    std::vector<double> scales; // per axis
    std::vector<double> roi;    // [starts..., ends...] for tf_crop_and_resize
};

// From a node that inference has normalised (attributes _out, _scales, _roi; explicit modes).
ResizeSpec resizeSpecOf(const Node& node, const Shape& input);

struct ResizeTap {
    int64_t index; // source index along the axis, clamped into range
    double weight;
};
// The source taps of output coordinate `o` along `axis`; empty means "outside: use the extrapolation value".
std::vector<ResizeTap> resizeTaps(const ResizeSpec& spec, std::size_t axis, int64_t inLength, int64_t o);

} // namespace qs
