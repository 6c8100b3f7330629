#include "app/gui/models/layer_table_model.h"

#include "app/gui/commands/layer_edit_command.h"

#include <QBrush>
#include <QFont>
#include <QLocale>
#include <QPalette>
#include <QUndoStack>

#include <algorithm>
#include <cmath>

namespace qs::gui {

namespace {
const QString kNone = QStringLiteral("\u2014"); // "—": depends on a piece that has not produced a value

QString number(double v, int precision = 4) { return QLocale().toString(v, 'g', precision); }

// A measured SQNR in dB: one decimal, "∞" for a layer without error, "—" where nothing was measured.
QString decibels(double v, bool sign = false)
{
    if (std::isnan(v))
        return kNone;
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("\u221E") : QStringLiteral("-\u221E");
    if (std::round(v * 10.0) == 0.0)
        v = 0.0; // neither "-0.0" nor "+0.0": no gap at this precision
    const QString text = QLocale().toString(v, 'f', 1);
    return sign && v > 0 ? QStringLiteral("+") + text : text;
}

bool isMeasuredColumn(int column)
{
    return column == LayerTableModel::SqnrAccumulated || column == LayerTableModel::SqnrIsolated || column == LayerTableModel::SimulationGap;
}

std::optional<bool> parseFlag(const QVariant& value)
{
    if (value.typeId() == QMetaType::Bool)
        return value.toBool();
    const QString text = value.toString().trimmed();
    const QStringList names = LayerTableModel::flagNames();
    if (text == names[0] || text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 || text == QLatin1String("1"))
        return true;
    if (text == names[1] || text.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0 || text == QLatin1String("0"))
        return false;
    return std::nullopt;
}
} // namespace

LayerTableModel::LayerTableModel(QUndoStack* undoStack, QObject* parent) : QAbstractTableModel(parent), m_undo(undoStack) {}

int LayerTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(m_layers.size()); }
int LayerTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

bool LayerTableModel::isEditable(int column)
{
    return column >= BitsActivations && column <= NoClip;
}

QStringList LayerTableModel::flagNames() { return {tr("yes"), tr("no")}; }

Qt::ItemFlags LayerTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (isEditable(index.column()))
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ActMin:
        case ActMax: return tr("Observed range of the layer's output (Calibrate)");
        case WeightMin:
        case WeightMax: return tr("Range of the layer's weights (BatchNorm folded)");
        case Clip: return tr("Activation clipping method (Distiller names)");
        case OverrideKey: return tr("The config override that matched this layer");
        case Sqnr: return tr("Predicted signal-to-quantization-noise ratio of the layer's output under its config (from the calibration histogram)");
        case SqnrAccumulated: return tr("Measured SQNR of the layer's output against FP32 with the whole model in int8 (Run \u203A Analyze Layers)");
        case SqnrIsolated: return tr("Measured SQNR of the layer's output against FP32 with only this layer in int8 (Run \u203A Analyze Layers)");
        case SimulationGap:
            return tr("Real int8 (oneDNN) minus its fake-quantization simulation, in dB; flagged beyond %1 dB, where a "
                      "simulation-only tool would mislead")
                .arg(kSimulationGapDb);
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Layer");
    case OpType: return tr("Op");
    case OutputShape: return tr("Output shape");
    case Parameters: return tr("Params");
    case ActMin: return tr("Act min");
    case ActMax: return tr("Act max");
    case WeightMin: return tr("W min");
    case WeightMax: return tr("W max");
    case BitsActivations: return tr("Bits A");
    case BitsWeights: return tr("Bits W");
    case Mode: return tr("Mode");
    case PerChannel: return tr("Per-channel");
    case Clip: return tr("Clip");
    case NoQuant: return tr("No quant");
    case NoClip: return tr("No clip");
    case OverrideKey: return tr("Override key");
    case Sqnr: return tr("pred. SQNR (dB)");
    case SqnrAccumulated: return tr("SQNR accum");
    case SqnrIsolated: return tr("SQNR isolated");
    case SimulationGap: return tr("int8 vs sim");
    default: return {};
    }
}

