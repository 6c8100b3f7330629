// NumPy files as a tensors:DIR dataset sees them: DIR/sample.npy or DIR/sample.npz scanned (the .npy header,
// or the ZIP central directory and each member's header from an inflated prefix), then sample 0 loaded (the
// whole file, every array: inflate, CRC-32, dtype conversion, fortran-order transpose). The first input byte
// picks .npy (even) or .npz (odd), and with bit 1 the NHWC layout; the rest is the file. Seeds: small files NumPy wrote
// (tests/data/npy) with the byte prepended (corpus/fuzz_npy).
#include "tests/fuzz/fuzz_util.h"

#include "core/data/tensor_folder_dataset.h"

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    static const auto root = qs::fuzz::scratchDir() / "tensors";
    static bool made = std::filesystem::create_directories(root);
    (void)made;
    static const qs::PreprocessSpec kNchw = qs::parsePreprocessSpec("layout=nchw");
    static const qs::PreprocessSpec kNhwc = qs::parsePreprocessSpec("layout=nhwc");
    const uint8_t choice = data[0];
    const bool npz = (choice & 1) != 0;
    std::error_code ec;
    std::filesystem::remove(root / (npz ? "sample.npy" : "sample.npz"), ec);
    qs::fuzz::writeFile(root / (npz ? "sample.npz" : "sample.npy"), qs::fuzz::asText(data + 1, size - 1));
    try {
        const qs::TensorFolderDataset dataset(root, (choice & 2) ? kNhwc : kNchw);
        // Through the arrays interface, which takes one array and an .npz of several (one per model input) alike.
        std::vector<std::vector<float>> buffers;
        std::vector<float*> out;
        for (const qs::SampleArray& array : dataset.sampleArrays())
            buffers.emplace_back(static_cast<std::size_t>(array.elements()));
        for (auto& buffer : buffers)
            out.push_back(buffer.data());
        const int64_t index = 0;
        dataset.loadArrays({&index, 1}, out);
    } catch (const qs::Error&) {
    }
    return 0;
}
