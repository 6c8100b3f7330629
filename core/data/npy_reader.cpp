#include "core/data/npy_reader.h"

#include "core/util/error.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cmath>
#include <cstring>
#include <limits>

namespace qs {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicSize = 6;
constexpr int kMaxNesting = 16; // a structured descr nests lists and tuples; deeper is an attack on the stack
constexpr const char* kSupported = "f2, f4, f8, i1, i2, i4, i8, u1, u2, u4, u8, b1";

[[noreturn]] void fail(const std::string& sourceName, const std::string& message)
{
    throw Error(message, {sourceName});
}

// The header text for an error message: printable ASCII, at most ~100 characters.
std::string excerpt(std::string_view text)
{
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n'))
        text.remove_suffix(1); // numpy's padding
    std::string out;
    for (const char c : text.substr(0, 100)) {
        if (c >= 32 && c < 127) {
            out += c;
        } else {
            static const char hex[] = "0123456789abcdef";
            const auto u = static_cast<unsigned char>(c);
            out += c == '\n' ? std::string("\\n") : std::string("\\x") + hex[u >> 4] + hex[u & 15];
        }
    }
    return text.size() > 100 ? out + "..." : out;
}

// A Python literal as numpy writes header dicts: strings, True/False/None, integers, tuples, lists, dicts.
struct PyValue {
    enum class Kind { String, Bool, None, Int, Tuple, List, Dict };
    Kind kind = Kind::None;
    std::string text;   // String
    bool flag = false;  // Bool
    int64_t number = 0; // Int
    std::vector<PyValue> items; // Tuple, List; a Dict's values
    std::vector<PyValue> keys;  // Dict, in order (a vector of pairs would need PyValue complete)
};

class LiteralParser {
public:
    LiteralParser(std::string_view text, const std::string& sourceName) : m_text(text), m_source(sourceName) {}

    PyValue parseHeader()
    {
        PyValue value = parseValue(0);
        skipSpace();
        if (m_pos != m_text.size())
            syntaxError("unexpected text after the dict");
        return value;
    }

private:
    [[noreturn]] void syntaxError(const std::string& what) const
    {
        fail(m_source, "header is not a valid Python dict literal: " + what + " at offset " + std::to_string(m_pos) +
                           " of \"" + excerpt(m_text) + "\"");
    }

    void skipSpace()
    {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' ||
                                         m_text[m_pos] == '\r'))
            ++m_pos;
    }

    bool accept(char c)
    {
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    bool acceptWord(std::string_view word)
    {
        if (m_text.substr(m_pos, word.size()) != word)
            return false;
        const std::size_t end = m_pos + word.size();
        if (end < m_text.size() && (std::isalnum(static_cast<unsigned char>(m_text[end])) || m_text[end] == '_'))
            return false;
        m_pos = end;
        return true;
    }

    PyValue parseValue(int depth)
    {
        if (depth > kMaxNesting)
            syntaxError("nested deeper than " + std::to_string(kMaxNesting) + " levels");
        skipSpace();
        if (m_pos >= m_text.size())
            syntaxError("unexpected end");
        const char c = m_text[m_pos];
        PyValue value;
        if (c == '\'' || c == '"') {
            value.kind = PyValue::Kind::String;
            value.text = parseString();
        } else if (c == '{') {
            ++m_pos;
            value.kind = PyValue::Kind::Dict;
            while (!accept('}')) {
                PyValue key = parseValue(depth + 1);
                if (!accept(':'))
                    syntaxError("expected ':' after a key");
                PyValue item = parseValue(depth + 1);
                value.keys.push_back(std::move(key));
                value.items.push_back(std::move(item));
                if (!accept(',')) {
                    if (!accept('}'))
                        syntaxError("expected ',' or '}'");
                    break;
                }
            }
        } else if (c == '(' || c == '[') {
            const char close = c == '(' ? ')' : ']';
            ++m_pos;
            value.kind = c == '(' ? PyValue::Kind::Tuple : PyValue::Kind::List;
            bool comma = false;
            while (!accept(close)) {
                value.items.push_back(parseValue(depth + 1));
                comma = accept(',');
                if (!comma) {
                    if (!accept(close))
                        syntaxError(std::string("expected ',' or '") + close + "'");
                    break;
                }
            }
            // (3) is the integer 3 in Python, not a tuple: numpy writes (3,).
            if (value.kind == PyValue::Kind::Tuple && value.items.size() == 1 && !comma)
                return std::move(value.items.front());
        } else if (c == '-' || c == '+' || (c >= '0' && c <= '9')) {
            value.kind = PyValue::Kind::Int;
            value.number = parseInt();
        } else if (acceptWord("True")) {
            value.kind = PyValue::Kind::Bool;
            value.flag = true;
        } else if (acceptWord("False")) {
            value.kind = PyValue::Kind::Bool;
        } else if (acceptWord("None")) {
            value.kind = PyValue::Kind::None;
        } else {
            syntaxError(std::string("unexpected character '") + excerpt(std::string_view(&m_text[m_pos], 1)) + "'");
        }
        return value;
    }

    std::string parseString()
    {
        const char quote = m_text[m_pos++];
        std::string out;
        while (m_pos < m_text.size() && m_text[m_pos] != quote) {
            if (m_text[m_pos] == '\\' && m_pos + 1 < m_text.size())
                ++m_pos;
            out += m_text[m_pos++];
        }
        if (m_pos >= m_text.size())
            syntaxError("unterminated string");
        ++m_pos;
        return out;
    }

    int64_t parseInt()
    {
        bool negative = false;
        if (m_text[m_pos] == '-' || m_text[m_pos] == '+')
            negative = m_text[m_pos++] == '-';
        if (m_pos >= m_text.size() || m_text[m_pos] < '0' || m_text[m_pos] > '9')
            syntaxError("expected a digit");
        uint64_t value = 0;
        while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
            const uint64_t digit = static_cast<uint64_t>(m_text[m_pos++] - '0');
            if (value > (uint64_t(std::numeric_limits<int64_t>::max()) - digit) / 10)
                syntaxError("integer too large");
            value = value * 10 + digit;
        }
        if (m_pos < m_text.size() && m_text[m_pos] == 'L') // Python 2 longs, in files numpy wrote there
            ++m_pos;
        return negative ? -static_cast<int64_t>(value) : static_cast<int64_t>(value);
    }

    std::string_view m_text;
    const std::string& m_source;
    std::size_t m_pos = 0;
};

