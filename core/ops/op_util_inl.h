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

template <typename Fn>
void forEachBroadcastN(const Shape& out, const std::vector<Shape>& shapes, Fn&& fn)
{
    const std::size_t rank = out.size(), n = shapes.size();
    std::vector<std::vector<int64_t>> strides(n, std::vector<int64_t>(rank, 0));
    for (std::size_t s = 0; s < n; ++s) {
        int64_t stride = 1;
        for (std::size_t k = 0; k < shapes[s].size(); ++k) {
            const std::size_t axis = shapes[s].size() - 1 - k;
            if (shapes[s][axis] != 1)
                strides[s][rank - 1 - k] = stride;
            stride *= shapes[s][axis];
        }
    }
    const int64_t total = elementCount(out);
    std::vector<int64_t> coord(rank, 0), index(n, 0);
    for (int64_t o = 0; o < total; ++o) {
        fn(o, index);
        for (int a = static_cast<int>(rank) - 1; a >= 0; --a) {
            if (++coord[a] < out[a]) {
                for (std::size_t s = 0; s < n; ++s)
                    index[s] += strides[s][a];
                break;
            }
            for (std::size_t s = 0; s < n; ++s)
                index[s] -= strides[s][a] * (out[a] - 1);
            coord[a] = 0;
        }
    }
}

template <typename Test>
Tensor broadcastBool(const Tensor& a, const Tensor& b, Test&& test)
{
    const Shape out = broadcastShapes(a.shape(), b.shape());
    Tensor y(DataType::Bool, out);
    auto* yd = y.data<uint8_t>();
    forEachBroadcast(out, a.shape(), b.shape(), [&](int64_t o, int64_t ia, int64_t ib) { yd[o] = test(ia, ib) ? 1 : 0; });
    return y;
}

} // namespace qs
