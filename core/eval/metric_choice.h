#pragma once
// Which quality metric an evaluation measures, decided once for the CLI and the workbench: top-1 needs labels
// and a single-output classifier ([batch, classes]); everything else (detectors, segmenters, unlabelled image or
// tensor folders) is judged by fidelity to FP32 (fidelity.h). Where both apply, top-1 is the default and the
// user may choose fidelity.

#include "core/data/dataset.h"
#include "core/ir/graph.h"

#include <optional>
#include <string>

namespace qs {

enum class QualityMetric { Top1, Fidelity };

std::string toString(QualityMetric metric);                        // "top1", "fidelity"
std::optional<QualityMetric> parseQualityMetric(const std::string& text); // nullopt for anything else

// One output of rank 2 ([batch, classes]) in the model as imported.
bool isSingleOutputClassifier(const Graph& model);
// Top-1 applies: the data has labels and the model is a single-output classifier.
bool top1Applies(const Graph& model, const Dataset& data);
// The metric an evaluation measures: `requested` where it applies, else fidelity when top-1 does not apply,
// else top-1.
QualityMetric chooseMetric(const Graph& model, const Dataset& data, std::optional<QualityMetric> requested = std::nullopt);

} // namespace qs
