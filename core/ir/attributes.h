#pragma once
// Node attributes as ONNX defines them, with typed accessors that fall back to the operator's default.
// A wrong attribute type is bad input and throws qs::Error naming the attribute.

#include "core/ir/tensor.h"

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace qs {

using AttributeValue = std::variant<int64_t, float, std::string, std::vector<int64_t>, std::vector<float>,
                                    std::vector<std::string>, Tensor>;

class Attributes {
public:
    bool has(const std::string& name) const { return m_values.count(name) != 0; }
    void set(const std::string& name, AttributeValue value) { m_values[name] = std::move(value); }
    void erase(const std::string& name) { m_values.erase(name); }
    const std::map<std::string, AttributeValue>& all() const { return m_values; }

    int64_t i(const std::string& name, int64_t fallback) const;
    float f(const std::string& name, float fallback) const;
    std::string s(const std::string& name, const std::string& fallback) const;
    std::vector<int64_t> ints(const std::string& name, std::vector<int64_t> fallback = {}) const;
    std::vector<float> floats(const std::string& name, std::vector<float> fallback = {}) const;
    std::vector<std::string> strings(const std::string& name, std::vector<std::string> fallback = {}) const;
    // Throws when absent.
    const Tensor& tensor(const std::string& name) const;

private:
    std::map<std::string, AttributeValue> m_values;
};

} // namespace qs
