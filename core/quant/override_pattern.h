#pragma once
// One key of Distiller's `overrides`: a Python regular expression over layer names. Distiller joins all keys
// into `(^k1$)|(^k2$)|...` and calls re.match, so the first key in file order whose `(^key$)` matches at the
// start of the name wins; a top-level `|` inside a key binds as it does there (`conv1|fc` matches names
// starting with "conv1", or exactly "fc"). We compile each key as `(^key$)` and match it anchored at the
// start (std::regex_search with match_continuous), which gives the same answer key by key.
// Differences from Python's re: keys use std::regex ECMAScript syntax, so Python-only constructs
// ((?P<name>...), (?P=name), inline flags like (?i), \A, \Z, lookbehind, comments) are rejected. Distiller
// picks the override by counting capture groups, so a key with its own groups makes it use a later key's
// settings; we always attribute a match to the key that matched.

#include <memory>
#include <regex>
#include <string>

namespace qs {

class OverridePattern {
public:
    // Throws qs::Error (message only; the caller adds file and line) when the key does not compile.
    explicit OverridePattern(std::string pattern);

    const std::string& pattern() const { return m_pattern; }
    // Python's re.match('(^pattern$)', name) is not None.
    bool matches(const std::string& name) const;

private:
    std::string m_pattern;
    std::shared_ptr<const std::regex> m_regex; // shared: copies stay cheap
};

// Empty when `pattern` compiles as an override key; otherwise why not.
std::string overridePatternProblem(const std::string& pattern);

// `literal` with regex metacharacters escaped so that, as a key, it matches only itself.
std::string escapeOverridePattern(const std::string& literal);

} // namespace qs
