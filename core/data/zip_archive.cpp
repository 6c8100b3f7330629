#include "core/data/zip_archive.h"

#include "core/util/error.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>

namespace qs {

// Reads exactly n bytes at offset; callers have checked that offset + n <= size().
class ZipArchive::Source {
public:
    virtual ~Source() = default;
    virtual uint64_t size() const = 0;
    virtual void read(uint64_t offset, uint8_t* out, std::size_t n) = 0;
};

namespace {

constexpr uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr uint32_t kZip64EndOfCentralDirectory = 0x06064b50;
constexpr uint32_t kZip64Locator = 0x07064b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr std::size_t kEndRecordSize = 22;
constexpr std::size_t kCentralHeaderSize = 46;
constexpr std::size_t kLocalHeaderSize = 30;
constexpr std::size_t kChunk = 64 * 1024;

uint16_t le16(const uint8_t* p)
{
    return static_cast<uint16_t>(p[0] | (p[1] << 8));
}

uint32_t le32(const uint8_t* p)
{
    return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24);
}

uint64_t le64(const uint8_t* p)
{
    return uint64_t(le32(p)) | (uint64_t(le32(p + 4)) << 32);
}

std::string hex32(uint32_t value)
{
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", value);
    return text;
}

class MemorySource final : public ZipArchive::Source {
public:
    explicit MemorySource(std::vector<uint8_t> bytes) : m_bytes(std::move(bytes)) {}
    uint64_t size() const override { return m_bytes.size(); }
    void read(uint64_t offset, uint8_t* out, std::size_t n) override
    {
        if (n)
            std::memcpy(out, m_bytes.data() + offset, n);
    }

private:
    std::vector<uint8_t> m_bytes;
};

class FileSource final : public ZipArchive::Source {
public:
    explicit FileSource(const std::filesystem::path& path) : m_path(path.string()), m_in(path, std::ios::binary)
    {
        std::error_code ec;
        m_size = std::filesystem::file_size(path, ec);
        if (ec || !m_in)
            throw Error("cannot open: " + (ec ? ec.message() : std::string("open failed")), {m_path});
    }
    uint64_t size() const override { return m_size; }
    void read(uint64_t offset, uint8_t* out, std::size_t n) override
    {
        m_in.clear();
        m_in.seekg(static_cast<std::streamoff>(offset));
        if (!m_in.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(n)))
            throw Error("read failed at byte " + std::to_string(offset) + " (file shorter than when opened?)", {m_path});
    }

private:
    std::string m_path;
    std::ifstream m_in;
    uint64_t m_size = 0;
};

std::vector<uint8_t> readAt(ZipArchive::Source& source, uint64_t offset, std::size_t n)
{
    std::vector<uint8_t> bytes(n);
    source.read(offset, bytes.data(), n);
    return bytes;
}

// The zip64 extra field (id 1) holds, in this order, only the values the fixed fields saturate.
void applyZip64Extra(const uint8_t* extra, std::size_t length, ZipEntry& entry, bool& diskSaturated,
                     const std::string& sourceName)
{
    bool found = false;
    for (std::size_t pos = 0; pos + 4 <= length;) {
        const uint16_t id = le16(extra + pos);
        const std::size_t size = le16(extra + pos + 2);
        if (pos + 4 + size > length)
            break; // numpy and zipfile never write this; the member's own checks decide about it
        if (id == 1) {
            found = true;
            const uint8_t* p = extra + pos + 4;
            std::size_t left = size;
            auto take = [&](uint64_t& value, std::size_t bytes) {
                if (left < bytes)
                    throw Error("central directory entry '" + entry.name + "': zip64 extra field too short",
                                {sourceName});
                value = bytes == 8 ? le64(p) : le32(p);
                p += bytes;
                left -= bytes;
            };
            if (entry.uncompressedSize == 0xFFFFFFFFu)
                take(entry.uncompressedSize, 8);
            if (entry.compressedSize == 0xFFFFFFFFu)
                take(entry.compressedSize, 8);
            if (entry.localHeaderOffset == 0xFFFFFFFFu)
                take(entry.localHeaderOffset, 8);
            if (diskSaturated) {
                uint64_t disk = 0;
                take(disk, 4);
                diskSaturated = disk != 0;
            }
            break;
        }
        pos += 4 + size;
    }
    if (!found && (entry.uncompressedSize == 0xFFFFFFFFu || entry.compressedSize == 0xFFFFFFFFu ||
                   entry.localHeaderOffset == 0xFFFFFFFFu))
        throw Error("central directory entry '" + entry.name + "' declares zip64 sizes but has no zip64 extra field",
                    {sourceName});
}

