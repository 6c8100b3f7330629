// Image decoding (OpenCV: PNG, JPEG, BMP, PPM/PGM, TIFF, WebP) and preprocessing, as an image-folder dataset
// sees them: ROOT/c/img.<ext> scanned (the cheap signature / end-marker check, and on alternate inputs the full
// verifyDecode), then loaded through one of a few preprocessing specs. The first input byte picks the spec,
// the extension and verifyDecode; the rest is the file. Seeds: small real images (corpus/fuzz_image).
//
// OpenCV itself accepts images of up to 2^30 pixels (OPENCV_IO_MAX_IMAGE_PIXELS), which for a crafted
// 60-byte header means a 3 GiB allocation before the data turns out to be missing; the harness re-executes
// itself with that limit at 2^22 pixels so that libFuzzer's memory limit finds bugs rather than this.
#include "tests/fuzz/fuzz_util.h"

#include "core/data/image_folder_dataset.h"

#include <array>
#include <vector>

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    if (!std::getenv("OPENCV_IO_MAX_IMAGE_PIXELS")) {
        setenv("OPENCV_IO_MAX_IMAGE_PIXELS", "4194304", 1);
        (void)argc;
        execv("/proc/self/exe", *argv);
        std::perror("qs fuzz: re-exec with OPENCV_IO_MAX_IMAGE_PIXELS");
        std::abort();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const std::array<const char*, 4> kExtensions = {".png", ".jpg", ".bmp", ".tif"};
    static const std::array<qs::PreprocessSpec, 4> kSpecs = {
        qs::parsePreprocessSpec("resize=16x16"),
        qs::parsePreprocessSpec("resize=12,crop=10,channels=rgb,scale=1/255,mean=0.485:0.456:0.406,std=0.229:0.224:0.225"),
        qs::parsePreprocessSpec("crop=3x2,channels=gray,layout=nhwc"),
        qs::parsePreprocessSpec("resize=7x5,channels=bgr,mean=127.5,std=64"),
    };
    if (size < 1)
        return 0;
    static const auto root = qs::fuzz::scratchDir() / "images";
    static const auto classDir = root / "c";
    static bool made = std::filesystem::create_directories(classDir);
    (void)made;
    const uint8_t choice = data[0];
    std::error_code ec;
    for (const char* ext : kExtensions)
        std::filesystem::remove(classDir / (std::string("img") + ext), ec);
    qs::fuzz::writeFile(classDir / (std::string("img") + kExtensions[choice & 3]), qs::fuzz::asText(data + 1, size - 1));
    try {
        qs::ImageFolderOptions options;
        options.verifyDecode = (choice & 16) != 0;
        const qs::ImageFolderDataset dataset(root, kSpecs[(choice >> 2) & 3], options);
        std::vector<float> out(static_cast<std::size_t>(dataset.sampleShape().elements()));
        const int64_t index = 0;
        dataset.loadBatch({&index, 1}, out.data());
    } catch (const qs::Error&) {
    }
    return 0;
}
