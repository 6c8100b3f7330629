// TensorFolderDataset (tensors:DIR) on NumPy-written files from tests/data/npy copied into a temporary tree:
// .npy [C,H,W] and [1,C,H,W], .npz stored and deflated, values exactly as stored, skipped files with their
// reasons, the first file deciding the shape, NHWC, a file failing only at loadBatch (bad CRC, changed since
// open) with file and sample index, .npz files of several arrays (one per model input), and concurrent loads.
#include "core/data/dataset_factory.h"
#include "core/data/tensor_folder_dataset.h"
#include "core/util/error.h"

#include "../npz_writer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <thread>

using namespace qs;
namespace fs = std::filesystem;

namespace {

const fs::path kData = fs::path(QS_SOURCE_DIR) / "tests/data/npy";

void copy(const char* name, const fs::path& to)
{
    fs::create_directories(to.parent_path());
    fs::copy_file(kData / name, to, fs::copy_options::overwrite_existing);
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

bool hasSkip(const std::vector<SkippedFile>& skipped, const std::string& name, const std::string& reason)
{
    for (const auto& s : skipped)
        if (fs::path(s.path).filename() == name && s.reason.find(reason) != std::string::npos)
            return true;
    return false;
}

std::vector<float> load(const Dataset& dataset, std::vector<int64_t> indices)
{
    std::vector<float> out(indices.size() * static_cast<std::size_t>(dataset.sampleShape().elements()));
    dataset.loadBatch(indices, out.data());
    return out;
}

} // namespace

class TestTensorFolderDataset : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    fs::path m_root;

    fs::path freshDir(const char* name)
    {
        const fs::path dir = fs::path(m_dir.path().toStdString()) / name;
        fs::create_directories(dir);
        return dir;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_root = freshDir("tensors");
        copy("sample_3x4x5.npy", m_root / "a_sample.npy");             // 100 + i
        copy("sample_1x3x4x5.npy", m_root / "b_batch.npy");            // i, batch dimension of 1
        copy("savez_one.npz", m_root / "c/savez_one.npz");             // 200 + i
        copy("savez_compressed_one.npz", m_root / "c/d/compressed.NPZ"); // 300 + i
        copy("sample_4x5x6_u1.npy", m_root / "e_other_shape.npy");
        copy("bad_truncated.npy", m_root / "f_truncated.npy");
        copy("rank0_f4.npy", m_root / "g_rank0.npy");
        copy("bad_crc.npz", m_root / "h_crc.npz"); // headers intact: passes the scan
        copy("bad_object.npy", m_root / "i_object.npy");
        copy("bad_huge_member.npz", m_root / "k_huge.npz");
        copy("sample_3x4x5.npy", m_root / "notes.txt");
        fs::create_directories(m_root / "l");
        std::ofstream(m_root / "l/empty.npy").flush();
    }

    void scansAndSkipsWithReasons()
    {
        const TensorFolderDataset dataset(m_root, parsePreprocessSpec("scale=1/255,mean=0.5,std=0.25"));
        QCOMPARE(dataset.size(), int64_t(5));
        QCOMPARE(fs::path(dataset.filePath(0)).filename().string(), std::string("a_sample.npy"));
        QCOMPARE(fs::path(dataset.filePath(1)).filename().string(), std::string("b_batch.npy"));
        QCOMPARE(fs::path(dataset.filePath(2)).filename().string(), std::string("compressed.NPZ")); // c/d/ < c/s
        QCOMPARE(fs::path(dataset.filePath(3)).filename().string(), std::string("savez_one.npz"));
        QCOMPARE(fs::path(dataset.filePath(4)).filename().string(), std::string("h_crc.npz"));
        QVERIFY(dataset.sampleShape() == (SampleShape{3, 4, 5, Layout::Nchw}));
        QCOMPARE(dataset.numClasses(), 0);
        QCOMPARE(dataset.labels(), (std::vector<int>(5, -1)));
        QVERIFY(errorOf([&] { dataset.className(0); }).contains("no classes"));

        const auto skipped = dataset.skippedFiles();
        for (const auto& s : skipped)
            qInfo("skipped %s: %s", s.path.c_str(), s.reason.c_str());
        QCOMPARE(skipped.size(), std::size_t(6));
        QVERIFY(hasSkip(skipped, "e_other_shape.npy", "shape [4, 5, 6] differs from [3, 4, 5] of the first file"));
        QVERIFY(hasSkip(skipped, "f_truncated.npy", "data truncated"));
        QVERIFY(hasSkip(skipped, "g_rank0.npy", "expected [C, H, W] or [1, C, H, W]"));
        QVERIFY(hasSkip(skipped, "i_object.npy", "dtype '|O'"));
        QVERIFY(hasSkip(skipped, "k_huge.npz", "more than the limit"));
        QVERIFY(hasSkip(skipped, "empty.npy", "zero-byte"));

        const std::string description = dataset.description();
        QVERIFY2(description.find("tensors tensors: 5 samples of 3x4x5 (CHW) (as stored, no preprocessing) from ") == 0 &&
                     description.find("6 files skipped") != std::string::npos,
                 description.c_str());
    }

