#pragma once
// QuantScope's own graph IR: what the ONNX importer produces and every pass, engine and view consumes.
// Nodes are kept in topological order; values are named; initializers hold constant tensors (weights and
// everything folded from them). Shapes may hold unknown dims (-1) until the input shape is fixed; after that, only
// counts a run decides (the boxes NonMaxSuppression selects, and what is computed from them) stay -1.

#include "core/ir/attributes.h"
#include "core/ir/tensor.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qs {

struct ValueInfo {
    std::string name;
    DataType dtype = DataType::Undefined;
    Shape shape;                       // -1 for an unknown dim (see the file comment)
    std::vector<std::string> dimNames; // symbolic dim names from the model ("batch", "N"), empty if none
    bool shapeKnown = false;           // false: rank unknown too
};

// Every dim known before any run: not a shape the data decides (NonMaxSuppression's selection) or an unknown rank.
inline bool hasFixedShape(const ValueInfo& value) { return value.shapeKnown && elementCount(value.shape) >= 0; }

struct Node {
    std::string name; // unique within the graph (the importer names unnamed nodes)
    std::string opType;
    std::string domain; // "" for the default ONNX domain
    std::vector<std::string> inputs;  // "" marks an omitted optional input
    std::vector<std::string> outputs;
    Attributes attributes;

    // "name (OpType)", the way errors and views refer to a node.
    std::string label() const { return name + " (" + opType + ")"; }
    // The i-th input name or "" when absent.
    const std::string& input(std::size_t i) const;
    bool hasInput(std::size_t i) const { return i < inputs.size() && !inputs[i].empty(); }
};

class Graph {
public:
    std::string name;
    std::string sourcePath; // the file it came from, for error messages
    int64_t opsetVersion = 0;
    std::string producer;

    std::vector<ValueInfo> inputs;  // runtime inputs (initializers excluded)
    std::vector<ValueInfo> outputs;
    std::vector<Node> nodes;
    std::map<std::string, Tensor> initializers;
    std::map<std::string, ValueInfo> values; // known type/shape of every value, filled by shape inference

    bool isConstant(const std::string& value) const { return initializers.count(value) != 0; }
    const Tensor* constant(const std::string& value) const;
    const ValueInfo* info(const std::string& value) const;

    // Index of the node producing a value, or -1 (graph input, initializer).
    int producerOf(const std::string& value) const;
    // Indices of the nodes that read a value, in node order.
    std::vector<int> consumersOf(const std::string& value) const;
    bool isGraphOutput(const std::string& value) const;
    const Node* findNode(const std::string& name) const;

    // Reorders nodes topologically (stable for already sorted graphs); throws on cycles or undefined inputs.
    void sortTopologically();
    // Drops nodes whose outputs nobody reads and initializers nobody uses.
    void removeDeadCode();
    // Rewires every reader of `from` to read `to` instead (graph outputs keep their name: see implementation).
    void replaceAllUses(const std::string& from, const std::string& to);

    // Total count of parameters (elements of float initializers read by nodes).
    int64_t parameterCount() const;
};

} // namespace qs
