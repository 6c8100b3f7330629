// IDX reader: the real Fashion-MNIST test split cross-checked against an independent zlib read, and
// malformed files (bad magic, truncation, count mismatch) rejected with the file named.
#include "core/data/dataset_factory.h"
#include "core/data/idx_reader.h"
#include "core/util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

#include <zlib.h>

#include <array>
#include <fstream>

using namespace qs;

namespace {

const std::string kFashionDir = "/usr/share/datasets/fashion-mnist";

std::vector<uint8_t> gunzipAll(const std::string& path)
{
    std::vector<uint8_t> out;
    gzFile f = gzopen(path.c_str(), "rb");
    if (!f)
        return out;
    std::array<uint8_t, 65536> buffer{};
    int got = 0;
    while ((got = gzread(f, buffer.data(), buffer.size())) > 0)
        out.insert(out.end(), buffer.begin(), buffer.begin() + got);
    gzclose(f);
    return out;
}

uint32_t be32(const std::vector<uint8_t>& b, std::size_t at)
{
    return (uint32_t(b[at]) << 24) | (uint32_t(b[at + 1]) << 16) | (uint32_t(b[at + 2]) << 8) | b[at + 3];
}

std::vector<uint8_t> idxHeader(uint8_t type, std::vector<uint32_t> dims)
{
    std::vector<uint8_t> out = {0, 0, type, static_cast<uint8_t>(dims.size())};
    for (uint32_t d : dims)
        for (int shift = 24; shift >= 0; shift -= 8)
            out.push_back(static_cast<uint8_t>(d >> shift));
    return out;
}

void writeFile(const std::string& path, const std::vector<uint8_t>& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

void writeGz(const std::string& path, const std::vector<uint8_t>& bytes)
{
    gzFile f = gzopen(path.c_str(), "wb");
    gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(f);
}

// Runs fn, expects a qs::Error whose text names the file; returns the message.
template <typename Fn>
QString expectErrorNaming(Fn fn, const std::string& file)
{
    try {
        fn();
    } catch (const Error& e) {
        const QString what = QString::fromStdString(e.what());
        if (!what.contains(QString::fromStdString(file)))
            return "MISSING FILE NAME: " + what;
        return what;
    }
    return "NO ERROR";
}

bool haveFashion()
{
    return std::filesystem::exists(kFashionDir + "/t10k-images-idx3-ubyte.gz");
}

} // namespace

class TestIdxReader : public QObject {
    Q_OBJECT

private slots:
    void fashionMnistTestSplitMatchesRawFile()
    {
        // Installed by scripts/install-deps.sh: missing data is a broken setup, not a pass.
        QVERIFY2(haveFashion(), "dataset-fashion-mnist is missing: run scripts/install-deps.sh");
        PreprocessSpec raw; // scale 1, no mean/std: floats equal the stored bytes
        auto dataset = openDataset("fashion-mnist:" + kFashionDir, Split::Test, raw);
        QCOMPARE(dataset->size(), int64_t(10000));
        QCOMPARE(dataset->numClasses(), 10);
        QVERIFY(dataset->sampleShape() == (SampleShape{1, 28, 28, Layout::Nchw}));
        QCOMPARE(dataset->className(9), std::string("Ankle boot"));
        QCOMPARE(dataset->className(0), std::string("T-shirt/top"));
        QCOMPARE(dataset->label(0), 9);
        QVERIFY(dataset->name().find("Fashion-MNIST") != std::string::npos);

        std::array<int, 10> histogram{};
        for (int l : dataset->labels())
            ++histogram[static_cast<std::size_t>(l)];
        for (int count : histogram)
            QCOMPARE(count, 1000);

        // Independent read of the same files.
        const auto images = gunzipAll(kFashionDir + "/t10k-images-idx3-ubyte.gz");
        const auto labels = gunzipAll(kFashionDir + "/t10k-labels-idx1-ubyte.gz");
        QCOMPARE(images.size(), std::size_t(16 + 10000 * 784));
        QCOMPARE(be32(images, 0), 0x803u);
        QCOMPARE(be32(images, 4), 10000u);
        QCOMPARE(be32(images, 8), 28u);
        QCOMPARE(be32(labels, 0), 0x801u);
        QCOMPARE(int(labels[8]), 9);

        const std::vector<int64_t> picks = {0, 1, 1234, 9999};
        std::vector<float> out(picks.size() * 784);
        dataset->loadBatch(picks, out.data());
        long long sum = 0;
        int maxPixel = 0, nonZero = 0;
        for (std::size_t k = 0; k < picks.size(); ++k) {
            for (std::size_t p = 0; p < 784; ++p) {
                const uint8_t byte = images[16 + static_cast<std::size_t>(picks[k]) * 784 + p];
                QCOMPARE(out[k * 784 + p], float(byte));
                if (k == 0) {
                    sum += byte;
                    maxPixel = std::max<int>(maxPixel, byte);
                    nonZero += byte != 0;
                }
            }
            QCOMPARE(dataset->label(picks[k]), int(labels[8 + static_cast<std::size_t>(picks[k])]));
        }
        // Image 0 is an ankle boot: a real picture, neither blank nor saturated.
        QCOMPARE(sum, 33456LL); // measured once, also equal to the independent read above
        QCOMPARE(maxPixel, 255);
        QCOMPARE(nonZero, 267);
        qInfo("image 0: pixel sum %lld, max %d, non-zero %d", sum, maxPixel, nonZero);
    }

