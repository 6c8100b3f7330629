#pragma once
// Writing NumPy files from a test: float32 .npy bytes and an .npz as np.savez writes it (a ZIP of stored
// members "NAME.npy"), so a test can make the samples it needs (several arrays per sample, odd shapes) next
// to the model it builds. The checked-in files in tests/data/npy, written by NumPy itself, keep our reader
// honest; this writer only has to be readable by it.

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace qs::testing {

struct NpyArrayData {
    std::string name;
    std::vector<int64_t> shape;
    std::vector<float> values; // C order
};

inline std::vector<uint8_t> npyBytes(const std::vector<int64_t>& shape, const std::vector<float>& values)
{
    std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (";
    for (std::size_t i = 0; i < shape.size(); ++i)
        dict += (i ? ", " : "") + std::to_string(shape[i]);
    dict += shape.size() == 1 ? ",), }" : "), }";
    while ((10 + dict.size() + 1) % 64 != 0) // numpy pads the header with spaces to a multiple of 64, then '\n'
        dict += ' ';
    dict += '\n';
    const std::string magic = std::string("\x93NUMPY\x01\x00", 8) + static_cast<char>(dict.size() & 0xff) +
                              static_cast<char>(dict.size() >> 8);
    std::vector<uint8_t> bytes(magic.size() + dict.size() + values.size() * sizeof(float));
    std::memcpy(bytes.data(), magic.data(), magic.size());
    std::memcpy(bytes.data() + magic.size(), dict.data(), dict.size());
    if (!values.empty())
        std::memcpy(bytes.data() + magic.size() + dict.size(), values.data(), values.size() * sizeof(float));
    return bytes;
}

inline uint32_t crc32Of(const std::vector<uint8_t>& bytes)
{
    uint32_t crc = 0xffffffffu;
    for (uint8_t b : bytes) {
        crc ^= b;
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// np.savez(path, **{a.name: a for a in arrays}): stored (uncompressed) members dated 1980-01-01.
inline void writeNpz(const std::filesystem::path& path, const std::vector<NpyArrayData>& arrays)
{
    std::vector<uint8_t> out, central;
    auto put = [](std::vector<uint8_t>& to, uint64_t value, int bytes) {
        for (int i = 0; i < bytes; ++i)
            to.push_back(static_cast<uint8_t>(value >> (8 * i)));
    };
    for (const NpyArrayData& array : arrays) {
        const std::string name = array.name + ".npy";
        const std::vector<uint8_t> data = npyBytes(array.shape, array.values);
        const uint32_t crc = crc32Of(data);
        const auto offset = out.size();
        for (std::vector<uint8_t>* record : {&out, &central}) {
            const bool local = record == &out;
            put(*record, local ? 0x04034b50u : 0x02014b50u, 4);
            if (!local)
                put(*record, 20, 2); // version made by
            put(*record, 20, 2);     // version needed
            put(*record, 0, 2);      // flags
            put(*record, 0, 2);      // stored
            put(*record, 0, 2);      // time
            put(*record, 0x21, 2);   // date: 1980-01-01
            put(*record, crc, 4);
            put(*record, data.size(), 4);
            put(*record, data.size(), 4);
            put(*record, name.size(), 2);
            put(*record, 0, 2); // extra field
            if (!local) {
                put(*record, 0, 2); // comment
                put(*record, 0, 2); // disk
                put(*record, 0, 2); // internal attributes
                put(*record, 0, 4); // external attributes
                put(*record, offset, 4);
            }
            record->insert(record->end(), name.begin(), name.end());
        }
        out.insert(out.end(), data.begin(), data.end());
    }
    const auto centralOffset = out.size();
    out.insert(out.end(), central.begin(), central.end());
    put(out, 0x06054b50u, 4);
    put(out, 0, 2);
    put(out, 0, 2);
    put(out, arrays.size(), 2);
    put(out, arrays.size(), 2);
    put(out, central.size(), 4);
    put(out, centralOffset, 4);
    put(out, 0, 2);
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(out.data()), static_cast<std::streamsize>(out.size()));
}

} // namespace qs::testing
