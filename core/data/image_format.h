#pragma once
// Which image formats QuantScope decodes, told from a file's first bytes, and the decoder limits.
//
// OpenCV's imdecode picks a decoder by signature among everything it was built with; Debian's build includes
// GDAL, OpenJPEG, OpenEXR and more, so a file named .png that is really a DICOM, ISIS cube or GDAL VRT
// (which may reference other files) reached those decoders, and GDAL's block cache (5 % of RAM) kept what
// they read (found by fuzz_image: memory grew by 2 GB over 700 000 inputs). Only the formats of the
// accepted file extensions are decoded; anything else is refused before OpenCV sees it.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace qs {

enum class ImageFormat { Jpeg, Png, Bmp, Pnm, Tiff, WebP };

std::string toString(ImageFormat format);

// The format whose signature the bytes start with; nullopt for anything else (or fewer bytes than the
// signature needs). Needs at most the first 12 bytes.
std::optional<ImageFormat> sniffImageFormat(std::span<const uint8_t> head);

struct ImageSize {
    int64_t width = 0;
    int64_t height = 0;
};

// Width and height as the file's header declares them (PNG IHDR, JPEG SOFn, BMP info header, PNM header,
// TIFF first IFD, WebP VP8/VP8L/VP8X); nullopt when the header cannot be read that far.
std::optional<ImageSize> readImageSize(std::span<const uint8_t> bytes);

// For a PNG: the first chunk (before IEND) whose declared length runs past the end of the bytes, described
// ("chunk 'tEXt' declares 1744830464 bytes, 200 are left"); empty when every chunk fits. libpng allocates a
// chunk's declared length before reading it (1.7 GB for a 317-byte file, found by fuzz_image), so such a file is
// refused before the decoder sees it.
std::string pngChunkOverrun(std::span<const uint8_t> bytes);

// Largest image (width x height) decoded: OPENCV_IO_MAX_IMAGE_PIXELS when set, else 2^27 (e.g. 16384 x 8192).
// OpenCV's own limit (2^30 unless that variable is set, and read once when the library loads, so it cannot be
// lowered from here) lets a 60-byte header claiming 30000 x 30000 allocate 3 GB before the missing data is
// noticed; checking the declared size first keeps that to what a real image of the limit needs.
std::size_t maxImagePixels();

} // namespace qs
