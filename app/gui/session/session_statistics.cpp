#include "app/gui/session/session_statistics.h"

#include "core/transforms/prepare_graph.h"
#include "core/util/error.h"

#include <QByteArray>
#include <QJsonArray>
#include <QObject>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <limits>

namespace qs::gui {

namespace {

QJsonArray shapeToJson(const Shape& shape)
{
    QJsonArray array;
    for (int64_t d : shape)
        array.append(static_cast<double>(d));
    return array;
}

QString countsToBase64(const std::vector<double>& counts)
{
    QByteArray bytes(static_cast<qsizetype>(counts.size() * sizeof(double)), Qt::Uninitialized);
    for (std::size_t i = 0; i < counts.size(); ++i)
        qToLittleEndian(counts[i], bytes.data() + i * sizeof(double));
    return QString::fromLatin1(bytes.toBase64());
}

QJsonObject statsToJson(const ActivationStats& s)
{
    QJsonObject o{{"min", s.min},
                  {"max", s.max},
                  {"avg_min", s.avgMin},
                  {"avg_max", s.avgMax},
                  {"mean", s.mean},
                  {"std", s.std},
                  {"b", s.b},
                  {"moving_min", s.movingMin},
                  {"moving_max", s.movingMax},
                  {"shape", shapeToJson(s.shape)},
                  {"samples", static_cast<double>(s.samples)},
                  {"elements", static_cast<double>(s.elements)},
                  {"histogram_samples_per_batch", static_cast<double>(s.histogramSamplesPerBatch)},
                  {"sum", s.m_sum},
                  {"sum_squares", s.m_sumSquares},
                  {"b_sum", s.m_bSum},
                  {"batches", static_cast<double>(s.m_batches)}};
    if (!s.histogram.empty())
        o["histogram"] = QJsonObject{{"lo", s.histogram.lo()}, {"hi", s.histogram.hi()}, {"bins", s.histogram.bins()},
                                     {"counts_f64le", countsToBase64(s.histogram.counts())}};
    return o;
}

class Reader {
public:
    Reader(const QString& path, QString where) : m_path(path), m_where(std::move(where)) {}

    [[noreturn]] void fail(const QString& message) const
    {
        throw Error(QObject::tr("calibration statistics: %1: %2").arg(m_where, message).toStdString(), ErrorContext(m_path.toStdString()));
    }
    double number(const QJsonObject& o, const char* key) const
    {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isDouble())
            fail(QObject::tr("'%1' is missing or not a number").arg(QLatin1String(key)));
        return v.toDouble();
    }
    int64_t integer(const QJsonObject& o, const char* key) const
    {
        const double v = number(o, key);
        // Range first: casting 1e113 to int64 is undefined (a corrupt session).
        if (!(v >= 0 && v < 9.2e18) || v != std::floor(v))
            fail(QObject::tr("'%1' is not a count").arg(QLatin1String(key)));
        return static_cast<int64_t>(v);
    }
    Shape shape(const QJsonValue& value) const
    {
        if (!value.isArray())
            fail(QObject::tr("'shape' is not an array"));
        Shape shape;
        for (const QJsonValue& d : value.toArray()) {
            if (!d.isDouble())
                fail(QObject::tr("'shape' holds a non-number"));
            const double v = d.toDouble();
            if (!(v >= -1 && v < 9.2e18) || v != std::floor(v)) // -1: unknown dim
                fail(QObject::tr("'shape' holds %1, which is not a dimension").arg(v));
            shape.push_back(static_cast<int64_t>(v));
        }
        return shape;
    }
    ActivationStats stats(const QJsonObject& o) const
    {
        ActivationStats s;
        s.min = number(o, "min");
        s.max = number(o, "max");
        if (s.min > s.max)
            fail(QObject::tr("min is greater than max"));
        s.avgMin = number(o, "avg_min");
        s.avgMax = number(o, "avg_max");
        // A statistic a loaded stats file lacked is NaN, which JSON stores as null.
        auto optional = [&](const char* key) { return o.value(key).isNull() ? std::numeric_limits<double>::quiet_NaN() : number(o, key); };
        s.mean = optional("mean");
        s.std = optional("std");
        s.b = optional("b");
        // Absent in sessions saved before moving_average existed: NaN, the method is then unavailable.
        auto optionalOrAbsent = [&](const char* key) { return o.contains(key) ? optional(key) : std::numeric_limits<double>::quiet_NaN(); };
        s.movingMin = optionalOrAbsent("moving_min");
        s.movingMax = optionalOrAbsent("moving_max");
        s.shape = shape(o.value("shape"));
        s.samples = integer(o, "samples");
        s.elements = integer(o, "elements");
        s.histogramSamplesPerBatch = integer(o, "histogram_samples_per_batch");
        s.m_sum = number(o, "sum");
        s.m_sumSquares = number(o, "sum_squares");
        s.m_bSum = number(o, "b_sum");
        s.m_batches = integer(o, "batches");
        if (o.contains("histogram")) {
            const QJsonObject h = o.value("histogram").toObject();
            const int64_t bins = integer(h, "bins");
            const QByteArray bytes = QByteArray::fromBase64(h.value("counts_f64le").toString().toLatin1());
            if (bins < 1 || bins != static_cast<int64_t>(bytes.size() / sizeof(double)) || bytes.size() % sizeof(double) != 0)
                fail(QObject::tr("the histogram's counts do not match its %1 bins").arg(bins));
            std::vector<double> counts(static_cast<std::size_t>(bins));
            for (std::size_t i = 0; i < counts.size(); ++i)
                counts[i] = qFromLittleEndian<double>(bytes.constData() + i * sizeof(double));
            const double lo = number(h, "lo"), hi = number(h, "hi");
            if (!(lo <= hi))
                fail(QObject::tr("the histogram's lo is greater than its hi"));
            s.histogram = Histogram::fromCounts(lo, hi, std::move(counts));
        }
        return s;
    }

private:
    const QString& m_path;
    QString m_where;
};

} // namespace

