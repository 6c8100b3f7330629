#include "core/data/image_format.h"

#include <cstdlib>
#include <cstring>

namespace qs {

namespace {

bool startsWith(std::span<const uint8_t> bytes, std::size_t offset, const char* magic)
{
    const std::size_t n = std::strlen(magic);
    return bytes.size() >= offset + n && std::memcmp(bytes.data() + offset, magic, n) == 0;
}

} // namespace

std::string toString(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg: return "JPEG";
    case ImageFormat::Png: return "PNG";
    case ImageFormat::Bmp: return "BMP";
    case ImageFormat::Pnm: return "PNM";
    case ImageFormat::Tiff: return "TIFF";
    case ImageFormat::WebP: return "WebP";
    }
    return "?";
}

std::optional<ImageFormat> sniffImageFormat(std::span<const uint8_t> head)
{
    if (startsWith(head, 0, "\xFF\xD8\xFF"))
        return ImageFormat::Jpeg;
    if (startsWith(head, 0, "\x89PNG\r\n\x1A\n"))
        return ImageFormat::Png;
    if (startsWith(head, 0, "BM"))
        return ImageFormat::Bmp;
    // P1..P6: plain and raw bitmap, graymap, pixmap (OpenCV's PxM decoder; PAM's P7 and PFM are other decoders).
    if (head.size() >= 3 && head[0] == 'P' && head[1] >= '1' && head[1] <= '6' &&
        (head[2] == ' ' || head[2] == '\t' || head[2] == '\n' || head[2] == '\r'))
        return ImageFormat::Pnm;
    if (startsWith(head, 0, "II*") && head.size() >= 4 && head[3] == 0)
        return ImageFormat::Tiff;
    if (startsWith(head, 0, "MM") && head.size() >= 4 && head[2] == 0 && head[3] == '*')
        return ImageFormat::Tiff;
    if (startsWith(head, 0, "II+") && head.size() >= 4 && head[3] == 0) // BigTIFF
        return ImageFormat::Tiff;
    if (startsWith(head, 0, "MM") && head.size() >= 4 && head[2] == 0 && head[3] == '+')
        return ImageFormat::Tiff;
    if (startsWith(head, 0, "RIFF") && startsWith(head, 8, "WEBP"))
        return ImageFormat::WebP;
    return std::nullopt;
}

namespace {

uint32_t be16(const uint8_t* p) { return uint32_t(p[0]) << 8 | p[1]; }
uint32_t be32(const uint8_t* p) { return be16(p) << 16 | be16(p + 2); }
uint32_t le16(const uint8_t* p) { return uint32_t(p[1]) << 8 | p[0]; }
uint32_t le24(const uint8_t* p) { return le16(p) | uint32_t(p[2]) << 16; }
uint32_t le32(const uint8_t* p) { return le16(p) | le16(p + 2) << 16; }

std::optional<ImageSize> jpegSize(std::span<const uint8_t> b)
{
    std::size_t at = 2;
    while (at + 4 <= b.size()) {
        if (b[at] != 0xFF)
            return std::nullopt;
        const uint8_t marker = b[at + 1];
        if (marker == 0xFF) { // fill byte
            ++at;
            continue;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
            at += 2;
            continue;
        }
        const std::size_t length = be16(&b[at + 2]);
        // Start of frame: every SOFn but DHT (C4), JPG (C8) and DAC (CC); P, Y (height), X (width).
        const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) {
            if (at + 9 > b.size())
                return std::nullopt;
            return ImageSize{be16(&b[at + 7]), be16(&b[at + 5])};
        }
        if (marker == 0xDA || length < 2) // image data before any frame header
            return std::nullopt;
        at += 2 + length;
    }
    return std::nullopt;
}

std::optional<ImageSize> pnmSize(std::span<const uint8_t> b)
{
    std::size_t at = 2;
    int64_t values[2] = {};
    for (int64_t& value : values) {
        for (;;) { // whitespace and comments
            if (at >= b.size())
                return std::nullopt;
            if (b[at] == '#')
                while (at < b.size() && b[at] != '\n' && b[at] != '\r')
                    ++at;
            else if (b[at] == ' ' || b[at] == '\t' || b[at] == '\n' || b[at] == '\r' || b[at] == '\v' || b[at] == '\f')
                ++at;
            else
                break;
        }
        const std::size_t first = at;
        while (at < b.size() && b[at] >= '0' && b[at] <= '9' && at - first < 10)
            value = value * 10 + (b[at++] - '0');
        if (at == first)
            return std::nullopt;
    }
    return ImageSize{values[0], values[1]};
}

