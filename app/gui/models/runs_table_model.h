#pragma once
// The evaluation runs of a session, one row each: the FP32 baseline first, then every evaluated config.
// Only the name is editable. Δ top-1 is against the first FP32 row. A row's tooltip lists the layers whose
// setting differs from the run's most common one. CSV export writes what the table shows in plain numbers
// (percentages as fractions are avoided: top-1/top-5 in percent), then one column per layer, headed by the
// layer's name, with the setting the run evaluated it at (settingText(): "W8A8 sym pc avg", "FP32").

#include "app/gui/models/layer_config.h"
#include "app/gui/models/run_configuration.h"

#include <QAbstractTableModel>
#include <QDateTime>

#include <vector>

namespace qs::gui {

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
    double msPerImage = 0.0; // engine time per image (batched)
    double imagesPerSecond = 0.0;
    QDateTime date;
    std::map<QString, LayerConfig> layerConfigs; // the evaluated per-layer config by layer name (empty for FP32)
    bool searchCandidate = false; // a candidate of Auto Mixed Precision that was not chosen (plotted without a label)
};

class RunsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Config, Samples, Top1, Top5, DeltaTop1, SizeMB, Compression, Latency, Throughput, Date, ColumnCount };

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

    // The model's layer names in model order: the order of per-layer listings and CSV columns (the runs
    // store their settings by name). Set when a model loads; the runs are the loaded model's.
    void setLayerOrder(const QStringList& names);
    const QStringList& layerOrder() const { return m_layerOrder; }
    // A run's setting of every layer in model order: the stored config, every layer FP32 for the baseline;
    // empty when the run did not store its config (a run from an older session).
    LayerSettings layerSettings(int row) const;

    // The table as CSV (header + one line per run, RFC 4180 quoting).
    QString toCsv() const;

signals:
    void runRenamed(int row);

private:
    std::vector<RunRecord> m_runs;
    QStringList m_layerOrder;
};

} // namespace qs::gui
