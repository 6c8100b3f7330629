#include "app/gui/session/session_file.h"

#include "app/gui/session/session_analyses.h"
#include "app/gui/session/session_json.h"

#include "core/util/error.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QSaveFile>

#include <cmath>

namespace qs::gui {

namespace {

constexpr int kFormatVersion = 1;

// A whole number stored as a JSON double (counts, limits); out of range or fractional is an error, never a cast of
// 1e300 to an integer (undefined behaviour).
qint64 wholeNumber(const QString& path, const QJsonValue& value, const char* key, double fallback)
{
    const double v = value.toDouble(fallback);
    if (!(v >= -1 && v < 9.2e18) || v != std::floor(v))
        failSession(path, QObject::tr("'%1' is %2, not a count").arg(QLatin1String(key)).arg(v));
    return static_cast<qint64>(v);
}

// A run's measurement: JSON has no NaN, so a value the run did not measure (written as NaN) is saved as null
// and comes back as NaN; a missing one reads as 0, as sessions before that had it.
double measured(const QJsonValue& value) { return value.isNull() ? std::nan("") : value.toDouble(); }

QJsonObject fidelityToJson(const RunRecord& r)
{
    QJsonArray outputs;
    for (const OutputFidelityRecord& o : r.outputs)
        outputs.append(QJsonObject{{"name", o.name}, {"sqnr_db", measuredToJson(o.sqnrDb)}, {"cosine", o.cosine}, {"max_abs_error", o.maxAbsError}});
    return QJsonObject{{"worst_sqnr_db", measuredToJson(r.worstSqnrDb)},
                       {"top1_agreement", std::isnan(r.top1Agreement) ? QJsonValue(QJsonValue::Null) : QJsonValue(r.top1Agreement)},
                       {"outputs", outputs}};
}

void fidelityFromJson(RunRecord& r, const QJsonObject& o)
{
    r.worstSqnrDb = decibelsFromJson(o.value("worst_sqnr_db"));
    r.top1Agreement = measured(o.value("top1_agreement"));
    if (!o.contains("top1_agreement"))
        r.top1Agreement = std::nan("");
    for (const QJsonValue& v : o.value("outputs").toArray()) {
        const QJsonObject out = v.toObject();
        r.outputs.push_back({out.value("name").toString(), decibelsFromJson(out.value("sqnr_db")), out.value("cosine").toDouble(),
                             out.value("max_abs_error").toDouble()});
    }
}

} // namespace

void saveSession(const QString& path, const SessionData& s)
{
    QJsonObject root;
    root["format"] = QStringLiteral("quantscope-session");
    root["version"] = kFormatVersion;
    root["model"] = s.modelPath;
    root["dataset"] = QJsonObject{{"kind", s.dataset.kind},
                                  {"path", s.dataset.path},
                                  {"split", s.dataset.split},
                                  {"preprocess", s.dataset.preprocess},
                                  {"input_shape", s.dataset.inputShape},
                                  {"calibration_data", s.dataset.calibrationData},
                                  {"eval_limit", static_cast<double>(s.dataset.evalLimit)},
                                  {"calibration_samples", static_cast<double>(s.dataset.calibrationSamples)}};
    QJsonObject layers;
    for (const auto& [name, config] : s.configs)
        layers[name] = layerConfigToJson(config);
    root["config"] = layers;
    QJsonArray runs;
    for (const RunRecord& r : s.runs) {
        QJsonObject run{{"name", r.name},
                                {"config", r.config},
                                {"fp32", r.fp32},
                                {"samples", static_cast<double>(r.samples)},
                                {"top1", r.top1},
                                {"top5", r.top5},
                                {"cross_entropy", r.crossEntropy},
                                {"size_mb", r.sizeMB},
                                {"compression", r.compression},
                                {"ms_per_image", r.msPerImage},
                                {"images_per_second", r.imagesPerSecond},
                                {"date", r.date.toString(Qt::ISODateWithMs)},
                                {"search_candidate", r.searchCandidate},
                                {"equalized", r.equalized},
                                {"layers", [&r] {
                                     QJsonObject layers;
                                     for (const auto& [name, config] : r.layerConfigs)
                                         layers[name] = layerConfigToJson(config);
                                     return layers;
                                 }()}};
        run["metric"] = QString::fromStdString(toString(r.metric));
        if (r.metric == QualityMetric::Fidelity)
            run["fidelity"] = fidelityToJson(r);
        runs.append(run);
    }
    root["runs"] = runs;
    if (s.metric)
        root["metric"] = QString::fromStdString(toString(*s.metric));
    root["equalize_channels"] = s.equalizeChannels;
    if (s.calibration)
        root["statistics"] = statisticsToJson(*s.calibration);
    analysesToJson(s.analyses, root);

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        failSession(path, QObject::tr("cannot write the session: %1").arg(file.errorString()));
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit())
        failSession(path, QObject::tr("cannot write the session: %1").arg(file.errorString()));
}