std::optional<ImageSize> tiffSize(std::span<const uint8_t> b)
{
    const bool little = b[0] == 'I';
    auto u16 = [&](std::size_t at) { return little ? le16(&b[at]) : be16(&b[at]); };
    auto u32 = [&](std::size_t at) { return little ? le32(&b[at]) : be32(&b[at]); };
    if (b.size() < 8 || u16(2) != 42) // BigTIFF (43) has 8-byte offsets; its size is checked by libtiff's own limits
        return std::nullopt;
    const std::size_t ifd = u32(4);
    if (ifd + 2 > b.size())
        return std::nullopt;
    const std::size_t entries = u16(ifd);
    std::optional<int64_t> width, height;
    for (std::size_t i = 0; i < entries; ++i) {
        const std::size_t e = ifd + 2 + 12 * i;
        if (e + 12 > b.size())
            break;
        const uint32_t tag = u16(e), type = u16(e + 2);
        const int64_t value = type == 3 ? u16(e + 8) : type == 4 ? u32(e + 8) : -1; // SHORT or LONG
        if (tag == 256)
            width = value;
        else if (tag == 257)
            height = value;
    }
    if (!width || !height || *width < 0 || *height < 0)
        return std::nullopt;
    return ImageSize{*width, *height};
}

std::optional<ImageSize> webpSize(std::span<const uint8_t> b)
{
    if (b.size() < 30)
        return std::nullopt;
    const uint8_t* chunk = &b[12];
    if (std::memcmp(chunk, "VP8 ", 4) == 0) // lossy: frame tag (3), start code (3), 14-bit width and height
        return ImageSize{le16(chunk + 14) & 0x3FFF, le16(chunk + 16) & 0x3FFF};
    if (std::memcmp(chunk, "VP8L", 4) == 0) { // lossless: signature 0x2F, then 14-bit width-1 and height-1
        const uint32_t bits = le32(chunk + 9);
        return ImageSize{int64_t(bits & 0x3FFF) + 1, int64_t((bits >> 14) & 0x3FFF) + 1};
    }
    if (std::memcmp(chunk, "VP8X", 4) == 0) // extended: 24-bit canvas width-1 and height-1
        return ImageSize{int64_t(le24(chunk + 12)) + 1, int64_t(le24(chunk + 15)) + 1};
    return std::nullopt;
}

} // namespace

std::optional<ImageSize> readImageSize(std::span<const uint8_t> bytes)
{
    const auto format = sniffImageFormat(bytes);
    if (!format)
        return std::nullopt;
    switch (*format) {
    case ImageFormat::Png: // signature, IHDR length and type, then width and height
        if (bytes.size() < 24 || std::memcmp(&bytes[12], "IHDR", 4) != 0)
            return std::nullopt;
        return ImageSize{be32(&bytes[16]), be32(&bytes[20])};
    case ImageFormat::Jpeg:
        return jpegSize(bytes);
    case ImageFormat::Bmp: { // BITMAPCOREHEADER (12 bytes: 16-bit sizes) or later (signed 32-bit; negative = top-down)
        if (bytes.size() < 26)
            return std::nullopt;
        if (le32(&bytes[14]) == 12)
            return ImageSize{le16(&bytes[18]), le16(&bytes[20])};
        const int64_t w = static_cast<int32_t>(le32(&bytes[18])), h = static_cast<int32_t>(le32(&bytes[22]));
        return ImageSize{w < 0 ? -w : w, h < 0 ? -h : h};
    }
    case ImageFormat::Pnm:
        return pnmSize(bytes);
    case ImageFormat::Tiff:
        return tiffSize(bytes);
    case ImageFormat::WebP:
        return webpSize(bytes);
    }
    return std::nullopt;
}

std::string pngChunkOverrun(std::span<const uint8_t> bytes)
{
    std::size_t at = 8; // after the signature
    while (at + 8 <= bytes.size()) {
        const uint64_t length = be32(&bytes[at]);
        const std::string type(reinterpret_cast<const char*>(&bytes[at + 4]), 4);
        const uint64_t left = bytes.size() - at - 8;
        if (length + 4 > left) // data and CRC
            return "chunk '" + type + "' declares " + std::to_string(length) + " bytes, " + std::to_string(left > 4 ? left - 4 : 0) + " are left";
        if (type == "IEND")
            return {};
        at += 12 + static_cast<std::size_t>(length);
    }
    return {};
}

std::size_t maxImagePixels()
{
    static const std::size_t limit = [] {
        if (const char* text = std::getenv("OPENCV_IO_MAX_IMAGE_PIXELS")) {
            char* end = nullptr;
            const unsigned long long value = std::strtoull(text, &end, 10);
            if (end != text && *end == '\0')
                return static_cast<std::size_t>(value);
        }
        return std::size_t(1) << 27;
    }();
    return limit;
}

} // namespace qs