QJsonObject statisticsToJson(const Calibration& calibration)
{
    QJsonObject values;
    for (const auto& [name, stats] : calibration.values)
        values[QString::fromStdString(name)] = statsToJson(stats);
    // "inputs": every graph input; "input" (the first) as sessions before multi-input models had it.
    QJsonArray inputs;
    for (const ValueInfo& in : calibration.prepared.inputs)
        inputs.append(QJsonObject{{"name", QString::fromStdString(in.name)}, {"shape", shapeToJson(in.shape)}});
    const QJsonObject input = inputs.isEmpty() ? QJsonObject{} : inputs.first().toObject();
    return QJsonObject{{"samples", static_cast<double>(calibration.samples)}, {"input", input}, {"inputs", inputs}, {"values", values}};
}

SessionStatistics statisticsFromJson(const QJsonObject& json, const QString& path)
{
    SessionStatistics s;
    const Reader top(path, QObject::tr("session"));
    s.samples = top.integer(json, "samples");
    QJsonArray inputs = json.value("inputs").toArray();
    if (!json.contains("inputs")) // a session written before multi-input models: its one input
        inputs.append(json.value("input"));
    for (const QJsonValue& entry : inputs) {
        const QJsonObject input = entry.toObject();
        const std::string name = input.value("name").toString().toStdString();
        if (name.empty())
            top.fail(QObject::tr("the graph input is not named"));
        const Shape shape = top.shape(input.value("shape"));
        if (shape.empty() || shape[0] < 1)
            top.fail(QObject::tr("the graph input's shape has no batch"));
        s.inputs.emplace_back(name, shape);
    }
    if (s.inputs.empty())
        top.fail(QObject::tr("the graph input is not named"));
    const QJsonObject values = json.value("values").toObject();
    for (auto it = values.begin(); it != values.end(); ++it) {
        const Reader reader(path, QObject::tr("value '%1'").arg(it.key()));
        if (!it.value().isObject())
            reader.fail(QObject::tr("not an object"));
        s.values[it.key().toStdString()] = reader.stats(it.value().toObject());
    }
    return s;
}

Calibration restoreCalibration(const Graph& model, const SessionStatistics& statistics)
{
    // The graph calibrate() observed: prepared for the calibration batch (as core's observeActivations does).
    PrepareOptions options;
    options.shapes.batch = statistics.inputs.front().second[0];
    for (const auto& [name, shape] : statistics.inputs)
        options.shapes.exact[name] = shape;
    Calibration calibration;
    calibration.prepared = prepareGraph(model, options);
    for (const auto& entry : statistics.values) {
        const std::string& name = entry.first; // not a structured binding: clang 14 cannot capture those in a lambda
        const bool isInput = std::any_of(calibration.prepared.inputs.begin(), calibration.prepared.inputs.end(),
                                         [&](const ValueInfo& v) { return v.name == name; });
        if (!isInput && calibration.prepared.producerOf(name) < 0)
            throw Error(QObject::tr("the session's calibration statistics name the value '%1', which the model does not have (it "
                                    "changed since): calibrate again")
                            .arg(QString::fromStdString(name))
                            .toStdString(),
                        ErrorContext(model.sourcePath));
    }
    calibration.values = statistics.values;
    calibration.samples = statistics.samples;
    return calibration;
}

} // namespace qs::gui
