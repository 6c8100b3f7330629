// Which files the image-folder dataset hands to OpenCV: the signatures of the accepted formats, told from
// images OpenCV itself encodes, and formats OpenCV (with GDAL, OpenJPEG, ...) would decode but QuantScope
// refuses, also when they carry an accepted extension; the decoder's pixel limit with a header that lies.
#include "core/data/image_folder_dataset.h"
#include "core/data/image_format.h"
#include "core/util/error.h"

#include <opencv2/imgcodecs.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

#include <fstream>

using namespace qs;
namespace fs = std::filesystem;

namespace {

// Each encoder wants its own pixel type: gray for PGM, float for PFM and Radiance HDR, 8-bit colour otherwise.
// 64 wide, 48 high (not square, so swapped dimensions show); JPEG 2000 needs more than a few pixels.
std::vector<uint8_t> encode(const std::string& ext, const std::vector<int>& params = {})
{
    cv::Mat image(48, 64, CV_8UC3, cv::Scalar(10, 20, 30));
    if (ext == ".pgm")
        image = cv::Mat(48, 64, CV_8UC1, cv::Scalar(40));
    else if (ext == ".pfm" || ext == ".hdr")
        image.convertTo(image, CV_32FC3, 1.0 / 255);
    std::vector<uint8_t> bytes;
    try {
        if (!cv::imencode(ext, image, bytes, params))
            return {};
    } catch (const cv::Exception&) {
        return {};
    }
    return bytes;
}

void writeBytes(const fs::path& path, const std::vector<uint8_t>& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// A PNG signature and IHDR declaring width x height, then IEND: what a 60-byte hostile header looks like.
std::vector<uint8_t> pngHeaderOnly(uint32_t width, uint32_t height)
{
    std::vector<uint8_t> b = {0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52}; // signature, IHDR
    for (uint32_t v : {width, height})
        for (int shift = 24; shift >= 0; shift -= 8)
            b.push_back(static_cast<uint8_t>(v >> shift));
    for (uint8_t v : {8, 2, 0, 0, 0}) // 8-bit RGB, no interlace
        b.push_back(v);
    const uLong crc = crc32(0, b.data() + 12, 17); // over "IHDR" and its 13 bytes
    for (int shift = 24; shift >= 0; shift -= 8)
        b.push_back(static_cast<uint8_t>(crc >> shift));
    // An empty IDAT (libpng reads the header up to the first IDAT), then IEND.
    for (const char* chunk : {"IDAT", "IEND"}) {
        for (int i = 0; i < 4; ++i)
            b.push_back(0);
        const std::size_t at = b.size();
        b.insert(b.end(), chunk, chunk + 4);
        const uLong chunkCrc = crc32(0, b.data() + at, 4);
        for (int shift = 24; shift >= 0; shift -= 8)
            b.push_back(static_cast<uint8_t>(chunkCrc >> shift));
    }
    return b;
}

} // namespace

class TestImageFormat : public QObject {
    Q_OBJECT

    bool m_limitSetOutside = false;

private slots:
    void initTestCase() { m_limitSetOutside = std::getenv("OPENCV_IO_MAX_IMAGE_PIXELS") != nullptr; }

    void acceptedFormatsFromOpenCvsOwnEncoder_data()
    {
        QTest::addColumn<QString>("ext");
        QTest::addColumn<QList<int>>("params");
        QTest::addColumn<int>("format");
        QTest::newRow("jpg") << ".jpg" << QList<int>{} << int(ImageFormat::Jpeg);
        QTest::newRow("jpg progressive") << ".jpg" << QList<int>{cv::IMWRITE_JPEG_PROGRESSIVE, 1} << int(ImageFormat::Jpeg);
        QTest::newRow("png") << ".png" << QList<int>{} << int(ImageFormat::Png);
        QTest::newRow("bmp") << ".bmp" << QList<int>{} << int(ImageFormat::Bmp);
        QTest::newRow("ppm") << ".ppm" << QList<int>{} << int(ImageFormat::Pnm);
        QTest::newRow("ppm plain") << ".ppm" << QList<int>{cv::IMWRITE_PXM_BINARY, 0} << int(ImageFormat::Pnm);
        QTest::newRow("pgm") << ".pgm" << QList<int>{} << int(ImageFormat::Pnm);
        QTest::newRow("tif") << ".tif" << QList<int>{} << int(ImageFormat::Tiff);
        QTest::newRow("webp lossy") << ".webp" << QList<int>{} << int(ImageFormat::WebP);
        QTest::newRow("webp lossless") << ".webp" << QList<int>{cv::IMWRITE_WEBP_QUALITY, 101} << int(ImageFormat::WebP);
    }
    // The signature, and the header's width and height as OpenCV's decoder reads them.
    void acceptedFormatsFromOpenCvsOwnEncoder()
    {
        QFETCH(QString, ext);
        QFETCH(QList<int>, params);
        QFETCH(int, format);
        const auto bytes = encode(ext.toStdString(), std::vector<int>(params.begin(), params.end()));
        QVERIFY2(!bytes.empty(), "OpenCV cannot encode it");
        const auto sniffed = sniffImageFormat(bytes);
        QVERIFY(sniffed.has_value());
        QCOMPARE(int(*sniffed), format);
        const auto size = readImageSize(bytes);
        QVERIFY(size.has_value());
        const cv::Mat decoded = cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
        QCOMPARE(size->width, int64_t(decoded.cols));
        QCOMPARE(size->height, int64_t(decoded.rows));
        QCOMPARE(size->width, int64_t(64));
        QCOMPARE(size->height, int64_t(48));
    }

