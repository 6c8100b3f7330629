// NumPy .npy and .npz reading against files NumPy wrote (tests/data/npy, make_npy_files.py there): every dtype,
// big-endian, fortran order, format versions 2.0 and 3.0, rank 0, empty; savez and savez_compressed through the
// ZIP reader; and corrupt files (hand-made there, and ZIP records built here) each refused with the file named.
#include "core/data/npy_reader.h"
#include "core/data/zip_archive.h"
#include "core/util/error.h"

#include <QtTest>

#include <zlib.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <functional>
#include <optional>

using namespace qs;

namespace {

const std::string kDir = std::string(QS_SOURCE_DIR) + "/tests/data/npy/";

std::vector<uint8_t> fileBytes(const std::string& name)
{
    std::ifstream in(kDir + name, std::ios::binary);
    if (!in)
        qFatal("missing test file %s", (kDir + name).c_str());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

NpyArray readFile(const std::string& name)
{
    return readNpy(fileBytes(name), name);
}

// What make_npy_files.py wrote for dtype_<code>.npy and be_<code>.npy, element i of 24, restated here.
double expectedValue(const std::string& code, int i)
{
    const double p40 = std::ldexp(1.0, 40);
    if (code == "f2")
        return (i - 12) * 0.5;
    if (code == "f4" || code == "f8")
        return (i - 12) * 0.25;
    if (code == "i1" || code == "i2")
        return i - 12;
    if (code == "i4")
        return (i - 12) * 100000.0;
    if (code == "i8")
        return (i - 12) * p40;
    if (code == "u1")
        return i * 10;
    if (code == "u2")
        return i * 1000;
    if (code == "u4")
        return i * 100000.0;
    if (code == "u8")
        return i * p40;
    return i % 3 == 0 ? 1 : 0; // b1
}

// The message of the qs::Error fn throws ("NO ERROR" when it throws none; other exceptions fail the test).
QString errorOf(const std::function<void()>& fn)
{
    try {
        fn();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return "NO ERROR";
}

uint32_t le32(const uint8_t* p)
{
    return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24);
}

void put16(std::vector<uint8_t>& out, uint32_t v)
{
    out.push_back(uint8_t(v));
    out.push_back(uint8_t(v >> 8));
}

void put32(std::vector<uint8_t>& out, uint32_t v)
{
    put16(out, v & 0xFFFF);
    put16(out, v >> 16);
}

std::vector<uint8_t> rawDeflate(const std::vector<uint8_t>& data)
{
    z_stream s{};
    deflateInit2(&s, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
    std::vector<uint8_t> out(deflateBound(&s, static_cast<uLong>(data.size())));
    s.next_in = const_cast<uint8_t*>(data.data());
    s.avail_in = static_cast<uInt>(data.size());
    s.next_out = out.data();
    s.avail_out = static_cast<uInt>(out.size());
    deflate(&s, Z_FINISH);
    out.resize(s.total_out);
    deflateEnd(&s);
    return out;
}

// A one-member ZIP archive as zipfile writes it, with the central directory's claims open to lies.
struct ZipSpec {
    uint16_t method = 0;
    uint16_t flags = 0;
    std::optional<uint32_t> declaredSize = std::nullopt; // uncompressed size in the central directory; default: the truth
    std::optional<uint32_t> declaredCrc = std::nullopt;
    std::size_t cutTail = 0; // bytes cut off the end of the compressed data (the sizes say the cut length)
};

std::vector<uint8_t> makeZip(const std::string& name, const std::vector<uint8_t>& data, ZipSpec spec = {})
{
    std::vector<uint8_t> stored = spec.method == 8 ? rawDeflate(data) : data;
    stored.resize(stored.size() - spec.cutTail);
    const uint32_t crc = spec.declaredCrc.value_or(static_cast<uint32_t>(crc32_z(0, data.data(), data.size())));
    const uint32_t size = spec.declaredSize.value_or(static_cast<uint32_t>(data.size()));
    const uint32_t compressed = spec.method == 0 ? size : static_cast<uint32_t>(stored.size());
    std::vector<uint8_t> zip;
    put32(zip, 0x04034b50);
    for (uint32_t v : {20u, uint32_t(spec.flags), uint32_t(spec.method), 0u, 0x21u})
        put16(zip, v);
    for (uint32_t v : {crc, compressed, size})
        put32(zip, v);
    put16(zip, static_cast<uint32_t>(name.size()));
    put16(zip, 0);
    zip.insert(zip.end(), name.begin(), name.end());
    zip.insert(zip.end(), stored.begin(), stored.end());
    const uint32_t cdOffset = static_cast<uint32_t>(zip.size());
    put32(zip, 0x02014b50);
    for (uint32_t v : {20u, 20u, uint32_t(spec.flags), uint32_t(spec.method), 0u, 0x21u})
        put16(zip, v);
    for (uint32_t v : {crc, compressed, size})
        put32(zip, v);
    for (uint32_t v : {uint32_t(name.size()), 0u, 0u, 0u, 0u})
        put16(zip, v);
    put32(zip, 0);
    put32(zip, 0);
    zip.insert(zip.end(), name.begin(), name.end());
    const uint32_t cdSize = static_cast<uint32_t>(zip.size()) - cdOffset;
    put32(zip, 0x06054b50);
    for (uint32_t v : {0u, 0u, 1u, 1u})
        put16(zip, v);
    put32(zip, cdSize);
    put32(zip, cdOffset);
    put16(zip, 0);
    return zip;
}

std::vector<uint8_t> npyText(const std::string& header, std::size_t dataBytes = 0, int version = 1)
{
    std::vector<uint8_t> out = {0x93, 'N', 'U', 'M', 'P', 'Y', uint8_t(version), 0};
    const std::string text = header + "\n";
    if (version == 1)
        put16(out, static_cast<uint32_t>(text.size()));
    else
        put32(out, static_cast<uint32_t>(text.size()));
    out.insert(out.end(), text.begin(), text.end());
    out.resize(out.size() + dataBytes);
    return out;
}

} // namespace

class TestNpyReader : public QObject {
    Q_OBJECT

private slots:
    void everyDtypeLittleAndBigEndian_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("code");
        for (const char* code : {"f2", "f4", "f8", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "b1"})
            QTest::newRow(code) << QString("dtype_%1.npy").arg(code) << QString(code);
        for (const char* code : {"f2", "f4", "f8", "i2", "i4", "i8", "u2", "u4", "u8"})
            QTest::newRow(qPrintable(QString("be_%1").arg(code))) << QString("be_%1.npy").arg(code) << QString(code);
    }

    void everyDtypeLittleAndBigEndian()
    {
        QFETCH(QString, file);
        QFETCH(QString, code);
        const NpyArray array = readFile(file.toStdString());
        QCOMPARE(array.shape, (std::vector<int64_t>{2, 3, 4}));
        QCOMPARE(array.values.size(), std::size_t(24));
        for (int i = 0; i < 24; ++i)
            QCOMPARE(array.values[std::size_t(i)], static_cast<float>(expectedValue(code.toStdString(), i)));

        const auto bytes = fileBytes(file.toStdString());
        const NpyHeader header = readNpyHeader(bytes, file.toStdString());
        QCOMPARE(header.dtype.kind, code.toStdString()[0]);
        QCOMPARE(header.dtype.itemSize, code.toStdString()[1] - '0');
        QCOMPARE(header.dtype.bigEndian, file.startsWith("be_"));
        QCOMPARE(header.dataBytes(), uint64_t(24 * header.dtype.itemSize));
        QCOMPARE(header.dataOffset + header.dataBytes(), uint64_t(bytes.size()));
    }

    void fortranOrderComesOutInCOrder()
    {
        NpyArray array = readFile("fortran_f4.npy");
        QCOMPARE(array.shape, (std::vector<int64_t>{2, 3, 4}));
        for (int i = 0; i < 24; ++i)
            QCOMPARE(array.values[std::size_t(i)], float(i));
        QVERIFY(readNpyHeader(fileBytes("fortran_f4.npy"), "f").fortranOrder);
        array = readFile("fortran_be_i2.npy");
        QCOMPARE(array.shape, (std::vector<int64_t>{3, 4, 5}));
        for (int i = 0; i < 60; ++i)
            QCOMPARE(array.values[std::size_t(i)], float(i));
    }

    void formatVersions2And3()
    {
        for (const char* file : {"v2_f4.npy", "v3_f4.npy"}) {
            const auto bytes = fileBytes(file);
            QCOMPARE(int(bytes[6]), file[1] - '0');
            const std::size_t headerLength = bytes[8] | (bytes[9] << 8) | (bytes[10] << 16) | (std::size_t(bytes[11]) << 24);
            QCOMPARE(npyDataOffset(std::span(bytes).first(12), file), 12 + headerLength);
            const NpyArray array = readNpy(bytes, file);
            QCOMPARE(array.shape, (std::vector<int64_t>{2, 3, 4}));
            for (int i = 0; i < 24; ++i)
                QCOMPARE(array.values[std::size_t(i)], float(i));
        }
    }

    void rankZeroAndEmpty()
    {
        NpyArray array = readFile("rank0_f4.npy");
        QVERIFY(array.shape.empty());
        QCOMPARE(array.values, std::vector<float>{3.5f});
        array = readFile("empty_f4.npy");
        QCOMPARE(array.shape, (std::vector<int64_t>{0, 3}));
        QVERIFY(array.values.empty());
    }

    void headerFromAPrefixOnly()
    {
        const auto bytes = fileBytes("sample_1x3x4x5.npy");
        const std::size_t offset = npyDataOffset(std::span(bytes).first(10), "s");
        QCOMPARE(offset, std::size_t(128)); // numpy aligns the data to 64 bytes
        const NpyHeader header = readNpyHeader(std::span(bytes).first(offset), "s");
        QCOMPARE(header.shape, (std::vector<int64_t>{1, 3, 4, 5}));
        QCOMPARE(header.dtype.descr(), std::string("<f4"));
        QVERIFY(!header.fortranOrder);
        QCOMPARE(header.dataOffset, std::size_t(128));
        const QString message = errorOf([&] { readNpyHeader(std::span(bytes).first(100), "prefix.npy"); });
        QVERIFY2(message.contains("prefix.npy") && message.contains("header truncated"), qPrintable(message));
    }

    void corruptFilesNameTheFile_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated") << "bad_truncated.npy" << "data truncated";
        QTest::newRow("trailing") << "bad_trailing.npy" << "bytes after the data";
        QTest::newRow("2^62 elements") << "bad_huge_shape.npy" << "data truncated";
        QTest::newRow("overflow") << "bad_overflow_shape.npy" << "overflows 64 bits";
        QTest::newRow("bad dict") << "bad_dict.npy" << "not a valid Python dict literal";
        QTest::newRow("no shape") << "bad_missing_shape.npy" << "no 'shape' key";
        QTest::newRow("negative dim") << "bad_negative_dim.npy" << "negative dimension -1";
        QTest::newRow("object") << "bad_object.npy" << "dtype '|O' (Python objects";
        QTest::newRow("complex") << "bad_complex.npy" << "(complex numbers) is not supported";
        QTest::newRow("structured") << "bad_structured.npy" << "structured dtype";
        QTest::newRow("string") << "bad_string.npy" << "(strings) is not supported";
        QTest::newRow("npz is not npy") << "savez_one.npz" << "not an .npy file";
    }

