// IDX (MNIST / Fashion-MNIST) files, plain or gzip: readIdxFile on the input, and for an images file (rank 3)
// the dataset a user opens (openIdxDataset, with a labels file made to match) and its first and last samples
// through the Fashion-MNIST preprocessing. Seeds: small IDX files, plain and gzip (corpus/fuzz_idx).
#include "tests/fuzz/fuzz_util.h"

#include "core/data/idx_reader.h"

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const auto images = qs::fuzz::scratchDir() / "images-idx3-ubyte";
    static const auto labels = qs::fuzz::scratchDir() / "labels-idx1-ubyte";
    qs::fuzz::writeFile(images, qs::fuzz::asText(data, size));
    try {
        const qs::IdxArray array = qs::readIdxFile(images);
        if (array.dims.size() != 3)
            return 0;
        // A labels file with as many labels as the images file has images (N <= input size, so it stays small).
        const int64_t n = array.dims[0];
        std::string labelFile = {0, 0, 8, 1, char(n >> 24), char(n >> 16), char(n >> 8), char(n)};
        for (int64_t i = 0; i < n; ++i)
            labelFile.push_back(static_cast<char>(i % 10));
        qs::fuzz::writeFile(labels, labelFile);
        const auto dataset = qs::openIdxDataset(images, labels, "fuzz", qs::idxClassNames(qs::IdxFlavor::FashionMnist),
                                                qs::PreprocessSpec::fashionMnist());
        std::vector<float> out(static_cast<std::size_t>(dataset->sampleShape().elements()));
        for (const int64_t index : {int64_t(0), dataset->size() - 1})
            dataset->loadBatch({&index, 1}, out.data());
    } catch (const qs::Error&) {
    }
    return 0;
}
