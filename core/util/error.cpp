#include "core/util/error.h"

namespace qs {

Error::Error(std::string message, ErrorContext context)
    : std::runtime_error(format(message, context)), m_message(std::move(message)), m_context(std::move(context))
{
}

std::string Error::format(const std::string& message, const ErrorContext& context)
{
    std::string where;
    if (!context.file.empty())
        where += context.file;
    if (context.line > 0)
        where += (where.empty() ? "line " : ":") + std::to_string(context.line);
    if (!context.node.empty())
        where += (where.empty() ? "" : ": ") + std::string("node ") + context.node;
    if (context.sample >= 0)
        where += (where.empty() ? "" : ": ") + std::string("sample ") + std::to_string(context.sample);
    return where.empty() ? message : where + ": " + message;
}

Error Error::withFile(const std::string& file) const
{
    if (!m_context.file.empty())
        return *this;
    ErrorContext context = m_context;
    context.file = file;
    return Error(m_message, context);
}

Error Error::withNode(const std::string& node) const
{
    if (!m_context.node.empty())
        return *this;
    ErrorContext context = m_context;
    context.node = node;
    return Error(m_message, context);
}

} // namespace qs
