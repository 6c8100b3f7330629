#pragma once
// The value codecs every part of a session file shares: a layer's config, measured numbers that JSON cannot
// hold as such (NaN, ±inf) and the error a malformed value raises, naming the session file and the key.

#include "app/gui/models/layer_config.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace qs::gui {

[[noreturn]] void failSession(const QString& path, const QString& message);

QJsonObject layerConfigToJson(const LayerConfig& config);
// Throws qs::Error naming `path` and `layer` on bit widths, modes or clip methods it does not know.
LayerConfig layerConfigFromJson(const QString& path, const QString& layer, const QJsonObject& json);

// JSON has no NaN or infinity: NaN (not measured) is written as null, ±inf (SQNR of a value identical to FP32)
// as "inf" / "-inf".
QJsonValue measuredToJson(double value);
// Lenient, for keys older sessions wrote without checks: any other string reads as +inf, anything else as NaN.
double decibelsFromJson(const QJsonValue& value);
// Strict: a number, null, "inf" or "-inf"; anything else throws qs::Error naming `path` and `key`.
double measuredFromJson(const QString& path, const QJsonValue& value, const QString& key);

} // namespace qs::gui