QVariant LayerTableModel::display(int row, int column) const
{
    const LayerInfo& l = m_layers[static_cast<std::size_t>(row)];
    const LayerConfig& c = m_configs[static_cast<std::size_t>(row)];
    const ValueRange* act = activationRange(row);
    const QStringList flag = flagNames();
    const QString &yes = flag[0], &no = flag[1];
    switch (column) {
    case Name: return l.name;
    case OpType: return l.opType;
    case OutputShape: return l.outputShape.isEmpty() ? kNone : l.outputShape;
    case Parameters: return l.parameters ? QLocale().toString(l.parameters) : kNone;
    case ActMin: return act ? number(act->min) : kNone;
    case ActMax: return act ? number(act->max) : kNone;
    case WeightMin: return l.weightMin ? number(*l.weightMin) : kNone;
    case WeightMax: return l.weightMax ? number(*l.weightMax) : kNone;
    case BitsActivations: return c.bitsActivations;
    case BitsWeights: return l.hasWeights ? QVariant(c.bitsWeights) : QVariant(kNone);
    case Mode: return modeName(c.mode);
    case PerChannel: return c.perChannel ? yes : no;
    case Clip: return clipName(c.clip);
    case NoQuant: return c.noQuant ? yes : no;
    case NoClip: return c.noClip ? yes : no;
    case OverrideKey: {
        const QString key = overrideKey(row);
        return key == globalOverrideKey() ? tr("(global)") : key;
    }
    case Sqnr: return sqnrText(row);
    case SqnrAccumulated:
    case SqnrIsolated:
    case SimulationGap: {
        const auto e = measuredError(row);
        if (!e)
            return kNone;
        return column == SqnrAccumulated ? decibels(e->accumulatedDb) : column == SqnrIsolated ? decibels(e->isolatedDb)
                                                                                               : decibels(simulationGap(*e), true);
    }
    default: return {};
    }
}

QString LayerTableModel::overrideKey(int row) const
{
    // What Export writes: nothing for a row with the global settings, the layer's own key for any other (an
    // FP32 layer included: its override sets null bits).
    const LayerInfo& l = m_layers[static_cast<std::size_t>(row)];
    const LayerConfig& c = m_configs[static_cast<std::size_t>(row)];
    if (!c.overrideKey.isEmpty())
        return c.overrideKey;
    return followsGlobal(row) || l.exportKey.isEmpty() ? globalOverrideKey() : l.exportKey;
}

bool LayerTableModel::followsGlobal(int row) const
{
    return toPtqSettings(m_configs[static_cast<std::size_t>(row)]) == toPtqSettings(m_global);
}

QVariant LayerTableModel::edit(int row, int column) const
{
    const LayerInfo& l = m_layers[static_cast<std::size_t>(row)];
    const LayerConfig& c = m_configs[static_cast<std::size_t>(row)];
    const ValueRange* act = activationRange(row);
    switch (column) {
    case Name: return l.name;
    case OpType: return l.opType;
    case OutputShape: return l.outputShape;
    case Parameters: return l.parameters;
    case ActMin: return act ? QVariant(act->min) : QVariant();
    case ActMax: return act ? QVariant(act->max) : QVariant();
    case WeightMin: return l.weightMin ? QVariant(*l.weightMin) : QVariant();
    case WeightMax: return l.weightMax ? QVariant(*l.weightMax) : QVariant();
    case BitsActivations: return c.bitsActivations;
    case BitsWeights: return c.bitsWeights;
    case Mode: return modeName(c.mode);
    case PerChannel: return flagNames()[c.perChannel ? 0 : 1];
    case Clip: return clipName(c.clip);
    case NoQuant: return flagNames()[c.noQuant ? 0 : 1];
    case NoClip: return flagNames()[c.noClip ? 0 : 1];
    case Sqnr: return predictedSqnr(row) ? QVariant(*predictedSqnr(row)) : QVariant();
    case SqnrAccumulated:
    case SqnrIsolated:
    case SimulationGap: {
        const auto e = measuredError(row);
        if (!e)
            return {};
        return column == SqnrAccumulated ? e->accumulatedDb : column == SqnrIsolated ? e->isolatedDb : simulationGap(*e);
    }
    default: return {};
    }
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row(), column = index.column();
    switch (role) {
    case Qt::DisplayRole: return display(row, column);
    case Qt::EditRole: return edit(row, column);
    case Qt::TextAlignmentRole:
        if (column == Name || column == OpType || column == OutputShape || column == Mode || column == Clip || column == OverrideKey)
            return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
        if (column == SimulationGap && gapFlagged(row)) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ForegroundRole:
        if (isMeasuredColumn(column) && !m_measuredCurrent)
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        if (column == SimulationGap && gapFlagged(row))
            return QBrush(QColor(0xc0, 0x30, 0x30));
        if (display(row, column).toString() == kNone || (m_configs[static_cast<std::size_t>(row)].noQuant && isEditable(column) && column != NoQuant))
            return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        return {};
    case Qt::ToolTipRole:
        if (column == OverrideKey) {
            const QString key = overrideKey(row);
            if (key == globalOverrideKey())
                return tr("No override: the global settings apply");
            if (key == m_layers[static_cast<std::size_t>(row)].exportKey)
                return tr("The layer's own settings; Export writes them under this key");
            return tr("Set by the override '%1' of the imported config").arg(key);
        }
        if (column == Sqnr) {
            const LayerInfo& l = m_layers[static_cast<std::size_t>(row)];
            if (!l.fp32Reason.isEmpty())
                return tr("Runs in FP32 whatever its settings: %1").arg(l.fp32Reason);
            if (!l.outputQuantized)
                return tr("The output of %1 stays FP32 (graph output or read by an FP32 op); only its input is quantized").arg(l.name);
            if (!calibrated())
                return tr("Run Calibrate to predict the SQNR");
            return tr("Predicted from the calibration histogram of %1 with the %2 range, and from the layer's weights on their grid")
                .arg(l.outputValue, clipName(effectiveClip(m_configs[static_cast<std::size_t>(row)])));
        }
        if (column == ActMin || column == ActMax) {
            const LayerInfo& l = m_layers[static_cast<std::size_t>(row)];
            if (!calibrated())
                return tr("Run Calibrate to observe activation ranges");
            return l.fusedOps.isEmpty() ? tr("Observed range of %1").arg(l.outputValue)
                                        : tr("Observed range of %1 (after the fused %2)").arg(l.outputValue, l.fusedOps);
        }
        if (column == Clip)
            return tr("Range method for the activations; the histogram panel compares them all");
        if (isMeasuredColumn(column))
            return measuredTooltip(row);
        return {};
    default: return {};
    }
}

