#include "core/ops/op.h"

#include "core/util/error.h"

namespace qs {

const ValueInfo& InferContext::in(std::size_t i) const
{
    if (!has(i))
        throw Error("input " + std::to_string(i) + " is required");
    return *inputs[i];
}

const Tensor& InferContext::constantInput(std::size_t i, const char* what) const
{
    if (i >= constants.size() || !constants[i])
        throw Error(std::string("input ") + std::to_string(i) + " (" + what +
                    ") must be a constant: QuantScope fixes shapes at load time");
    return *constants[i];
}

} // namespace qs
