#include "core/data/tensor_folder_dataset.h"

#include "core/data/npy_reader.h"
#include "core/data/zip_archive.h"
#include "core/util/error.h"
#include "core/util/progress.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <optional>

namespace qs {

namespace {

namespace fs = std::filesystem;

// Enough for the header numpy writes (64 to a few hundred bytes); a longer one is read in a second step.
constexpr std::size_t kHeaderProbe = 4096;

std::string lowerExtension(const fs::path& path)
{
    std::string ext = path.extension().string();
    for (char& c : ext)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return ext;
}

bool isNpz(const std::string& path)
{
    return lowerExtension(path) == ".npz";
}

std::vector<uint8_t> readFile(const std::string& path, std::size_t maxBytes)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (ec)
        throw Error("unreadable: " + ec.message(), {path});
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("unreadable: cannot open", {path});
    std::vector<uint8_t> bytes(static_cast<std::size_t>(std::min<uintmax_t>(size, maxBytes)));
    if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size())))
        throw Error("unreadable: read failed", {path});
    return bytes;
}

// The members of an .npz that are arrays, by name ("x" for "x.npy"); numpy writes nothing else.
std::vector<const ZipEntry*> arrayMembers(const ZipArchive& archive)
{
    std::vector<const ZipEntry*> members;
    for (const ZipEntry& entry : archive.entries())
        if (entry.name.empty() || entry.name.back() != '/')
            members.push_back(&entry);
    return members;
}

std::string arrayName(const ZipEntry& entry)
{
    const std::string& name = entry.name;
    return name.size() > 4 && name.compare(name.size() - 4, 4, ".npy") == 0 ? name.substr(0, name.size() - 4) : name;
}

// The one array of an .npz of one array (any other count is the caller's to handle).
const ZipEntry& singleArray(const ZipArchive& archive)
{
    const auto members = arrayMembers(archive);
    if (members.empty())
        throw Error(".npz archive holds no array", {archive.sourceName()});
    if (members.size() != 1)
        throw Error(".npz holds " + std::to_string(members.size()) + " arrays, expected one", {archive.sourceName()});
    const ZipEntry& entry = *members.front();
    if (arrayName(entry) == entry.name)
        throw Error(".npz member '" + entry.name + "' is not an .npy array", {archive.sourceName()});
    return entry;
}

// The arrays of an .npz of several, by name ("image" for member "image.npy").
std::map<std::string, const ZipEntry*> namedArrays(const ZipArchive& archive)
{
    std::map<std::string, const ZipEntry*> arrays;
    for (const ZipEntry* entry : arrayMembers(archive)) {
        if (arrayName(*entry) == entry->name)
            throw Error(".npz member '" + entry->name + "' is not an .npy array", {archive.sourceName()});
        arrays[arrayName(*entry)] = entry;
    }
    return arrays;
}

// The header, and a check that the data present has the size the header declares (a cut-off download).
NpyHeader checkedHeader(std::vector<uint8_t> prefix, uint64_t totalBytes, const std::string& path,
                        const std::function<std::vector<uint8_t>(std::size_t)>& readPrefix)
{
    const std::size_t offset = npyDataOffset(prefix, path);
    if (offset > prefix.size() && offset <= totalBytes)
        prefix = readPrefix(offset);
    const NpyHeader header = readNpyHeader(prefix, path);
    const uint64_t have = totalBytes > header.dataOffset ? totalBytes - header.dataOffset : 0; // grown since sized
    if (have != header.dataBytes())
        throw Error(std::string(have < header.dataBytes() ? "data truncated" : "bytes left over after the data") +
                        ": shape " + formatShape(header.shape) + " of " + header.dtype.descr() + " needs " +
                        std::to_string(header.dataBytes()) + " bytes after the header, the file has " +
                        std::to_string(have),
                    {path});
    return header;
}

NpyHeader scanNpy(const std::string& path)
{
    std::error_code ec;
    const uint64_t size = fs::file_size(path, ec);
    if (ec)
        throw Error("unreadable: " + ec.message(), {path});
    if (size == 0)
        throw Error("zero-byte file", {path});
    return checkedHeader(readFile(path, kHeaderProbe), size, path, [&](std::size_t n) { return readFile(path, n); });
}

NpyHeader scanNpzMember(const ZipArchive& archive, const ZipEntry& entry)
{
    return checkedHeader(archive.readPrefix(entry, kHeaderProbe), entry.uncompressedSize, archive.sourceName(),
                         [&](std::size_t n) { return archive.readPrefix(entry, n); });
}

NpyArray loadArray(const std::string& path)
{
    if (!isNpz(path)) {
        std::error_code ec;
        const auto size = fs::file_size(path, ec);
        if (ec)
            throw Error("unreadable: " + ec.message(), {path});
        return readNpy(readFile(path, static_cast<std::size_t>(size)), path);
    }
    const ZipArchive archive = ZipArchive::openFile(path);
    return readNpy(archive.read(singleArray(archive)), path);
}

