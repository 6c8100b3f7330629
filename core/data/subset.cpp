#include "core/data/subset.h"

#include "core/util/error.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <random>

namespace qs {

namespace {

uint64_t nextMt(void* state)
{
    return (*static_cast<std::mt19937_64*>(state))();
}

} // namespace

uint64_t uniformBelow(uint64_t bound, uint64_t (*next)(void*), void* state)
{
    if (bound == 0)
        throw Error("uniformBelow: empty range");
    // Reject the lowest (2^64 mod bound) outputs so every residue is equally likely.
    const uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        const uint64_t r = next(state);
        if (r >= threshold)
            return r % bound;
    }
}

std::vector<int64_t> firstIndices(int64_t size, int64_t limit)
{
    if (size < 0)
        throw Error("subset: negative dataset size");
    const int64_t n = limit < 0 ? size : std::min(size, limit);
    std::vector<int64_t> out(static_cast<std::size_t>(n));
    std::iota(out.begin(), out.end(), int64_t(0));
    return out;
}

std::vector<int64_t> randomSubset(int64_t size, int64_t count, uint64_t seed)
{
    if (size < 0 || count < 0)
        throw Error("subset: negative size or count");
    if (count >= size)
        return firstIndices(size);
    std::vector<int64_t> pool = firstIndices(size);
    std::mt19937_64 rng(seed);
    // Partial Fisher-Yates: positions [0, count) end up a uniform sample without replacement.
    for (int64_t i = 0; i < count; ++i) {
        const auto j = i + static_cast<int64_t>(uniformBelow(static_cast<uint64_t>(size - i), nextMt, &rng));
        std::swap(pool[static_cast<std::size_t>(i)], pool[static_cast<std::size_t>(j)]);
    }
    pool.resize(static_cast<std::size_t>(count));
    std::sort(pool.begin(), pool.end());
    return pool;
}

std::vector<int64_t> randomFraction(int64_t size, double fraction, uint64_t seed)
{
    if (!(fraction > 0.0 && fraction <= 1.0))
        throw Error("subset: fraction " + std::to_string(fraction) + " is not in (0, 1]");
    int64_t count = static_cast<int64_t>(std::llround(fraction * static_cast<double>(size)));
    if (size > 0)
        count = std::max<int64_t>(count, 1);
    return randomSubset(size, count, seed);
}

SampleAmount parseSampleAmount(const std::string& text)
{
    const auto bad = [&]() -> Error {
        return Error("bad sample amount '" + text + "': expected a count (500), a fraction (0.05) or a percentage (5%)");
    };
    if (text.empty())
        throw bad();
    SampleAmount amount;
    if (text.back() == '%' || text.find_first_of(".eE") != std::string::npos) {
        const bool percent = text.back() == '%';
        const std::string number = percent ? text.substr(0, text.size() - 1) : text;
        double value = 0;
        const auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
        if (number.empty() || ec != std::errc() || ptr != number.data() + number.size())
            throw bad();
        amount.isFraction = true;
        amount.fraction = percent ? value / 100.0 : value;
        if (!(amount.fraction > 0.0 && amount.fraction <= 1.0))
            throw Error("bad sample amount '" + text + "': a fraction must be in (0, 1]");
        return amount;
    }
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), amount.count);
    if (ec != std::errc() || ptr != text.data() + text.size() || amount.count <= 0)
        throw bad();
    return amount;
}

std::vector<int64_t> randomSubset(int64_t size, const SampleAmount& amount, uint64_t seed)
{
    return amount.isFraction ? randomFraction(size, amount.fraction, seed) : randomSubset(size, amount.count, seed);
}

Batches::Batches(std::span<const int64_t> indices, int64_t batchSize) : m_indices(indices), m_batchSize(batchSize)
{
    if (batchSize <= 0)
        throw Error("batch size must be positive, got " + std::to_string(batchSize));
}

int64_t Batches::count() const
{
    const auto n = static_cast<int64_t>(m_indices.size());
    return (n + m_batchSize - 1) / m_batchSize;
}

std::span<const int64_t> Batches::operator[](int64_t batch) const
{
    const auto n = static_cast<int64_t>(m_indices.size());
    const int64_t begin = batch * m_batchSize;
    if (batch < 0 || begin >= n)
        throw Error("batch " + std::to_string(batch) + " out of range");
    return m_indices.subspan(static_cast<std::size_t>(begin), static_cast<std::size_t>(std::min(m_batchSize, n - begin)));
}

} // namespace qs
