#pragma once
// Bounds on Distiller override keys before std::regex sees them. libstdc++'s std::regex compiles and matches
// by recursion and backtracking without any limit: a key with thousands of nested groups overflows the stack,
// and a repeated group that itself repeats or alternates ("(.*)*X", "(a|ab)+") takes time exponential in the
// layer name's length. Real Distiller keys are layer names, ".*" wildcards and alternations of names, so the
// bounds refuse only such constructs, with a message that says how to write the key instead.

#include <string>

namespace qs {

inline constexpr std::size_t kMaxPatternLength = 1000;
inline constexpr int kMaxPatternNesting = 16;
inline constexpr long long kMaxRepetitionCount = 1000; // {n,m}: libstdc++ overflows an int on huge counts

// Empty when `pattern` is within the bounds; otherwise why not (naming the offending position).
std::string patternBoundsProblem(const std::string& pattern);

} // namespace qs
