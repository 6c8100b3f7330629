// Dataset specs: KIND:PATH parsing, unknown kinds listed, defaults per kind, split parsing.
#include "core/data/dataset_factory.h"
#include "core/util/error.h"

#include <QtTest>

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

} // namespace

class TestDatasetFactory : public QObject {
    Q_OBJECT

private slots:
    void parsesSpecs()
    {
        auto spec = parseDatasetSpec("fashion-mnist:/data/fm");
        QCOMPARE(QString::fromStdString(spec.kind), QString("fashion-mnist"));
        QCOMPARE(QString::fromStdString(spec.path), QString("/data/fm"));
        spec = parseDatasetSpec("ImageFolder:C:/x"); // only the first ':' separates
        QCOMPARE(QString::fromStdString(spec.kind), QString("imagefolder"));
        QCOMPARE(QString::fromStdString(spec.path), QString("C:/x"));
        QCOMPARE(QString::fromStdString(parseDatasetSpec("cifar-10:/c").kind), QString("cifar10"));
    }

    void clearErrors()
    {
        QString message = errorOf([] { openDataset("svhn:/data", Split::Test, {}); });
        QVERIFY2(message.contains("unknown dataset kind 'svhn'") && message.contains("fashion-mnist, mnist, cifar10, imagefolder"),
                 qPrintable(message));
        message = errorOf([] { parseDatasetSpec("/just/a/path"); });
        QVERIFY2(message.contains("KIND:PATH"), qPrintable(message));
        message = errorOf([] { parseDatasetSpec("mnist:"); });
        QVERIFY2(message.contains("empty path"), qPrintable(message));
        message = errorOf([] { openDataset("fashion-mnist:/nonexistent/fm", Split::Test, {}); });
        QVERIFY2(message.contains("/nonexistent/fm") && message.contains("not found"), qPrintable(message));
        message = errorOf([] { parseSplit("dev"); });
        QVERIFY2(message.contains("'dev'"), qPrintable(message));
        QVERIFY(parseSplit("train") == Split::Train);
        QVERIFY(parseSplit("test") == Split::Test);
    }

    void defaults()
    {
        QVERIFY(defaultPreprocessFor("fashion-mnist:/x") == PreprocessSpec::fashionMnist());
        QCOMPARE(QString::fromStdString(formatSpec(defaultPreprocessFor("imagefolder:/x"))),
                 QString("resize=256,crop=224,channels=rgb,layout=nchw,scale=1/255,mean=0.485:0.456:0.406,std=0.229:0.224:0.225"));
        QCOMPARE(defaultPreprocessFor("cifar10:/x").mean.size(), std::size_t(3));
    }
};

QTEST_APPLESS_MAIN(TestDatasetFactory)
#include "test_dataset_factory.moc"
