// CIFAR-10 binary reader on generated tiny batches: record layout (label, R, G, B planes), splits,
// class names from batches.meta.txt, and size/label validation naming the file.
#include "core/data/cifar10_reader.h"
#include "core/data/dataset_factory.h"
#include "core/util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace qs;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kRecord = 3073;

// Record r: label (r * 3) % 10, R plane = r + p % 7, G = 100 + p % 50, B = 255 - r.
std::vector<uint8_t> batch(int records, int firstRecord)
{
    std::vector<uint8_t> out;
    for (int i = 0; i < records; ++i) {
        const int r = firstRecord + i;
        out.push_back(static_cast<uint8_t>((r * 3) % 10));
        for (int p = 0; p < 1024; ++p)
            out.push_back(static_cast<uint8_t>(r + p % 7));
        for (int p = 0; p < 1024; ++p)
            out.push_back(static_cast<uint8_t>(100 + p % 50));
        for (int p = 0; p < 1024; ++p)
            out.push_back(static_cast<uint8_t>(255 - r));
    }
    return out;
}

void writeBytes(const fs::path& path, const std::vector<uint8_t>& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

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

class TestCifar10Reader : public QObject {
    Q_OBJECT

private slots:
    void readsTestBatchLayout()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        writeBytes(root / "test_batch.bin", batch(4, 0));
        auto dataset = openDataset("cifar10:" + root.string(), Split::Test, parsePreprocessSpec("layout=nchw"));
        QCOMPARE(dataset->size(), int64_t(4));
        QCOMPARE(dataset->numClasses(), 10);
        QCOMPARE(dataset->className(0), std::string("airplane"));
        QCOMPARE(dataset->className(9), std::string("truck"));
        QVERIFY(dataset->sampleShape() == (SampleShape{3, 32, 32, Layout::Nchw}));
        QCOMPARE(dataset->labels(), (std::vector<int>{0, 3, 6, 9}));

        std::vector<float> out(3 * 1024);
        const int64_t index = 2;
        dataset->loadBatch({&index, 1}, out.data());
        for (int p : {0, 1, 500, 1023}) {
            QCOMPARE(out[p], float(2 + p % 7));
            QCOMPARE(out[1024 + p], float(100 + p % 50));
            QCOMPARE(out[2048 + p], float(253));
        }

        // NHWC and BGR reorder the same pixels.
        auto bgr = openCifar10(root, Split::Test, parsePreprocessSpec("channels=bgr,layout=nhwc"));
        bgr->loadBatch({&index, 1}, out.data());
        QCOMPARE(out[5 * 3 + 0], 253.0f);
        QCOMPARE(out[5 * 3 + 1], float(100 + 5));
        QCOMPARE(out[5 * 3 + 2], float(2 + 5));
    }

    void trainSplitConcatenatesFiveBatchesAndReadsMeta()
    {
        QTemporaryDir dir;
        const fs::path root = fs::path(dir.path().toStdString()) / "cifar-10-batches-bin";
        fs::create_directories(root);
        for (int b = 1; b <= 5; ++b)
            writeBytes(root / ("data_batch_" + std::to_string(b) + ".bin"), batch(2, (b - 1) * 2));
        writeBytes(root / "test_batch.bin", batch(1, 0));
        {
            std::ofstream meta(root / "batches.meta.txt");
            for (int c = 0; c < 10; ++c)
                meta << "class" << c << "\n";
            meta << "\n";
        }
        // The parent folder is accepted too.
        auto dataset = openCifar10(dir.path().toStdString(), Split::Train, PreprocessSpec{});
        QCOMPARE(dataset->size(), int64_t(10));
        QCOMPARE(dataset->className(4), std::string("class4"));
        QCOMPARE(dataset->label(7), (7 * 3) % 10);
        QCOMPARE(int(dataset->rawPixels(9)[0]), 9);      // R of record 9
        QCOMPARE(int(dataset->rawPixels(9)[2]), 255 - 9); // B
    }

    void validation()
    {
        QTemporaryDir dir;
        const fs::path root = dir.path().toStdString();
        auto truncated = batch(2, 0);
        truncated.pop_back();
        writeBytes(root / "test_batch.bin", truncated);
        QString message = errorOf([&] { openCifar10(root, Split::Test, {}); });
        QVERIFY2(message.contains("test_batch.bin") && message.contains("multiple"), qPrintable(message));

        auto badLabel = batch(3, 0);
        badLabel[2 * kRecord] = 10;
        writeBytes(root / "test_batch.bin", badLabel);
        message = errorOf([&] { openCifar10(root, Split::Test, {}); });
        QVERIFY2(message.contains("test_batch.bin") && message.contains("sample 2"), qPrintable(message));

        message = errorOf([&] { openCifar10(root, Split::Train, {}); });
        QVERIFY2(message.contains("data_batch_1.bin") && message.contains("not found"), qPrintable(message));

        writeBytes(root / "test_batch.bin", batch(1, 0));
        {
            std::ofstream meta(root / "batches.meta.txt");
            meta << "cat\ndog\n";
        }
        message = errorOf([&] { openCifar10(root, Split::Test, {}); });
        QVERIFY2(message.contains("batches.meta.txt") && message.contains("10 class names"), qPrintable(message));
    }
};

QTEST_APPLESS_MAIN(TestCifar10Reader)
#include "test_cifar10_reader.moc"