    void valuesAsStored()
    {
        const TensorFolderDataset dataset(m_root, parsePreprocessSpec("scale=1/255,mean=0.5,std=0.25"));
        // Normalisation in the spec is not applied; the spec reported says so.
        QCOMPARE(QString::fromStdString(formatSpec(dataset.preprocess())), QString::fromStdString(formatSpec(PreprocessSpec{})));
        const auto out = load(dataset, {0, 1, 2, 3, 0});
        const float base[] = {100, 0, 300, 200, 100};
        for (std::size_t s = 0; s < 5; ++s)
            for (std::size_t i = 0; i < 60; ++i)
                QCOMPARE(out[s * 60 + i], base[s] + float(i));
    }

    void failsAtLoadWithFileAndSample()
    {
        const TensorFolderDataset dataset(m_root, {});
        const std::vector<int64_t> index = {4};
        std::vector<float> out(60);
        try {
            dataset.loadBatch(index, out.data());
            QFAIL("no error for a bad CRC");
        } catch (const Error& e) {
            QVERIFY2(e.context().sample == 4 && QString(e.what()).contains("h_crc.npz") &&
                         QString(e.what()).contains("sample 4") && QString(e.what()).contains("CRC-32 mismatch"),
                     e.what());
        }
        QVERIFY(errorOf([&] { load(dataset, {5}); }).contains("out of range"));
        QVERIFY(errorOf([&] { dataset.label(-1); }).contains("out of range"));
    }

    void fileChangedSinceOpen()
    {
        const fs::path dir = freshDir("changing");
        copy("sample_3x4x5.npy", dir / "a.npy");
        copy("sample_3x4x5.npy", dir / "b.npy");
        const TensorFolderDataset dataset(dir, {});
        copy("sample_4x5x6_u1.npy", dir / "a.npy");
        copy("bad_truncated.npy", dir / "b.npy");
        QString message = errorOf([&] { load(dataset, {0}); });
        QVERIFY2(message.contains("a.npy: sample 0") && message.contains("is not the [3, 4, 5]"), qPrintable(message));
        message = errorOf([&] { load(dataset, {1}); });
        QVERIFY2(message.contains("b.npy: sample 1") && message.contains("data truncated"), qPrintable(message));
    }

    void nhwcReadsStoredDimsAsHwc()
    {
        const fs::path dir = freshDir("nhwc");
        copy("sample_4x5x6_u1.npy", dir / "x.npy");
        copy("sample_3x4x5.npy", dir / "y.npy");
        const TensorFolderDataset dataset(dir, parsePreprocessSpec("layout=nhwc"));
        QVERIFY(dataset.sampleShape() == (SampleShape{6, 4, 5, Layout::Nhwc}));
        QCOMPARE(dataset.sampleShape().dims(), (std::vector<int64_t>{4, 5, 6}));
        QVERIFY(dataset.preprocess().layout == Layout::Nhwc);
        QCOMPARE(dataset.size(), int64_t(1)); // the first file decides
        QVERIFY(hasSkip(dataset.skippedFiles(), "y.npy", "differs from [4, 5, 6]"));
        const auto out = load(dataset, {0});
        for (std::size_t i = 0; i < 120; ++i)
            QCOMPARE(out[i], float(i));
    }

