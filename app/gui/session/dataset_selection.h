#pragma once
// Which data the workbench evaluates and calibrates on: dataset kind and path (core's "KIND:PATH" spec),
// the evaluation split, the preprocessing string (empty: the model's sidecar, else the dataset's usual
// normalisation), how many evaluation images (first N, -1 = all) and how many calibration images
// (a seeded random subset of the train split; image and tensor folders have none, see calibrationData).

#include <QString>

namespace qs::gui {

struct DatasetSelection {
    QString kind = QStringLiteral("fashion-mnist");
    QString path = QStringLiteral("/usr/share/datasets/fashion-mnist");
    QString split = QStringLiteral("test");
    QString preprocess;        // compact spec, empty = automatic
    qint64 evalLimit = -1;
    qint64 calibrationSamples = 1000;
    // The shapes of inputs the model leaves dynamic, as core's InputShapeSpec text ("1x3x320x320" or
    // "x=1x3x48x192", several separated by ';'); empty: the model's own, its sidecar's or the preprocessing's.
    // Replaces the preprocessing's input_shape, as the CLI's --input-shape does.
    QString inputShape;
    // Other data to calibrate on ("KIND:PATH", the CLI's --calibration-data); empty: the train split, or for a
    // folder without one, its images that are not evaluated.
    QString calibrationData;

    QString spec() const { return kind + QLatin1Char(':') + path; }
    bool operator==(const DatasetSelection&) const = default;
};

} // namespace qs::gui