    // Real photos (tests/data/photos: darknet's JPEGs) read their size from the header too.
    void realPhotos()
    {
        const fs::path photos = fs::path(QS_SOURCE_DIR) / "tests/data/photos";
        int seen = 0;
        for (const auto& entry : fs::directory_iterator(photos)) {
            if (entry.path().extension() != ".jpg")
                continue;
            std::ifstream in(entry.path(), std::ios::binary);
            const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            const auto size = readImageSize(bytes);
            QVERIFY2(size.has_value(), entry.path().c_str());
            const cv::Mat decoded = cv::imdecode(bytes, cv::IMREAD_COLOR);
            QCOMPARE(size->width, int64_t(decoded.cols));
            QCOMPARE(size->height, int64_t(decoded.rows));
            ++seen;
        }
        QCOMPARE(seen, 4);
    }

    void otherFormatsRefused_data()
    {
        QTest::addColumn<QString>("ext");
        // Formats this OpenCV decodes through decoders we do not expose (Sun raster, JPEG 2000, Radiance HDR,
        // PFM, PAM) — each checked to be decodable by OpenCV, so the refusal is ours.
        for (const char* ext : {".ras", ".jp2", ".hdr", ".pfm", ".pam"})
            QTest::newRow(ext) << ext;
    }
    void otherFormatsRefused()
    {
        QFETCH(QString, ext);
        const auto bytes = encode(ext.toStdString());
        QVERIFY2(!bytes.empty(), "Debian's OpenCV encodes all of them");
        QVERIFY2(!cv::imdecode(bytes, cv::IMREAD_COLOR).empty(), "OpenCV decodes it (so our refusal matters)");
        QVERIFY(!sniffImageFormat(bytes).has_value());

        // Named like an accepted image, it is still skipped, with the reason, at scan and at full decode.
        QTemporaryDir dir;
        const fs::path root = fs::path(dir.path().toStdString());
        fs::create_directories(root / "c");
        writeBytes(root / "c/disguised.png", bytes);
        writeBytes(root / "c/real.png", encode(".png"));
        for (bool verify : {false, true}) {
            ImageFolderOptions options;
            options.verifyDecode = verify;
            const ImageFolderDataset dataset(root, parsePreprocessSpec("resize=4x4"), options);
            QCOMPARE(dataset.size(), int64_t(1));
            QCOMPARE(dataset.skippedFiles().size(), std::size_t(1));
            QVERIFY(dataset.skippedFiles()[0].reason.find("not a supported image format") != std::string::npos);
        }
    }

    void shortAndEmptyInputs()
    {
        QVERIFY(!sniffImageFormat({}).has_value());
        const uint8_t riff[] = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E'};
        QVERIFY(!sniffImageFormat(riff).has_value());
        const uint8_t p7[] = {'P', '7', '\n'};
        QVERIFY(!sniffImageFormat(p7).has_value());
        const uint8_t jpegStart[] = {0xFF, 0xD8};
        QVERIFY(!sniffImageFormat(jpegStart).has_value());
    }

    // A header declaring 12000 x 12000 (1.4e8 pixels, above the 2^27 limit, below OpenCV's own 2^30) is refused
    // before any pixel buffer is allocated, with a reason that says so and how to raise it.
    // A PNG chunk declaring more bytes than the file has (fuzz_image: a 317-byte file whose tEXt chunk claimed
    // 1.7 GB, which libpng allocated before reading) is refused with the chunk named; real PNGs pass.
    void pngChunkRunningPastTheEndIsRefused()
    {
        const std::vector<uint8_t> real = encode(".png");
        QVERIFY(pngChunkOverrun(real).empty());
        std::vector<uint8_t> bad = pngHeaderOnly(6, 6);
        QVERIFY(pngChunkOverrun(bad).empty());
        bad[33] = 0x68; // the IDAT chunk's length, high byte: 0x68000000
        const std::string why = pngChunkOverrun(bad);
        QVERIFY2(why.find("chunk 'IDAT' declares 1744830464 bytes") != std::string::npos, why.c_str());

        QTemporaryDir dir;
        const fs::path root = fs::path(dir.path().toStdString());
        fs::create_directories(root / "c");
        writeBytes(root / "c/bad.png", bad);
        writeBytes(root / "c/real.png", real);
        ImageFolderOptions options;
        options.verifyDecode = true;
        const ImageFolderDataset dataset(root, parsePreprocessSpec("resize=4x4"), options);
        QCOMPARE(dataset.size(), int64_t(1));
        QCOMPARE(dataset.skippedFiles().size(), std::size_t(1));
        QVERIFY2(dataset.skippedFiles()[0].reason.find("corrupt PNG: chunk 'IDAT'") != std::string::npos, dataset.skippedFiles()[0].reason.c_str());
    }

    void headerAboveThePixelLimitIsRefused()
    {
        if (m_limitSetOutside)
            QSKIP("OPENCV_IO_MAX_IMAGE_PIXELS is set in this environment; the product's default is not in force");
        QTemporaryDir dir;
        const fs::path root = fs::path(dir.path().toStdString());
        fs::create_directories(root / "c");
        writeBytes(root / "c/huge.png", pngHeaderOnly(12000, 12000));
        writeBytes(root / "c/real.png", encode(".png"));
        ImageFolderOptions options;
        options.verifyDecode = true;
        const ImageFolderDataset dataset(root, parsePreprocessSpec("resize=4x4"), options);
        QCOMPARE(dataset.size(), int64_t(1));
        QCOMPARE(dataset.skippedFiles().size(), std::size_t(1));
        const std::string reason = dataset.skippedFiles()[0].reason;
        qInfo("%s", reason.c_str());
        QVERIFY(reason.find("declares 12000x12000 pixels, above the decoder limit of 134217728") != std::string::npos);
        QVERIFY(reason.find("OPENCV_IO_MAX_IMAGE_PIXELS") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestImageFormat)
#include "test_image_format.moc"
