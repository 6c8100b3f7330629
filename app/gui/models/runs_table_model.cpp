#include "app/gui/models/runs_table_model.h"

#include <QBrush>
#include <QFont>
#include <QLocale>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace qs::gui {

namespace {
const QString kNone = QStringLiteral("\u2014"); // a value the run did not measure (an autoquant candidate's latency under the size objective)

// A number, or "—" for NaN.
QString shown(const QLocale& locale, double value, int decimals) { return std::isnan(value) ? kNone : locale.toString(value, 'f', decimals); }
QString csvNumber(double value, int decimals) { return std::isnan(value) ? QString() : QString::number(value, 'f', decimals); }
// SQNR in dB: "∞" for a run identical to FP32 (CSV: "inf").
QString shownDb(const QLocale& locale, double db) { return std::isinf(db) && db > 0 ? QStringLiteral("\u221E") : shown(locale, db, 1); }
QString csvDb(double db) { return std::isinf(db) && db > 0 ? QStringLiteral("inf") : csvNumber(db, 4); }

QString csvField(QString text)
{
    if (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n')))
        return QLatin1Char('"') + text.replace(QLatin1String("\""), QLatin1String("\"\"")) + QLatin1Char('"');
    return text;
}
} // namespace

void setFidelity(RunRecord& run, const FidelityMetrics& metrics)
{
    run.metric = QualityMetric::Fidelity;
    run.worstSqnrDb = metrics.worstSqnrDb();
    run.top1Agreement = metrics.classifier ? metrics.top1Agreement() : std::nan("");
    run.outputs.clear();
    for (const OutputFidelity& o : metrics.outputs)
        run.outputs.push_back({QString::fromStdString(o.name), o.sqnrDb(), o.cosine(), o.maxAbsError});
}

double qualityValue(const RunRecord& run, QualityMetric metric)
{
    if (metric == QualityMetric::Top1)
        return run.metric == QualityMetric::Top1 ? 100.0 * run.top1 : std::nan("");
    if (run.fp32)
        return std::numeric_limits<double>::infinity();
    return run.metric == QualityMetric::Fidelity ? run.worstSqnrDb : std::nan("");
}

RunsTableModel::RunsTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int RunsTableModel::baselineRow(QualityMetric metric) const
{
    for (std::size_t i = 0; i < m_runs.size(); ++i)
        if (m_runs[i].fp32 && (metric == QualityMetric::Fidelity || m_runs[i].metric == metric))
            return static_cast<int>(i);
    return -1;
}

bool RunsTableModel::hasRunsOf(QualityMetric metric) const
{
    return std::any_of(m_runs.begin(), m_runs.end(), [metric](const RunRecord& r) { return r.metric == metric; });
}

int RunsTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(m_runs.size()); }
int RunsTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

Qt::ItemFlags RunsTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == Name)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant RunsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Run");
    case Config: return tr("Config");
    case Samples: return tr("Images");
    case Top1: return tr("Top-1 %");
    case Top5: return tr("Top-5 %");
    case DeltaTop1: return tr("\u0394 vs FP32");
    case WorstSqnr: return tr("SQNR vs FP32 (dB)");
    case Agreement: return tr("Top-1 agree %");
    case SizeMB: return tr("Size (MB)");
    case Compression: return tr("Compression");
    case Latency: return tr("ms/image");
    case Throughput: return tr("images/s");
    case Date: return tr("Date");
    default: return {};
    }
}

QVariant RunsTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunRecord& r = m_runs[static_cast<std::size_t>(index.row())];
    const int baseline = baselineRow(QualityMetric::Top1);
    const bool hasDelta = baseline >= 0 && !r.fp32 && r.metric == QualityMetric::Top1;
    const double delta = hasDelta ? 100.0 * (r.top1 - m_runs[static_cast<std::size_t>(baseline)].top1) : 0.0;
    const double sqnr = qualityValue(r, QualityMetric::Fidelity);
    const QLocale locale;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name: return r.name;
        case Config: return r.config;
        case Samples: return locale.toString(r.samples);
        case Top1: return shown(locale, 100.0 * r.top1, 2);
        case Top5: return shown(locale, 100.0 * r.top5, 2);
        case DeltaTop1: return hasDelta && !std::isnan(delta) ? (delta >= 0 ? QStringLiteral("+") : QString()) + locale.toString(delta, 'f', 2) : kNone;
        case WorstSqnr: return shownDb(locale, sqnr);
        case Agreement: return shown(locale, 100.0 * r.top1Agreement, 2);
        case SizeMB: return locale.toString(r.sizeMB, 'f', 3);
        case Compression: return locale.toString(r.compression, 'f', 2) + QStringLiteral("\u00D7");
        case Latency: return shown(locale, r.msPerImage, 3);
        case Throughput: return shown(locale, r.imagesPerSecond, 0);
        case Date: return locale.toString(r.date, QLocale::ShortFormat);
        default: return {};
        }
    }
    if (role == Qt::EditRole) { // raw values: editing the name, sorting by number
        switch (index.column()) {
        case Name: return r.name;
        case Config: return r.config;
        case Samples: return r.samples;
        case Top1: return r.top1;
        case Top5: return r.top5;
        case DeltaTop1: return hasDelta ? QVariant(delta) : QVariant();
        case WorstSqnr: return std::isnan(sqnr) ? QVariant() : QVariant(sqnr);
        case Agreement: return std::isnan(r.top1Agreement) ? QVariant() : QVariant(r.top1Agreement);
        case SizeMB: return r.sizeMB;
        case Compression: return r.compression;
        case Latency: return r.msPerImage;
        case Throughput: return r.imagesPerSecond;
        case Date: return r.date;
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        const LayerSettings layers = layerSettings(index.row());
        QString tip = layers.empty() ? tr("This run's per-layer configuration was not stored (a session from an older QuantScope).")
                                     : runTooltip(layers);
        tip = tooltipWithEqualization(tip, r.equalized);
        if (!r.outputs.empty())
            tip = fidelityText(r) + QLatin1Char('\n') + tip;
        return tip;
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue((index.column() == Name || index.column() == Config ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    if (role == Qt::FontRole && r.fp32) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::ForegroundRole && index.column() == DeltaTop1 && hasDelta && delta < -1.0)
        return QBrush(QColor(0xc0, 0x30, 0x30));
    return {};
}

bool RunsTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() != Name)
        return false;
    const QString name = value.toString().trimmed();
    if (name.isEmpty())
        return false;
    RunRecord& r = m_runs[static_cast<std::size_t>(index.row())];
    if (r.name == name)
        return true;
    r.name = name;
    emit dataChanged(index, index);
    emit runRenamed(index.row());
    return true;
}

