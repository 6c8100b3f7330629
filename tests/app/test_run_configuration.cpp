// A run's per-layer configuration as text (app/gui/models/run_configuration.h) on hand-made settings: one
// layer's setting, what differs from the common one, honest run labels (the exceptions named, or counted when
// there are more than two), the tooltip, the dominant clip method and the comparison of two runs.
#include "app/gui/models/run_configuration.h"

#include <QTest>

using namespace qs::gui;

namespace {
LayerConfig w8a8() { return LayerConfig{}; } // 8/8 asym_u per-channel, clip none

LayerSettings layers(std::initializer_list<std::pair<const char*, LayerConfig>> list)
{
    LayerSettings out;
    for (const auto& [name, config] : list)
        out.emplace_back(QString::fromLatin1(name), config);
    return out;
}

LayerConfig with(LayerConfig c, int bitsW, int bitsA)
{
    c.bitsWeights = bitsW;
    c.bitsActivations = bitsA;
    return c;
}

LayerConfig fp32()
{
    LayerConfig c;
    c.noQuant = true;
    return c;
}
} // namespace

class TestRunConfiguration : public QObject {
    Q_OBJECT

private slots:
    void settingTextSaysWhatRuns()
    {
        QCOMPARE(settingText(w8a8()), QStringLiteral("W8A8 asym_u pc"));
        LayerConfig c = with(w8a8(), 4, 6);
        c.mode = qs::QuantMode::Symmetric;
        c.perChannel = false;
        c.clip = qs::RangeMethod::Avg;
        QCOMPARE(settingText(c), QStringLiteral("W4A6 sym avg"));
        c.noClip = true; // no-clip wins over the clip method: what runs is "none"
        QCOMPARE(settingText(c), QStringLiteral("W4A6 sym"));
        QCOMPARE(settingText(fp32()), QStringLiteral("FP32"));
    }

    void differenceNamesOnlyWhatChanged()
    {
        const LayerConfig base = w8a8();
        QCOMPARE(settingDifference(base, with(base, 8, 4)), QStringLiteral("A4"));
        QCOMPARE(settingDifference(base, with(base, 4, 8)), QStringLiteral("W4"));
        QCOMPARE(settingDifference(base, with(base, 4, 6)), QStringLiteral("W4A6"));
        LayerConfig c = base;
        c.perChannel = false;
        c.clip = qs::RangeMethod::Mse;
        QCOMPARE(settingDifference(base, c), QStringLiteral("per-tensor mse"));
        QCOMPARE(settingDifference(base, fp32()), QStringLiteral("FP32"));
        QCOMPARE(settingDifference(fp32(), base), QStringLiteral("W8A8 asym_u pc"));
    }

    void labelNamesUpToTwoExceptions()
    {
        LayerConfig avg = w8a8();
        avg.clip = qs::RangeMethod::Avg;
        QCOMPARE(runLabel(layers({{"conv1", avg}, {"conv2", avg}, {"fc", avg}})), QStringLiteral("W8A8 asym_u pc avg"));
        QCOMPARE(runLabel(layers({{"conv1", with(avg, 8, 4)}, {"conv2", avg}, {"fc", avg}})),
                 QStringLiteral("W8A8 asym_u pc avg, mixed: conv1 A4"));
        QCOMPARE(runLabel(layers({{"conv1", with(avg, 8, 4)}, {"conv2", avg}, {"conv3", avg}, {"fc", fp32()}})),
                 QStringLiteral("W8A8 asym_u pc avg, mixed: conv1 A4, fc FP32"));
        QCOMPARE(runLabel({}), QString());
    }

