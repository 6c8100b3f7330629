// Every qs_widgets view with realistic synthetic data (a ResNet-18-like model; nothing here comes from core/):
// activation histograms with nine methods' ranges, per-channel weight ranges of a 32-channel conv, the
// observer comparison over twelve layers, accuracy vs size of a handful of runs, measured layer errors and a
// sensitivity heat map over the same twelve layers, and the layer table's delegates. `--screenshot DIR` writes widgets_*.png there and exits; `--dark` uses a dark Fusion palette.
#include "widgets/plots/accuracy_size_plot.h"
#include "widgets/plots/activation_histogram_view.h"
#include "widgets/plots/layer_error_chart.h"
#include "widgets/plots/observer_comparison_view.h"
#include "widgets/plots/sensitivity_heatmap.h"
#include "widgets/plots/weight_range_view.h"
#include "widgets/tables/enum_combo_delegate.h"
#include "widgets/tables/spin_box_delegate.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QHeaderView>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <numeric>
#include <random>
#include <vector>

using namespace qs::widgets;

namespace {

// One layer's synthetic activations: a ReLU output (an exact-zero spike plus a skewed body with a long tail)
// or, for `signedValues`, a pre-softmax logit-like value.
struct Activations {
    std::vector<double> values;
    std::vector<double> batchMin, batchMax; // per batch of 256 values, for "avg"
    bool relu = true;
};

Activations synthesize(unsigned seed, double scale, double tailFraction, bool relu, int n = 60000)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::exponential_distribution<double> tail(1.0);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    Activations a;
    a.relu = relu;
    a.values.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        double x = normal(rng) * 0.55 + 0.15;
        if (uniform(rng) < tailFraction)
            x = 1.0 + 2.2 * tail(rng); // the long tail a few outliers live in
        if (relu)
            x = std::max(0.0, x);
        else
            x = (uniform(rng) < 0.5 ? -1.0 : 1.0) * std::abs(x) * 1.6 + 0.2;
        a.values.push_back(x * scale);
    }
    for (std::size_t b = 0; b < a.values.size(); b += 256) {
        const auto first = a.values.begin() + static_cast<std::ptrdiff_t>(b);
        const auto last = a.values.begin() + static_cast<std::ptrdiff_t>(std::min(a.values.size(), b + 256));
        const auto [mn, mx] = std::minmax_element(first, last);
        a.batchMin.push_back(*mn);
        a.batchMax.push_back(*mx);
    }
    return a;
}

struct Histogram {
    double lo = 0.0, hi = 0.0;
    std::vector<double> counts;
    double center(std::size_t i) const { return lo + (static_cast<double>(i) + 0.5) * (hi - lo) / static_cast<double>(counts.size()); }
};

Histogram histogram(const Activations& a, int bins = 2048)
{
    Histogram h;
    const auto [mn, mx] = std::minmax_element(a.values.begin(), a.values.end());
    h.lo = *mn;
    h.hi = *mx;
    h.counts.assign(static_cast<std::size_t>(bins), 0.0);
    for (double x : a.values) {
        const int b = std::clamp(static_cast<int>((x - h.lo) / (h.hi - h.lo) * bins), 0, bins - 1);
        h.counts[static_cast<std::size_t>(b)] += 1.0;
    }
    return h;
}

// The asymmetric integer grid of [lo, hi] (zero exactly representable), as the workbench quantizes.
QuantGrid gridOf(double lo, double hi, int bits)
{
    QuantGrid g;
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
    g.qmin = 0;
    g.qmax = (1 << bits) - 1;
    g.scale = (hi - lo) / g.qmax;
    g.zeroPoint = static_cast<int>(std::lround(-lo / g.scale));
    return g;
}

// Signal-to-quantization-noise ratio of the histogram under a range, in dB.
double sqnrDb(const Histogram& h, double lo, double hi, int bits)
{
    const QuantGrid g = gridOf(lo, hi, bits);
    double signal = 0.0, noise = 0.0;
    for (std::size_t i = 0; i < h.counts.size(); ++i) {
        const double x = h.center(i);
        const double q = std::clamp(std::round(x / g.scale) + g.zeroPoint, double(g.qmin), double(g.qmax));
        const double e = x - g.scale * (q - g.zeroPoint);
        signal += h.counts[i] * x * x;
        noise += h.counts[i] * e * e;
    }
    return 10.0 * std::log10(signal / std::max(noise, 1e-30));
}

