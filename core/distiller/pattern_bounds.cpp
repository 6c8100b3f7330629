#include "core/distiller/pattern_bounds.h"

#include <vector>

namespace qs {
namespace {

struct OpenGroup {
    std::size_t position = 0;
    bool repeats = false;    // holds a *, + or {n,m} quantifier (directly or in a nested group)
    bool alternates = false; // holds a | (directly or in a nested group)
};

// Whether the quantifier starting at `i` lets its operand occur more than once; `end` receives its length.
bool repeatingQuantifier(const std::string& p, std::size_t i, std::size_t& length)
{
    length = 0;
    if (i >= p.size())
        return false;
    if (p[i] == '*' || p[i] == '+') {
        length = 1;
        return true;
    }
    if (p[i] == '?') {
        length = 1;
        return false;
    }
    if (p[i] != '{')
        return false;
    const std::size_t close = p.find('}', i);
    if (close == std::string::npos)
        return false;
    length = close - i + 1;
    const std::string body = p.substr(i + 1, close - i - 1);
    const std::size_t comma = body.find(',');
    if (comma == std::string::npos)
        return body != "0" && body != "1";
    const std::string upper = body.substr(comma + 1);
    return upper.empty() || (upper != "0" && upper != "1");
}

} // namespace

std::string patternBoundsProblem(const std::string& p)
{
    if (p.size() > kMaxPatternLength)
        return "the key is " + std::to_string(p.size()) + " characters long, more than the " + std::to_string(kMaxPatternLength) +
               " an override key may have";
    std::vector<OpenGroup> open;
    OpenGroup top; // the whole pattern
    auto innermost = [&]() -> OpenGroup& { return open.empty() ? top : open.back(); };
    for (std::size_t i = 0; i < p.size(); ++i) {
        const char c = p[i];
        if (c == '\\') {
            // A back-reference's number is read into an int as well: \4444444444 overflows it.
            std::size_t digits = 0;
            while (i + 1 + digits < p.size() && p[i + 1 + digits] >= '0' && p[i + 1 + digits] <= '9')
                ++digits;
            if (digits > 3)
                return "the back-reference at character " + std::to_string(i + 1) + " has " + std::to_string(digits) +
                       " digits; a key has at most 999 groups to refer to";
            ++i;
            continue;
        }
        if (c == '[') { // a class: its characters are literals up to the closing ']'
            std::size_t j = i + 1;
            if (j < p.size() && p[j] == '^')
                ++j;
            if (j < p.size() && p[j] == ']')
                ++j;
            while (j < p.size() && p[j] != ']')
                j += p[j] == '\\' ? 2 : 1;
            i = j;
            continue;
        }
        if (c == '(') {
            if (static_cast<int>(open.size()) >= kMaxPatternNesting)
                return "groups nest deeper than " + std::to_string(kMaxPatternNesting) + " levels at character " + std::to_string(i + 1);
            open.push_back({i, false, false});
            continue;
        }
        if (c == '|') {
            innermost().alternates = true;
            continue;
        }
        if (c == '{') { // libstdc++ reads a brace count into an int without checking: 2^31 overflows inside std::regex
            std::size_t j = i + 1;
            while (j < p.size() && p[j] != '}') {
                std::size_t digits = 0;
                long long value = 0;
                while (j < p.size() && p[j] >= '0' && p[j] <= '9') {
                    value = digits < 12 ? value * 10 + (p[j] - '0') : value;
                    ++digits;
                    ++j;
                }
                if (digits > 0 && (digits >= 12 || value > kMaxRepetitionCount))
                    return "the repetition count at character " + std::to_string(i + 1) + " is larger than " +
                           std::to_string(kMaxRepetitionCount);
                if (j < p.size() && p[j] != '}')
                    ++j;
            }
        }
        std::size_t length = 0;
        if (c == ')') {
            if (open.empty())
                continue; // unbalanced: std::regex reports it
            const OpenGroup group = open.back();
            open.pop_back();
            const bool repeated = repeatingQuantifier(p, i + 1, length);
            if (repeated && (group.repeats || group.alternates))
                return "the repeated group '" + p.substr(group.position, i + 1 - group.position) + p.substr(i + 1, length) + "' " +
                       (group.repeats ? "repeats inside" : "alternates inside") +
                       ", which can take exponential time to match; write the key without repeating it (for example "
                       "'.*conv.*' or '(conv1|fc)')";
            OpenGroup& parent = innermost();
            parent.repeats = parent.repeats || group.repeats || repeated;
            parent.alternates = parent.alternates || group.alternates;
            i += length;
            continue;
        }
        if (repeatingQuantifier(p, i, length)) {
            innermost().repeats = true;
            i += length - 1;
        }
    }
    return {};
}

} // namespace qs