std::optional<LayerConfig> LayerTableModel::withValue(LayerConfig c, int column, const QVariant& value)
{
    bool ok = true;
    switch (column) {
    case BitsActivations:
    case BitsWeights: {
        const int bits = value.toInt(&ok);
        if (!ok || bits < 2 || bits > 8)
            return std::nullopt;
        (column == BitsActivations ? c.bitsActivations : c.bitsWeights) = bits;
        return c;
    }
    case Mode: {
        const auto m = parseMode(value.toString());
        if (!m)
            return std::nullopt;
        c.mode = *m;
        return c;
    }
    case Clip: {
        const auto m = parseClipName(value.toString());
        if (!m)
            return std::nullopt;
        c.clip = *m;
        return c;
    }
    case PerChannel:
    case NoQuant:
    case NoClip: {
        const auto flag = parseFlag(value);
        if (!flag)
            return std::nullopt;
        (column == PerChannel ? c.perChannel : column == NoQuant ? c.noQuant : c.noClip) = *flag;
        return c;
    }
    default: return std::nullopt;
    }
}

bool LayerTableModel::setDataForRows(std::vector<int> rows, int column, const QVariant& value)
{
    if (rows.empty())
        for (int row = 0; row < rowCount(); ++row)
            rows.push_back(row);
    if (rows.empty())
        return false;
    const int first = rows.front();
    setBulkRows(std::move(rows));
    const bool changed = setData(index(first, column), value);
    setBulkRows({});
    return changed;
}

bool LayerTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || !isEditable(index.column()))
        return false;
    std::vector<int> rows{index.row()};
    if (std::find(m_bulkRows.begin(), m_bulkRows.end(), index.row()) != m_bulkRows.end())
        rows = m_bulkRows;
    std::vector<LayerConfig> before, after;
    for (int row : rows) {
        if (row < 0 || row >= rowCount())
            return false;
        auto changed = withValue(m_configs[static_cast<std::size_t>(row)], index.column(), value);
        if (!changed)
            return false;
        if (!(*changed == m_configs[static_cast<std::size_t>(row)]))
            changed->overrideKey.clear(); // the layer now has its own settings
        before.push_back(m_configs[static_cast<std::size_t>(row)]);
        after.push_back(*changed);
    }
    if (before == after)
        return true;
    const QString column = headerData(index.column(), Qt::Horizontal).toString();
    const QString text = rows.size() == 1
        ? tr("Set %1 of %2").arg(column, m_layers[static_cast<std::size_t>(rows[0])].name)
        : tr("Set %1 of %n layers", nullptr, static_cast<int>(rows.size())).arg(column);
    m_undo->push(new LayerEditCommand(this, text, rows, before, after));
    return true;
}

void LayerTableModel::resetLayers(std::vector<LayerInfo> layers, const LayerConfig& defaults)
{
    beginResetModel();
    m_layers = std::move(layers);
    m_global = defaults;
    m_global.overrideKey.clear();
    m_configs.assign(m_layers.size(), m_global);
    m_actRanges.clear();
    m_sqnr.clear();
    m_measured.clear();
    m_measuredCurrent = true;
    endResetModel();
}

int LayerTableModel::rowOf(const QString& layerName) const
{
    for (std::size_t i = 0; i < m_layers.size(); ++i)
        if (m_layers[i].name == layerName)
            return static_cast<int>(i);
    return -1;
}