double quantile(std::vector<double> v, double p)
{
    const auto k = static_cast<std::ptrdiff_t>(p * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + k, v.end());
    return v[static_cast<std::size_t>(k)];
}

// The range of each of nine methods (approximations of Distiller's observers, enough to look right).
std::vector<MethodRange> methodRanges(const Activations& a, const Histogram& h, int bits)
{
    double mean = 0.0, sq = 0.0, mad = 0.0;
    for (double x : a.values) {
        mean += x;
        sq += x * x;
    }
    mean /= static_cast<double>(a.values.size());
    const double sd = std::sqrt(sq / static_cast<double>(a.values.size()) - mean * mean);
    for (double x : a.values)
        mad += std::abs(x - mean);
    mad /= static_cast<double>(a.values.size());
    auto avg = [](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size()); };
    const double laplaceAlpha = bits >= 8 ? 9.89 : bits >= 6 ? 7.41 : 5.03; // ACIQ, per bit width
    const double gaussAlpha = bits >= 8 ? 3.92 : bits >= 6 ? 3.29 : 2.55;
    auto clampRange = [&](double lo, double hi) { return std::pair{std::max(lo, h.lo), std::min(hi, h.hi)}; };
    auto symmetric = [&](double half) { return a.relu ? clampRange(0.0, mean + half) : clampRange(mean - half, mean + half); };
    // Best MSE by a search over the upper clip (ReLU) or a symmetric clip; `steps` sets how fine.
    auto searchMse = [&](int steps) {
        std::pair<double, double> best{h.lo, h.hi};
        double bestSqnr = -1e9;
        for (int s = 1; s <= steps; ++s) {
            const double f = static_cast<double>(s) / steps;
            const std::pair<double, double> r = a.relu ? std::pair{0.0, f * h.hi} : std::pair{f * h.lo, f * h.hi};
            if (const double q = sqnrDb(h, r.first, r.second, bits); q > bestSqnr) {
                bestSqnr = q;
                best = r;
            }
        }
        return best;
    };
    std::vector<std::pair<QString, std::pair<double, double>>> picks = {
        {QStringLiteral("none"), {h.lo, h.hi}},
        {QStringLiteral("avg"), {a.relu ? 0.0 : avg(a.batchMin), avg(a.batchMax)}},
        {QStringLiteral("n_std"), symmetric(3.0 * sd)},
        {QStringLiteral("gauss"), symmetric(gaussAlpha * sd)},
        {QStringLiteral("laplace"), symmetric(laplaceAlpha * mad)},
        {QStringLiteral("percentile"), {a.relu ? 0.0 : quantile(a.values, 0.0001), quantile(a.values, 0.9999)}},
        {QStringLiteral("entropy"), {a.relu ? 0.0 : quantile(a.values, 0.001), quantile(a.values, 0.999)}},
        {QStringLiteral("mse"), searchMse(400)},
        {QStringLiteral("pytorch_histogram"), searchMse(24)},
    };
    std::vector<MethodRange> ranges;
    for (const auto& [name, r] : picks)
        ranges.push_back({name, r.first, r.second, sqnrDb(h, r.first, r.second, bits)});
    return ranges;
}

HistogramData histogramData(const QString& layer, const Activations& a, int bits, const QString& active)
{
    const Histogram h = histogram(a);
    HistogramData d;
    d.title = QStringLiteral("%1 output").arg(layer);
    d.lo = h.lo;
    d.hi = h.hi;
    d.counts = h.counts;
    d.ranges = methodRanges(a, h, bits);
    d.activeMethod = active;
    for (const MethodRange& r : d.ranges)
        if (r.method == active)
            d.grid = gridOf(r.lo, r.hi, bits);
    d.subtitle = QStringLiteral("%1 values, %2 bins · %3-bit asymmetric, clip = %4 (synthetic data)")
                     .arg(a.values.size())
                     .arg(h.counts.size())
                     .arg(bits)
                     .arg(active);
    return d;
}

