#pragma once
// NumPy .npy arrays (format versions 1.0, 2.0 and 3.0) read into float32, as a tensors: dataset needs them.
// Layout: magic "\x93NUMPY", major and minor version bytes, the header length (2 bytes little-endian for 1.0,
// 4 bytes for 2.0 and 3.0), a Python dict literal {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4)}
// padded with spaces and a newline, then the raw data.
//
// Supported dtypes: f2, f4, f8, i1, i2, i4, i8, u1, u2, u4, u8 and b1 with byte order '<', '>', '|' or '='
// (host order); every value is converted to float (int64/uint64/float64 beyond float's precision round).
// fortran_order True arrays come back in C order. Everything else numpy can write (objects 'O', strings,
// complex, datetimes, structured dtypes) is refused. The reader never trusts a size it was told: the header
// is at most 1 MiB (numpy itself refuses more than 10000 bytes unless told otherwise), the rank at most 32,
// the element count and byte size are checked for overflow and against the bytes present before anything is
// allocated. Bad input throws qs::Error whose context names `sourceName`.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace qs {

struct NpyDtype {
    char kind = 'f';       // 'f' float, 'i' signed, 'u' unsigned, 'b' bool
    int itemSize = 4;      // bytes
    bool bigEndian = false; // byte order of the stored values (single-byte types: false)

    std::string descr() const; // "<f4", "|u1", ">i2"
};

struct NpyHeader {
    NpyDtype dtype;
    std::vector<int64_t> shape; // empty for a rank-0 (scalar) array
    bool fortranOrder = false;
    std::size_t dataOffset = 0; // bytes from the file's start to the data (magic + length + dict)

    uint64_t elements() const;  // product of shape (1 for rank 0); the header parser guarantees no overflow
    uint64_t dataBytes() const; // elements() * itemSize, also overflow-free
};

struct NpyArray {
    std::vector<int64_t> shape;
    std::vector<float> values; // C order
};

constexpr std::size_t kNpyMaxHeaderBytes = std::size_t(1) << 20;
constexpr std::size_t kNpyMaxRank = 32;

// The data offset an .npy starting with `prefix` declares, from its first 10 (1.0) or 12 (2.0, 3.0) bytes:
// how much of the file readNpyHeader needs. Throws qs::Error when the prefix is no .npy preamble.
std::size_t npyDataOffset(std::span<const uint8_t> prefix, const std::string& sourceName);

// The header from a prefix of the file holding at least npyDataOffset(prefix) bytes; the data is not looked at.
NpyHeader readNpyHeader(std::span<const uint8_t> prefix, const std::string& sourceName);

// The whole array; `bytes` is the complete file. Data missing or bytes left over after it (several arrays
// np.save'd into one file) throw qs::Error.
NpyArray readNpy(std::span<const uint8_t> bytes, const std::string& sourceName);

std::string formatShape(const std::vector<int64_t>& shape); // "[1, 3, 224, 224]"

} // namespace qs
