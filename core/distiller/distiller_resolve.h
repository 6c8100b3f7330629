#pragma once
// Distiller's override semantics on an ONNX graph, both ways.
//
// toPtqConfig() resolves, for every quantizable node of the prepared graph, which override applies:
//  - A node is known by several names: its ONNX name ("/layer1/layer1.0/conv1/Conv"), its PyTorch module
//    path ("layer1.0.conv1", see distillerModulePath()) and, for an Add inside a module, Distiller's EltwiseAdd
//    module name ("/layer1/layer1.0/Add" -> "layer1.0.add", as in Distiller's ResNets).
//  - A key equal to one of these names wins (Distiller looks the module name up in the overrides first);
//    otherwise the first key in file order whose regex matches one of the names. Distiller joins the keys
//    into `(^k1$)|(^k2$)|...` and calls re.match, so a key matches a whole name; we compile each key as
//    `(^key$)` and match it at the start the same way (a top-level `|` in a key behaves as in Distiller).
//  - Unset keys of the override inherit the global settings; null bits mean "not quantized".
// Differences from Python's re: keys use std::regex ECMAScript syntax, so Python-only constructs
// ((?P<name>...), inline flags (?i), \A, \Z, lookbehind) are rejected with the key's line; Python's `$` also
// matches before a trailing newline (layer names have none). Distiller maps keys with their own capture
// groups to the wrong override (it counts groups); we attribute each match to its own key.
// What int8 execution cannot honour is a note on the layer: layers with only weights or only activations
// quantized (Distiller's fake quantization), or with more than 8 bits, stay FP32. SYMMETRIC_RESTRICTED runs
// on Distiller's restricted grid.
//
// fromPtqConfig() is the reverse, for exporting: the global settings from the defaults plus one override
// per quantizable layer whose effective settings differ, keyed by its module path (or, where that is not
// unique, its node name) escaped as a regex, setting only the keys that differ.

#include "core/distiller/distiller_config.h"
#include "core/ir/graph.h"
#include "core/ptq/ptq_config.h"

#include <map>
#include <string>
#include <vector>

namespace qs {

struct DistillerMatch {
    std::string node;        // node name in the prepared graph
    std::string opType;
    std::string matchedName; // which of the node's names the key matched; empty: global settings
    std::string pattern;     // the override key; empty: global settings
    int line = 0;            // line of the key
    bool exact = false;      // the key equals the name (rather than matching as a regex)
    LayerPtqSettings settings;
    std::vector<std::string> notes; // where QuantScope's execution differs from Distiller's for this layer
};

// The PyTorch module path of an exported node name: "/layer1/layer1.0/conv1/Conv" -> "layer1.0.conv1",
// "/layer2/layer2.0/downsample/downsample.0/Conv" -> "layer2.0.downsample.0" (a Sequential's children repeat
// its attribute name, which modulePath() in core/ptq does not yet undo: it gives "layer2.0.downsample.downsample.0").
std::string distillerModulePath(const std::string& nodeName);
// The names a Distiller override key is matched against, most specific first: the node name, its module
// path (and modulePath()'s, where it differs) and, for an Add, "<module>.add".
std::vector<std::string> distillerNames(const Node& node);
// Empty when `pattern` compiles as an override key; otherwise why not.
std::string distillerPatternError(const std::string& pattern);
// Distiller's re.match('(^pattern$)', name). Throws qs::Error for a pattern that does not compile.
bool distillerPatternMatches(const std::string& pattern, const std::string& name);
// `text` with regex metacharacters escaped, so that it matches only itself.
std::string escapeRegex(const std::string& text);

// Throws qs::Error (with the key's line) where Distiller would refuse the configuration for this graph:
// N_STD clipping without clip_n_stds, or settings on a layer that is not quantized.
// Overrides that match no layer are reported in `warnings`.
PtqConfig toPtqConfig(const DistillerConfig& config, const Graph& prepared, std::vector<DistillerMatch>* report = nullptr,
                      std::vector<DistillerWarning>* warnings = nullptr);

// The override key fromPtqConfig() writes for each quantizable node (by node name): the escaped module
// path where it names that layer only, otherwise the escaped node name.
std::map<std::string, std::string> distillerOverrideKeys(const Graph& prepared);

DistillerConfig fromPtqConfig(const PtqConfig& config, const Graph& prepared);

} // namespace qs