WeightRangeData weightData()
{
    // A 3x3 conv with 32 output channels after BatchNorm folding: per-channel gains spread over ~2 decades,
    // two nearly dead channels (range ~100x smaller than the tensor's) and one outlier channel.
    std::mt19937 rng(7);
    std::lognormal_distribution<double> gain(-0.2, 0.55);
    std::normal_distribution<double> normal(0.0, 1.0);
    WeightRangeData d;
    d.title = QStringLiteral("layer1.0.conv1");
    for (int c = 0; c < 32; ++c) {
        double g = gain(rng) * 0.03;
        if (c == 9 || c == 23)
            g *= 0.012;
        if (c == 17)
            g *= 3.5;
        double mn = 0.0, mx = 0.0;
        for (int k = 0; k < 64 * 9; ++k) {
            const double w = g * normal(rng) + 0.1 * g;
            mn = std::min(mn, w);
            mx = std::max(mx, w);
        }
        d.channelMin.push_back(mn);
        d.channelMax.push_back(mx);
    }
    return d;
}

std::vector<ObserverLayer> observerData()
{
    const char* labels[] = {"conv1",          "layer1.0.conv1", "layer1.0.conv2", "layer1.1.conv1", "layer2.0.conv1", "layer2.0.conv2",
                            "layer2.1.conv1", "layer3.0.conv1", "layer3.1.conv2", "layer4.0.conv1", "layer4.1.conv2", "fc"};
    std::vector<ObserverLayer> layers;
    for (int l = 0; l < 12; ++l) {
        const bool logits = l == 11;
        const Activations a = synthesize(100u + static_cast<unsigned>(l), 0.5 + 0.35 * l, 0.002 + 0.004 * (l % 4), !logits, 30000);
        const Histogram h = histogram(a);
        ObserverLayer layer;
        layer.label = QString::fromLatin1(labels[l]);
        layer.name = QStringLiteral("/%1/%2").arg(layer.label, logits ? QStringLiteral("Gemm") : QStringLiteral("Conv"));
        layer.observedMin = h.lo;
        layer.observedMax = h.hi;
        layer.ranges = methodRanges(a, h, 8);
        layer.activeMethod = l == 0 || logits ? QStringLiteral("none") : QStringLiteral("avg");
        layers.push_back(layer);
    }
    return layers;
}

const char* const kLayerLabels[] = {"conv1",          "layer1.0.conv1", "layer1.0.conv2", "layer1.1.conv1", "layer2.0.conv1", "layer2.0.conv2",
                                     "layer2.1.conv1", "layer3.0.conv1", "layer3.1.conv2", "layer4.0.conv1", "layer4.1.conv2", "fc"};

// Measured SQNR falling with depth as the error accumulates, isolated SQNR higher; the downsampling layers worse, one
// layer where real int8 and its simulation part.
std::vector<LayerErrorBar> layerErrorData()
{
    std::vector<LayerErrorBar> bars;
    for (int l = 0; l < 12; ++l) {
        LayerErrorBar b;
        b.label = QString::fromLatin1(kLayerLabels[l]);
        b.name = QStringLiteral("/%1/%2").arg(b.label, l == 11 ? QStringLiteral("Gemm") : QStringLiteral("Conv"));
        b.isolatedDb = 38.0 - 1.5 * (l % 5) - (l == 4 || l == 7 ? 6.0 : 0.0);
        b.accumulatedDb = std::min(b.isolatedDb, 36.0 - 0.9 * l - (l == 4 || l == 7 ? 4.0 : 0.0));
        b.predictedDb = b.isolatedDb + 1.5 - 0.7 * (l % 3);
        b.simulationDiffers = l == 7;
        bars.push_back(b);
    }
    return bars;
}

