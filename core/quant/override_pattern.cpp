#include "core/quant/override_pattern.h"

#include "core/util/error.h"

#include <array>
#include <string_view>

namespace qs {

namespace {

// Python-only syntax that ECMAScript would reject, or worse, read differently.
std::string pythonOnlyConstruct(const std::string& pattern)
{
    static constexpr std::array<std::string_view, 5> groups{"(?P<", "(?P=", "(?<=", "(?<!", "(?#"};
    for (std::string_view construct : groups)
        if (pattern.find(construct) != std::string::npos)
            return std::string(construct);
    for (std::size_t i = 0; i + 2 < pattern.size(); ++i) {
        if (pattern[i] == '\\') {
            ++i; // skip the escaped character
            continue;
        }
        if (pattern[i] == '(' && pattern[i + 1] == '?') {
            const char flag = pattern[i + 2];
            if (std::string_view("aiLmsux-").find(flag) != std::string_view::npos)
                return std::string("(?") + flag;
        }
    }
    for (std::size_t i = 0; i + 1 < pattern.size(); ++i) {
        if (pattern[i] != '\\')
            continue;
        if (pattern[i + 1] == 'A' || pattern[i + 1] == 'Z')
            return std::string("\\") + pattern[i + 1];
        ++i;
    }
    return {};
}

} // namespace

OverridePattern::OverridePattern(std::string pattern)
    : m_pattern(std::move(pattern))
{
    const std::string problem = overridePatternProblem(m_pattern);
    if (!problem.empty())
        throw Error(problem);
    m_regex = std::make_shared<const std::regex>("(^" + m_pattern + "$)", std::regex::ECMAScript);
}

bool OverridePattern::matches(const std::string& name) const
{
    return std::regex_search(name, *m_regex, std::regex_constants::match_continuous);
}

std::string overridePatternProblem(const std::string& pattern)
{
    if (pattern.empty())
        return "an empty override key matches no layer";
    const std::string construct = pythonOnlyConstruct(pattern);
    if (!construct.empty())
        return "override key '" + pattern + "' uses the Python-only regular expression syntax '" + construct +
               "', which QuantScope does not support";
    try {
        std::regex compiled("(^" + pattern + "$)", std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
        return "override key '" + pattern + "' is not a valid regular expression: " + e.what();
    }
    return {};
}

std::string escapeOverridePattern(const std::string& literal)
{
    static constexpr std::string_view special = "\\^$.|?*+()[]{}";
    std::string out;
    for (char c : literal) {
        if (special.find(c) != std::string_view::npos)
            out += '\\';
        out += c;
    }
    return out;
}

} // namespace qs
