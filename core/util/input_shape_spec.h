#pragma once
// A model input's shape as a user writes it: "x=1x3x48x192" (named) or "1x3x640x640" (the model's only input).
// For models exported with dynamic dimensions ([?, 3, ?, ?]): the CLI's --input-shape and the `input_shape`
// key of MODEL.preprocess.yaml. The first dim is the batch the user has in mind; evaluation may run another.

#include <cstdint>
#include <string>
#include <vector>

namespace qs {

struct InputShapeSpec {
    std::string input;          // empty: the model's only input
    std::vector<int64_t> dims;  // every dim positive

    bool operator==(const InputShapeSpec&) const = default;
};

// Throws qs::Error naming the text for a missing or non-positive dim, or more than 8 dims.
InputShapeSpec parseInputShapeSpec(const std::string& text);
std::string toString(const InputShapeSpec& spec); // the form parseInputShapeSpec reads

} // namespace qs
