#pragma once
// The calibration statistics inside a session file, so that opening a session restores histograms, ranges,
// predicted SQNR and int8 evaluation without calibrating again. Stored exactly: every ActivationStats field
// (running sums included) of every observed value, keyed by value name, with each histogram's bin counts as
// base64 of little-endian float64 (a 2048-bin histogram in ~22 KB instead of a JSON array) and the graph
// input's shape at calibration, from which the prepared graph the names refer to is rebuilt (prepareGraph is
// deterministic). Distiller's stats YAML (core/distiller/stats_yaml.h) keeps only layer inputs and outputs and no
// running sums, so it would not give back the same plan for every model; the CLI keeps using it.

#include "core/calibration/calibration.h"

#include <QJsonObject>
#include <QString>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace qs::gui {

// The statistics as read from a session, before the model is loaded.
struct SessionStatistics {
    // Every graph input's name and shape when calibrating (dim 0 = calibration batch), in graph-input order.
    std::vector<std::pair<std::string, Shape>> inputs;
    int64_t samples = 0;
    std::map<std::string, ActivationStats> values;
};

QJsonObject statisticsToJson(const Calibration& calibration);
// Throws qs::Error naming `path` (the session) and the value on malformed content.
SessionStatistics statisticsFromJson(const QJsonObject& json, const QString& path);
// The calibration of `model` (the imported, unprepared graph) the statistics were taken on. Throws qs::Error
// when the model does not have the values the statistics name (the model file changed since).
Calibration restoreCalibration(const Graph& model, const SessionStatistics& statistics);

} // namespace qs::gui