struct InflateStream {
    z_stream s{};
    bool ready = false;
    ~InflateStream()
    {
        if (ready)
            inflateEnd(&s);
    }
};

} // namespace

ZipArchive ZipArchive::openFile(const std::filesystem::path& path)
{
    return ZipArchive(std::make_shared<FileSource>(path), path.string());
}

ZipArchive ZipArchive::fromBytes(std::vector<uint8_t> bytes, std::string sourceName)
{
    return ZipArchive(std::make_shared<MemorySource>(std::move(bytes)), std::move(sourceName));
}

ZipArchive::ZipArchive(std::shared_ptr<Source> source, std::string sourceName)
    : m_source(std::move(source)), m_sourceName(std::move(sourceName))
{
    auto fail = [&](const std::string& message) { throw Error(message, {m_sourceName}); };
    const uint64_t size = m_source->size();
    if (size < kEndRecordSize)
        fail("not a ZIP archive (" + std::to_string(size) + " bytes, too short for one)");

    // The end record is the last thing in the file but for a comment of at most 65535 bytes.
    const std::size_t tailSize = static_cast<std::size_t>(std::min<uint64_t>(size, kEndRecordSize + 0xFFFF));
    const uint64_t tailStart = size - tailSize;
    const std::vector<uint8_t> tail = readAt(*m_source, tailStart, tailSize);
    std::size_t at = tailSize - kEndRecordSize + 1;
    bool found = false;
    while (at-- > 0) {
        if (le32(&tail[at]) == kEndOfCentralDirectory && at + kEndRecordSize + le16(&tail[at + 20]) <= tailSize) {
            found = true;
            break;
        }
    }
    if (!found)
        fail("not a ZIP archive (no end-of-central-directory record)");
    const uint8_t* end = &tail[at];
    const uint64_t endOffset = tailStart + at;
    uint64_t disk = le16(end + 4), cdDisk = le16(end + 6), entriesHere = le16(end + 8), entries = le16(end + 10);
    uint64_t cdSize = le32(end + 12), cdOffset = le32(end + 16);
    uint64_t cdLimit = endOffset; // the central directory ends before the end record(s)

    // Zip64: a locator right before the end record points to the zip64 end record with 64-bit fields.
    bool zip64 = false;
    if (endOffset >= 20) {
        const auto locator = readAt(*m_source, endOffset - 20, 20);
        if (le32(locator.data()) == kZip64Locator) {
            zip64 = true;
            const uint64_t recordOffset = le64(&locator[8]);
            if (recordOffset > endOffset - 20 || endOffset - 20 - recordOffset < 56)
                fail("zip64 end-of-central-directory locator points outside the archive");
            const auto record = readAt(*m_source, recordOffset, 56);
            if (le32(record.data()) != kZip64EndOfCentralDirectory)
                fail("zip64 end-of-central-directory record is corrupt (bad signature)");
            disk = le32(&record[16]);
            cdDisk = le32(&record[20]);
            entriesHere = le64(&record[24]);
            entries = le64(&record[32]);
            cdSize = le64(&record[40]);
            cdOffset = le64(&record[48]);
            cdLimit = recordOffset;
        }
    }
    if (!zip64 && (entries == 0xFFFF || cdSize == 0xFFFFFFFFu || cdOffset == 0xFFFFFFFFu))
        fail("end-of-central-directory record declares zip64 values but there is no zip64 record");
    if (disk != 0 || cdDisk != 0 || entriesHere != entries)
        fail("split (multi-disk) ZIP archives are not supported");
    if (cdOffset > cdLimit || cdSize > cdLimit - cdOffset)
        fail("central directory (" + std::to_string(cdSize) + " bytes at " + std::to_string(cdOffset) +
             ") lies outside the archive (" + std::to_string(size) + " bytes): truncated or corrupt");
    if (entries > cdSize / kCentralHeaderSize)
        fail("central directory declares " + std::to_string(entries) + " entries in " + std::to_string(cdSize) +
             " bytes, too few for them");

    const std::vector<uint8_t> cd = readAt(*m_source, cdOffset, static_cast<std::size_t>(cdSize));
    std::size_t pos = 0;
    for (uint64_t i = 0; i < entries; ++i) {
        const std::string which = "central directory entry " + std::to_string(i);
        if (pos + kCentralHeaderSize > cd.size() || le32(&cd[pos]) != kCentralHeader)
            fail(which + " is corrupt (bad signature or past the directory's end)");
        const uint8_t* h = &cd[pos];
        const std::size_t nameLength = le16(h + 28), extraLength = le16(h + 30), commentLength = le16(h + 32);
        if (pos + kCentralHeaderSize + nameLength + extraLength + commentLength > cd.size())
            fail(which + " runs past the directory's end");
        ZipEntry entry;
        entry.name.assign(reinterpret_cast<const char*>(h + kCentralHeaderSize), nameLength);
        entry.flags = le16(h + 8);
        entry.method = le16(h + 10);
        entry.crc32 = le32(h + 16);
        entry.compressedSize = le32(h + 20);
        entry.uncompressedSize = le32(h + 24);
        entry.localHeaderOffset = le32(h + 42);
        bool diskSaturated = le16(h + 34) == 0xFFFF;
        applyZip64Extra(h + kCentralHeaderSize + nameLength, extraLength, entry, diskSaturated, m_sourceName);
        if (diskSaturated || (le16(h + 34) != 0 && le16(h + 34) != 0xFFFF))
            fail("member '" + entry.name + "' lies on another disk: split archives are not supported");
        m_entries.push_back(std::move(entry));
        pos += kCentralHeaderSize + nameLength + extraLength + commentLength;
    }
}

