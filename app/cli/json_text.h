#pragma once
// The few JSON pieces the CLI's --json outputs are written from (one object per command, no library needed).

#include <string>

namespace qs::cli {

// A quoted JSON string: quotes and backslashes escaped, control characters as \u00XX.
std::string jsonString(const std::string& text);
// A JSON number (%.6g); NaN as null, infinities as +-1e999 (JSON has none; parsers read these as +-inf).
std::string jsonNumber(double value);

} // namespace qs::cli
