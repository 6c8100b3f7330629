#include "core/data/image_folder_dataset.h"

#include "core/data/image_format.h"
#include "core/util/error.h"
#include "core/util/progress.h"

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <fstream>

namespace qs {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kTail = 4096;
constexpr const char* kNotSupported = "not a supported image format (JPEG, PNG, BMP, PNM, TIFF or WebP by its first bytes)";

std::string lowerExtension(const fs::path& path)
{
    std::string ext = path.extension().string();
    for (char& c : ext)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return ext;
}

bool containsBytes(const std::vector<char>& data, const char* needle, std::size_t length)
{
    return std::search(data.begin(), data.end(), needle, needle + length) != data.end();
}

// The cheap scan-time check; returns an empty string for a usable-looking file, else the reason.
std::string quickCheck(const fs::path& path)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec)
        return "unreadable: " + ec.message();
    if (size == 0)
        return "zero-byte file";
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return "unreadable: cannot open";
    uint8_t head[12] = {};
    in.read(reinterpret_cast<char*>(head), sizeof head);
    if (!in && in.gcount() == 0)
        return "unreadable: read failed";
    const auto format = sniffImageFormat(std::span<const uint8_t>(head, static_cast<std::size_t>(in.gcount())));
    if (!format)
        return kNotSupported;

    const bool jpeg = *format == ImageFormat::Jpeg;
    const bool png = *format == ImageFormat::Png;
    if (jpeg || png) {
        const std::size_t tail = std::min<std::size_t>(static_cast<std::size_t>(size), kTail);
        std::vector<char> data(tail);
        in.clear();
        in.seekg(static_cast<std::streamoff>(size - tail));
        if (!in.read(data.data(), static_cast<std::streamsize>(tail)))
            return "unreadable: read failed";
        if (jpeg && !containsBytes(data, "\xFF\xD9", 2))
            return "truncated JPEG (no end-of-image marker)";
        if (png && !containsBytes(data, "IEND", 4))
            return "truncated PNG (no IEND chunk)";
    }
    return {};
}

cv::Mat decodeFile(const std::string& path, std::string& reason)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        reason = "unreadable: cannot open";
        return {};
    }
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.empty()) {
        reason = "zero-byte file";
        return {};
    }
    const auto format = sniffImageFormat(bytes);
    if (!format) {
        reason = kNotSupported;
        return {};
    }
    if (*format == ImageFormat::Png) {
        if (const std::string overrun = pngChunkOverrun(bytes); !overrun.empty()) {
            reason = "corrupt PNG: " + overrun;
            return {};
        }
    }
    const auto size = readImageSize(bytes);
    if (!size) {
        reason = "cannot read the image size from its header (corrupt or unsupported variant)";
        return {};
    }
    if (size->width <= 0 || size->height <= 0 ||
        static_cast<uint64_t>(size->width) * static_cast<uint64_t>(size->height) > maxImagePixels()) {
        reason = "image header declares " + std::to_string(size->width) + "x" + std::to_string(size->height) +
                 " pixels, above the decoder limit of " + std::to_string(maxImagePixels()) +
                 " (the environment variable OPENCV_IO_MAX_IMAGE_PIXELS raises it)";
        return {};
    }
    cv::Mat image;
    try {
        image = cv::imdecode(bytes, cv::IMREAD_COLOR);
    } catch (const cv::Exception& e) {
        reason = std::string("decoder error: ") + e.what();
        return {};
    }
    if (image.empty())
        reason = "cannot decode image (corrupt or unsupported)";
    return image;
}

} // namespace

bool ImageFolderDataset::hasImageExtension(const fs::path& path)
{
    static const char* const kExtensions[] = {".jpg", ".jpeg", ".png", ".ppm", ".bmp", ".pgm", ".tif", ".tiff", ".webp"};
    const std::string ext = lowerExtension(path);
    return std::any_of(std::begin(kExtensions), std::end(kExtensions), [&](const char* e) { return ext == e; });
}

