#include "core/data/idx_reader.h"

#include "core/util/error.h"
#include "core/util/progress.h"

#include <zlib.h>

#include <cstdio>

namespace qs {

namespace {

constexpr int64_t kMaxIdxBytes = int64_t(1) << 34; // 16 GiB: anything larger is a corrupt header

class GzFile {
public:
    explicit GzFile(const std::filesystem::path& path) : m_path(path.string())
    {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec))
            throw Error("file not found", {m_path});
        m_file = gzopen(m_path.c_str(), "rb");
        if (!m_file)
            throw Error("cannot open file", {m_path});
        gzbuffer(m_file, 1 << 17);
    }
    ~GzFile()
    {
        if (m_file)
            gzclose(m_file);
    }
    GzFile(const GzFile&) = delete;
    GzFile& operator=(const GzFile&) = delete;

    // Reads up to size bytes; returns how many (fewer only at the end of the data). Throws on a zlib error.
    std::size_t read(uint8_t* out, std::size_t size)
    {
        std::size_t done = 0;
        while (done < size) {
            const unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(size - done, 1u << 24));
            const int got = gzread(m_file, out + done, chunk);
            if (got < 0) {
                int code = 0;
                const char* message = gzerror(m_file, &code);
                throw Error(std::string("decompression failed: ") + (message ? message : "zlib error"), {m_path});
            }
            if (got == 0) {
                // A gzip stream cut short reports Z_BUF_ERROR only through gzerror.
                int code = 0;
                const char* message = gzerror(m_file, &code);
                if (code != Z_OK && code != Z_STREAM_END)
                    throw Error(std::string("decompression failed: ") + (message ? message : "zlib error") +
                                    " (truncated gzip file?)",
                                {m_path});
                break;
            }
            done += static_cast<std::size_t>(got);
        }
        return done;
    }

private:
    std::string m_path;
    gzFile m_file = nullptr;
};

std::string hex32(uint32_t value)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "0x%08x", value);
    return buffer;
}

std::filesystem::path findIdxFile(const std::filesystem::path& dir, const std::string& prefix, const std::string& kind,
                                  int rank)
{
    const std::string r = std::to_string(rank);
    const std::vector<std::string> names = {prefix + "-" + kind + "-idx" + r + "-ubyte",
                                            prefix + "-" + kind + "-idx" + r + "-ubyte.gz",
                                            prefix + "-" + kind + ".idx" + r + "-ubyte",
                                            prefix + "-" + kind + ".idx" + r + "-ubyte.gz"};
    for (const auto& name : names) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(dir / name, ec))
            return dir / name;
    }
    std::string looked;
    for (const auto& name : names)
        looked += (looked.empty() ? "" : ", ") + name;
    throw Error("no " + kind + " file for this split (looked for " + looked + ")", {dir.string()});
}

} // namespace

IdxArray readIdxFile(const std::filesystem::path& path, Progress* progress)
{
    const std::string file = path.string();
    GzFile in(path);
    uint8_t magic[4] = {};
    if (in.read(magic, 4) != 4)
        throw Error("truncated IDX header (fewer than 4 bytes)", {file});
    const uint32_t magicValue = (uint32_t(magic[0]) << 24) | (uint32_t(magic[1]) << 16) | (uint32_t(magic[2]) << 8) | magic[3];
    if (magic[0] != 0 || magic[1] != 0 || magic[3] == 0 || magic[3] > 4)
        throw Error("bad IDX magic number " + hex32(magicValue) + " (expected 0x000008NN)", {file});
    if (magic[2] != 0x08)
        throw Error("unsupported IDX element type " + hex32(magic[2]) + " (only unsigned byte, 0x08)", {file});

    IdxArray array;
    int64_t total = 1;
    for (int d = 0; d < magic[3]; ++d) {
        uint8_t b[4] = {};
        if (in.read(b, 4) != 4)
            throw Error("truncated IDX header (dimension " + std::to_string(d) + ")", {file});
        const int64_t dim = (int64_t(b[0]) << 24) | (int64_t(b[1]) << 16) | (int64_t(b[2]) << 8) | b[3];
        if (dim <= 0)
            throw Error("IDX dimension " + std::to_string(d) + " is 0", {file});
        if (dim > kMaxIdxBytes / total) // checked before multiplying: four dims of 2^32 - 1 wrapped around
            throw Error("IDX header claims more than 16 GiB of data", {file});
        total *= dim;
        if (total > kMaxIdxBytes)
            throw Error("IDX header claims more than 16 GiB of data", {file});
        array.dims.push_back(dim);
    }

    // Grow while reading, so a lying header cannot make us allocate before the data is there.
    constexpr std::size_t kChunk = std::size_t(1) << 22;
    std::size_t done = 0;
    const std::size_t expected = static_cast<std::size_t>(total);
    while (done < expected) {
        if (progress)
            progress->checkCancelled();
        const std::size_t want = std::min(kChunk, expected - done);
        array.data.resize(done + want);
        const std::size_t got = in.read(array.data.data() + done, want);
        done += got;
        if (progress)
            progress->report(static_cast<long long>(done), static_cast<long long>(expected), "reading " + path.filename().string());
        if (got < want)
            throw Error("truncated IDX data: header promises " + std::to_string(expected) + " bytes, file has " +
                            std::to_string(done),
                        {file});
    }
    uint8_t extra = 0;
    if (in.read(&extra, 1) != 0)
        throw Error("IDX file has data beyond the " + std::to_string(expected) + " bytes its header declares", {file});
    return array;
}

