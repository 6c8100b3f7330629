#pragma once
// A small argument reader for quantscope-cli. Distiller's flags take space-separated lists
// (`--qe-no-quant-layers conv1 fc`), which generic parsers do not handle, so commands take values in
// the order they need and finally reject whatever is left, naming it.

#include <optional>
#include <string>
#include <vector>

namespace qs::cli {

class Args {
public:
    explicit Args(std::vector<std::string> args) : m_args(std::move(args)) {}

    // `--name VALUE` or `--name=VALUE` (first of the aliases that is present); removes it.
    std::optional<std::string> value(std::initializer_list<const char*> names);
    std::string value(std::initializer_list<const char*> names, const std::string& fallback);
    // Like value(), but a bare `--name` (last, or followed by another option) gives `bare` (Distiller's
    // --qe-clip-acts was a switch before it took a method).
    std::optional<std::string> valueOrBare(std::initializer_list<const char*> names, const std::string& bare);
    long long integer(std::initializer_list<const char*> names, long long fallback);
    double number(std::initializer_list<const char*> names, double fallback);
    // `--name A B C`: the values up to the next option (Distiller's list flags); removes them.
    std::vector<std::string> list(std::initializer_list<const char*> names);
    // A bare `--name`; removes it.
    bool flag(std::initializer_list<const char*> names);
    bool helpRequested() { return flag({"--help", "-h"}); }

    std::vector<std::string>& rest() { return m_args; }
    // Throws qs::Error naming the first argument nobody took.
    void finish() const;

private:
    std::vector<std::string> m_args;
};

} // namespace qs::cli
