// PreprocessSpec: compact and sidecar parsing, canonical formatting round trips, errors naming key/value/line.
#include "core/data/preprocess_spec.h"
#include "core/util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace qs;

namespace {

QString errorOf(const std::function<void()>& fn)
{
    try {
        fn();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return "NO ERROR";
}

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace

class TestPreprocessSpec : public QObject {
    Q_OBJECT

private slots:
    void parsesImageNetString()
    {
        const auto spec = parsePreprocessSpec(
            "resize=256,crop=224,channels=rgb,layout=nchw,scale=1/255,mean=0.485:0.456:0.406,std=0.229:0.224:0.225");
        QCOMPARE(spec.resizeShorter, 256);
        QCOMPARE(spec.resizeHeight, 0);
        QCOMPARE(spec.cropHeight, 224);
        QCOMPARE(spec.cropWidth, 224);
        QVERIFY(spec.channels == ChannelOrder::Rgb);
        QVERIFY(spec.layout == Layout::Nchw);
        QCOMPARE(spec.scale, 1.0 / 255.0);
        QCOMPARE(spec.mean, (std::vector<double>{0.485, 0.456, 0.406}));
        QCOMPARE(spec.std, (std::vector<double>{0.229, 0.224, 0.225}));
        QCOMPARE(q(formatSpec(spec)),
                 QString("resize=256,crop=224,channels=rgb,layout=nchw,scale=1/255,mean=0.485:0.456:0.406,std=0.229:0.224:0.225"));
    }

    void sizesScalesAndSpellings()
    {
        auto spec = parsePreprocessSpec(" resize = 32x48 , crop=30x40, channels=BGR, layout=nhwc, scale=0.5 ");
        QCOMPARE(spec.resizeShorter, 0);
        QCOMPARE(spec.resizeHeight, 32);
        QCOMPARE(spec.resizeWidth, 48);
        QCOMPARE(spec.cropHeight, 30);
        QCOMPARE(spec.cropWidth, 40);
        QVERIFY(spec.channels == ChannelOrder::Bgr);
        QVERIFY(spec.layout == Layout::Nhwc);
        QCOMPARE(spec.scale, 0.5);
        QCOMPARE(q(formatSpec(spec)), QString("resize=32x48,crop=30x40,channels=bgr,layout=nhwc,scale=0.5"));
        QCOMPARE(parsePreprocessSpec("scale=2/255").scale, 2.0 / 255.0);
        QCOMPARE(parsePreprocessSpec("scale=1/127.5").scale, 1.0 / 127.5);
        QCOMPARE(parsePreprocessSpec("scale=0.00392156862745098").scale, 1.0 / 255.0);
        QCOMPARE(q(formatSpec(PreprocessSpec{})), QString("layout=nchw,scale=1"));
        QVERIFY(parsePreprocessSpec("") == PreprocessSpec{});
    }

    void roundTrips_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("imagenet") << "resize=256,crop=224,channels=rgb,scale=1/255,mean=0.485:0.456:0.406,std=0.229:0.224:0.225";
        QTest::newRow("fashion") << "channels=gray,scale=1/255,mean=0.286,std=0.353";
        QTest::newRow("exact") << "resize=28x32,crop=20x30,layout=nhwc,scale=0.017,mean=123.675:116.28:103.53";
        QTest::newRow("odd scale") << "scale=0.1,mean=-1";
        QTest::newRow("empty") << "";
    }
    void roundTrips()
    {
        QFETCH(QString, text);
        const auto spec = parsePreprocessSpec(text.toStdString());
        const auto formatted = formatSpec(spec);
        QVERIFY(parsePreprocessSpec(formatted) == spec);
        QVERIFY(parsePreprocessSidecar(formatPreprocessSidecar(spec)) == spec);
        QCOMPARE(formatSpec(parsePreprocessSpec(formatted)), formatted);
    }

    void fashionMnistDefault()
    {
        const auto spec = PreprocessSpec::fashionMnist();
        QCOMPARE(q(formatSpec(spec)), QString("channels=gray,layout=nchw,scale=1/255,mean=0.286,std=0.353"));
    }

    void errorsNameKeyAndValue_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown key") << "resize=256,colour=rgb" << "unknown key 'colour'";
        QTest::newRow("bad crop") << "crop=abc" << "bad value 'abc' for key 'crop'";
        QTest::newRow("zero crop") << "crop=0" << "for key 'crop'";
        QTest::newRow("bad size") << "resize=12x" << "bad value '12x' for key 'resize'";
        QTest::newRow("bad channels") << "channels=argb" << "bad value 'argb' for key 'channels'";
        QTest::newRow("bad layout") << "layout=nchwc" << "for key 'layout'";
        QTest::newRow("zero scale") << "scale=0" << "bad value '0' for key 'scale'";
        QTest::newRow("div by zero") << "scale=1/0" << "bad value '1/0' for key 'scale'";
        QTest::newRow("bad mean") << "mean=0.4:x:0.3" << "bad value '0.4:x:0.3' for key 'mean'";
        QTest::newRow("zero std") << "std=0.2:0:0.2" << "for key 'std'";
        QTest::newRow("no equals") << "resize" << "expected key=value, got 'resize'";
    }
    void errorsNameKeyAndValue()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString message = errorOf([&] { parsePreprocessSpec(text.toStdString()); });
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void sidecarFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/net.preprocess.yaml";
        {
            std::ofstream out(path);
            out << "# reference preprocessing\n"
                   "resize: 256\n"
                   "crop: 224   # center\n"
                   "channels: \"rgb\"\n"
                   "\n"
                   "scale: 1/255\n"
                   "mean: [0.485, 0.456, 0.406]\n"
                   "std: 0.229:0.224:0.225\n";
        }
        const auto spec = loadPreprocessSidecar(path);
        QCOMPARE(q(formatSpec(spec)),
                 QString("resize=256,crop=224,channels=rgb,layout=nchw,scale=1/255,mean=0.485:0.456:0.406,std=0.229:0.224:0.225"));

        const auto found = findPreprocessSidecar(dir.path().toStdString() + "/net.onnx");
        QVERIFY(found.has_value());
        QCOMPARE(q(found->string()), q(path));
        QVERIFY(!findPreprocessSidecar(dir.path().toStdString() + "/other.onnx").has_value());
    }

    void sidecarErrorsCarryFileAndLine()
    {
        QString message = errorOf([] { parsePreprocessSidecar("crop: 224\nmean: [0.1, oops]\n", "m.preprocess.yaml"); });
        QVERIFY2(message.contains("m.preprocess.yaml:2") && message.contains("'mean'"), qPrintable(message));
        message = errorOf([] { parsePreprocessSidecar("crop 224\n", "m.yaml"); });
        QVERIFY2(message.contains("m.yaml:1") && message.contains("key: value"), qPrintable(message));
        message = errorOf([] { parsePreprocessSidecar("\n\nfoo: 1\n", "m.yaml"); });
        QVERIFY2(message.contains("m.yaml:3") && message.contains("unknown key 'foo'"), qPrintable(message));
        message = errorOf([] { loadPreprocessSidecar("/nonexistent/x.preprocess.yaml"); });
        QVERIFY2(message.contains("/nonexistent/x.preprocess.yaml"), qPrintable(message));
    }
};

QTEST_APPLESS_MAIN(TestPreprocessSpec)
#include "test_preprocess_spec.moc"