uint64_t ZipArchive::dataOffset(const ZipEntry& entry) const
{
    auto fail = [&](const std::string& message) { throw Error("member '" + entry.name + "': " + message, {m_sourceName}); };
    if (entry.flags & 0x41)
        fail("encrypted members are not supported");
    if (entry.method != 0 && entry.method != 8)
        fail("compression method " + std::to_string(entry.method) +
             " is not supported (only stored (0) and deflate (8), which numpy writes)");
    if (entry.uncompressedSize > kMaxMemberBytes)
        fail("declares " + std::to_string(entry.uncompressedSize) + " bytes uncompressed, more than the limit of " +
             std::to_string(kMaxMemberBytes) + " (4 GiB) per member");
    if (entry.method == 0 && entry.compressedSize != entry.uncompressedSize)
        fail("stored member declares " + std::to_string(entry.compressedSize) + " bytes stored but " +
             std::to_string(entry.uncompressedSize) + " uncompressed");
    const uint64_t size = m_source->size();
    if (entry.localHeaderOffset > size || size - entry.localHeaderOffset < kLocalHeaderSize)
        fail("local header at " + std::to_string(entry.localHeaderOffset) + " lies outside the archive (" +
             std::to_string(size) + " bytes)");
    const auto local = readAt(*m_source, entry.localHeaderOffset, kLocalHeaderSize);
    if (le32(local.data()) != kLocalHeader)
        fail("local header is corrupt (bad signature)");
    const uint64_t start = entry.localHeaderOffset + kLocalHeaderSize + le16(&local[26]) + le16(&local[28]);
    if (start > size || size - start < entry.compressedSize)
        fail("data (" + std::to_string(entry.compressedSize) + " bytes) runs past the end of the archive (" +
             std::to_string(size) + " bytes): truncated");
    return start;
}

