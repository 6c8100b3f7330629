#include "app/gui/session/session_json.h"

#include "core/util/error.h"

#include <QObject>

#include <cmath>
#include <limits>

namespace qs::gui {

void failSession(const QString& path, const QString& message) { throw Error(message.toStdString(), ErrorContext(path.toStdString())); }

QJsonObject layerConfigToJson(const LayerConfig& c)
{
    return QJsonObject{{"bits_activations", c.bitsActivations}, {"bits_weights", c.bitsWeights}, {"mode", modeName(c.mode)},
                       {"per_channel", c.perChannel},          {"clip", clipName(c.clip)},      {"no_quant", c.noQuant},
                       {"no_clip", c.noClip},                  {"override_key", c.overrideKey}};
}

LayerConfig layerConfigFromJson(const QString& path, const QString& layer, const QJsonObject& o)
{
    LayerConfig c;
    c.bitsActivations = o.value("bits_activations").toInt(c.bitsActivations);
    c.bitsWeights = o.value("bits_weights").toInt(c.bitsWeights);
    const auto mode = parseMode(o.value("mode").toString(modeName(c.mode)));
    const auto clip = parseClipName(o.value("clip").toString(clipName(c.clip)));
    if (!mode || !clip || c.bitsActivations < 2 || c.bitsActivations > 8 || c.bitsWeights < 2 || c.bitsWeights > 8)
        failSession(path, QObject::tr("invalid config for layer '%1'").arg(layer));
    c.mode = *mode;
    c.clip = *clip;
    c.perChannel = o.value("per_channel").toBool(c.perChannel);
    c.overrideKey = o.value("override_key").toString();
    c.noQuant = o.value("no_quant").toBool(c.noQuant);
    c.noClip = o.value("no_clip").toBool(c.noClip);
    return c;
}

QJsonValue measuredToJson(double value)
{
    if (std::isnan(value))
        return QJsonValue::Null;
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return value;
}

double decibelsFromJson(const QJsonValue& value)
{
    if (value.isString())
        return value.toString() == QLatin1String("-inf") ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return value.isDouble() ? value.toDouble() : std::nan("");
}

double measuredFromJson(const QString& path, const QJsonValue& value, const QString& key)
{
    if (value.isDouble())
        return value.toDouble();
    if (value.isNull())
        return std::nan("");
    if (value.isString() && value.toString() == QLatin1String("inf"))
        return std::numeric_limits<double>::infinity();
    if (value.isString() && value.toString() == QLatin1String("-inf"))
        return -std::numeric_limits<double>::infinity();
    failSession(path, QObject::tr("'%1' is not a number").arg(key));
}

} // namespace qs::gui