ImageFolderDataset::ImageFolderDataset(const fs::path& root, const PreprocessSpec& spec, ImageFolderOptions options,
                                       Progress* progress)
    : m_root(root), m_preprocessor(spec, ChannelOrder::Bgr), m_options(options)
{
    std::error_code ec;
    if (!fs::is_directory(root, ec))
        throw Error("image folder not found", {root.string()});

    if (!options.unlabelled) {
        for (const auto& entry : fs::directory_iterator(root, fs::directory_options::follow_directory_symlink, ec))
            if (entry.is_directory())
                m_classNames.push_back(entry.path().filename().string());
        if (ec)
            throw Error("cannot list image folder: " + ec.message(), {root.string()});
        std::sort(m_classNames.begin(), m_classNames.end());
        if (m_classNames.empty())
            throw Error("image folder has no class sub-folders (expected ROOT/<class>/<image>; use images:DIR for images without "
                        "classes)",
                        {root.string()});
    }

    auto imagesUnder = [&](const fs::path& dir) {
        std::vector<std::string> files;
        for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::follow_directory_symlink, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            std::error_code typeEc;
            if (!it->is_directory(typeEc) && hasImageExtension(it->path()))
                files.push_back(it->path().string());
        }
        if (ec)
            throw Error("cannot list folder: " + ec.message(), {dir.string()});
        std::sort(files.begin(), files.end());
        return files;
    };
    std::vector<std::pair<std::string, int>> candidates;
    if (options.unlabelled)
        for (auto& f : imagesUnder(root))
            candidates.emplace_back(std::move(f), -1);
    for (int c = 0; c < static_cast<int>(m_classNames.size()); ++c)
        for (auto& f : imagesUnder(root / m_classNames[static_cast<std::size_t>(c)]))
            candidates.emplace_back(std::move(f), c);

    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (progress) {
            progress->checkCancelled();
            progress->report(static_cast<long long>(i), static_cast<long long>(candidates.size()), "scanning images");
        }
        auto& [path, label] = candidates[i];
        std::string reason = quickCheck(path);
        if (reason.empty() && m_options.verifyDecode) {
            const cv::Mat image = decodeFile(path, reason);
            if (reason.empty()) {
                try {
                    m_preprocessor.prepare(image);
                } catch (const Error& e) {
                    reason = e.message();
                }
            }
        }
        if (reason.empty())
            m_samples.push_back({std::move(path), label});
        else
            m_skipped.push_back({std::move(path), std::move(reason)});
    }
    if (progress)
        progress->report(static_cast<long long>(candidates.size()), static_cast<long long>(candidates.size()), "scanning images");
    if (m_samples.empty())
        throw Error("image folder has no usable images (" + std::to_string(m_skipped.size()) + " skipped)", {root.string()});
    m_cache.resize(m_samples.size());
}

std::string ImageFolderDataset::name() const
{
    return (m_options.unlabelled ? "images " : "imagefolder ") + m_root.filename().string();
}

std::string ImageFolderDataset::description() const
{
    const std::string classes = m_options.unlabelled ? " without labels" : " in " + std::to_string(numClasses()) + " classes";
    return name() + ": " + std::to_string(size()) + " images" + classes + " from " +
           m_root.string() + (m_skipped.empty() ? "" : ", " + std::to_string(m_skipped.size()) + " files skipped") +
           "; preprocess " + formatSpec(preprocess()) + " -> " + toString(sampleShape());
}

void ImageFolderDataset::checkIndex(int64_t index) const
{
    if (index < 0 || index >= size())
        throw Error("sample index out of range [0, " + std::to_string(size()) + ")", {m_root.string(), {}, 0, index});
}

std::string ImageFolderDataset::className(int index) const
{
    if (index < 0 || index >= numClasses())
        throw Error("class index " + std::to_string(index) + " out of range", {m_root.string()});
    return m_classNames[static_cast<std::size_t>(index)];
}

int ImageFolderDataset::label(int64_t index) const
{
    checkIndex(index);
    return m_samples[static_cast<std::size_t>(index)].label;
}

std::string ImageFolderDataset::filePath(int64_t index) const
{
    checkIndex(index);
    return m_samples[static_cast<std::size_t>(index)].path;
}

cv::Mat ImageFolderDataset::decode(int64_t index) const
{
    const std::string& path = m_samples[static_cast<std::size_t>(index)].path;
    std::string reason;
    cv::Mat image = decodeFile(path, reason);
    if (image.empty())
        throw Error(reason, {path, {}, 0, index});
    return image;
}

void ImageFolderDataset::loadBatch(std::span<const int64_t> indices, float* out) const
{
    const std::size_t stride = static_cast<std::size_t>(sampleShape().elements());
    for (std::size_t i = 0; i < indices.size(); ++i) {
        const int64_t index = indices[i];
        checkIndex(index);
        cv::Mat prepared;
        {
            std::lock_guard lock(m_cacheMutex);
            prepared = m_cache[static_cast<std::size_t>(index)];
        }
        if (prepared.empty()) {
            try {
                prepared = m_preprocessor.prepare(decode(index)).clone();
            } catch (const Error& e) {
                throw Error(e.message(), {m_samples[static_cast<std::size_t>(index)].path, {}, 0, index});
            }
            const std::size_t bytes = prepared.total() * prepared.elemSize();
            std::lock_guard lock(m_cacheMutex);
            auto& slot = m_cache[static_cast<std::size_t>(index)];
            if (slot.empty() && m_cacheUsed + bytes <= m_options.cacheBytes) {
                slot = prepared;
                m_cacheUsed += bytes;
            }
        }
        m_preprocessor.normalize(prepared, out + i * stride);
    }
}

} // namespace qs