// Top-1 drops in points: W4 and A4 hurt, the first layer and the downsampling ones most.
SensitivityHeatmapData sensitivityData()
{
    SensitivityHeatmapData d;
    d.columns = {QStringLiteral("W8A8"), QStringLiteral("W6"), QStringLiteral("W4"), QStringLiteral("A6"), QStringLiteral("A4"), QStringLiteral("all_but")};
    d.metric = QApplication::translate("gallery", "top-1 drop from FP32 (points)");
    d.harmless = 0.0;
    d.decimals = 2;
    d.caption = QApplication::translate("gallery", "On 1000 images: FP32 top-1 69.76 %, every layer int8 69.41 %. Cost: 72 probes in 41.3 s "
                                                   "(activation cache 6.2 s); run on the whole model they would take 118.4 s.");
    for (int l = 0; l < 12; ++l) {
        SensitivityRow row;
        row.label = QString::fromLatin1(kLayerLabels[l]);
        row.name = QStringLiteral("/%1/%2").arg(row.label, l == 11 ? QStringLiteral("Gemm") : QStringLiteral("Conv"));
        const double weight = l == 0 || l == 11 ? 3.0 : l == 4 || l == 7 ? 2.0 : 1.0;
        row.values = {0.02 * (l % 3), 0.05 * weight, 0.55 * weight + 0.03 * l, 0.04 * weight, 0.9 * weight, -0.04 * weight + 0.01 * (l % 2)};
        d.rows.push_back(row);
    }
    return d;
}

std::vector<RunPoint> runData()
{
    struct R {
        const char* name;
        const char* config;
        double size, top1;
        bool fp32;
    };
    const R runs[] = {
        {"FP32", "no quantization", 44.59, 69.76, true},
        {"int8 pt none", "8/8 bit, per-tensor, clip none", 11.15, 68.62, false},
        {"int8 pc avg", "8/8 bit, per-channel, clip avg", 11.15, 69.41, false},
        {"int8 pc laplace", "8/8 bit, per-channel, clip laplace", 11.15, 69.58, false},
        {"w6a8 pc mse", "6-bit weights, per-channel, clip mse", 8.38, 69.12, false},
        {"mixed 4/8", "4-bit weights, first/last layer 8-bit", 6.14, 66.85, false},
        {"w4a8 pc laplace", "4-bit weights, per-channel, clip laplace", 5.62, 63.40, false},
        {"w4a8 pt avg", "4-bit weights, per-tensor, clip avg", 5.62, 55.21, false},
    };
    std::vector<RunPoint> points;
    int id = 0;
    for (const R& r : runs) {
        RunPoint p;
        p.id = id++;
        p.name = QString::fromLatin1(r.name);
        p.config = QString::fromLatin1(r.config);
        p.sizeMB = r.size;
        p.top1 = r.top1;
        p.fp32 = r.fp32;
        points.push_back(p);
    }
    return points;
}