// One file's arrays with their stored shapes: one unnamed array for an .npy or an .npz of one array, the named
// arrays (sorted by name) of an .npz of several. Throws qs::Error with the reason the file is left out.
std::vector<SampleArray> scanFile(const std::string& path)
{
    if (!isNpz(path))
        return {SampleArray{{}, scanNpy(path).shape}};
    const ZipArchive archive = ZipArchive::openFile(path);
    if (arrayMembers(archive).size() <= 1)
        return {SampleArray{{}, scanNpzMember(archive, singleArray(archive)).shape}};
    std::vector<SampleArray> arrays;
    for (const auto& [name, entry] : namedArrays(archive)) {
        const std::vector<int64_t> shape = scanNpzMember(archive, *entry).shape;
        if (std::find(shape.begin(), shape.end(), 0) != shape.end())
            throw Error("empty array '" + name + "' of shape " + formatShape(shape));
        arrays.push_back({name, shape});
    }
    return arrays;
}

std::string describeArrays(const std::vector<SampleArray>& arrays)
{
    std::string text;
    for (const SampleArray& array : arrays)
        text += (text.empty() ? "'" : ", '") + array.input + "' " + formatShape(array.dims);
    return text;
}

// [C, H, W] or [1, C, H, W] -> the sample's three dims; otherwise the reason, for the skip list.
std::vector<int64_t> sampleDims(const std::vector<int64_t>& shape, Layout layout, std::string& reason)
{
    std::vector<int64_t> dims = shape;
    if (dims.size() == 4 && dims[0] == 1)
        dims.erase(dims.begin());
    if (dims.size() != 3) {
        reason = "array of shape " + formatShape(shape) + " is not one sample: expected " +
                 (layout == Layout::Nhwc ? "[H, W, C] or [1, H, W, C]" : "[C, H, W] or [1, C, H, W]") +
                 " (one sample per file)";
        return {};
    }
    if (std::find(dims.begin(), dims.end(), 0) != dims.end()) {
        reason = "empty array of shape " + formatShape(shape);
        return {};
    }
    return dims;
}

fs::path displayRoot(const fs::path& root)
{
    fs::path normal = root.lexically_normal();
    return normal.has_filename() ? normal : normal.parent_path();
}

} // namespace

bool TensorFolderDataset::hasTensorExtension(const fs::path& path)
{
    const std::string ext = lowerExtension(path);
    return ext == ".npy" || ext == ".npz";
}

TensorFolderDataset::TensorFolderDataset(const fs::path& root, const PreprocessSpec& spec, Progress* progress)
    : m_root(root)
{
    m_spec.layout = spec.layout;
    m_spec.inputShapes = spec.inputShapes; // the model's, not preprocessing: a calibration set opened alike needs them

    std::error_code ec;
    if (!fs::is_directory(root, ec))
        throw Error("tensor folder not found (tensors:DIR takes a folder of .npy/.npz files)", {root.string()});
    std::vector<std::string> candidates;
    for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::follow_directory_symlink, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code typeEc;
        if (!it->is_directory(typeEc) && hasTensorExtension(it->path()))
            candidates.push_back(it->path().string());
    }
    if (ec)
        throw Error("cannot list folder: " + ec.message(), {root.string()});
    std::sort(candidates.begin(), candidates.end());

    // The first usable file decides: one array per sample (an image-like [C, H, W]) or several named ones.
    std::string firstFile;
    std::vector<int64_t> firstShape;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (progress) {
            progress->checkCancelled();
            progress->report(static_cast<long long>(i), static_cast<long long>(candidates.size()), "scanning tensors");
        }
        std::string& path = candidates[i];
        std::string reason;
        std::vector<SampleArray> arrays;
        try {
            arrays = scanFile(path);
        } catch (const Error& e) {
            reason = e.message();
        }
        const bool several = arrays.size() > 1;
        std::vector<int64_t> dims;
        if (reason.empty() && !several)
            dims = sampleDims(arrays.front().dims, spec.layout, reason);
        if (reason.empty() && !firstFile.empty()) {
            if (several != !m_arrays.empty())
                reason = (several ? "holds arrays " + describeArrays(arrays) : std::string("holds one array")) + " but the first file, " +
                         firstFile + ", holds " + (several ? std::string("one array") : "arrays " + describeArrays(m_arrays));
            else if (several && arrays != m_arrays)
                reason = "arrays " + describeArrays(arrays) + " differ from " + describeArrays(m_arrays) + " of the first file, " + firstFile;
            else if (!several && dims != m_dims)
                reason = "shape " + formatShape(arrays.front().dims) + " differs from " + formatShape(firstShape) + " of the first file, " +
                         firstFile;
        }
        if (!reason.empty()) {
            m_skipped.push_back({std::move(path), std::move(reason)});
            continue;
        }
        if (firstFile.empty()) {
            firstFile = path;
            if (several)
                m_arrays = arrays;
            else {
                m_dims = dims;
                firstShape = arrays.front().dims;
            }
        }
        m_files.push_back(std::move(path));
    }
    if (progress)
        progress->report(static_cast<long long>(candidates.size()), static_cast<long long>(candidates.size()),
                         "scanning tensors");
    if (m_files.empty()) {
        std::string why = candidates.empty() ? "no .npy or .npz file under it"
                                             : std::to_string(m_skipped.size()) + " skipped; the first, " +
                                                   m_skipped.front().path + ": " + m_skipped.front().reason;
        throw Error("tensor folder has no usable sample (" + why + ")", {root.string()});
    }
    if (!m_arrays.empty())
        return;
    if (spec.layout == Layout::Nhwc)
        m_shape = {m_dims[2], m_dims[0], m_dims[1], Layout::Nhwc};
    else
        m_shape = {m_dims[0], m_dims[1], m_dims[2], Layout::Nchw};
}