    void labelCountsManyExceptions()
    {
        const LayerConfig a4 = with(w8a8(), 8, 4);
        LayerSettings run;
        for (int i = 0; i < 5; ++i)
            run.emplace_back(QStringLiteral("conv%1").arg(i), w8a8());
        for (int i = 0; i < 3; ++i)
            run.emplace_back(QStringLiteral("a4_%1").arg(i), a4);
        run.emplace_back(QStringLiteral("fc"), fp32());
        QCOMPARE(runLabel(run), QStringLiteral("W8A8 asym_u pc, mixed: 3 layers A4, 1 layer FP32"));
        run.emplace_back(QStringLiteral("w4"), with(w8a8(), 4, 8));
        run.emplace_back(QStringLiteral("w2"), with(w8a8(), 2, 8));
        QCOMPARE(runLabel(run), QStringLiteral("W8A8 asym_u pc, mixed: 3 layers A4, 1 layer FP32, 2 other layers"));
    }

    void tieGoesToTheEarlierLayer()
    {
        const LayerSettings run = layers({{"conv1", with(w8a8(), 8, 4)}, {"conv2", w8a8()}});
        QCOMPARE(runLabel(run), QStringLiteral("W8A4 asym_u pc, mixed: conv2 A8"));
    }

    void tooltipListsEveryDifferingLayer()
    {
        const LayerSettings run = layers({{"conv1", with(w8a8(), 8, 4)}, {"conv2", w8a8()}, {"conv3", w8a8()}, {"fc", fp32()}});
        const QStringList lines = runTooltip(run).split(QLatin1Char('\n'));
        QCOMPARE(lines[0], QStringLiteral("W8A8 asym_u pc on 2 of 4 layers"));
        QVERIFY(lines.contains(QStringLiteral("  conv1: W8A4 asym_u pc")));
        QVERIFY(lines.contains(QStringLiteral("  fc: FP32")));
        QVERIFY(!runTooltip(run).contains(QStringLiteral("conv2")));
    }

    void dominantClipOfQuantizedLayers()
    {
        LayerConfig mse = w8a8();
        mse.clip = qs::RangeMethod::Mse;
        QVERIFY(dominantClip(layers({{"a", mse}, {"b", mse}, {"c", w8a8()}, {"d", fp32()}, {"e", fp32()}, {"f", fp32()}})) == qs::RangeMethod::Mse);
        QVERIFY(!dominantClip(layers({{"a", fp32()}})));
    }

    void compareListsLayersThatDiffer()
    {
        const LayerSettings first = layers({{"conv1", with(w8a8(), 8, 4)}, {"conv2", w8a8()}, {"fc", w8a8()}});
        const LayerSettings second = layers({{"conv1", w8a8()}, {"conv2", w8a8()}, {"fc", fp32()}});
        const std::vector<LayerDifference> d = compareSettings(first, second);
        QCOMPARE(d.size(), std::size_t{2});
        QCOMPARE(d[0].layer, QStringLiteral("conv1"));
        QCOMPARE(d[0].first, QStringLiteral("W8A4 asym_u pc"));
        QCOMPARE(d[0].second, QStringLiteral("W8A8 asym_u pc"));
        QCOMPARE(d[1].layer, QStringLiteral("fc"));
        QCOMPARE(d[1].second, QStringLiteral("FP32"));
        QVERIFY(compareSettings(first, first).empty());
    }

    void modelOrderFirst()
    {
        std::map<QString, LayerConfig> configs{{QStringLiteral("a_fc"), w8a8()}, {QStringLiteral("b_conv"), w8a8()}, {QStringLiteral("z"), w8a8()}};
        const LayerSettings ordered = inLayerOrder(configs, {QStringLiteral("b_conv"), QStringLiteral("a_fc")});
        QCOMPARE(ordered.size(), std::size_t{3});
        QCOMPARE(ordered[0].first, QStringLiteral("b_conv"));
        QCOMPARE(ordered[1].first, QStringLiteral("a_fc"));
        QCOMPARE(ordered[2].first, QStringLiteral("z")); // not in the model's order: after, by name
    }
};

QTEST_MAIN(TestRunConfiguration)
#include "test_run_configuration.moc"