    void corruptFilesNameTheFile()
    {
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const QString message = errorOf([&] { readFile(file.toStdString()); });
        QVERIFY2(message.startsWith(file + ": ") && message.contains(expected), qPrintable(message));
    }

    void handMadeHeaders_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* name, const std::vector<uint8_t>& bytes, const char* expected) {
            QTest::newRow(name) << QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()))
                                << QString(expected);
        };
        row("no magic", {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0}, "does not start with \\x93NUMPY");
        row("short", {0x93, 'N', 'U', 'M', 'P', 'Y', 1}, "truncated in its preamble");
        row("version 4", npyText("{}", 0, 4), "version 4.0 is not supported");
        std::vector<uint8_t> huge = {0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 1, 0, 0x10, 0};
        row("header over 1 MiB", huge, "more than the limit of 1048576");
        row("extra key", npyText("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}", 4), "unexpected key 'x'");
        row("twice", npyText("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", 4), "twice");
        row("no descr", npyText("{'fortran_order': False, 'shape': (1,)}", 4), "no 'descr'");
        row("fortran not bool", npyText("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,)}", 4), "not True or False");
        row("shape not tuple", npyText("{'descr': '<f4', 'fortran_order': False, 'shape': [1]}", 4), "not a tuple");
        row("shape (3) is an int", npyText("{'descr': '<f4', 'fortran_order': False, 'shape': (3)}", 12), "not a tuple");
        row("float dim", npyText("{'descr': '<f4', 'fortran_order': False, 'shape': (1.5,)}", 4), "expected ',' or ')'");
        row("int overflow", npyText("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}"), "integer too large");
        std::string deep = "{'descr': " + std::string(40, '[') + std::string(40, ']') + "}";
        row("nested", npyText(deep), "nested deeper than");
        std::string rank33 = "{'descr': '<f4', 'fortran_order': False, 'shape': (";
        for (int i = 0; i < 33; ++i)
            rank33 += "1,";
        row("rank 33", npyText(rank33 + ")}", 4), "33 dimensions");
        row("f16", npyText("{'descr': '<f16', 'fortran_order': False, 'shape': (1,)}", 16), "long double");
        row("not a dict", npyText("('<f4', False, (1,))", 4), "not a Python dict");
        row("unterminated", npyText("{'descr': '<f4"), "unterminated string");
        row("trailing text", npyText("{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} x", 4), "after the dict");
    }

    void handMadeHeaders()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        const std::vector<uint8_t> data(bytes.begin(), bytes.end());
        const QString message = errorOf([&] { readNpy(data, "hand.npy"); });
        QVERIFY2(message.startsWith("hand.npy: ") && message.contains(expected), qPrintable(message));
    }

    void acceptsWhatPythonWrites()
    {
        // Python 2 longs, double quotes, no trailing comma, '=' native order, shape (3,) with its comma.
        const auto bytes = npyText("{\"descr\": \"=i2\", \"fortran_order\": False, \"shape\": (3L,)}", 6);
        const NpyArray array = readNpy(bytes, "py2.npy");
        QCOMPARE(array.shape, std::vector<int64_t>{3});
        QCOMPARE(array.values, (std::vector<float>{0, 0, 0}));
    }

    void npzStoredAndDeflated()
    {
        ZipArchive stored = ZipArchive::fromBytes(fileBytes("savez_one.npz"), "savez_one.npz");
        QCOMPARE(stored.entries().size(), std::size_t(1));
        QCOMPARE(stored.entries()[0].name, std::string("x.npy"));
        QCOMPARE(stored.entries()[0].method, uint16_t(0));
        NpyArray array = readNpy(stored.read(stored.entries()[0]), "x");
        QCOMPARE(array.shape, (std::vector<int64_t>{3, 4, 5}));
        for (int i = 0; i < 60; ++i)
            QCOMPARE(array.values[std::size_t(i)], float(200 + i));

        ZipArchive deflated = ZipArchive::fromBytes(fileBytes("savez_compressed_one.npz"), "c.npz");
        QCOMPARE(deflated.entries()[0].name, std::string("arr_0.npy"));
        QCOMPARE(deflated.entries()[0].method, uint16_t(8));
        array = readNpy(deflated.read(deflated.entries()[0]), "arr_0");
        for (int i = 0; i < 60; ++i)
            QCOMPARE(array.values[std::size_t(i)], float(300 + i));
        // A prefix inflates only that far, enough for the header.
        const auto prefix = deflated.readPrefix(deflated.entries()[0], 128);
        QCOMPARE(prefix.size(), std::size_t(128));
        QCOMPARE(readNpyHeader(prefix, "arr_0").shape, (std::vector<int64_t>{3, 4, 5}));
        QCOMPARE(deflated.readPrefix(deflated.entries()[0], 100000).size(), std::size_t(368));

        for (const char* file : {"savez_two.npz", "savez_compressed_two.npz"}) {
            ZipArchive two = ZipArchive::fromBytes(fileBytes(file), file);
            QCOMPARE(two.entries().size(), std::size_t(2));
            QCOMPARE(two.entries()[0].name, std::string("image.npy"));
            QCOMPARE(two.entries()[1].name, std::string("label.npy"));
            array = readNpy(two.read(two.entries()[1]), "label");
            QVERIFY(array.shape.empty());
            QCOMPARE(array.values, std::vector<float>{7});
        }
    }

    void largeDeflatedMemberInChunks()
    {
        std::vector<uint8_t> data(300000);
        for (std::size_t i = 0; i < data.size(); ++i)
            data[i] = uint8_t((i * 7919) >> 5);
        ZipArchive zip = ZipArchive::fromBytes(makeZip("big.bin", data, {.method = 8}), "big.zip");
        QCOMPARE(zip.read(zip.entries()[0]), data);
        const auto prefix = zip.readPrefix(zip.entries()[0], 70000);
        QVERIFY(std::equal(prefix.begin(), prefix.end(), data.begin()) && prefix.size() == 70000);
    }

    void zip64EndRecord()
    {
        // As zipfile writes past 65535 members or 4 GiB: the classic end record saturated, a zip64 end record
        // and its locator before it carrying the real values.
        std::vector<uint8_t> zip = makeZip("x.npy", fileBytes("sample_3x4x5.npy"));
        const std::vector<uint8_t> end(zip.end() - 22, zip.end());
        zip.resize(zip.size() - 22);
        const uint32_t cdSize = le32(&end[12]), cdOffset = le32(&end[16]);
        const uint32_t recordOffset = static_cast<uint32_t>(zip.size());
        put32(zip, 0x06064b50);
        put32(zip, 44); // record size after this field
        put32(zip, 0);
        for (uint32_t v : {45u, 45u})
            put16(zip, v);
        for (uint32_t v : {0u, 0u, 1u, 0u, 1u, 0u, cdSize, 0u, cdOffset, 0u}) // disks; counts, sizes as 64 bits
            put32(zip, v);
        put32(zip, 0x07064b50);
        for (uint32_t v : {0u, recordOffset, 0u, 1u})
            put32(zip, v);
        put32(zip, 0x06054b50);
        for (uint32_t v : {0u, 0u, 0xFFFFu, 0xFFFFu})
            put16(zip, v);
        for (uint32_t v : {0xFFFFFFFFu, 0xFFFFFFFFu})
            put32(zip, v);
        put16(zip, 0);
        ZipArchive archive = ZipArchive::fromBytes(zip, "zip64.npz");
        QCOMPARE(archive.entries().size(), std::size_t(1));
        const NpyArray array = readNpy(archive.read(archive.entries()[0]), "x");
        QCOMPARE(array.values[59], 159.0f);

        zip[recordOffset] = 0; // the record's signature
        const QString message = errorOf([&] { ZipArchive::fromBytes(zip, "zip64.npz"); });
        QVERIFY2(message.contains("zip64.npz: zip64 end-of-central-directory record is corrupt"), qPrintable(message));
    }

    void corruptArchivesNameTheFile_data()
    {
        QTest::addColumn<QByteArray>("zip");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* name, const std::vector<uint8_t>& bytes, const char* expected) {
            QTest::newRow(name) << QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()))
                                << QString(expected);
        };
        const auto crc = fileBytes("bad_crc.npz");
        row("bad CRC (numpy file, one byte flipped)", crc, "member 'x.npy': CRC-32 mismatch");
        row("5 GiB member (zip64 extra)", fileBytes("bad_huge_member.npz"), "declares 5368709120 bytes uncompressed");
        const std::vector<uint8_t> data(1000, 'a');
        row("deflate larger than declared", makeZip("a", data, {.method = 8, .declaredSize = 999}), "more than its declared 999");
        row("deflate smaller than declared", makeZip("a", data, {.method = 8, .declaredSize = 1001}), "inflates to 1000 bytes");
        row("deflate cut", makeZip("a", data, {.method = 8, .cutTail = 3}), "ends before the stream does");
        row("encrypted", makeZip("a", data, {.flags = 1}), "encrypted");
        row("bzip2", makeZip("a", data, {.method = 12}), "compression method 12");
        row("stored CRC", makeZip("a", data, {.declaredCrc = 1}), "CRC-32 mismatch");
        auto cut = fileBytes("savez_one.npz");
        cut.erase(cut.begin() + 100, cut.begin() + 200);
        row("cut in the middle", cut, "outside the archive");
        row("not a zip", fileBytes("sample_3x4x5.npy"), "no end-of-central-directory record");
        row("empty", {}, "too short");
    }

    void corruptArchivesNameTheFile()
    {
        QFETCH(QByteArray, zip);
        QFETCH(QString, expected);
        const QString message = errorOf([&] {
            ZipArchive archive = ZipArchive::fromBytes({zip.begin(), zip.end()}, "broken.npz");
            for (const ZipEntry& entry : archive.entries())
                archive.read(entry);
        });
        QVERIFY2(message.startsWith("broken.npz: ") && message.contains(expected), qPrintable(message));
    }

    void deflatedDataThatIsNotDeflate()
    {
        // The declared size is honoured as a bound, not an allocation: a 4 GiB claim over garbage costs nothing.
        std::vector<uint8_t> zip = makeZip("a", std::vector<uint8_t>(64, 0xFF), {.method = 0, .declaredSize = 64});
        zip[8] = 8; // local method
        const std::size_t cd = zip.size() - 22 - 47;
        zip[cd + 10] = 8; // central method
        ZipArchive archive = ZipArchive::fromBytes(zip, "garbage.npz");
        const QString message = errorOf([&] { archive.read(archive.entries()[0]); });
        QVERIFY2(message.contains("garbage.npz") && message.contains("corrupt deflate data"), qPrintable(message));
    }
};

QTEST_APPLESS_MAIN(TestNpyReader)
#include "test_npy_reader.moc"
