#pragma once
// One row per quantizable layer of the loaded model: facts (op, shape, parameters, weight and calibrated
// activation ranges) and the editable per-layer quantization config. Every edit goes through the undo
// stack as a LayerEditCommand; with "bulk rows" set (a multi-row selection in the view) one edit applies
// to all of those rows as one undoable step. Columns without a value yet (not calibrated) show "—".
// Beside the predicted SQNR stand the measured ones (Run › Analyze Layers, core/ptq/layer_error.h): the layer's
// output SQNR with the whole model quantized and with only that layer quantized, and the gap between the real
// int8 run and its fake-quantization twin, flagged where it exceeds kSimulationGapDb. Measured under an earlier
// config, they are shown greyed.

#include "app/gui/models/layer_config.h"
#include "core/ptq/layer_error.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <optional>
#include <vector>

class QUndoStack;

namespace qs::gui {

class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Name, OpType, OutputShape, Parameters, ActMin, ActMax, WeightMin, WeightMax, BitsActivations, BitsWeights, Mode,
        PerChannel, Clip, NoQuant, NoClip, OverrideKey, Sqnr, SqnrAccumulated, SqnrIsolated, SimulationGap, ColumnCount
    };

    explicit LayerTableModel(QUndoStack* undoStack, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    // Pushes an undoable edit (for the bulk rows when set and containing index's row).
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    static bool isEditable(int column);
    // The texts of the yes/no columns (per-channel, no quant, no clip), also their Qt::EditRole value;
    // setData takes them, "true"/"false" or a bool.
    static QStringList flagNames();

    // A new model: new layers with the default config; clears calibration ranges. `defaults` is also the
    // workbench's global configuration: the global section Export writes (every row that differs from it gets
    // its own override) and what the override key column calls "(global)".
    void resetLayers(std::vector<LayerInfo> layers, const LayerConfig& defaults = {});
    const LayerConfig& globalConfig() const { return m_global; }
    // True when the row's effective settings are the global ones (Export writes no override for it).
    bool followsGlobal(int row) const;
    const std::vector<LayerInfo>& layers() const { return m_layers; }
    const std::vector<LayerConfig>& configs() const { return m_configs; }
    int rowOf(const QString& layerName) const; // -1 if absent

    // Applies configs without the undo stack (used by commands and session loading).
    void applyConfigs(const std::vector<int>& rows, const std::vector<LayerConfig>& configs);

    // Calibrated activation range of each layer's output (by row); empty = not calibrated.
    void setActivationRanges(const std::vector<std::optional<ValueRange>>& ranges);
    bool calibrated() const { return !m_actRanges.empty(); }
    // Predicted SQNR (dB) of each row's output under its config; empty = not calibrated.
    void setPredictedSqnr(const std::vector<std::optional<double>>& sqnr);
    std::optional<double> predictedSqnr(int row) const;
    const ValueRange* activationRange(int row) const; // nullptr: not calibrated

    // Measured errors by row (nullopt: the layer was not measured, e.g. it runs FP32); empty = not analyzed.
    // `current` false: they were measured under another config than the table's now.
    void setMeasuredErrors(const std::vector<std::optional<LayerError>>& errors, bool current = true);
    std::optional<LayerError> measuredError(int row) const;
    bool measuredErrorsCurrent() const { return m_measuredCurrent; }
    // Real int8 minus its simulation (dB) for one layer: the isolated runs' gap (each layer's own, not what
    // reaches it from earlier layers), the accumulated runs' where isolated ones were not measured; NaN if unknown.
    static double simulationGap(const LayerError& error);
    static constexpr double kSimulationGapDb = 1.0;

    // Rows the next setData applies to when they include the edited row (set by the view around commitData).
    void setBulkRows(std::vector<int> rows) { m_bulkRows = std::move(rows); }
    // One undoable edit of `column` on `rows` (every row when empty), as a multi-row selection edit makes.
    bool setDataForRows(std::vector<int> rows, int column, const QVariant& value);

    // The config a value from an editor would give (nullopt: invalid value for the column).
    static std::optional<LayerConfig> withValue(LayerConfig config, int column, const QVariant& value);

signals:
    // The user (or undo/redo) changed the config of some layers.
    void configEdited();

private:
    QVariant display(int row, int column) const;
    QVariant edit(int row, int column) const;
    QString sqnrText(int row) const;
    QString overrideKey(int row) const; // the pattern, the layer's export key or "(global)" (untranslated)
    bool gapFlagged(int row) const;
    QString measuredTooltip(int row) const;

    QUndoStack* m_undo;
    std::vector<LayerInfo> m_layers;
    std::vector<LayerConfig> m_configs;
    LayerConfig m_global;
    std::vector<std::optional<ValueRange>> m_actRanges;
    std::vector<std::optional<double>> m_sqnr;
    std::vector<std::optional<LayerError>> m_measured;
    bool m_measuredCurrent = true;
    std::vector<int> m_bulkRows;
};

} // namespace qs::gui