SessionData loadSession(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        failSession(path, QObject::tr("cannot read the session: %1").arg(file.errorString()));
    const QByteArray bytes = file.readAll();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        const int line = 1 + static_cast<int>(bytes.left(parseError.offset).count('\n'));
        throw Error(parseError.errorString().toStdString(), ErrorContext(path.toStdString(), {}, line));
    }
    const QJsonObject root = doc.object();
    if (root.value("format").toString() != QLatin1String("quantscope-session"))
        failSession(path, QObject::tr("not a QuantScope session file"));
    if (root.value("version").toInt() > kFormatVersion)
        failSession(path, QObject::tr("session format version %1 is newer than this QuantScope").arg(root.value("version").toInt()));
    SessionData s;
    s.modelPath = root.value("model").toString();
    if (s.modelPath.isEmpty())
        failSession(path, QObject::tr("the session names no model"));
    const QJsonObject d = root.value("dataset").toObject();
    s.dataset.kind = d.value("kind").toString(s.dataset.kind);
    s.dataset.path = d.value("path").toString(s.dataset.path);
    s.dataset.split = d.value("split").toString(s.dataset.split);
    s.dataset.preprocess = d.value("preprocess").toString();
    s.dataset.inputShape = d.value("input_shape").toString();
    s.dataset.calibrationData = d.value("calibration_data").toString();
    if (root.contains("metric")) {
        s.metric = parseQualityMetric(root.value("metric").toString().toStdString());
        if (!s.metric)
            failSession(path, QObject::tr("unknown metric '%1' (top1 or fidelity)").arg(root.value("metric").toString()));
    }
    s.equalizeChannels = root.value("equalize_channels").toBool(false);
    s.dataset.evalLimit = wholeNumber(path, d.value("eval_limit"), "eval_limit", -1);
    s.dataset.calibrationSamples = wholeNumber(path, d.value("calibration_samples"), "calibration_samples", 1000);
    const QJsonObject layers = root.value("config").toObject();
    for (auto it = layers.begin(); it != layers.end(); ++it)
        s.configs[it.key()] = layerConfigFromJson(path, it.key(), it.value().toObject());
    s.hadCalibration = root.contains("calibration");
    if (root.contains("statistics"))
        s.statistics = std::make_shared<const SessionStatistics>(statisticsFromJson(root.value("statistics").toObject(), path));
    for (const QJsonValue& v : root.value("runs").toArray()) {
        const QJsonObject o = v.toObject();
        RunRecord r;
        r.name = o.value("name").toString();
        r.config = o.value("config").toString();
        r.fp32 = o.value("fp32").toBool();
        r.samples = wholeNumber(path, o.value("samples"), "samples", 0);
        r.top1 = measured(o.value("top1"));
        r.top5 = measured(o.value("top5"));
        r.crossEntropy = measured(o.value("cross_entropy"));
        r.sizeMB = o.value("size_mb").toDouble();
        r.compression = o.value("compression").toDouble(1.0);
        r.msPerImage = measured(o.value("ms_per_image"));
        r.imagesPerSecond = measured(o.value("images_per_second"));
        r.date = QDateTime::fromString(o.value("date").toString(), Qt::ISODateWithMs);
        r.searchCandidate = o.value("search_candidate").toBool();
        r.equalized = o.value("equalized").toBool(false);
        const auto metric = parseQualityMetric(o.value("metric").toString(QStringLiteral("top1")).toStdString());
        if (!metric)
            failSession(path, QObject::tr("run '%1' has an unknown metric '%2'").arg(r.name, o.value("metric").toString()));
        r.metric = *metric;
        if (r.metric == QualityMetric::Fidelity)
            fidelityFromJson(r, o.value("fidelity").toObject());
        const QJsonObject runLayers = o.value("layers").toObject();
        for (auto it = runLayers.begin(); it != runLayers.end(); ++it)
            r.layerConfigs[it.key()] = layerConfigFromJson(path, it.key(), it.value().toObject());
        s.runs.push_back(r);
    }
    s.analyses = analysesFromJson(root, path);
    return s;
}

} // namespace qs::gui