std::vector<std::string> idxClassNames(IdxFlavor flavor)
{
    if (flavor == IdxFlavor::FashionMnist)
        return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
}

std::unique_ptr<InMemoryImageDataset> openIdxDataset(const std::filesystem::path& imagesPath,
                                                     const std::filesystem::path& labelsPath, std::string name,
                                                     std::vector<std::string> classNames, const PreprocessSpec& spec,
                                                     Progress* progress)
{
    IdxArray images = readIdxFile(imagesPath, progress);
    if (images.dims.size() != 3)
        throw Error("expected an images file of rank 3 (N x H x W), got rank " + std::to_string(images.dims.size()),
                    {imagesPath.string()});
    if (images.dims[1] > 65536 || images.dims[2] > 65536)
        throw Error("implausible image size", {imagesPath.string()});
    IdxArray labels = readIdxFile(labelsPath, progress);
    if (labels.dims.size() != 1)
        throw Error("expected a labels file of rank 1 (N), got rank " + std::to_string(labels.dims.size()),
                    {labelsPath.string()});
    if (labels.dims[0] != images.dims[0])
        throw Error("labels file has " + std::to_string(labels.dims[0]) + " labels but " + imagesPath.filename().string() +
                        " has " + std::to_string(images.dims[0]) + " images",
                    {labelsPath.string()});

    InMemoryImages data;
    data.name = std::move(name);
    data.source = imagesPath.string();
    data.count = images.dims[0];
    data.height = static_cast<int>(images.dims[1]);
    data.width = static_cast<int>(images.dims[2]);
    data.order = ChannelOrder::Gray;
    data.pixels = std::move(images.data);
    data.labels.assign(labels.data.begin(), labels.data.end());
    data.classNames = std::move(classNames);
    for (std::size_t i = 0; i < data.labels.size(); ++i)
        if (!data.classNames.empty() && data.labels[i] >= static_cast<int>(data.classNames.size()))
            throw Error("label " + std::to_string(data.labels[i]) + " out of range [0, " +
                            std::to_string(data.classNames.size()) + ")",
                        {labelsPath.string(), {}, 0, static_cast<long long>(i)});
    return std::make_unique<InMemoryImageDataset>(std::move(data), spec);
}

std::unique_ptr<InMemoryImageDataset> openIdxDirectory(const std::filesystem::path& dir, IdxFlavor flavor, Split split,
                                                       const PreprocessSpec& spec, Progress* progress)
{
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw Error("dataset directory not found", {dir.string()});
    const std::string prefix = split == Split::Train ? "train" : "t10k";
    const auto images = findIdxFile(dir, prefix, "images", 3);
    const auto labels = findIdxFile(dir, prefix, "labels", 1);
    const std::string name = std::string(flavor == IdxFlavor::FashionMnist ? "Fashion-MNIST " : "MNIST ") + toString(split);
    return openIdxDataset(images, labels, name, idxClassNames(flavor), spec, progress);
}

} // namespace qs
