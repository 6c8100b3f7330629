#pragma once
// Deterministic sample selection for calibration and evaluation. Random subsets use std::mt19937_64
// (fully specified by the standard) with our own rejection-sampled uniform integers and a partial
// Fisher-Yates shuffle, so the same (size, count, seed) gives the same indices with every compiler and
// standard library. All functions return sorted, unique indices into [0, size).

#include <cstdint>
#include <iterator>
#include <span>
#include <string>
#include <vector>

namespace qs {

// The first min(limit, size) indices; limit < 0 means all.
std::vector<int64_t> firstIndices(int64_t size, int64_t limit = -1);
// count distinct indices drawn uniformly (count >= size gives all).
std::vector<int64_t> randomSubset(int64_t size, int64_t count, uint64_t seed);
// round(fraction * size) indices (at least 1 when fraction > 0 and size > 0); fraction in (0, 1].
std::vector<int64_t> randomFraction(int64_t size, double fraction, uint64_t seed);

// "--qe-calibration"-style amounts: "0.05" or "5%" is a fraction, "500" a count ("1.0" = everything).
struct SampleAmount {
    bool isFraction = false;
    double fraction = 1.0;
    int64_t count = 0;
};
SampleAmount parseSampleAmount(const std::string& text);
std::vector<int64_t> randomSubset(int64_t size, const SampleAmount& amount, uint64_t seed);

// Uniform integer in [0, bound) from a stream of uniform 64-bit words (rejection sampling, exact).
uint64_t uniformBelow(uint64_t bound, uint64_t (*next)(void*), void* state);

// Splits indices into consecutive batches of batchSize (the last may be shorter); views into indices,
// which must outlive the Batches.
class Batches {
public:
    Batches(std::span<const int64_t> indices, int64_t batchSize);

    int64_t count() const;
    std::span<const int64_t> operator[](int64_t batch) const;

    class Iterator {
    public:
        using value_type = std::span<const int64_t>;
        using difference_type = std::ptrdiff_t;
        Iterator(const Batches* batches, int64_t position) : m_batches(batches), m_position(position) {}
        value_type operator*() const { return (*m_batches)[m_position]; }
        Iterator& operator++()
        {
            ++m_position;
            return *this;
        }
        bool operator==(const Iterator& other) const { return m_position == other.m_position; }

    private:
        const Batches* m_batches;
        int64_t m_position;
    };
    Iterator begin() const { return {this, 0}; }
    Iterator end() const { return {this, count()}; }

private:
    std::span<const int64_t> m_indices;
    int64_t m_batchSize;
};

} // namespace qs
