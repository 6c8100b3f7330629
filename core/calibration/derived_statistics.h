#pragma once
// Activation statistics that calibration derives instead of reading the values again. A ReLU's output is
// max(x, 0) of its input, so its statistics come from the same pass over the input (ActivationStats::
// addWithRelu); a view (Flatten, Reshape, Squeeze, ...: the ops whose traits say so) that keeps the batch
// dimension, or folds it into rows, holds its input's numbers, so its statistics are a copy; a view that unfolds
// rows back into the batch lends its statistics to its input (read where dim 0 is the batch, so the padded rows
// of a last batch stay out). On a small CNN these values are
// about half the activation data, and reading them was most of calibration's cost beyond inference.

#include "core/ir/graph.h"
#include "core/stats/activation_stats.h"

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace qs {

struct DerivedStatistics {
    std::map<std::string, std::string> reluOf;                // value read -> ReLU output derived from it
    std::vector<std::pair<std::string, std::string>> copies;  // (value, value with the same numbers), in graph order
    std::set<std::string> derived;                            // values not to read: all of the above
};

DerivedStatistics planDerivedStatistics(const Graph& prepared);

// The graph the calibration pass runs: where a ReLU's statistics are derived and its only reader commutes
// with ReLU (max pooling), the two swap places (max pooling commutes with ReLU: max_i max(x_i, 0) = max(max_i x_i, 0)),
// so the ReLU runs on the pooled tensor and its full-size output, which nobody reads any more, is never
// computed. Every other value keeps its name and its numbers.
Graph graphForObservation(const Graph& prepared, const DerivedStatistics& plan);

// After the pass: fills in the copies (with their own shape).
void completeDerivedStatistics(const DerivedStatistics& plan, const Graph& prepared, std::map<std::string, ActivationStats>& values);

} // namespace qs
