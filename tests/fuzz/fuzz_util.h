#pragma once
// What every fuzz target shares: a private scratch folder (removed at exit) for loaders that only take a path,
// and the small real model the resolving harnesses run against, loaded once. Only qs::Error is an accepted
// outcome of bad input; anything else a harness lets escape (std::bad_alloc, std::out_of_range, a yaml-cpp or
// OpenCV exception) terminates the run, and libFuzzer records it as a crash: the CLI would call it an
// "internal error".

#include "core/ranges/clip_methods.h"
#include "core/util/error.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <unistd.h>

namespace qs::fuzz {

// A folder of this process's own under $TMPDIR (else /dev/shm, else /tmp), created on first use and removed at exit.
// Memory-backed by default: on ext4, rewriting a file each run forces a write-back per run (auto_da_alloc), which
// halved the executions per second.
inline const std::filesystem::path& scratchDir()
{
    static const std::filesystem::path dir = [] {
        const char* tmp = std::getenv("TMPDIR");
        std::error_code ec;
        const std::string base = tmp && *tmp ? tmp : std::filesystem::is_directory("/dev/shm", ec) ? "/dev/shm" : "/tmp";
        std::string pattern = base + "/qs_fuzz_XXXXXX";
        if (!mkdtemp(pattern.data())) {
            std::perror("qs fuzz: mkdtemp");
            std::abort();
        }
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(scratchDir(), ec);
        });
        return std::filesystem::path(pattern);
    }();
    return dir;
}

// Writes `bytes` to `path` (replacing it); aborts on an I/O failure, which is the harness's fault, not the input's.
inline void writeFile(const std::filesystem::path& path, std::string_view bytes)
{
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f || (bytes.size() && std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) || std::fclose(f) != 0) {
        std::perror(("qs fuzz: cannot write " + path.string()).c_str());
        std::abort();
    }
}

inline std::string_view asText(const uint8_t* data, size_t size)
{
    return {reinterpret_cast<const char*>(data), size};
}

// A model from the source tree (QS_SOURCE_DIR) by its path there.
inline std::string sourcePath(const char* relative)
{
    return std::string(QS_SOURCE_DIR) + "/" + relative;
}

// Every clip method picks a range from loaded statistics, as `quantscope-cli ranges` would: what a loader accepts
// must be usable. qs::Error is an accepted outcome. Entropy is left out: its KL search costs about a millisecond
// per value whatever the input (a tenth of the executions per second) and reads the same histogram as
// percentile, mse and pytorch_histogram.
inline void pickEveryRange(const ActivationStats& stats)
{
    for (const RangeMethod method : allRangeMethods()) {
        if (method == RangeMethod::Entropy)
            continue;
        try {
            (void)pickRange(method, stats, 8, QuantMode::AsymmetricUnsigned);
        } catch (const Error&) {
        }
    }
}

} // namespace qs::fuzz