QString RunsTableModel::fidelityText(const RunRecord& run)
{
    const QLocale locale;
    QStringList lines;
    lines << tr("Fidelity to FP32 on %n images, per output:", nullptr, static_cast<int>(run.samples));
    for (const OutputFidelityRecord& o : run.outputs)
        lines << tr("  %1: SQNR %2 dB, cosine %3, max abs error %4")
                     .arg(o.name, shownDb(locale, o.sqnrDb), locale.toString(o.cosine, 'f', 5), locale.toString(o.maxAbsError, 'g', 4));
    if (!std::isnan(run.top1Agreement))
        lines << tr("Top-1 agreement with FP32: %1%").arg(locale.toString(100.0 * run.top1Agreement, 'f', 2));
    return lines.join(QLatin1Char('\n'));
}

void RunsTableModel::append(const RunRecord& run)
{
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_runs.push_back(run);
    endInsertRows();
    if (run.fp32 && rowCount() > 1) // a new baseline may change every Δ
        emit dataChanged(index(0, DeltaTop1), index(rowCount() - 1, DeltaTop1));
}

void RunsTableModel::setLayerOrder(const QStringList& names)
{
    m_layerOrder = names;
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {Qt::ToolTipRole});
}

LayerSettings RunsTableModel::layerSettings(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    const RunRecord& run = m_runs[static_cast<std::size_t>(row)];
    if (!run.fp32)
        return inLayerOrder(run.layerConfigs, m_layerOrder);
    LayerSettings layers;
    LayerConfig fp32;
    fp32.noQuant = true;
    for (const QString& name : m_layerOrder)
        layers.emplace_back(name, fp32);
    return layers;
}

void RunsTableModel::setRuns(std::vector<RunRecord> runs)
{
    beginResetModel();
    m_runs = std::move(runs);
    endResetModel();
}

QString RunsTableModel::toCsv() const
{
    // One column per layer of any run, in model order.
    QStringList layerNames;
    std::vector<LayerSettings> settings;
    for (int row = 0; row < rowCount(); ++row) {
        settings.push_back(layerSettings(row));
        for (const auto& [name, config] : settings.back())
            if (!layerNames.contains(name))
                layerNames << name;
    }
    QStringList outputNames; // one column per output of any fidelity run
    for (const RunRecord& r : m_runs)
        for (const OutputFidelityRecord& o : r.outputs)
            if (!outputNames.contains(o.name))
                outputNames << o.name;
    QStringList header{QStringLiteral("name,config,images,top1_percent,top5_percent,delta_top1_percent,cross_entropy,size_mb,compression,ms_per_image,"
                                      "images_per_second,metric,worst_sqnr_db,top1_agreement_percent")};
    for (const QString& name : outputNames)
        header << csvField(QStringLiteral("sqnr_db:") + name);
    header << QStringLiteral("date"); // the last column before the layers
    for (const QString& name : layerNames)
        header << csvField(name);
    QStringList lines;
    lines << header.join(QLatin1Char(','));
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        const RunRecord& r = m_runs[i];
        const QVariant delta = index(static_cast<int>(i), DeltaTop1).data(Qt::EditRole);
        QStringList f;
        f << csvField(r.name) << csvField(r.config) << QString::number(r.samples) << csvNumber(100.0 * r.top1, 4) << csvNumber(100.0 * r.top5, 4)
          << (delta.isValid() ? csvNumber(delta.toDouble(), 4) : QString()) << csvNumber(r.crossEntropy, 6)
          << QString::number(r.sizeMB, 'f', 6) << QString::number(r.compression, 'f', 4) << csvNumber(r.msPerImage, 6)
          << csvNumber(r.imagesPerSecond, 1) << QString::fromStdString(toString(r.metric)) << csvDb(qualityValue(r, QualityMetric::Fidelity))
          << csvNumber(100.0 * r.top1Agreement, 4);
        for (const QString& name : outputNames) {
            const auto o = std::find_if(r.outputs.begin(), r.outputs.end(), [&name](const OutputFidelityRecord& x) { return x.name == name; });
            f << (o == r.outputs.end() ? QString() : csvDb(o->sqnrDb));
        }
        f << r.date.toString(Qt::ISODate);
        for (const QString& name : layerNames) { // empty where the run did not store its config
            const auto layer = std::find_if(settings[i].begin(), settings[i].end(), [&name](const auto& l) { return l.first == name; });
            f << (layer == settings[i].end() ? QString() : csvField(settingText(layer->second)));
        }
        lines << f.join(QLatin1Char(','));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace qs::gui
