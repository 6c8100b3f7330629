// The bad-input corpus (tests/data/bad_input: hand-made cases of issue 14 and what the fuzzers found) through
// quantscope-cli as a user would run it: every file is refused with exit code 1 and a message that names the file
// (and the node or line where there is one); never a signal, a sanitizer report (exit 66 in that build) or
// "internal error". Fuzz-found models that are valid after the fix may also load (exit 0).
#include "cli_runner.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using qs::testing::runCli;

namespace {
const QString kCorpus = QS_TEST_DATA_DIR "/bad_input/";
const QStringList kTiny{"--data", "images:" QS_TEST_DATA_DIR "/photos", "--preprocess", "resize=4x4,channels=gray", "--qe"};

QStringList files(const QString& folder, const QString& pattern)
{
    QStringList out;
    for (const QString& f : QDir(kCorpus + folder).entryList({pattern}, QDir::Files, QDir::Name))
        out << kCorpus + folder + "/" + f;
    return out;
}

void addRows(const QString& folder, const QString& pattern)
{
    for (const QString& f : files(folder, pattern))
        QTest::newRow(qPrintable(folder + "/" + QFileInfo(f).fileName())) << f;
}

// rc 1 naming the file (and no crash, no sanitizer report, no internal error); `mayLoad`: rc 0 is fine too.
void checkRefused(const qs::testing::CliResult& r, const QString& file, bool mayLoad = false)
{
    const QString what = file + ": rc " + QString::number(r.code) + "\n" + r.err.left(800);
    QVERIFY2(!r.err.contains("internal error") && !r.err.contains("Sanitizer") && !r.err.contains("runtime error"), qPrintable(what));
    if (mayLoad && r.code == 0)
        return;
    QVERIFY2(r.code == 1, qPrintable(what));
    QVERIFY2(r.err.contains(QFileInfo(file).fileName()), qPrintable(what));
}
} // namespace

class TestBadInputCorpus : public QObject {
    Q_OBJECT

private slots:
    void corpusIsThere()
    {
        QVERIFY(files("models", "*.onnx").size() >= 9);
        QVERIFY(files("configs", "*.yaml").size() >= 7);
        QVERIFY(files("stats", "*.yaml").size() >= 5);
        QVERIFY(files("fuzz/fuzz_onnx", "*.onnx").size() >= 10);
    }

    void models_data()
    {
        QTest::addColumn<QString>("file");
        addRows("models", "*.onnx");
    }
    // info, then a quantized evaluation (the NaN weights are only met when quantizing), on both engines.
    void models()
    {
        QFETCH(QString, file);
        checkRefused(runCli({"info", "--model", file}), file, file.endsWith("nan_weights.onnx"));
        checkRefused(runCli(QStringList{"eval", "--model", file} + kTiny), file);
        checkRefused(runCli(QStringList{"eval", "--model", file, "--reference"} + kTiny), file);
    }

    void fuzzFoundModels_data()
    {
        QTest::addColumn<QString>("file");
        addRows("fuzz/fuzz_onnx", "*.onnx");
    }
    void fuzzFoundModels()
    {
        QFETCH(QString, file);
        checkRefused(runCli({"info", "--model", file}), file, true);
    }

    void configs_data()
    {
        QTest::addColumn<QString>("file");
        addRows("configs", "*.yaml");
    }
    // Each names the file and its line.
    void configs()
    {
        QFETCH(QString, file);
        const auto r = runCli({"eval", "--qe", "--qe-config-file", file, "--limit", "8", "--qe-calibration", "8"});
        checkRefused(r, file);
        QVERIFY2(r.err.contains(QRegularExpression(QRegularExpression::escape(QFileInfo(file).fileName()) + ":[0-9]+")), qPrintable(r.err));
    }

    void stats_data()
    {
        QTest::addColumn<QString>("file");
        addRows("stats", "*.yaml");
    }
    void stats()
    {
        QFETCH(QString, file);
        checkRefused(runCli({"eval", "--qe", "--qe-stats-file", file, "--limit", "8"}), file);
    }

    // IDX files the fuzzers found, as the images of a Fashion-MNIST folder (with the real labels).
    void fuzzFoundIdx_data()
    {
        QTest::addColumn<QString>("file");
        addRows("fuzz/fuzz_idx", "*");
    }
    void fuzzFoundIdx()
    {
        QFETCH(QString, file);
        QTemporaryDir dir;
        QVERIFY(QFile::copy(file, dir.filePath("t10k-images-idx3-ubyte")));
        QVERIFY(QFile::copy("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz", dir.filePath("t10k-labels-idx1-ubyte.gz")));
        const auto r = runCli({"eval", "--data", "fashion-mnist:" + dir.path(), "--limit", "8"});
        QVERIFY2(r.code == 1 && r.err.contains("t10k-images-idx3-ubyte") && !r.err.contains("internal error"), qPrintable(r.err));
    }

    // Images the fuzzers found (the first byte was the harness's choice; the rest is the file), named .png in an
    // unlabelled image folder: skipped with the reason, so the folder has no usable image, and that is rc 1.
    void fuzzFoundImages_data()
    {
        QTest::addColumn<QString>("file");
        addRows("fuzz/fuzz_image", "*");
    }
    void fuzzFoundImages()
    {
        QFETCH(QString, file);
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll().mid(1);
        QTemporaryDir dir;
        QFile out(dir.filePath("found.png"));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
        out.close();
        const auto r = runCli({"eval", "--data", "images:" + dir.path(), "--preprocess", "resize=28x28,channels=gray", "--limit", "8"});
        QVERIFY2(r.code == 1 && r.err.contains(dir.path()) && r.err.contains("no usable images") && !r.err.contains("internal error"),
                 qPrintable(r.err));
    }

    void statsFileIsAFolder()
    {
        const auto r = runCli({"eval", "--qe", "--qe-stats-file", kCorpus + "stats", "--limit", "8"});
        QVERIFY2(r.code == 1 && !r.err.contains("internal error") && r.err.contains("stats"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestBadInputCorpus)
#include "test_bad_input_corpus.moc"
