#include "core/data/cifar10_reader.h"

#include "core/util/error.h"
#include "core/util/progress.h"

#include <fstream>

namespace qs {

namespace {

constexpr int kSide = 32;
constexpr std::size_t kPlane = kSide * kSide;
constexpr std::size_t kRecord = 1 + 3 * kPlane;

std::vector<std::string> readClassNames(const std::filesystem::path& path)
{
    std::ifstream in(path);
    std::vector<std::string> names;
    std::string line;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.pop_back();
        if (!line.empty())
            names.push_back(line);
    }
    if (names.size() != 10)
        throw Error("expected 10 class names, found " + std::to_string(names.size()), {path.string()});
    return names;
}

} // namespace

std::vector<std::string> cifar10DefaultClassNames()
{
    return {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};
}

void readCifar10Batch(const std::filesystem::path& path, std::vector<uint8_t>& pixels, std::vector<int>& labels)
{
    const std::string file = path.string();
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(path, ec);
    if (ec)
        throw Error("cannot read CIFAR-10 batch: " + ec.message(), {file});
    if (bytes == 0 || bytes % kRecord != 0)
        throw Error("CIFAR-10 batch size " + std::to_string(bytes) + " is not a positive multiple of the " +
                        std::to_string(kRecord) + "-byte record (truncated or not a CIFAR-10 binary batch)",
                    {file});
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot open CIFAR-10 batch", {file});
    std::vector<uint8_t> raw(static_cast<std::size_t>(bytes));
    if (!in.read(reinterpret_cast<char*>(raw.data()), static_cast<std::streamsize>(raw.size())))
        throw Error("short read from CIFAR-10 batch", {file});

    const std::size_t records = raw.size() / kRecord;
    pixels.reserve(pixels.size() + records * 3 * kPlane);
    for (std::size_t r = 0; r < records; ++r) {
        const uint8_t* record = raw.data() + r * kRecord;
        if (record[0] > 9)
            throw Error("label " + std::to_string(record[0]) + " out of range [0, 10)",
                        {file, {}, 0, static_cast<long long>(r)});
        labels.push_back(record[0]);
        const uint8_t* planes = record + 1;
        for (std::size_t p = 0; p < kPlane; ++p) {
            pixels.push_back(planes[p]);
            pixels.push_back(planes[kPlane + p]);
            pixels.push_back(planes[2 * kPlane + p]);
        }
    }
}

std::unique_ptr<InMemoryImageDataset> openCifar10(const std::filesystem::path& dirIn, Split split,
                                                  const PreprocessSpec& spec, Progress* progress)
{
    std::error_code ec;
    std::filesystem::path dir = dirIn;
    if (!std::filesystem::is_directory(dir, ec))
        throw Error("dataset directory not found", {dir.string()});
    if (!std::filesystem::exists(dir / "test_batch.bin", ec) && std::filesystem::is_directory(dir / "cifar-10-batches-bin", ec))
        dir /= "cifar-10-batches-bin";

    std::vector<std::filesystem::path> files;
    if (split == Split::Test)
        files.push_back(dir / "test_batch.bin");
    else
        for (int i = 1; i <= 5; ++i)
            files.push_back(dir / ("data_batch_" + std::to_string(i) + ".bin"));

    InMemoryImages data;
    data.name = "CIFAR-10 " + toString(split);
    data.source = files.size() == 1 ? files.front().string() : dir.string();
    data.height = kSide;
    data.width = kSide;
    data.order = ChannelOrder::Rgb;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (progress)
            progress->checkCancelled();
        if (!std::filesystem::is_regular_file(files[i], ec))
            throw Error("CIFAR-10 batch file not found", {files[i].string()});
        readCifar10Batch(files[i], data.pixels, data.labels);
        if (progress)
            progress->report(static_cast<long long>(i + 1), static_cast<long long>(files.size()), "reading CIFAR-10");
    }
    data.count = static_cast<int64_t>(data.labels.size());
    const auto meta = dir / "batches.meta.txt";
    data.classNames = std::filesystem::is_regular_file(meta, ec) ? readClassNames(meta) : cifar10DefaultClassNames();
    return std::make_unique<InMemoryImageDataset>(std::move(data), spec);
}

} // namespace qs
