#include "core/ir/attributes.h"

#include "core/util/error.h"

namespace qs {

namespace {
template <typename T>
const T* find(const std::map<std::string, AttributeValue>& values, const std::string& name, const char* expected)
{
    auto it = values.find(name);
    if (it == values.end())
        return nullptr;
    if (const T* value = std::get_if<T>(&it->second))
        return value;
    throw Error("attribute '" + name + "' should be " + expected);
}
} // namespace

int64_t Attributes::i(const std::string& name, int64_t fallback) const
{
    const int64_t* v = find<int64_t>(m_values, name, "an integer");
    return v ? *v : fallback;
}

float Attributes::f(const std::string& name, float fallback) const
{
    auto it = m_values.find(name);
    if (it != m_values.end())
        if (const int64_t* v = std::get_if<int64_t>(&it->second))
            return static_cast<float>(*v);
    const float* v = find<float>(m_values, name, "a float");
    return v ? *v : fallback;
}

std::string Attributes::s(const std::string& name, const std::string& fallback) const
{
    const std::string* v = find<std::string>(m_values, name, "a string");
    return v ? *v : fallback;
}

std::vector<int64_t> Attributes::ints(const std::string& name, std::vector<int64_t> fallback) const
{
    const auto* v = find<std::vector<int64_t>>(m_values, name, "a list of integers");
    return v ? *v : fallback;
}

std::vector<float> Attributes::floats(const std::string& name, std::vector<float> fallback) const
{
    const auto* v = find<std::vector<float>>(m_values, name, "a list of floats");
    return v ? *v : fallback;
}

std::vector<std::string> Attributes::strings(const std::string& name, std::vector<std::string> fallback) const
{
    const auto* v = find<std::vector<std::string>>(m_values, name, "a list of strings");
    return v ? *v : fallback;
}

const Tensor& Attributes::tensor(const std::string& name) const
{
    const Tensor* v = find<Tensor>(m_values, name, "a tensor");
    if (!v)
        throw Error("missing tensor attribute '" + name + "'");
    return *v;
}

} // namespace qs
