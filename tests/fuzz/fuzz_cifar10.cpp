// CIFAR-10 binary batches as `--dataset cifar10:DIR --split test` opens them: DIR/test_batch.bin and, when the
// input starts with "META\n", a DIR/batches.meta.txt made of the text up to the first NUL byte (the batch is
// the rest). Opens the dataset and loads its first and last samples with an ImageNet-style preprocessing.
// Seeds: a few real-format records with and without a meta file (corpus/fuzz_cifar10).
#include "tests/fuzz/fuzz_util.h"

#include "core/data/cifar10_reader.h"

#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const auto dir = qs::fuzz::scratchDir();
    static const qs::PreprocessSpec spec =
        qs::parsePreprocessSpec("resize=40,crop=36,channels=bgr,scale=1/255,mean=0.485:0.456:0.406,std=0.229:0.224:0.225");
    std::string_view text = qs::fuzz::asText(data, size);
    std::error_code ec;
    if (text.substr(0, 5) == "META\n") {
        const std::size_t end = text.find('\0');
        qs::fuzz::writeFile(dir / "batches.meta.txt", text.substr(5, end == std::string_view::npos ? end : end - 5));
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    } else {
        std::filesystem::remove(dir / "batches.meta.txt", ec);
    }
    qs::fuzz::writeFile(dir / "test_batch.bin", text);
    try {
        const auto dataset = qs::openCifar10(dir, qs::Split::Test, spec);
        std::vector<float> out(static_cast<std::size_t>(dataset->sampleShape().elements()));
        for (const int64_t index : {int64_t(0), dataset->size() - 1})
            dataset->loadBatch({&index, 1}, out.data());
        (void)dataset->className(dataset->label(0));
    } catch (const qs::Error&) {
    }
    return 0;
}
