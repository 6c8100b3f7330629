#pragma once
// A small ZIP reader, enough for NumPy's .npz files (np.savez: stored members, np.savez_compressed: deflate)
// without pulling in a ZIP library. It reads the end-of-central-directory record (and the zip64 one when the
// classic fields are saturated), the central directory, and for a member its local header and data, at the
// offsets the central directory gives; sizes come from the central directory (zip64 extra fields included),
// because numpy writes its members with force_zip64, whose local headers say 0xFFFFFFFF.
//
// Nothing it is told is trusted: every offset and size is checked against the archive's real size before it
// is read; a member may declare at most 4 GiB; a deflated member is inflated in chunks and never past its
// declared size (output grows with real input, so a lying header cannot make it allocate), and its CRC-32 is
// checked. Encrypted members, split archives and methods other than stored (0) and deflate (8) are refused.
// Errors are qs::Error naming the archive (and the member).
//
// An archive reads its file lazily, so one object must not be used by two threads at once; open one each.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace qs {

struct ZipEntry {
    std::string name;
    uint16_t flags = 0;
    uint16_t method = 0; // 0 stored, 8 deflate
    uint32_t crc32 = 0;
    uint64_t compressedSize = 0;
    uint64_t uncompressedSize = 0;
    uint64_t localHeaderOffset = 0;
};

class ZipArchive {
public:
    static constexpr uint64_t kMaxMemberBytes = uint64_t(4) << 30;

    // Reads the central directory only (the file's last bytes); members are read on demand.
    static ZipArchive openFile(const std::filesystem::path& path);
    // An archive held in memory (tests); sourceName names it in errors.
    static ZipArchive fromBytes(std::vector<uint8_t> bytes, std::string sourceName);

    const std::vector<ZipEntry>& entries() const { return m_entries; }
    const std::string& sourceName() const { return m_sourceName; }

    // The whole member, its size and CRC-32 checked.
    std::vector<uint8_t> read(const ZipEntry& entry) const;
    // At most maxBytes from the start of the member (fewer when it is shorter); a deflated member is inflated
    // only that far. No CRC check: the rest is not read.
    std::vector<uint8_t> readPrefix(const ZipEntry& entry, std::size_t maxBytes) const;

    class Source; // where the bytes come from (a file or memory)

private:
    ZipArchive(std::shared_ptr<Source> source, std::string sourceName);
    uint64_t dataOffset(const ZipEntry& entry) const; // after the local header; checks the member fits
    std::vector<uint8_t> extract(const ZipEntry& entry, std::size_t maxBytes, bool whole) const;

    std::shared_ptr<Source> m_source;
    std::string m_sourceName;
    std::vector<ZipEntry> m_entries;
};

} // namespace qs