    // np.savez(image=..., label=...): one sample of two arrays, for a model of two inputs, read as NumPy wrote it.
    void severalArraysPerSample()
    {
        for (const char* file : {"savez_two.npz", "savez_compressed_two.npz"}) {
            const fs::path dir = freshDir(file);
            copy(file, dir / "a_two.npz");
            copy(file, dir / "b_two.npz");
            copy("sample_3x4x5.npy", dir / "c_one.npy");
            copy("savez_one.npz", dir / "d_other_set.npz");
            qs::testing::writeNpz(dir / "e_other_shape.npz", {{"image", {3, 4, 5}, std::vector<float>(60)}, {"label", {2}, {1, 2}}});
            const TensorFolderDataset dataset(dir, {});
            QCOMPARE(dataset.size(), int64_t(2));
            QVERIFY(hasSkip(dataset.skippedFiles(), "e_other_shape.npz", "arrays 'image' [3, 4, 5], 'label' [2] differ from 'image' [3, 4, 5], 'label' []"));
            QCOMPARE(dataset.sampleArrays(), (std::vector<SampleArray>{{"image", {3, 4, 5}}, {"label", {}}}));
            QVERIFY(hasSkip(dataset.skippedFiles(), "c_one.npy", "holds one array but the first file"));
            QVERIFY(hasSkip(dataset.skippedFiles(), "d_other_set.npz", "holds one array but the first file"));
            QVERIFY2(dataset.description().find("arrays 'image' [3, 4, 5], 'label' []") != std::string::npos, dataset.description().c_str());
            std::vector<float> image(2 * 60), label(2);
            const std::vector<float*> out{image.data(), label.data()};
            const std::vector<int64_t> both{0, 1};
            dataset.loadArrays(both, out);
            const float base = std::string(file) == "savez_two.npz" ? 200.0f : 300.0f;
            for (std::size_t i = 0; i < 120; ++i)
                QCOMPARE(image[i], base + float(i % 60));
            QCOMPARE(label, (std::vector<float>{7.0f, 7.0f}));
            // There is no one image-like shape: the single-array interface says so instead of guessing.
            QVERIFY(errorOf([&] { (void)dataset.sampleShape(); }).contains("several arrays ('image' [3, 4, 5], 'label' [])"));
            QVERIFY(errorOf([&] { dataset.loadBatch(both, image.data()); }).contains("loadArrays"));
        }
        // The other way round: one array per sample decided by the first file, an .npz of two is left out.
        const fs::path dir = freshDir("one_then_two");
        copy("sample_3x4x5.npy", dir / "a.npy");
        copy("savez_two.npz", dir / "two.npz");
        const TensorFolderDataset dataset(dir, {});
        QCOMPARE(dataset.size(), int64_t(1));
        QCOMPARE(dataset.sampleArrays(), (std::vector<SampleArray>{{"", {3, 4, 5}}}));
        QVERIFY(hasSkip(dataset.skippedFiles(), "two.npz", "holds arrays 'image' [3, 4, 5], 'label' [] but the first file"));
    }

    void noUsableFile()
    {
        const fs::path bad = freshDir("bad");
        copy("bad_dict.npy", bad / "x.npy");
        QString message = errorOf([&] { TensorFolderDataset(bad, {}); });
        QVERIFY2(message.startsWith(QString::fromStdString(bad.string())) && message.contains("no usable sample") &&
                     message.contains("x.npy: header is not a valid Python dict"),
                 qPrintable(message));
        const fs::path empty = freshDir("empty");
        copy("sample_3x4x5.npy", empty / "x.npy.txt");
        message = errorOf([&] { TensorFolderDataset(empty, {}); });
        QVERIFY2(message.contains("no .npy or .npz file"), qPrintable(message));
        message = errorOf([&] { TensorFolderDataset(empty / "missing", {}); });
        QVERIFY2(message.contains("missing") && message.contains("not found"), qPrintable(message));
    }

    void throughTheFactory()
    {
        const auto kinds = knownDatasetKinds();
        QVERIFY(std::find(kinds.begin(), kinds.end(), "tensors") != kinds.end());
        QVERIFY(defaultPreprocessFor("tensors:/x") == PreprocessSpec{});
        const auto dataset = openDataset("tensors:" + m_root.string(), Split::Train, defaultPreprocessFor("tensors:/x"));
        QCOMPARE(dataset->size(), int64_t(5));
        QCOMPARE(dataset->name(), std::string("tensors tensors"));
        const auto slash = openDataset("Tensors:" + m_root.string() + "/", Split::Test, {});
        QCOMPARE(slash->name(), std::string("tensors tensors"));
    }

    void concurrentLoads()
    {
        const TensorFolderDataset dataset(m_root, {});
        const auto expected = load(dataset, {0, 1, 2, 3});
        std::vector<std::thread> threads;
        std::vector<int> ok(4, 0);
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (int round = 0; round < 20; ++round)
                    ok[std::size_t(t)] += load(dataset, {0, 1, 2, 3}) == expected;
            });
        for (auto& thread : threads)
            thread.join();
        QCOMPARE(ok, (std::vector<int>(4, 20)));
    }
};

QTEST_APPLESS_MAIN(TestTensorFolderDataset)
#include "test_tensor_folder_dataset.moc"
