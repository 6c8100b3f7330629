#pragma once
// The evaluation runs of a session, one row each: the FP32 baseline first, then every evaluated config.
// A run measured either top-1 (labelled classifiers) or fidelity to FP32 (core/eval/metric_choice.h): the
// columns of the other metric show "—". Fidelity's headline is the worst output's SQNR; the row's tooltip
// lists every output (SQNR, cosine, max abs error). Only the name is editable. Δ top-1 is against the first
// FP32 top-1 row. A row's tooltip lists the layers whose setting differs from the run's most common one. CSV
// export writes what the table shows in plain numbers (top-1/top-5 in percent), the metric, the fidelity
// numbers, one `sqnr_db:<output>` column per output and the date, then one column per layer, headed by the layer's
// name, with the setting the run evaluated it at (settingText(): "W8A8 sym pc avg", "FP32").

#include "app/gui/models/layer_config.h"
#include "app/gui/models/run_configuration.h"
#include "core/eval/fidelity.h"
#include "core/eval/metric_choice.h"

#include <QAbstractTableModel>
#include <QDateTime>

#include <limits>
#include <vector>

namespace qs::gui {

// One model output of a fidelity run (core's OutputFidelity, summarised).
struct OutputFidelityRecord {
    QString name;
    double sqnrDb = 0.0; // +inf when identical to FP32
    double cosine = 1.0;
    double maxAbsError = 0.0;

    bool operator==(const OutputFidelityRecord&) const = default;
};

struct RunRecord {
    QString name;
    QString config;          // runLabel() of layerConfigs; "FP32" for the baseline
    bool fp32 = false;
    qint64 samples = 0;
    double top1 = 0.0;       // fractions in [0, 1]
    double top5 = 0.0;
    double crossEntropy = 0.0;
    double sizeMB = 0.0;     // weights at their configured bit widths
    double compression = 1.0;
    double msPerImage = 0.0; // engine time per image (batched; Auto Mixed Precision for latency: its batch-1 latency)
    double imagesPerSecond = 0.0;
    QDateTime date;
    std::map<QString, LayerConfig> layerConfigs; // the evaluated per-layer config by layer name (empty for FP32)
    bool searchCandidate = false; // a candidate of Auto Mixed Precision that was not chosen (plotted without a label)
    bool equalized = false;       // the model's channels were equalized before calibrating (config says so)
    // What the run measured. A fidelity run leaves top1/top5/crossEntropy NaN and fills these; an FP32 run
    // is FP32 itself (worst SQNR +inf).
    QualityMetric metric = QualityMetric::Top1;
    double worstSqnrDb = std::numeric_limits<double>::quiet_NaN();
    double top1Agreement = std::numeric_limits<double>::quiet_NaN(); // fraction; NaN unless a classifier
    std::vector<OutputFidelityRecord> outputs;
};

// Fills a run's fidelity numbers (metric, worst SQNR, top-1 agreement, every output) from core's measurement.
void setFidelity(RunRecord& run, const FidelityMetrics& metrics);

// The number a run is plotted and ranked by under `metric`: top-1 in percent or the worst output's SQNR in dB;
// NaN when the run measured the other metric (an FP32 run is +inf dB under fidelity whatever it measured).
double qualityValue(const RunRecord& run, QualityMetric metric);

class RunsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Config, Samples, Top1, Top5, DeltaTop1, WorstSqnr, Agreement, SizeMB, Compression, Latency, Throughput, Date, ColumnCount };

    explicit RunsTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    void append(const RunRecord& run);
    void setRuns(std::vector<RunRecord> runs);
    void clear() { setRuns({}); }
    const std::vector<RunRecord>& runs() const { return m_runs; }
    bool hasBaseline() const { return !m_runs.empty() && m_runs.front().fp32; }
    // The first FP32 run that measured `metric` (any FP32 run serves fidelity, which compares with FP32 itself); -1 if none.
    int baselineRow(QualityMetric metric) const;
    bool hasRunsOf(QualityMetric metric) const;

    // The model's layer names in model order: the order of per-layer listings and CSV columns (the runs
    // store their settings by name). Set when a model loads; the runs are the loaded model's.
    void setLayerOrder(const QStringList& names);
    const QStringList& layerOrder() const { return m_layerOrder; }
    // A run's setting of every layer in model order: the stored config, every layer FP32 for the baseline;
    // empty when the run did not store its config (a run from an older session).
    LayerSettings layerSettings(int row) const;

    // A fidelity run's per-output numbers as lines of text (the row's tooltip and the configuration dialog).
    static QString fidelityText(const RunRecord& run);

    // The table as CSV (header + one line per run, RFC 4180 quoting).
    QString toCsv() const;

signals:
    void runRenamed(int row);

private:
    std::vector<RunRecord> m_runs;
    QStringList m_layerOrder;
};

} // namespace qs::gui
