#include "app/gui/graph_view_data.h"

#include "core/quant/int8_coverage.h"
#include "core/quant/integer_flow.h"
#include "core/quant/plan_builder.h"

#include <QStringList>

#include <map>
#include <set>

namespace qs::gui {

namespace {

QString shapeText(const Graph& g, const std::string& value)
{
    const ValueInfo* info = g.info(value);
    if (!info || !info->shapeKnown)
        return {};
    QStringList dims;
    for (int64_t d : info->shape)
        dims << (d < 0 ? QStringLiteral("?") : QString::number(d));
    return dims.join(QChar(0xD7));
}

// The first input that is computed (not a constant), or "".
std::string dataInput(const Graph& g, const Node& node)
{
    for (const std::string& in : node.inputs)
        if (!in.empty() && !g.isConstant(in))
            return in;
    return {};
}

QString joined(const std::vector<std::string>& opTypes)
{
    QStringList list;
    for (const std::string& t : opTypes)
        list << QString::fromStdString(t);
    return list.join(QLatin1Char('+'));
}

} // namespace

widgets::GraphData graphViewData(const Graph& g, const QuantizedLayerFn& quantized)
{
    using widgets::GraphNodeKind;
    // The plan's structure for this choice of layers (ranges do not matter for what is stored as integers).
    const QuantizationPlan plan = buildQuantizationPlan(
        g, [&](const Node& n) { return !quantized || quantized(n) ? std::optional<LayerQuantSettings>(LayerQuantSettings{}) : std::nullopt; },
        [](const std::string&, const Node&, const LayerQuantSettings&) { return ValueRange{0.0f, 1.0f}; });
    std::map<std::string, LayerFacts> facts;
    for (LayerFacts& f : layerFacts(g, quantized))
        facts.emplace(f.node, std::move(f));
    std::map<std::string, std::string> islandReason; // multiply-accumulate nodes that stay FP32
    for (const LayerCoverage& c : int8Coverage(g, &plan).layers)
        if (!c.int8)
            islandReason[c.node] = c.fp32Reason;

    // How each node runs, and the chains: a layer with what the engine fuses into it, an integer Add with its
    // activations.
    const std::size_t n = g.nodes.size();
    std::vector<GraphNodeKind> kind(n, GraphNodeKind::Float);
    std::vector<QString> reason(n), fused(n);
    std::vector<std::vector<int>> chainAfter(n); // the nodes fused after node i
    std::vector<bool> inChain(n, false);
    auto indexOf = [&](const Node* node) { return static_cast<int>(node - g.nodes.data()); };
    for (std::size_t i = 0; i < n; ++i) {
        const Node& node = g.nodes[i];
        if (inChain[i] || node.outputs.empty())
            continue;
        const OpQuantTraits traits = quantTraitsOf(node);
        FusedChain chain;
        if (const auto f = facts.find(node.name); f != facts.end()) {
            kind[i] = plan.layer(node.name) ? GraphNodeKind::Int8 : GraphNodeKind::Fp32Island;
            if (!f->second.fused.empty()) {
                chain = integerLayerChain(g, node);
                fused[i] = joined(f->second.fused);
            }
        } else if (traits.role == QuantRole::PassThrough) {
            if (node.hasInput(0) && plan.activation(node.input(0)) && plan.activation(node.outputs[0]))
                kind[i] = GraphNodeKind::Int8;
        } else if (traits.role == QuantRole::Requantizing) {
            // As the plan builder decides: integer inputs (an Add: two computed ones) and an integer result. A
            // quantized result alone may be the reader's doing (a conv quantizing its input after an FP32 Add).
            const bool add = traits.residualAdd && node.inputs.size() == 2;
            bool integerInputs = true;
            for (const std::string& in : node.inputs)
                integerInputs = integerInputs && (add ? !g.isConstant(in) && plan.activation(in) : g.isConstant(in) || plan.activation(in));
            const FusedChain addChain = add ? integerAddChain(g, node) : FusedChain{nullptr, {}, {}, node.outputs[0]};
            if (integerInputs && plan.activation(addChain.end)) {
                kind[i] = GraphNodeKind::Int8;
                chain = addChain;
                fused[i] = joined(chain.fusedOpTypes());
            }
        }
        if (kind[i] != GraphNodeKind::Int8 && islandReason.count(node.name)) {
            kind[i] = GraphNodeKind::Fp32Island;
            reason[i] = QString::fromStdString(islandReason[node.name]);
        }
        std::vector<const Node*> members;
        if (chain.residualAdd)
            members.push_back(chain.residualAdd);
        members.insert(members.end(), chain.activations.begin(), chain.activations.end());
        for (const Node* member : members) {
            const int m = indexOf(member);
            inChain[static_cast<std::size_t>(m)] = true;
            kind[static_cast<std::size_t>(m)] = kind[i];
            reason[static_cast<std::size_t>(m)] = reason[i];
            chainAfter[i].push_back(m);
        }
    }

    // Nodes: graph inputs, then the graph's nodes with each chain right after its first node, then the outputs.
    widgets::GraphData data;
    std::set<QString> nodeNames;
    for (const Node& node : g.nodes)
        nodeNames.insert(QString::fromStdString(node.name));
    // A value's name can equal a node's; the view needs unique names.
    auto terminalName = [&](const std::string& value, const QString& suffix) {
        const QString name = QString::fromStdString(value);
        return nodeNames.count(name) ? name + suffix : name;
    };
    std::map<std::string, int> inputNode;
    for (const ValueInfo& in : g.inputs) {
        inputNode[in.name] = static_cast<int>(data.nodes.size());
        data.nodes.push_back({terminalName(in.name, QStringLiteral(" (input)")), {}, shapeText(g, in.name), GraphNodeKind::Input, {}, {}, {}});
    }
    std::vector<int> index(n, -1);
    auto addNode = [&](std::size_t i, const QString& group) {
        const Node& node = g.nodes[i];
        index[i] = static_cast<int>(data.nodes.size());
        data.nodes.push_back({QString::fromStdString(node.name), QString::fromStdString(node.opType), shapeText(g, dataInput(g, node)), kind[i],
                              reason[i], group, fused[i]});
    };
    for (std::size_t i = 0; i < n; ++i) {
        if (inChain[i])
            continue;
        const QString group = chainAfter[i].empty() ? QString() : QString::fromStdString(g.nodes[i].name);
        addNode(i, group);
        for (int m : chainAfter[i])
            addNode(static_cast<std::size_t>(m), group);
    }

    // Edges: one per (value, reader), from its producer or graph input; a border where int8 meets FP32.
    auto border = [&](int from, int to) {
        const bool a = data.nodes[static_cast<std::size_t>(from)].kind == GraphNodeKind::Int8;
        const bool b = data.nodes[static_cast<std::size_t>(to)].kind == GraphNodeKind::Int8;
        return a == b ? widgets::GraphBorder::None : b ? widgets::GraphBorder::Quantize : widgets::GraphBorder::Dequantize;
    };
    auto source = [&](const std::string& value) {
        const int p = g.producerOf(value);
        if (p >= 0)
            return index[static_cast<std::size_t>(p)];
        const auto in = inputNode.find(value);
        return in == inputNode.end() ? -1 : in->second;
    };
    for (std::size_t i = 0; i < n; ++i) {
        std::set<std::string> seen;
        for (const std::string& in : g.nodes[i].inputs) {
            if (in.empty() || g.isConstant(in) || !seen.insert(in).second)
                continue;
            const int from = source(in);
            if (from >= 0)
                data.edges.push_back({from, index[i], QString::fromStdString(in), border(from, index[i])});
        }
    }
    for (const ValueInfo& out : g.outputs) {
        const int from = source(out.name);
        const int to = static_cast<int>(data.nodes.size());
        data.nodes.push_back({terminalName(out.name, QStringLiteral(" (output)")), {}, shapeText(g, out.name), GraphNodeKind::Output, {}, {}, {}});
        if (from >= 0)
            data.edges.push_back({from, to, QString::fromStdString(out.name), border(from, to)});
    }
    return data;
}

QuantizedLayerFn quantizedByTable(const std::vector<LayerInfo>& layers, const std::vector<LayerConfig>& configs)
{
    std::set<std::string> int8;
    for (std::size_t i = 0; i < layers.size() && i < configs.size(); ++i)
        if (!configs[i].noQuant)
            int8.insert(layers[i].name.toStdString());
    return [int8](const Node& node) { return int8.count(node.name) != 0; };
}

} // namespace qs::gui
