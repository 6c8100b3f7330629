#pragma once
// A labelled image dataset as the evaluation and calibration jobs see it: a fixed number of samples,
// each preprocessed to one fixed shape, fetched in batches straight into a caller-owned float buffer.
// A sample may instead hold several named arrays, one per model input (tensors:DIR with .npz files):
// sampleArrays() says which, loadArrays() fills one buffer per array. Callers feed models through
// core/eval/model_feed.h, which handles both kinds alike.
// Contract: every const member is safe to call from several threads at once (the evaluation prefetches
// the next batch on another thread while the engine runs the current one). Bad indices and samples that
// cannot be decoded throw qs::Error carrying the file and sample index; nothing is filled silently.

#include "core/data/preprocess_spec.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace qs {

// Which part of a dataset with a fixed train/test partition (IDX, CIFAR-10) to open.
enum class Split { Train, Test };
std::string toString(Split split);
// "train" or "test" (also "val"/"validation" for test); throws qs::Error otherwise.
Split parseSplit(const std::string& text);

// Shape of one preprocessed sample. dims() is {C, H, W} for NCHW and {H, W, C} for NHWC.
struct SampleShape {
    int64_t channels = 0;
    int64_t height = 0;
    int64_t width = 0;
    Layout layout = Layout::Nchw;

    int64_t elements() const { return channels * height * width; }
    std::vector<int64_t> dims() const;
    bool operator==(const SampleShape&) const = default;
};
std::string toString(const SampleShape& shape);

// One array of a sample as it feeds a model input. `input` names the graph input it is for; empty for a
// dataset of one array per sample, which feeds a model of one input whatever that input is called. `dims`
// are one sample's, as stored: no batch dimension added (a stored leading 1 is the model feed's to drop).
struct SampleArray {
    std::string input;
    std::vector<int64_t> dims;

    int64_t elements() const;
    bool operator==(const SampleArray&) const = default;
};

// A file the dataset left out, and why (unreadable, zero bytes, not an image, truncated).
struct SkippedFile {
    std::string path;
    std::string reason;
};

class Dataset {
public:
    virtual ~Dataset() = default;

    // Short name for lists ("Fashion-MNIST test") and a one-line description (source, counts, preprocessing).
    virtual std::string name() const = 0;
    virtual std::string description() const = 0;

    virtual int64_t size() const = 0;
    // 0 when the class set is unknown.
    virtual int numClasses() const = 0;
    virtual std::string className(int index) const = 0;
    // Class index of sample i; -1 when unlabelled. Throws qs::Error for an index out of range.
    virtual int label(int64_t index) const = 0;

    // The shape of a dataset of one array per sample; one with several arrays throws qs::Error (see sampleArrays).
    virtual SampleShape sampleShape() const = 0;
    virtual const PreprocessSpec& preprocess() const = 0;

    // Writes indices.size() preprocessed samples back to back into out (sampleShape().elements() floats each).
    // A dataset with several arrays per sample throws qs::Error: it is loaded with loadArrays().
    virtual void loadBatch(std::span<const int64_t> indices, float* out) const = 0;

    // The arrays of every sample. Default: one unnamed array of sampleShape().dims().
    virtual std::vector<SampleArray> sampleArrays() const;
    // Writes indices.size() samples into one buffer per sampleArrays() entry, in that order, each back to back
    // (the array's elements() floats per sample). Default: loadBatch() into the one buffer.
    virtual void loadArrays(std::span<const int64_t> indices, std::span<float* const> out) const;

    // Files found but left out of the dataset (image folders); empty for single-file formats.
    virtual std::vector<SkippedFile> skippedFiles() const { return {}; }

    // All labels in index order (convenience for metrics).
    std::vector<int> labels() const;
};

} // namespace qs
