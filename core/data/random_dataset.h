#pragma once
// Seeded standard-normal "images" with label 0: input for benchmarks of models whose real data is not at
// hand (architectures with random weights). Deterministic per (seed, index).

#include "core/data/dataset.h"

namespace qs {

class RandomDataset : public Dataset {
public:
    RandomDataset(SampleShape shape, int64_t size, uint64_t seed = 42);

    std::string name() const override { return "random"; }
    std::string description() const override;
    int64_t size() const override { return m_size; }
    int numClasses() const override { return 0; }
    std::string className(int) const override { return {}; }
    int label(int64_t index) const override;
    SampleShape sampleShape() const override { return m_shape; }
    const PreprocessSpec& preprocess() const override { return m_preprocess; }
    void loadBatch(std::span<const int64_t> indices, float* out) const override;

private:
    SampleShape m_shape;
    int64_t m_size;
    uint64_t m_seed;
    PreprocessSpec m_preprocess;
};

} // namespace qs