std::string TensorFolderDataset::name() const
{
    return "tensors " + displayRoot(m_root).filename().string();
}

std::string TensorFolderDataset::description() const
{
    const std::string what = m_arrays.empty() ? toString(m_shape) : "arrays " + describeArrays(m_arrays);
    return name() + ": " + std::to_string(size()) + " samples of " + what +
           " (as stored, no preprocessing) from " + m_root.string() +
           (m_skipped.empty() ? "" : ", " + std::to_string(m_skipped.size()) + " files skipped");
}

void TensorFolderDataset::checkIndex(int64_t index) const
{
    if (index < 0 || index >= size())
        throw Error("sample index out of range [0, " + std::to_string(size()) + ")", {m_root.string(), {}, 0, index});
}

std::string TensorFolderDataset::className(int index) const
{
    throw Error("class index " + std::to_string(index) + " out of range: tensors datasets have no classes",
                {m_root.string()});
}

int TensorFolderDataset::label(int64_t index) const
{
    checkIndex(index);
    return -1;
}

std::string TensorFolderDataset::filePath(int64_t index) const
{
    checkIndex(index);
    return m_files[static_cast<std::size_t>(index)];
}

SampleShape TensorFolderDataset::sampleShape() const
{
    if (!m_arrays.empty())
        throw Error("the samples hold several arrays (" + describeArrays(m_arrays) + "), not one image-like shape", {m_root.string()});
    return m_shape;
}

std::vector<SampleArray> TensorFolderDataset::sampleArrays() const
{
    return m_arrays.empty() ? Dataset::sampleArrays() : m_arrays;
}

void TensorFolderDataset::loadArrays(std::span<const int64_t> indices, std::span<float* const> out) const
{
    if (m_arrays.empty())
        return Dataset::loadArrays(indices, out);
    if (out.size() != m_arrays.size())
        throw Error("loadArrays: " + std::to_string(out.size()) + " buffers for " + std::to_string(m_arrays.size()) + " arrays per sample",
                    {m_root.string()});
    for (std::size_t i = 0; i < indices.size(); ++i) {
        const int64_t index = indices[i];
        checkIndex(index);
        const std::string& path = m_files[static_cast<std::size_t>(index)];
        try {
            const ZipArchive archive = ZipArchive::openFile(path);
            const auto arrays = namedArrays(archive);
            for (std::size_t k = 0; k < m_arrays.size(); ++k) {
                const SampleArray& wanted = m_arrays[k];
                const auto it = arrays.find(wanted.input);
                if (arrays.size() != m_arrays.size() || it == arrays.end())
                    throw Error("the arrays are not the " + describeArrays(m_arrays) + " the folder was opened with (file changed since?)");
                const NpyArray array = readNpy(archive.read(*it->second), path);
                if (array.shape != wanted.dims)
                    throw Error("array '" + wanted.input + "' of shape " + formatShape(array.shape) + " is not the " + formatShape(wanted.dims) +
                                " the folder was opened with (file changed since?)");
                const std::size_t stride = static_cast<std::size_t>(wanted.elements());
                std::memcpy(out[k] + i * stride, array.values.data(), stride * sizeof(float));
            }
        } catch (const Error& e) {
            throw Error(e.message(), {path, {}, 0, index});
        }
    }
}

void TensorFolderDataset::loadBatch(std::span<const int64_t> indices, float* out) const
{
    if (!m_arrays.empty())
        throw Error("the samples hold several arrays (" + describeArrays(m_arrays) + "): load them with loadArrays()", {m_root.string()});
    const std::size_t stride = static_cast<std::size_t>(m_shape.elements());
    for (std::size_t i = 0; i < indices.size(); ++i) {
        const int64_t index = indices[i];
        checkIndex(index);
        const std::string& path = m_files[static_cast<std::size_t>(index)];
        NpyArray array;
        try {
            array = loadArray(path);
        } catch (const Error& e) {
            throw Error(e.message(), {path, {}, 0, index});
        }
        std::string reason;
        const auto dims = sampleDims(array.shape, m_shape.layout, reason);
        if (dims != m_dims)
            throw Error("shape " + formatShape(array.shape) + " is not the " + formatShape(m_dims) +
                            " the folder was opened with (file changed since?)",
                        {path, {}, 0, index});
        std::memcpy(out + i * stride, array.values.data(), stride * sizeof(float));
    }
}

} // namespace qs