std::vector<uint8_t> ZipArchive::read(const ZipEntry& entry) const
{
    return extract(entry, 0, true);
}

std::vector<uint8_t> ZipArchive::readPrefix(const ZipEntry& entry, std::size_t maxBytes) const
{
    return extract(entry, maxBytes, false);
}

std::vector<uint8_t> ZipArchive::extract(const ZipEntry& entry, std::size_t maxBytes, bool whole) const
{
    auto fail = [&](const std::string& message) { throw Error("member '" + entry.name + "': " + message, {m_sourceName}); };
    const uint64_t start = dataOffset(entry);
    const uint64_t limit = whole ? entry.uncompressedSize : std::min<uint64_t>(maxBytes, entry.uncompressedSize);

    std::vector<uint8_t> out;
    if (entry.method == 0) {
        out = readAt(*m_source, start, static_cast<std::size_t>(limit));
    } else {
        InflateStream stream;
        if (inflateInit2(&stream.s, -15) != Z_OK) // raw deflate, no zlib header: what ZIP stores
            fail("cannot start zlib inflate");
        stream.ready = true;
        std::vector<uint8_t> input(static_cast<std::size_t>(std::min<uint64_t>(kChunk, entry.compressedSize)));
        std::vector<uint8_t> chunk(kChunk);
        uint64_t inputOffset = start, inputLeft = entry.compressedSize;
        int ret = Z_OK;
        while (out.size() < limit || whole) {
            if (stream.s.avail_in == 0 && inputLeft > 0) {
                const std::size_t n = static_cast<std::size_t>(std::min<uint64_t>(input.size(), inputLeft));
                m_source->read(inputOffset, input.data(), n);
                stream.s.next_in = input.data();
                stream.s.avail_in = static_cast<uInt>(n);
                inputOffset += n;
                inputLeft -= n;
            }
            stream.s.next_out = chunk.data();
            stream.s.avail_out = static_cast<uInt>(chunk.size());
            ret = inflate(&stream.s, Z_NO_FLUSH);
            if (ret == Z_NEED_DICT || ret == Z_DATA_ERROR || ret == Z_MEM_ERROR || ret == Z_STREAM_ERROR)
                fail(std::string("corrupt deflate data (") + (stream.s.msg ? stream.s.msg : "zlib error") + ")");
            const std::size_t produced = chunk.size() - stream.s.avail_out;
            if (out.size() + produced > limit) {
                if (whole)
                    fail("inflates to more than its declared " + std::to_string(entry.uncompressedSize) + " bytes");
                out.insert(out.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(limit - out.size()));
                break;
            }
            out.insert(out.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(produced));
            if (ret == Z_STREAM_END)
                break;
            if (ret == Z_BUF_ERROR && stream.s.avail_in == 0 && inputLeft == 0)
                fail("deflate data ends before the stream does: truncated");
        }
        if (whole && ret != Z_STREAM_END)
            fail("deflate data ends before the stream does: truncated");
    }
    if (whole) {
        if (out.size() != entry.uncompressedSize)
            fail("inflates to " + std::to_string(out.size()) + " bytes, its header declares " +
                 std::to_string(entry.uncompressedSize));
        const uint32_t crc = static_cast<uint32_t>(crc32_z(0, out.data(), out.size()));
        if (crc != entry.crc32)
            fail("CRC-32 mismatch (computed " + hex32(crc) + ", the archive says " + hex32(entry.crc32) +
                 "): the archive is corrupt");
    }
    return out;
}

} // namespace qs