    void fashionMnistDefaultNormalisation()
    {
        // Installed by scripts/install-deps.sh: missing data is a broken setup, not a pass.
        QVERIFY2(haveFashion(), "dataset-fashion-mnist is missing: run scripts/install-deps.sh");
        auto dataset = openDataset("fashion-mnist:" + kFashionDir, Split::Test, PreprocessSpec::fashionMnist());
        auto rawDataset = openDataset("fashion-mnist:" + kFashionDir, Split::Test, PreprocessSpec{});
        std::vector<float> norm(784), raw(784);
        const int64_t index = 17;
        dataset->loadBatch({&index, 1}, norm.data());
        rawDataset->loadBatch({&index, 1}, raw.data());
        for (std::size_t p = 0; p < 784; ++p)
            QVERIFY(std::abs(norm[p] - float((raw[p] / 255.0 - 0.2860) / 0.3530)) < 1e-6f);
        QVERIFY(std::abs(norm[0] - float(-0.2860 / 0.3530)) < 1e-6f || raw[0] != 0);
    }

    void fashionMnistLoadsEveryImage()
    {
        // Installed by scripts/install-deps.sh: missing data is a broken setup, not a pass.
        QVERIFY2(haveFashion(), "dataset-fashion-mnist is missing: run scripts/install-deps.sh");
        auto dataset = openDataset("fashion-mnist:" + kFashionDir, Split::Test, PreprocessSpec::fashionMnist());
        std::vector<int64_t> all(10000);
        std::iota(all.begin(), all.end(), int64_t(0));
        std::vector<float> out(256 * 784);
        // Every batch of the 10k test images loads, normalised into [(0 - 0.286) / 0.353, (1 - 0.286) / 0.353].
        // (How fast is a benchmark's question, not a unit test's.)
        const float lo = (0.0f - 0.2860f) / 0.3530f - 1e-5f, hi = (1.0f - 0.2860f) / 0.3530f + 1e-5f;
        for (std::size_t b = 0; b < all.size(); b += 256) {
            const std::size_t n = std::min<std::size_t>(256, all.size() - b);
            dataset->loadBatch(std::span<const int64_t>(all).subspan(b, n), out.data());
            const auto bad = std::find_if(out.begin(), out.begin() + static_cast<long>(n * 784), [&](float v) { return !(v >= lo && v <= hi); });
            QVERIFY2(bad == out.begin() + static_cast<long>(n * 784), qPrintable(QString("image %1").arg(b + (bad - out.begin()) / 784)));
        }
    }

    void trainSplitHasSixtyThousand()
    {
        // Installed by scripts/install-deps.sh: missing data is a broken setup, not a pass.
        QVERIFY2(haveFashion(), "dataset-fashion-mnist is missing: run scripts/install-deps.sh");
        auto dataset = openIdxDirectory(kFashionDir, IdxFlavor::FashionMnist, Split::Train, PreprocessSpec{});
        QCOMPARE(dataset->size(), int64_t(60000));
    }

    void validFilesPlainAndGzip()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        auto images = idxHeader(0x08, {3, 2, 4});
        for (int i = 0; i < 24; ++i)
            images.push_back(static_cast<uint8_t>(i * 10));
        auto labels = idxHeader(0x08, {3});
        labels.insert(labels.end(), {7, 0, 9});
        writeFile(d + "/t10k-images-idx3-ubyte", images);
        writeGz(d + "/t10k-labels-idx1-ubyte.gz", labels);
        auto dataset = openDataset("mnist:" + d, Split::Test, PreprocessSpec{});
        QCOMPARE(dataset->size(), int64_t(3));
        QVERIFY(dataset->sampleShape() == (SampleShape{1, 2, 4, Layout::Nchw}));
        QCOMPARE(dataset->label(2), 9);
        QCOMPARE(dataset->className(7), std::string("7"));
        std::vector<float> out(8);
        const int64_t index = 1;
        dataset->loadBatch({&index, 1}, out.data());
        QCOMPARE(out[0], 80.0f);
        QCOMPARE(out[7], 150.0f);
        QVERIFY_THROWS_EXCEPTION(Error, dataset->label(3));
    }