NpyDtype parseDescr(const std::string& descr, const std::string& sourceName)
{
    std::size_t pos = 0;
    char order = '=';
    if (!descr.empty() && (descr[0] == '<' || descr[0] == '>' || descr[0] == '|' || descr[0] == '='))
        order = descr[pos++];
    const char kind = pos < descr.size() ? descr[pos++] : '\0';
    int size = 0;
    bool digits = pos < descr.size();
    for (; pos < descr.size(); ++pos) {
        if (descr[pos] < '0' || descr[pos] > '9' || size > 1000) {
            digits = false;
            break;
        }
        size = size * 10 + (descr[pos] - '0');
    }
    const bool supported = digits && ((kind == 'f' && (size == 2 || size == 4 || size == 8)) ||
                                      ((kind == 'i' || kind == 'u') && (size == 1 || size == 2 || size == 4 || size == 8)) ||
                                      (kind == 'b' && size == 1));
    if (!supported) {
        std::string what;
        switch (kind) {
        case 'O': what = " (Python objects, stored pickled)"; break;
        case 'S': case 'a': case 'U': what = " (strings)"; break;
        case 'c': what = " (complex numbers)"; break;
        case 'V': what = " (raw bytes)"; break;
        case 'M': case 'm': what = " (dates and times)"; break;
        case 'f': what = size > 8 ? " (long double)" : ""; break;
        default: break;
        }
        fail(sourceName, "dtype '" + excerpt(descr) + "'" + what + " is not supported (supported: " + kSupported +
                             ", any byte order)");
    }
    NpyDtype dtype;
    dtype.kind = kind;
    dtype.itemSize = size;
    dtype.bigEndian = size > 1 && (order == '>' || (order == '=' && std::endian::native == std::endian::big));
    return dtype;
}

const PyValue* findKey(const PyValue& dict, const std::string& key)
{
    for (std::size_t i = 0; i < dict.keys.size(); ++i)
        if (dict.keys[i].kind == PyValue::Kind::String && dict.keys[i].text == key)
            return &dict.items[i];
    return nullptr;
}

template <typename T>
T load(const uint8_t* p, bool swap)
{
    uint8_t bytes[sizeof(T)];
    std::memcpy(bytes, p, sizeof(T));
    if (swap)
        std::reverse(bytes, bytes + sizeof(T));
    T value;
    std::memcpy(&value, bytes, sizeof(T));
    return value;
}

float halfToFloat(uint16_t h)
{
    const int exponent = (h >> 10) & 0x1f;
    const int mantissa = h & 0x3ff;
    float value;
    if (exponent == 0)
        value = std::ldexp(static_cast<float>(mantissa), -24); // zero or subnormal
    else if (exponent == 31)
        value = mantissa ? std::numeric_limits<float>::quiet_NaN() : std::numeric_limits<float>::infinity();
    else
        value = std::ldexp(static_cast<float>(mantissa + 1024), exponent - 25);
    return (h & 0x8000) ? -value : value;
}

