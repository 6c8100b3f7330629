#pragma once
// Element copies for the data-movement operators (Slice, Expand, Tile) on tensors of any element type:
// they move bytes, element by element, without looking at the values.

#include "core/ir/graph.h"

#include <cstring>
#include <functional>

namespace qs {

// Copies element `from` of src to element `to` of dst (same type).
inline void copyElement(Tensor& dst, int64_t to, const Tensor& src, int64_t from, std::size_t es)
{
    std::memcpy(static_cast<unsigned char*>(dst.raw()) + to * es, static_cast<const unsigned char*>(src.raw()) + from * es, es);
}

// Calls fn(outIndex, inIndex) for every output element, where in = sum over axes of map(axis, outCoord) * inStride.
template <typename Map>
void gatherIndexed(const Shape& out, const Shape& in, Map&& map, const std::function<void(int64_t, int64_t)>& fn)
{
    const std::vector<int64_t> inStrides = stridesOf(in);
    const int64_t total = elementCount(out);
    std::vector<int64_t> coord(out.size(), 0);
    for (int64_t o = 0; o < total; ++o) {
        int64_t src = 0;
        for (std::size_t a = 0; a < out.size(); ++a)
            src += map(a, coord[a]) * inStrides[a];
        fn(o, src);
        for (int a = static_cast<int>(out.size()) - 1; a >= 0; --a) {
            if (++coord[a] < out[a])
                break;
            coord[a] = 0;
        }
    }
}

} // namespace qs