    void malformedFilesNameTheFile()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        auto good = idxHeader(0x08, {2, 2, 2});
        good.insert(good.end(), 8, 1);

        auto badMagic = good;
        badMagic[0] = 0x12;
        writeFile(d + "/bad_magic", badMagic);
        QString message = expectErrorNaming([&] { readIdxFile(d + "/bad_magic"); }, d + "/bad_magic");
        QVERIFY2(message.contains("magic"), qPrintable(message));

        auto badType = good;
        badType[2] = 0x0D; // float data
        writeFile(d + "/bad_type", badType);
        message = expectErrorNaming([&] { readIdxFile(d + "/bad_type"); }, d + "/bad_type");
        QVERIFY2(message.contains("element type"), qPrintable(message));

        auto truncated = good;
        truncated.resize(truncated.size() - 3);
        writeFile(d + "/truncated", truncated);
        message = expectErrorNaming([&] { readIdxFile(d + "/truncated"); }, d + "/truncated");
        QVERIFY2(message.contains("truncated"), qPrintable(message));

        writeGz(d + "/truncated.gz", truncated);
        message = expectErrorNaming([&] { readIdxFile(d + "/truncated.gz"); }, d + "/truncated.gz");
        QVERIFY2(message.contains("truncated"), qPrintable(message));

        // A gzip stream cut in the middle: zlib reports an unexpected end of file.
        writeGz(d + "/full.gz", std::vector<uint8_t>(good.begin(), good.end()));
        std::ifstream in(d + "/full.gz", std::ios::binary);
        std::vector<uint8_t> gz((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        gz.resize(gz.size() - 12);
        writeFile(d + "/cut.gz", gz);
        message = expectErrorNaming([&] { readIdxFile(d + "/cut.gz"); }, d + "/cut.gz");
        QVERIFY2(!message.startsWith("NO ERROR") && !message.startsWith("MISSING"), qPrintable(message));

        auto header = good;
        header.resize(7);
        writeFile(d + "/short_header", header);
        message = expectErrorNaming([&] { readIdxFile(d + "/short_header"); }, d + "/short_header");
        QVERIFY2(message.contains("header"), qPrintable(message));

        auto trailing = good;
        trailing.push_back(0);
        writeFile(d + "/trailing", trailing);
        message = expectErrorNaming([&] { readIdxFile(d + "/trailing"); }, d + "/trailing");
        QVERIFY2(message.contains("beyond"), qPrintable(message));

        message = expectErrorNaming([&] { readIdxFile(d + "/missing"); }, d + "/missing");
        QVERIFY2(message.contains("not found"), qPrintable(message));
    }

    void countMismatchAndBadLabels()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        auto images = idxHeader(0x08, {2, 1, 1});
        images.insert(images.end(), {1, 2});
        auto labels = idxHeader(0x08, {3});
        labels.insert(labels.end(), {1, 2, 3});
        writeFile(d + "/images", images);
        writeFile(d + "/labels", labels);
        QString message = expectErrorNaming(
            [&] { openIdxDataset(d + "/images", d + "/labels", "x", idxClassNames(IdxFlavor::Mnist), {}); }, d + "/labels");
        QVERIFY2(message.contains("3 labels") && message.contains("2 images"), qPrintable(message));

        auto badLabels = idxHeader(0x08, {2});
        badLabels.insert(badLabels.end(), {1, 12});
        writeFile(d + "/bad_labels", badLabels);
        message = expectErrorNaming(
            [&] { openIdxDataset(d + "/images", d + "/bad_labels", "x", idxClassNames(IdxFlavor::Mnist), {}); },
            d + "/bad_labels");
        QVERIFY2(message.contains("sample 1") && message.contains("12"), qPrintable(message));

        // Images passed where labels are expected: wrong rank.
        message = expectErrorNaming(
            [&] { openIdxDataset(d + "/images", d + "/images", "x", idxClassNames(IdxFlavor::Mnist), {}); }, d + "/images");
        QVERIFY2(message.contains("rank"), qPrintable(message));

        message = expectErrorNaming([&] { openIdxDirectory(d, IdxFlavor::Mnist, Split::Train, {}); }, d);
        QVERIFY2(message.contains("train-images-idx3-ubyte.gz"), qPrintable(message));
    }
};

QTEST_APPLESS_MAIN(TestIdxReader)
#include "test_idx_reader.moc"
