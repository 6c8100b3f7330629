#pragma once
// Template implementation for op_util.h.

namespace qs {

template <typename Fn>
void forEachBroadcast(const Shape& out, const Shape& a, const Shape& b, Fn&& fn)
{
    const std::size_t rank = out.size();
    std::vector<int64_t> sa(rank, 0), sb(rank, 0);
    {
        int64_t stride = 1;
        for (std::size_t k = 0; k < a.size(); ++k) {
            const std::size_t axis = a.size() - 1 - k;
            if (a[axis] != 1)
                sa[rank - 1 - k] = stride;
            stride *= a[axis];
        }
        stride = 1;
        for (std::size_t k = 0; k < b.size(); ++k) {
            const std::size_t axis = b.size() - 1 - k;
            if (b[axis] != 1)
                sb[rank - 1 - k] = stride;
            stride *= b[axis];
        }
    }
    const int64_t total = elementCount(out);
    if (total == 0)
        return;
    std::vector<int64_t> index(rank, 0);
    int64_t ia = 0, ib = 0;
    for (int64_t o = 0; o < total; ++o) {
        fn(o, ia, ib);
        for (int axis = static_cast<int>(rank) - 1; axis >= 0; --axis) {
            if (++index[axis] < out[axis]) {
                ia += sa[axis];
                ib += sb[axis];
                break;
            }
            ia -= sa[axis] * (out[axis] - 1);
            ib -= sb[axis] * (out[axis] - 1);
            index[axis] = 0;
        }
    }
}

} // namespace qs
