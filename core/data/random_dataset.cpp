#include "core/data/random_dataset.h"

#include "core/util/error.h"

#include <cmath>
#include <random>

namespace qs {

RandomDataset::RandomDataset(SampleShape shape, int64_t size, uint64_t seed) : m_shape(shape), m_size(size), m_seed(seed) {}

std::string RandomDataset::description() const
{
    return std::to_string(m_size) + " random normal samples of " + toString(m_shape);
}

int RandomDataset::label(int64_t index) const
{
    if (index < 0 || index >= m_size)
        throw Error("sample index out of range", {"random", {}, 0, index});
    return 0;
}

void RandomDataset::loadBatch(std::span<const int64_t> indices, float* out) const
{
    const int64_t n = m_shape.elements();
    for (std::size_t i = 0; i < indices.size(); ++i) {
        label(indices[i]);
        std::mt19937_64 rng(m_seed * 1000003u + static_cast<uint64_t>(indices[i]));
        // Box-Muller on our own uniform draws: the same values with every standard library.
        for (int64_t k = 0; k < n; k += 2) {
            const double u1 = (static_cast<double>(rng() >> 11) + 1.0) / 9007199254740993.0;
            const double u2 = static_cast<double>(rng() >> 11) / 9007199254740992.0;
            const double r = std::sqrt(-2.0 * std::log(u1));
            out[static_cast<int64_t>(i) * n + k] = static_cast<float>(r * std::cos(6.283185307179586 * u2));
            if (k + 1 < n)
                out[static_cast<int64_t>(i) * n + k + 1] = static_cast<float>(r * std::sin(6.283185307179586 * u2));
        }
    }
}

} // namespace qs