// The layer table with both delegates, as the workbench's layer panel would use them.
QTableView* layerTable(QWidget* parent)
{
    enum { Layer, BitsAct, BitsW, Mode, Clip };
    auto* model = new QStandardItemModel(0, 5, parent);
    model->setHorizontalHeaderLabels({QApplication::translate("gallery", "Layer"), QApplication::translate("gallery", "Act. bits"),
                                      QApplication::translate("gallery", "Weight bits"), QApplication::translate("gallery", "Mode"),
                                      QApplication::translate("gallery", "Clip")});
    const char* rows[][5] = {{"conv1", "8", "8", "asym_u", "none"},          {"layer1.0.conv1", "8", "4", "asym_u", "avg"},
                             {"layer1.0.conv2", "8", "4", "asym_u", "laplace"}, {"layer2.0.downsample.0", "0", "0", "asym_u", "none"},
                             {"layer4.1.conv2", "6", "4", "sym", "mse"},        {"fc", "8", "8", "asym_s", "none"}};
    for (const auto& row : rows) {
        QList<QStandardItem*> items;
        items << new QStandardItem(QString::fromLatin1(row[0]));
        for (int c : {1, 2}) {
            auto* item = new QStandardItem;
            item->setData(QString::fromLatin1(row[c]).toInt(), Qt::EditRole);
            items << item;
        }
        items << new QStandardItem(QString::fromLatin1(row[3])) << new QStandardItem(QString::fromLatin1(row[4]));
        items.front()->setEditable(false);
        model->appendRow(items);
    }
    auto* view = new QTableView(parent);
    view->setModel(model);
    auto* spin = new SpinBoxDelegate(view);
    for (int c : {BitsAct, BitsW})
        spin->setColumn(c, {2, 8, QApplication::translate("gallery", "float"), 0, QApplication::translate("gallery", " bit")});
    auto* combo = new EnumComboDelegate(view);
    combo->setChoices(Mode, {QStringLiteral("asym_u"), QStringLiteral("asym_s"), QStringLiteral("sym")});
    combo->setChoices(Clip, {QStringLiteral("none"), QStringLiteral("avg"), QStringLiteral("n_std"), QStringLiteral("gauss"),
                             QStringLiteral("laplace"), QStringLiteral("percentile"), QStringLiteral("entropy"), QStringLiteral("mse"),
                             QStringLiteral("pytorch_histogram")});
    view->setItemDelegateForColumn(BitsAct, spin);
    view->setItemDelegateForColumn(BitsW, spin);
    view->setItemDelegateForColumn(Mode, combo);
    view->setItemDelegateForColumn(Clip, combo);
    view->horizontalHeader()->setSectionResizeMode(Layer, QHeaderView::Stretch);
    view->verticalHeader()->hide();
    return view;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(45, 45, 48));
    p.setColor(QPalette::WindowText, QColor(220, 220, 220));
    p.setColor(QPalette::Base, QColor(30, 30, 32));
    p.setColor(QPalette::AlternateBase, QColor(45, 45, 48));
    p.setColor(QPalette::Text, QColor(220, 220, 220));
    p.setColor(QPalette::Button, QColor(53, 53, 56));
    p.setColor(QPalette::ButtonText, QColor(220, 220, 220));
    p.setColor(QPalette::Highlight, QColor(64, 128, 200));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Mid, QColor(90, 90, 95));
    p.setColor(QPalette::PlaceholderText, QColor(150, 150, 155));
    p.setColor(QPalette::ToolTipBase, QColor(30, 30, 32));
    p.setColor(QPalette::ToolTipText, QColor(220, 220, 220));
    return p;
}

