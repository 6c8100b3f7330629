#include "core/ir/graph.h"

#include "core/util/error.h"

#include <set>
#include <unordered_map>

namespace qs {

const std::string& Node::input(std::size_t i) const
{
    static const std::string none;
    return i < inputs.size() ? inputs[i] : none;
}

const Tensor* Graph::constant(const std::string& value) const
{
    auto it = initializers.find(value);
    return it == initializers.end() ? nullptr : &it->second;
}

const ValueInfo* Graph::info(const std::string& value) const
{
    auto it = values.find(value);
    return it == values.end() ? nullptr : &it->second;
}

int Graph::producerOf(const std::string& value) const
{
    for (std::size_t i = 0; i < nodes.size(); ++i)
        for (const auto& out : nodes[i].outputs)
            if (out == value)
                return static_cast<int>(i);
    return -1;
}

std::vector<int> Graph::consumersOf(const std::string& value) const
{
    std::vector<int> result;
    for (std::size_t i = 0; i < nodes.size(); ++i)
        for (const auto& in : nodes[i].inputs)
            if (in == value) {
                result.push_back(static_cast<int>(i));
                break;
            }
    return result;
}

bool Graph::isGraphOutput(const std::string& value) const
{
    for (const auto& out : outputs)
        if (out.name == value)
            return true;
    return false;
}

const Node* Graph::findNode(const std::string& nodeName) const
{
    for (const auto& node : nodes)
        if (node.name == nodeName)
            return &node;
    return nullptr;
}

void Graph::sortTopologically()
{
    std::set<std::string> available;
    for (const auto& in : inputs)
        available.insert(in.name);
    for (const auto& [name, tensor] : initializers)
        available.insert(name);

    std::vector<Node> sorted;
    sorted.reserve(nodes.size());
    std::vector<bool> placed(nodes.size(), false);
    bool progress = true;
    while (sorted.size() < nodes.size() && progress) {
        progress = false;
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            if (placed[i])
                continue;
            bool ready = true;
            for (const auto& in : nodes[i].inputs)
                if (!in.empty() && !available.count(in)) {
                    ready = false;
                    break;
                }
            if (!ready)
                continue;
            placed[i] = true;
            progress = true;
            for (const auto& out : nodes[i].outputs)
                available.insert(out);
            sorted.push_back(std::move(nodes[i]));
        }
    }
    if (sorted.size() < nodes.size()) {
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            if (placed[i])
                continue;
            for (const auto& in : nodes[i].inputs)
                if (!in.empty() && !available.count(in))
                    throw Error("input '" + in + "' is produced by no node, initializer or graph input (or the graph has a cycle)",
                                {sourcePath, nodes[i].label()});
        }
    }
    nodes = std::move(sorted);
}

void Graph::removeDeadCode()
{
    std::set<std::string> live;
    for (const auto& out : outputs)
        live.insert(out.name);
    std::vector<Node> kept;
    for (auto it = nodes.rbegin(); it != nodes.rend(); ++it) {
        bool used = false;
        for (const auto& out : it->outputs)
            if (live.count(out))
                used = true;
        if (!used)
            continue;
        for (const auto& in : it->inputs)
            if (!in.empty())
                live.insert(in);
        kept.push_back(std::move(*it));
    }
    nodes.assign(std::make_move_iterator(kept.rbegin()), std::make_move_iterator(kept.rend()));
    for (auto it = initializers.begin(); it != initializers.end();)
        it = live.count(it->first) ? std::next(it) : initializers.erase(it);
}

void Graph::replaceAllUses(const std::string& from, const std::string& to)
{
    for (auto& node : nodes)
        for (auto& in : node.inputs)
            if (in == from)
                in = to;
    // A graph output keeps its public name: the node producing `to` is renamed to produce `from` instead.
    if (isGraphOutput(from)) {
        for (auto& node : nodes)
            for (auto& out : node.outputs)
                if (out == to)
                    out = from;
        for (auto& node : nodes)
            for (auto& in : node.inputs)
                if (in == to)
                    in = from;
        if (auto it = initializers.find(to); it != initializers.end()) {
            initializers[from] = it->second;
        }
    }
}

int64_t Graph::parameterCount() const
{
    std::set<std::string> used;
    for (const auto& node : nodes)
        for (const auto& in : node.inputs)
            used.insert(in);
    int64_t count = 0;
    for (const auto& [name, tensor] : initializers)
        if (used.count(name) && isFloatingPoint(tensor.dtype()))
            count += tensor.size();
    return count;
}

} // namespace qs