void convert(const NpyDtype& dtype, const uint8_t* in, std::size_t count, float* out)
{
    const bool swap = dtype.bigEndian != (std::endian::native == std::endian::big);
    const std::size_t step = static_cast<std::size_t>(dtype.itemSize);
    auto each = [&](auto read) {
        for (std::size_t i = 0; i < count; ++i)
            out[i] = static_cast<float>(read(in + i * step));
    };
    switch (dtype.kind) {
    case 'f':
        if (step == 2)
            each([&](const uint8_t* p) { return halfToFloat(load<uint16_t>(p, swap)); });
        else if (step == 4)
            each([&](const uint8_t* p) { return load<float>(p, swap); });
        else
            each([&](const uint8_t* p) { return load<double>(p, swap); });
        break;
    case 'i':
        if (step == 1)
            each([&](const uint8_t* p) { return load<int8_t>(p, false); });
        else if (step == 2)
            each([&](const uint8_t* p) { return load<int16_t>(p, swap); });
        else if (step == 4)
            each([&](const uint8_t* p) { return load<int32_t>(p, swap); });
        else
            each([&](const uint8_t* p) { return load<int64_t>(p, swap); });
        break;
    case 'u':
        if (step == 1)
            each([&](const uint8_t* p) { return *p; });
        else if (step == 2)
            each([&](const uint8_t* p) { return load<uint16_t>(p, swap); });
        else if (step == 4)
            each([&](const uint8_t* p) { return load<uint32_t>(p, swap); });
        else
            each([&](const uint8_t* p) { return load<uint64_t>(p, swap); });
        break;
    default: // 'b'
        each([&](const uint8_t* p) { return *p ? 1.0f : 0.0f; });
        break;
    }
}

// Column-major (fortran_order) values to row-major: walk the source in its own order, index 0 fastest, and
// keep the row-major offset of the same element up to date.
std::vector<float> toCOrder(const std::vector<float>& fortran, const std::vector<int64_t>& shape)
{
    const std::size_t rank = shape.size();
    std::vector<std::size_t> cStride(rank, 1);
    for (std::size_t k = rank; k-- > 1;)
        cStride[k - 1] = cStride[k] * static_cast<std::size_t>(shape[k]);
    std::vector<float> out(fortran.size());
    std::vector<int64_t> index(rank, 0);
    std::size_t cOffset = 0;
    for (const float value : fortran) {
        out[cOffset] = value;
        for (std::size_t k = 0; k < rank; ++k) {
            cOffset += cStride[k];
            if (++index[k] < shape[k])
                break;
            cOffset -= cStride[k] * static_cast<std::size_t>(shape[k]);
            index[k] = 0;
        }
    }
    return out;
}

} // namespace

std::string NpyDtype::descr() const
{
    const char order = itemSize == 1 ? '|' : bigEndian ? '>' : '<';
    return std::string(1, order) + kind + std::to_string(itemSize);
}

uint64_t NpyHeader::elements() const
{
    uint64_t n = 1;
    for (const int64_t d : shape)
        n *= static_cast<uint64_t>(d);
    return n;
}

uint64_t NpyHeader::dataBytes() const
{
    return elements() * static_cast<uint64_t>(dtype.itemSize);
}

std::string formatShape(const std::vector<int64_t>& shape)
{
    std::string out = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        out += (i ? ", " : "") + std::to_string(shape[i]);
    return out + "]";
}

std::size_t npyDataOffset(std::span<const uint8_t> prefix, const std::string& sourceName)
{
    if (prefix.size() < kMagicSize || std::memcmp(prefix.data(), kMagic, kMagicSize) != 0)
        fail(sourceName, "not an .npy file (it does not start with \\x93NUMPY)");
    if (prefix.size() < 8)
        fail(sourceName, ".npy file truncated in its preamble (" + std::to_string(prefix.size()) + " bytes)");
    const int major = prefix[6], minor = prefix[7];
    if ((major != 1 && major != 2 && major != 3) || minor != 0)
        fail(sourceName, ".npy format version " + std::to_string(major) + "." + std::to_string(minor) +
                             " is not supported (1.0, 2.0 and 3.0 are)");
    const std::size_t lengthBytes = major == 1 ? 2 : 4;
    if (prefix.size() < 8 + lengthBytes)
        fail(sourceName, ".npy file truncated in its preamble (" + std::to_string(prefix.size()) + " bytes)");
    uint64_t length = 0;
    for (std::size_t i = lengthBytes; i-- > 0;)
        length = (length << 8) | prefix[8 + i];
    if (length > kNpyMaxHeaderBytes)
        fail(sourceName, ".npy header declares " + std::to_string(length) + " bytes, more than the limit of " +
                             std::to_string(kNpyMaxHeaderBytes) + " (numpy writes a few hundred)");
    return 8 + lengthBytes + static_cast<std::size_t>(length);
}

