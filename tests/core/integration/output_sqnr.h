#pragma once
// SQNR of `test` against `reference` in dB (+inf when equal), computed here in double rather than with core's
// fidelity code: the integration tests compare engines and files with a yardstick that is not under test.

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>

namespace qs::testing {

inline double sqnrDb(std::span<const float> reference, std::span<const float> test)
{
    double signal = 0.0, noise = 0.0;
    for (std::size_t i = 0; i < reference.size() && i < test.size(); ++i) {
        const double r = reference[i], d = r - static_cast<double>(test[i]);
        signal += r * r;
        noise += d * d;
    }
    return noise == 0.0 ? std::numeric_limits<double>::infinity() : 10.0 * std::log10(signal / noise);
}

} // namespace qs::testing
