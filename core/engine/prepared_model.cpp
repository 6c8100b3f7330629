#include "core/engine/prepared_model.h"

#include "core/transforms/prepare_graph.h"
#include "core/util/error.h"

namespace qs {

namespace {

std::string keyOf(const InputShapes& shapes)
{
    std::string key = "batch " + std::to_string(shapes.batch);
    for (const auto& [name, shape] : shapes.exact) {
        key += ";" + name + "=";
        for (int64_t d : shape)
            key += std::to_string(d) + "x";
    }
    return key;
}

} // namespace

PreparedModel::PreparedModel(std::shared_ptr<const Graph> model, bool equalizeChannels)
    : m_source(std::move(model)), m_equalizeChannels(equalizeChannels)
{
}

std::shared_ptr<const Graph> PreparedModel::graph(const InputShapes& shapes) const
{
    const std::string key = keyOf(shapes);
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_graphs.find(key); it != m_graphs.end())
            return it->second;
    }
    // Prepared outside the lock (it can take a while on a large model); a concurrent twin is harmless.
    auto prepared = std::make_shared<const Graph>(prepareGraph(*m_source, {shapes, true, m_equalizeChannels}));
    std::lock_guard lock(m_mutex);
    return m_graphs.try_emplace(key, std::move(prepared)).first->second;
}

std::shared_ptr<const CompiledModel> PreparedModel::compile(const InputShapes& shapes, const EngineOptions& options) const
{
    if (!options.foldBatchNorm)
        return CompiledModel::compile(*m_source, shapes, options);
    return CompiledModel::compilePrepared(graph(shapes), options);
}

InputShapes PreparedModel::runnableShapes(const InputShapes& wanted) const
{
    try {
        graph(wanted);
        return wanted;
    } catch (const Error&) {
        InputShapes single = wanted;
        single.batch = 1;
        for (auto& [name, shape] : single.exact)
            if (!shape.empty())
                shape[0] = 1;
        if (keyOf(single) == keyOf(wanted))
            throw;
        try {
            graph(single);
        } catch (const Error&) {
            throw; // batch 1 fails as well: its error (the same cause, at the batch the model declares)
        }
        return single;
    }
}

int PreparedModel::preparedCount() const
{
    std::lock_guard lock(m_mutex);
    return static_cast<int>(m_graphs.size());
}

} // namespace qs