NpyHeader readNpyHeader(std::span<const uint8_t> prefix, const std::string& sourceName)
{
    const std::size_t offset = npyDataOffset(prefix, sourceName);
    if (prefix.size() < offset)
        fail(sourceName, ".npy header truncated: it declares " + std::to_string(offset) + " bytes of header, the file has " +
                             std::to_string(prefix.size()));
    const std::size_t start = prefix[6] == 1 ? 10 : 12;
    const std::string_view text(reinterpret_cast<const char*>(prefix.data()) + start, offset - start);
    const PyValue dict = LiteralParser(text, sourceName).parseHeader();
    if (dict.kind != PyValue::Kind::Dict)
        fail(sourceName, "header is not a Python dict: \"" + excerpt(text) + "\"");
    for (std::size_t i = 0; i < dict.keys.size(); ++i) {
        const PyValue& key = dict.keys[i];
        if (key.kind != PyValue::Kind::String || (key.text != "descr" && key.text != "fortran_order" && key.text != "shape"))
            fail(sourceName, "header has an unexpected key" +
                                 (key.kind == PyValue::Kind::String ? " '" + excerpt(key.text) + "'" : std::string()) +
                                 " (numpy writes exactly 'descr', 'fortran_order' and 'shape')");
        for (std::size_t j = 0; j < i; ++j)
            if (dict.keys[j].text == key.text)
                fail(sourceName, "header has the key '" + key.text + "' twice");
    }

    NpyHeader header;
    header.dataOffset = offset;
    const PyValue* descr = findKey(dict, "descr");
    if (!descr)
        fail(sourceName, "header has no 'descr' (dtype) key");
    if (descr->kind == PyValue::Kind::List)
        fail(sourceName, "structured dtype (record fields) is not supported: one plain numeric array per file");
    if (descr->kind != PyValue::Kind::String)
        fail(sourceName, "header 'descr' is not a string such as '<f4'");
    header.dtype = parseDescr(descr->text, sourceName);

    const PyValue* fortran = findKey(dict, "fortran_order");
    if (!fortran)
        fail(sourceName, "header has no 'fortran_order' key");
    if (fortran->kind != PyValue::Kind::Bool)
        fail(sourceName, "header 'fortran_order' is not True or False");
    header.fortranOrder = fortran->flag;

    const PyValue* shape = findKey(dict, "shape");
    if (!shape)
        fail(sourceName, "header has no 'shape' key");
    if (shape->kind != PyValue::Kind::Tuple)
        fail(sourceName, "header 'shape' is not a tuple of integers such as (3, 224, 224)");
    if (shape->items.size() > kNpyMaxRank)
        fail(sourceName, "header 'shape' has " + std::to_string(shape->items.size()) + " dimensions, more than numpy's " +
                             std::to_string(kNpyMaxRank));
    uint64_t bytes = static_cast<uint64_t>(header.dtype.itemSize);
    for (const PyValue& dim : shape->items) {
        if (dim.kind != PyValue::Kind::Int)
            fail(sourceName, "header 'shape' holds something other than integers");
        if (dim.number < 0)
            fail(sourceName, "header 'shape' has a negative dimension " + std::to_string(dim.number));
        header.shape.push_back(dim.number);
    }
    // The zeros are left out of the product: (0, 2**62, 2**62) is empty, but no real file declares it, and
    // refusing it keeps elements() free of overflow for any zero-free part of the shape as well.
    for (const int64_t d : header.shape)
        if (d != 0 && __builtin_mul_overflow(bytes, static_cast<uint64_t>(d), &bytes))
            fail(sourceName, "header 'shape' " + formatShape(header.shape) + " of " + header.dtype.descr() +
                                 " overflows 64 bits of bytes");
    return header;
}

NpyArray readNpy(std::span<const uint8_t> bytes, const std::string& sourceName)
{
    const NpyHeader header = readNpyHeader(bytes, sourceName);
    const uint64_t need = header.dataBytes();
    const uint64_t have = bytes.size() - header.dataOffset;
    if (have < need)
        fail(sourceName, "data truncated: the header declares shape " + formatShape(header.shape) + " of " +
                             header.dtype.descr() + " (" + std::to_string(need) + " bytes), but " + std::to_string(have) +
                             " bytes follow the header");
    if (have > need)
        fail(sourceName, std::to_string(have - need) + " bytes after the data of shape " + formatShape(header.shape) +
                             " (several arrays saved into one file? one array per .npy file)");
    NpyArray array;
    array.shape = header.shape;
    array.values.resize(static_cast<std::size_t>(header.elements()));
    convert(header.dtype, bytes.data() + header.dataOffset, array.values.size(), array.values.data());
    if (header.fortranOrder && header.shape.size() > 1 && !array.values.empty())
        array.values = toCOrder(array.values, header.shape);
    return array;
}

} // namespace qs