void LayerTableModel::applyConfigs(const std::vector<int>& rows, const std::vector<LayerConfig>& configs)
{
    Q_ASSERT(rows.size() == configs.size());
    if (rows.empty())
        return;
    for (std::size_t i = 0; i < rows.size(); ++i)
        m_configs[static_cast<std::size_t>(rows[i])] = configs[i];
    const auto [lo, hi] = std::minmax_element(rows.begin(), rows.end());
    emit dataChanged(index(*lo, 0), index(*hi, ColumnCount - 1));
    emit configEdited();
}

const ValueRange* LayerTableModel::activationRange(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_actRanges.size()) || !m_actRanges[static_cast<std::size_t>(row)])
        return nullptr;
    return &*m_actRanges[static_cast<std::size_t>(row)];
}

QString LayerTableModel::sqnrText(int row) const
{
    if (m_configs[static_cast<std::size_t>(row)].noQuant || !m_layers[static_cast<std::size_t>(row)].fp32Reason.isEmpty())
        return tr("FP32");
    if (!m_layers[static_cast<std::size_t>(row)].outputQuantized)
        return tr("FP32 out");
    const auto sqnr = predictedSqnr(row);
    return sqnr ? QLocale().toString(*sqnr, 'f', 1) : kNone;
}

std::optional<double> LayerTableModel::predictedSqnr(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_sqnr.size()))
        return std::nullopt;
    return m_sqnr[static_cast<std::size_t>(row)];
}

void LayerTableModel::setPredictedSqnr(const std::vector<std::optional<double>>& sqnr)
{
    m_sqnr = sqnr;
    m_sqnr.resize(m_layers.size());
    if (!m_layers.empty())
        emit dataChanged(index(0, Sqnr), index(rowCount() - 1, Sqnr));
}

void LayerTableModel::setActivationRanges(const std::vector<std::optional<ValueRange>>& ranges)
{
    m_actRanges = ranges;
    m_actRanges.resize(m_layers.size());
    if (!m_layers.empty())
        emit dataChanged(index(0, ActMin), index(rowCount() - 1, ActMax));
}

} // namespace qs::gui

namespace qs::gui {

double LayerTableModel::simulationGap(const LayerError& e)
{
    if (std::isfinite(e.isolatedDb) && std::isfinite(e.isolatedTwinDb))
        return e.isolatedDb - e.isolatedTwinDb;
    if (std::isfinite(e.accumulatedDb) && std::isfinite(e.accumulatedTwinDb))
        return e.accumulatedDb - e.accumulatedTwinDb;
    return std::nan("");
}

bool LayerTableModel::gapFlagged(int row) const
{
    const auto e = measuredError(row);
    return e && std::abs(simulationGap(*e)) > kSimulationGapDb;
}

std::optional<LayerError> LayerTableModel::measuredError(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_measured.size()))
        return std::nullopt;
    return m_measured[static_cast<std::size_t>(row)];
}

void LayerTableModel::setMeasuredErrors(const std::vector<std::optional<LayerError>>& errors, bool current)
{
    m_measured = errors;
    if (!m_measured.empty())
        m_measured.resize(m_layers.size());
    m_measuredCurrent = current;
    if (!m_layers.empty())
        emit dataChanged(index(0, SqnrAccumulated), index(rowCount() - 1, SimulationGap));
}

QString LayerTableModel::measuredTooltip(int row) const
{
    const auto e = measuredError(row);
    if (!e) {
        if (m_measured.empty())
            return tr("Run \u203A Analyze Layers to measure the SQNR of every int8 layer against FP32");
        return tr("Not measured: the layer does not run in int8 under the analyzed config");
    }
    QString text = tr("<b>%1</b> (%2)<br>accumulated, whole model int8: %3 dB on oneDNN, %4 dB simulated<br>"
                      "isolated, only this layer int8: %5 dB on oneDNN, %6 dB simulated")
                       .arg(QString::fromStdString(e->node).toHtmlEscaped(), QString::fromStdString(e->value).toHtmlEscaped(),
                            decibels(e->accumulatedDb), decibels(e->accumulatedTwinDb), decibels(e->isolatedDb), decibels(e->isolatedTwinDb));
    if (std::isfinite(e->predictedDb))
        text += tr("<br>predicted from the histogram: %1 dB").arg(decibels(e->predictedDb));
    if (gapFlagged(row))
        text += tr("<br>Real int8 and its simulation differ by more than %1 dB here.").arg(kSimulationGapDb);
    if (!m_measuredCurrent)
        text += tr("<br><i>Measured under an earlier config: Run \u203A Analyze Layers again.</i>");
    return text;
}

} // namespace qs::gui
