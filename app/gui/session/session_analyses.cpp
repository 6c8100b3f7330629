#include "app/gui/session/session_analyses.h"

#include "app/gui/session/session_json.h"

#include <QJsonArray>
#include <QObject>

#include <cmath>
#include <limits>
#include <vector>

namespace qs::gui {

namespace {

// Reads the values of one JSON object strictly: a missing key or a wrong type is an error naming the file and
// the key's whole path in the session ("sensitivity.layers[2].probes[0].top1"), never a silent default.
class Reader {
public:
    Reader(const QString& path, const QJsonObject& object, const QString& where) : m_path(path), m_object(object), m_where(where) {}

    QString key(const char* name) const { return m_where + QLatin1Char('.') + QLatin1String(name); }
    double number(const char* name) const { return measuredFromJson(m_path, m_object.value(QLatin1String(name)), key(name)); }
    // A number added in a later version: NaN (not measured) when the key is missing, strict otherwise.
    double optionalNumber(const char* name) const
    {
        return m_object.contains(QLatin1String(name)) ? number(name) : std::numeric_limits<double>::quiet_NaN();
    }
    // A whole number from 0 to `most`; never a cast of 1e300 to an integer (undefined behaviour).
    qint64 count(const char* name, double most = 9.2e18) const
    {
        const QJsonValue v = m_object.value(QLatin1String(name));
        const double d = v.toDouble(-1);
        if (!v.isDouble() || !(d >= 0 && d <= most) || d != std::floor(d))
            failSession(m_path, QObject::tr("'%1' is not a count").arg(key(name)));
        return static_cast<qint64>(d);
    }
    bool flag(const char* name) const
    {
        const QJsonValue v = m_object.value(QLatin1String(name));
        if (!v.isBool())
            failSession(m_path, QObject::tr("'%1' is not true or false").arg(key(name)));
        return v.toBool();
    }
    std::string text(const char* name) const
    {
        const QJsonValue v = m_object.value(QLatin1String(name));
        if (!v.isString())
            failSession(m_path, QObject::tr("'%1' is not a string").arg(key(name)));
        return v.toString().toStdString();
    }
    QJsonArray array(const char* name) const
    {
        const QJsonValue v = m_object.value(QLatin1String(name));
        if (!v.isArray())
            failSession(m_path, QObject::tr("'%1' is not a list").arg(key(name)));
        return v.toArray();
    }
    // Member `name`, which must be an object.
    Reader object(const char* name) const
    {
        const QJsonValue v = m_object.value(QLatin1String(name));
        if (!v.isObject())
            failSession(m_path, QObject::tr("'%1' is not an object").arg(key(name)));
        return Reader(m_path, v.toObject(), key(name));
    }
    // The i-th element of array `name`, which must be an object.
    Reader element(const QJsonArray& array, const char* name, qsizetype i) const
    {
        const QString where = key(name) + QStringLiteral("[%1]").arg(i);
        if (!array.at(i).isObject())
            failSession(m_path, QObject::tr("'%1' is not an object").arg(where));
        return Reader(m_path, array.at(i).toObject(), where);
    }
    std::map<QString, LayerConfig> configs(const char* name) const
    {
        const QJsonValue v = m_object.value(QLatin1String(name));
        if (!v.isObject())
            failSession(m_path, QObject::tr("'%1' is not an object").arg(key(name)));
        std::map<QString, LayerConfig> out;
        const QJsonObject layers = v.toObject();
        for (auto it = layers.begin(); it != layers.end(); ++it)
            out[it.key()] = layerConfigFromJson(m_path, it.key(), it.value().toObject());
        return out;
    }

private:
    QString m_path;
    QJsonObject m_object;
    QString m_where;
};

QJsonObject configsToJson(const std::map<QString, LayerConfig>& configs)
{
    QJsonObject out;
    for (const auto& [name, config] : configs)
        out[name] = layerConfigToJson(config);
    return out;
}

QJsonObject layerErrorsToJson(const LayerErrorReport& r, const std::map<QString, LayerConfig>& config)
{
    QJsonArray layers;
    for (const LayerError& e : r.layers)
        layers.append(QJsonObject{{"node", QString::fromStdString(e.node)},
                                  {"op_type", QString::fromStdString(e.opType)},
                                  {"value", QString::fromStdString(e.value)},
                                  {"accumulated_db", measuredToJson(e.accumulatedDb)},
                                  {"accumulated_twin_db", measuredToJson(e.accumulatedTwinDb)},
                                  {"isolated_db", measuredToJson(e.isolatedDb)},
                                  {"isolated_twin_db", measuredToJson(e.isolatedTwinDb)},
                                  {"predicted_db", measuredToJson(e.predictedDb)}});
    return QJsonObject{{"config", configsToJson(config)},
                       {"samples", static_cast<double>(r.samples)},
                       {"seconds", measuredToJson(r.seconds)},
                       {"predicted_vs_isolated_rank", measuredToJson(r.predictedVsIsolatedRank)},
                       {"layers", layers}};
}

LayerErrorReport layerErrorsFromJson(const Reader& in)
{
    LayerErrorReport r;
    r.samples = in.count("samples");
    r.seconds = in.number("seconds");
    r.predictedVsIsolatedRank = in.number("predicted_vs_isolated_rank");
    const QJsonArray layers = in.array("layers");
    for (qsizetype i = 0; i < layers.size(); ++i) {
        const Reader l = in.element(layers, "layers", i);
        r.layers.push_back({l.text("node"), l.text("op_type"), l.text("value"), l.number("accumulated_db"), l.number("accumulated_twin_db"),
                            l.number("isolated_db"), l.number("isolated_twin_db"), l.number("predicted_db")});
    }
    return r;
}

QJsonObject sensitivityToJson(const SensitivityReport& r, const std::map<QString, LayerConfig>& config)
{
    QJsonArray layers;
    for (const LayerSensitivity& l : r.layers) {
        QJsonArray probes;
        for (const SensitivityProbe& p : l.probes)
            probes.append(QJsonObject{{"bits_weights", p.bitsWeights},
                                      {"bits_activations", p.bitsActivations},
                                      {"only_this_layer", p.onlyThisLayer},
                                      {"top1", measuredToJson(p.top1)},
                                      {"output_sqnr_db", measuredToJson(p.outputSqnrDb)},
                                      {"mac_share", measuredToJson(p.macShare)}});
        layers.append(QJsonObject{{"node", QString::fromStdString(l.node)},
                                  {"op_type", QString::fromStdString(l.opType)},
                                  {"cached", l.cached},
                                  {"probes", probes}});
    }
    return QJsonObject{{"config", configsToJson(config)},
                       {"samples", static_cast<double>(r.samples)},
                       {"labelled", r.labelled},
                       {"fp32_top1", measuredToJson(r.fp32Top1)},
                       {"base_top1", measuredToJson(r.baseTop1)},
                       {"base_output_sqnr_db", measuredToJson(r.baseOutputSqnrDb)},
                       {"probes", r.probes},
                       {"seconds", measuredToJson(r.seconds)},
                       {"cache_seconds", measuredToJson(r.cacheSeconds)},
                       {"full_probe_seconds", measuredToJson(r.fullProbeSeconds)},
                       {"probed_mac_share", measuredToJson(r.probedMacShare)},
                       {"cache_bytes", static_cast<double>(r.cacheBytes)},
                       {"layers", layers}};
}

SensitivityReport sensitivityFromJson(const Reader& in)
{
    SensitivityReport r;
    r.samples = in.count("samples");
    r.labelled = in.flag("labelled");
    r.fp32Top1 = in.number("fp32_top1");
    r.baseTop1 = in.number("base_top1");
    r.baseOutputSqnrDb = in.number("base_output_sqnr_db");
    r.probes = static_cast<int>(in.count("probes", 1 << 30));
    r.seconds = in.number("seconds");
    r.cacheSeconds = in.number("cache_seconds");
    r.fullProbeSeconds = in.number("full_probe_seconds");
    r.probedMacShare = in.optionalNumber("probed_mac_share");
    r.cacheBytes = static_cast<std::size_t>(in.count("cache_bytes"));
    const QJsonArray layers = in.array("layers");
    for (qsizetype i = 0; i < layers.size(); ++i) {
        const Reader l = in.element(layers, "layers", i);
        LayerSensitivity s;
        s.node = l.text("node");
        s.opType = l.text("op_type");
        s.cached = l.flag("cached");
        const QJsonArray probes = l.array("probes");
        for (qsizetype j = 0; j < probes.size(); ++j) {
            const Reader p = l.element(probes, "probes", j);
            // 0 bits is the layer kept FP32; more than 8 is no probe the sweep makes.
            SensitivityProbe probe;
            probe.bitsWeights = static_cast<int>(p.count("bits_weights", 8));
            probe.bitsActivations = static_cast<int>(p.count("bits_activations", 8));
            probe.onlyThisLayer = p.flag("only_this_layer");
            probe.top1 = p.number("top1");
            probe.outputSqnrDb = p.number("output_sqnr_db");
            probe.macShare = p.optionalNumber("mac_share");
            s.probes.push_back(probe);
        }
        r.layers.push_back(std::move(s));
    }
    return r;
}

// Per-layer rows by name as core's PtqConfig, exactly as toPtqConfig() makes it of the table (layers not named
// stay FP32), so a restored autoquant result resolves to what its rows say.
PtqConfig ptqConfigOf(const std::map<QString, LayerConfig>& configs)
{
    std::vector<LayerInfo> layers;
    std::vector<LayerConfig> rows;
    for (const auto& [name, config] : configs) {
        LayerInfo layer;
        layer.name = name;
        layers.push_back(layer);
        rows.push_back(config);
    }
    return toPtqConfig(layers, rows);
}

QJsonObject candidateToJson(const AutoquantCandidate& c)
{
    return QJsonObject{{"change", QString::fromStdString(c.change)},
                       {"top1", measuredToJson(c.top1)},
                       {"sqnr_db", measuredToJson(c.sqnrDb)},
                       {"megabytes", measuredToJson(c.megabytes)},
                       {"within_budget", c.withinBudget},
                       {"accepted", c.accepted},
                       {"clipping", c.clipping},
                       {"latency_ms", measuredToJson(c.latencyMs)}};
}

AutoquantCandidate candidateFromJson(const Reader& in, const PtqConfig& config)
{
    AutoquantCandidate c;
    c.change = in.text("change");
    c.top1 = in.number("top1");
    c.sqnrDb = in.number("sqnr_db");
    c.megabytes = in.number("megabytes");
    c.withinBudget = in.flag("within_budget");
    c.accepted = in.flag("accepted");
    c.clipping = in.flag("clipping");
    c.latencyMs = in.optionalNumber("latency_ms"); // sessions from before the latency objective have none
    c.config = config;
    return c;
}

// The trace is not saved: each of its candidates is a run of the session already, with its numbers and its
// per-layer config (Workbench::addAutoquantRuns), and only the search's own report reads it. A restored result
// has an empty trace rather than candidates without configs, which would resolve to uniform 8 bits if anything
// applied them. The chosen configuration is stored as the table's rows, like a run's config (layerConfigToJson()).
QJsonObject autoquantToJson(const AutoquantResult& r, const std::map<QString, LayerConfig>& start, const std::map<QString, LayerConfig>& chosen)
{
    return QJsonObject{{"config", configsToJson(start)},
                       {"chosen_config", configsToJson(chosen)},
                       {"labelled", r.labelled},
                       {"fp32_top1", measuredToJson(r.fp32Top1)},
                       {"fp32_megabytes", measuredToJson(r.fp32Megabytes)},
                       {"fp32_latency_ms", measuredToJson(r.fp32LatencyMs)},
                       {"uniform", candidateToJson(r.uniform)},
                       {"chosen", candidateToJson(r.chosen)},
                       {"seconds", measuredToJson(r.seconds)}};
}

AutoquantResult autoquantFromJson(const Reader& in, const std::map<QString, LayerConfig>& start, const std::map<QString, LayerConfig>& chosen)
{
    AutoquantResult r;
    r.config = ptqConfigOf(chosen);
    r.labelled = in.flag("labelled");
    r.fp32Top1 = in.number("fp32_top1");
    r.fp32Megabytes = in.number("fp32_megabytes");
    r.fp32LatencyMs = in.optionalNumber("fp32_latency_ms");
    r.uniform = candidateFromJson(in.object("uniform"), ptqConfigOf(start)); // the search's first candidate is its start
    r.chosen = candidateFromJson(in.object("chosen"), r.config);
    r.seconds = in.number("seconds");
    return r;
}

} // namespace

void analysesToJson(const SessionAnalyses& a, QJsonObject& root)
{
    if (a.layerErrors)
        root["layer_errors"] = layerErrorsToJson(*a.layerErrors, a.layerErrorsConfig);
    if (a.sensitivity)
        root["sensitivity"] = sensitivityToJson(*a.sensitivity, a.sensitivityConfig);
    if (a.autoquant)
        root["autoquant"] = autoquantToJson(*a.autoquant, a.autoquantConfig, a.autoquantChosen);
}

SessionAnalyses analysesFromJson(const QJsonObject& root, const QString& path)
{
    SessionAnalyses a;
    for (const char* name : {"layer_errors", "sensitivity", "autoquant"})
        if (root.contains(QLatin1String(name)) && !root.value(QLatin1String(name)).isObject())
            failSession(path, QObject::tr("'%1' is not an object").arg(QLatin1String(name)));
    if (root.contains("layer_errors")) {
        const Reader in(path, root.value("layer_errors").toObject(), QStringLiteral("layer_errors"));
        a.layerErrors = std::make_shared<const LayerErrorReport>(layerErrorsFromJson(in));
        a.layerErrorsConfig = in.configs("config");
    }
    if (root.contains("sensitivity")) {
        const Reader in(path, root.value("sensitivity").toObject(), QStringLiteral("sensitivity"));
        a.sensitivity = std::make_shared<const SensitivityReport>(sensitivityFromJson(in));
        a.sensitivityConfig = in.configs("config");
    }
    if (root.contains("autoquant")) {
        const Reader in(path, root.value("autoquant").toObject(), QStringLiteral("autoquant"));
        a.autoquantConfig = in.configs("config");
        a.autoquantChosen = in.configs("chosen_config");
        a.autoquant = std::make_shared<const AutoquantResult>(autoquantFromJson(in, a.autoquantConfig, a.autoquantChosen));
    }
    return a;
}

} // namespace qs::gui
