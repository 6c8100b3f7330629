#pragma once
// Which data the workbench evaluates and calibrates on: dataset kind and path (core's "KIND:PATH" spec),
// the evaluation split, the preprocessing string (empty: the model's sidecar, else the dataset's usual
// normalisation), how many evaluation images (first N, -1 = all) and how many calibration images
// (a seeded random subset of the train split).

#include <QString>

namespace qs::gui {

struct DatasetSelection {
    QString kind = QStringLiteral("fashion-mnist");
    QString path = QStringLiteral("/usr/share/datasets/fashion-mnist");
    QString split = QStringLiteral("test");
    QString preprocess;        // compact spec, empty = automatic
    qint64 evalLimit = -1;
    qint64 calibrationSamples = 1000;

    QString spec() const { return kind + QLatin1Char(':') + path; }
    bool operator==(const DatasetSelection&) const = default;
};

} // namespace qs::gui
