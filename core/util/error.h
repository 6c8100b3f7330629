#pragma once
// The one error type of QuantScope. Bad input (a malformed model, an unsupported operator, a corrupt image,
// a bad YAML line) throws qs::Error carrying *where* it happened, so the message a user sees names the
// file, node, line or sample. Catch only at job boundaries: job runner, CLI main, tests.

#include <stdexcept>
#include <string>

namespace qs {

struct ErrorContext {
    ErrorContext() = default;
    ErrorContext(std::string file_, std::string node_ = {}, int line_ = 0, long long sample_ = -1)
        : file(std::move(file_)), node(std::move(node_)), line(line_), sample(sample_)
    {
    }

    std::string file;   // model, dataset or YAML file
    std::string node;   // graph node name (and op type) or layer name
    int line = 0;       // YAML / text line, 1-based; 0 = none
    long long sample = -1; // dataset sample index; -1 = none
};

class Error : public std::runtime_error {
public:
    explicit Error(std::string message, ErrorContext context = {});

    const std::string& message() const { return m_message; }
    const ErrorContext& context() const { return m_context; }

    // A copy with more context filled in where this one has none (outer layers add the file name).
    Error withFile(const std::string& file) const;
    Error withNode(const std::string& node) const;

private:
    static std::string format(const std::string& message, const ErrorContext& context);
    std::string m_message;
    ErrorContext m_context;
};

} // namespace qs
