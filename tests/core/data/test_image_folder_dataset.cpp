// ImageFolderDataset on generated PNG/JPEG files: class order, skipped corrupt/zero-byte/truncated files
// with reasons, exact preprocessing numbers, and a corrupt file that passes the scan failing loudly.
#include "core/data/dataset_factory.h"
#include "core/data/image_folder_dataset.h"
#include "core/util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>

#include <fstream>
#include <thread>

using namespace qs;
namespace fs = std::filesystem;

namespace {

void writeBytes(const fs::path& path, const std::vector<uint8_t>& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::vector<uint8_t> encode(const std::string& ext, const cv::Mat& image)
{
    std::vector<uint8_t> bytes;
    cv::imencode(ext, image, bytes);
    return bytes;
}

const char* const kSpec = "resize=32,crop=16x24,channels=rgb,scale=1/255,mean=0.485:0.456:0.406,std=0.229:0.224:0.225";

float expected(int value, int c)
{
    const double mean[3] = {0.485, 0.456, 0.406}, stdev[3] = {0.229, 0.224, 0.225};
    return float((value / 255.0 - mean[c]) / stdev[c]);
}

bool hasSkip(const std::vector<SkippedFile>& skipped, const std::string& name, const std::string& reason)
{
    for (const auto& s : skipped)
        if (fs::path(s.path).filename() == name && s.reason.find(reason) != std::string::npos)
            return true;
    return false;
}

} // namespace

class TestImageFolderDataset : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    fs::path m_root;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_root = fs::path(m_dir.path().toStdString()) / "images";
        for (const char* c : {"dog", "cat", "bird", "cat/nested"})
            fs::create_directories(m_root / c);
        // cat: a solid orange PNG (BGR 0,128,255) 40x60 and a solid blue JPEG; one nested PNG.
        writeBytes(m_root / "cat/a.png", encode(".png", cv::Mat(40, 60, CV_8UC3, cv::Scalar(0, 128, 255))));
        writeBytes(m_root / "cat/b.JPG", encode(".jpg", cv::Mat(48, 48, CV_8UC3, cv::Scalar(200, 50, 10))));
        writeBytes(m_root / "cat/nested/c.png", encode(".png", cv::Mat(32, 32, CV_8UC1, cv::Scalar(77))));
        // dog: one good image, one corrupt (random bytes), one zero-byte, one truncated PNG, one text file.
        writeBytes(m_root / "dog/good.png", encode(".png", cv::Mat(64, 64, CV_8UC3, cv::Scalar(1, 2, 3))));
        writeBytes(m_root / "dog/corrupt.jpg", std::vector<uint8_t>(300, 0x5A));
        writeBytes(m_root / "dog/empty.png", {});
        cv::Mat noise(64, 64, CV_8UC3);
        cv::randu(noise, 0, 256);
        auto png = encode(".png", noise);
        png.resize(png.size() / 2);
        writeBytes(m_root / "dog/truncated.png", png);
        auto jpg = encode(".jpg", noise);
        jpg.resize(jpg.size() * 2 / 3);
        writeBytes(m_root / "dog/truncated.jpeg", jpg);
        writeBytes(m_root / "dog/notes.txt", {'h', 'i'});
    }

    void scansClassesAndSkipsBadFiles()
    {
        ImageFolderDataset dataset(m_root, parsePreprocessSpec(kSpec));
        QCOMPARE(dataset.numClasses(), 3);
        QCOMPARE(dataset.className(0), std::string("bird"));
        QCOMPARE(dataset.className(1), std::string("cat"));
        QCOMPARE(dataset.className(2), std::string("dog"));
        QCOMPARE(dataset.size(), int64_t(4));
        QCOMPARE(fs::path(dataset.filePath(0)).filename().string(), std::string("a.png"));
        QCOMPARE(fs::path(dataset.filePath(1)).filename().string(), std::string("b.JPG"));
        QCOMPARE(fs::path(dataset.filePath(2)).filename().string(), std::string("c.png"));
        QCOMPARE(fs::path(dataset.filePath(3)).filename().string(), std::string("good.png"));
        QCOMPARE(dataset.labels(), (std::vector<int>{1, 1, 1, 2}));
        QVERIFY(dataset.sampleShape() == (SampleShape{3, 16, 24, Layout::Nchw}));

        const auto skipped = dataset.skippedFiles();
        for (const auto& s : skipped)
            qInfo("skipped %s: %s", s.path.c_str(), s.reason.c_str());
        QCOMPARE(skipped.size(), std::size_t(4)); // notes.txt is not an image candidate at all
        QVERIFY(hasSkip(skipped, "corrupt.jpg", "not a supported image format"));
        QVERIFY(hasSkip(skipped, "empty.png", "zero-byte"));
        QVERIFY(hasSkip(skipped, "truncated.png", "truncated PNG"));
        QVERIFY(hasSkip(skipped, "truncated.jpeg", "truncated JPEG"));
        QVERIFY(dataset.description().find("4 files skipped") != std::string::npos);
    }

    void preprocessingNumbersExact()
    {
        ImageFolderDataset dataset(m_root, parsePreprocessSpec(kSpec));
        const std::vector<int64_t> indices = {0, 2, 0};
        const std::size_t n = 3 * 16 * 24, plane = 16 * 24;
        std::vector<float> out(indices.size() * n);
        dataset.loadBatch(indices, out.data());
        // a.png: 40x60 solid (R,G,B) = (255,128,0): resize to 32x48, crop 16x24, all pixels unchanged.
        for (std::size_t i = 0; i < plane; ++i) {
            QCOMPARE(out[i], expected(255, 0));
            QCOMPARE(out[plane + i], expected(128, 1));
            QCOMPARE(out[2 * plane + i], expected(0, 2));
        }
        // c.png: gray 77 becomes R = G = B = 77.
        for (int c = 0; c < 3; ++c)
            QCOMPARE(out[n + c * plane + 7], expected(77, c));
        // The second load of sample 0 (now from the cache) is identical.
        QVERIFY(std::equal(out.begin(), out.begin() + long(n), out.begin() + long(2 * n)));

        // JPEG is lossy: the solid blue-ish JPEG (R,G,B) = (10,50,200) within a few levels.
        const int64_t jpegIndex = 1;
        dataset.loadBatch({&jpegIndex, 1}, out.data());
        for (int c = 0; c < 3; ++c) {
            const int value[3] = {10, 50, 200};
            const float tolerance = float(3.0 / 255.0 / 0.22);
            QVERIFY(std::abs(out[c * plane + 100] - expected(value[c], c)) < tolerance);
        }
    }

    void concurrentLoadsAgree()
    {
        ImageFolderDataset dataset(m_root, parsePreprocessSpec(kSpec));
        const std::size_t n = static_cast<std::size_t>(dataset.sampleShape().elements());
        const std::vector<int64_t> indices = {3, 0, 1, 2, 3, 2, 1, 0};
        std::vector<float> reference(indices.size() * n);
        {
            ImageFolderOptions noCache;
            noCache.cacheBytes = 0;
            ImageFolderDataset(m_root, parsePreprocessSpec(kSpec), noCache).loadBatch(indices, reference.data());
        }
        std::vector<std::vector<float>> results(4, std::vector<float>(indices.size() * n));
        std::vector<std::thread> threads;
        for (auto& result : results)
            threads.emplace_back([&] {
                for (int round = 0; round < 5; ++round)
                    dataset.loadBatch(indices, result.data());
            });
        for (auto& t : threads)
            t.join();
        for (const auto& result : results)
            QVERIFY(result == reference);
    }

    void corruptFilePassingScanThrowsOnLoad()
    {
        QTemporaryDir dir;
        const fs::path root = fs::path(dir.path().toStdString()) / "set";
        fs::create_directories(root / "only");
        cv::Mat noise(64, 64, CV_8UC3);
        cv::randu(noise, 0, 256);
        auto png = encode(".png", noise);
        // Damage the compressed data but keep the signature and the IEND trailer: passes the quick check.
        for (std::size_t i = 100; i < png.size() - 100; i += 7)
            png[i] ^= 0xFF;
        writeBytes(root / "only/damaged.png", png);
        writeBytes(root / "only/fine.png", encode(".png", cv::Mat(8, 8, CV_8UC3, cv::Scalar::all(9))));

        ImageFolderDataset lazy(root, parsePreprocessSpec("crop=8"));
        QCOMPARE(lazy.size(), int64_t(2));
        std::vector<float> out(2 * 3 * 64);
        const std::vector<int64_t> indices = {0, 1};
        try {
            lazy.loadBatch(indices, out.data());
            QFAIL("a damaged PNG must not load");
        } catch (const Error& e) {
            QVERIFY2(e.context().file.find("damaged.png") != std::string::npos, e.what());
            QCOMPARE(e.context().sample, 0LL);
        }

        ImageFolderOptions options;
        options.verifyDecode = true;
        ImageFolderDataset verified(root, parsePreprocessSpec("crop=8"), options);
        QCOMPARE(verified.size(), int64_t(1));
        QCOMPARE(verified.skippedFiles().size(), std::size_t(1));
        QVERIFY(verified.skippedFiles()[0].path.find("damaged.png") != std::string::npos);
    }

    void errors()
    {
        try {
            ImageFolderDataset dataset(m_root, parsePreprocessSpec("resize=32,channels=rgb"));
            QFAIL("varying sizes without crop must be rejected");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("crop") != std::string::npos, e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, ImageFolderDataset(m_root / "missing", parsePreprocessSpec("crop=8")));
        QVERIFY_THROWS_EXCEPTION(Error, ImageFolderDataset(m_root / "bird", parsePreprocessSpec("crop=8")));
        ImageFolderDataset dataset(m_root, parsePreprocessSpec("crop=8"));
        std::vector<float> out(3 * 64);
        const int64_t bad = 4;
        QVERIFY_THROWS_EXCEPTION(Error, dataset.loadBatch({&bad, 1}, out.data()));
        // Through the factory.
        auto opened = openDataset("imagefolder:" + m_root.string(), Split::Test, parsePreprocessSpec("crop=8"));
        QCOMPARE(opened->size(), int64_t(4));
        QCOMPARE(opened->skippedFiles().size(), std::size_t(4));
    }
};

QTEST_APPLESS_MAIN(TestImageFolderDataset)
#include "test_image_folder_dataset.moc"