bool save(QWidget* widget, const QString& dir, const QString& name)
{
    const QString path = QDir(dir).filePath(name);
    const bool ok = widget->grab().save(path);
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "FAILED to write", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("qs_widgets_gallery"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("gallery", "Every QuantScope plot widget with synthetic data."));
    parser.addHelpOption();
    const QCommandLineOption screenshot(QStringLiteral("screenshot"), QApplication::translate("gallery", "Write widgets_*.png to <dir> and exit."),
                                        QStringLiteral("dir"));
    const QCommandLineOption dark(QStringLiteral("dark"), QApplication::translate("gallery", "Use a dark palette."));
    parser.addOptions({screenshot, dark});
    parser.process(app);
    if (parser.isSet(dark)) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
    }

    const Activations relu = synthesize(1, 1.0, 0.0015, true, 200000);
    auto* tabs = new QTabWidget;
    auto* hist8 = new ActivationHistogramView;
    hist8->setData(histogramData(QStringLiteral("layer2.0.conv1"), relu, 8, QStringLiteral("avg")));
    auto* hist4 = new ActivationHistogramView;
    hist4->setData(histogramData(QStringLiteral("layer2.0.conv1"), relu, 4, QStringLiteral("laplace")));
    auto* weights = new WeightRangeView;
    weights->setData(weightData());
    auto* observers = new ObserverComparisonView;
    observers->setLayers(observerData());
    observers->setSelectedLayer(QStringLiteral("/layer2.0.conv1/Conv"));
    auto* runs = new AccuracySizePlot;
    runs->setRuns(runData());
    runs->setSelectedRun(3);
    tabs->addTab(hist8, QApplication::translate("gallery", "Histogram 8-bit"));
    tabs->addTab(hist4, QApplication::translate("gallery", "Histogram 4-bit"));
    tabs->addTab(weights, QApplication::translate("gallery", "Weight ranges"));
    tabs->addTab(observers, QApplication::translate("gallery", "Observer comparison"));
    tabs->addTab(runs, QApplication::translate("gallery", "Accuracy vs size"));
    auto* errors = new LayerErrorChart;
    errors->setLayers(layerErrorData(), QApplication::translate("gallery", "SQNR of each layer's output against FP32 on 32 images, worst first."));
    errors->setSelectedLayer(QStringLiteral("/layer2.0.conv1/Conv"));
    tabs->addTab(errors, QApplication::translate("gallery", "Layer errors"));
    auto* sensitivity = new SensitivityHeatmap;
    sensitivity->setData(sensitivityData());
    sensitivity->setSelectedLayer(QStringLiteral("/layer2.0.conv1/Conv"));
    tabs->addTab(sensitivity, QApplication::translate("gallery", "Sensitivity"));
    auto* tablePage = new QWidget;
    auto* table = layerTable(tablePage);
    (new QVBoxLayout(tablePage))->addWidget(table);
    tabs->addTab(tablePage, QApplication::translate("gallery", "Layer table delegates"));

    // What the user clicked, to try the signals by hand.
    auto* status = new QStatusBar;
    QObject::connect(hist8, &ActivationHistogramView::rangeClicked, status,
                     [status](const QString& m) { status->showMessage(QApplication::translate("gallery", "rangeClicked(%1)").arg(m)); });
    QObject::connect(hist4, &ActivationHistogramView::rangeClicked, status,
                     [status](const QString& m) { status->showMessage(QApplication::translate("gallery", "rangeClicked(%1)").arg(m)); });
    QObject::connect(observers, &ObserverComparisonView::layerClicked, status, [status, observers](const QString& name) {
        observers->setSelectedLayer(name);
        status->showMessage(QApplication::translate("gallery", "layerClicked(%1)").arg(name));
    });
    QObject::connect(errors, &LayerErrorChart::layerClicked, status, [status, errors, sensitivity](const QString& name) {
        errors->setSelectedLayer(name);
        sensitivity->setSelectedLayer(name);
        status->showMessage(QApplication::translate("gallery", "layerClicked(%1)").arg(name));
    });
    QObject::connect(sensitivity, &SensitivityHeatmap::layerClicked, status, [status, errors, sensitivity](const QString& name) {
        errors->setSelectedLayer(name);
        sensitivity->setSelectedLayer(name);
        status->showMessage(QApplication::translate("gallery", "layerClicked(%1)").arg(name));
    });
    QObject::connect(runs, &AccuracySizePlot::runClicked, status, [status, runs](int id) {
        runs->setSelectedRun(id);
        status->showMessage(QApplication::translate("gallery", "runClicked(%1)").arg(id));
    });

    QWidget window;
    window.setWindowTitle(QApplication::translate("gallery", "QuantScope widgets gallery"));
    auto* layout = new QVBoxLayout(&window);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs);
    layout->addWidget(status);
    window.resize(1000, 560);

    if (!parser.isSet(screenshot)) {
        window.show();
        return QApplication::exec();
    }
    const QString dir = parser.value(screenshot);
    QDir().mkpath(dir);
    const QString suffix = parser.isSet(dark) ? QStringLiteral("_dark") : QString();
    window.show();
    // One page at a time: show it, let the event loop lay it out and run its queued replot, then grab it.
    const QStringList names = {QStringLiteral("activation_histogram_8bit"), QStringLiteral("activation_histogram_4bit"),
                               QStringLiteral("weight_ranges"), QStringLiteral("observer_comparison"), QStringLiteral("accuracy_size"),
                               QStringLiteral("layer_errors"), QStringLiteral("sensitivity"), QStringLiteral("layer_table")};
    bool ok = true;
    std::function<void(int)> step = [&](int i) {
        if (i > 0)
            ok &= save(tabs->widget(i - 1), dir, QStringLiteral("widgets_%1%2.png").arg(names[i - 1], suffix));
        if (i == tabs->count()) {
            QApplication::exit(ok ? 0 : 1);
            return;
        }
        tabs->setCurrentIndex(i);
        if (tabs->widget(i) == tablePage) // with the clip editor open
            table->edit(table->model()->index(1, 4));
        QTimer::singleShot(250, &app, [&step, i] { step(i + 1); });
    };
    QTimer::singleShot(250, &app, [&step] { step(0); });
    return QApplication::exec();
}
