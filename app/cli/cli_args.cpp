#include "app/cli/cli_args.h"

#include "core/util/error.h"

namespace qs::cli {

std::optional<std::string> Args::value(std::initializer_list<const char*> names)
{
    for (std::size_t i = 0; i < m_args.size(); ++i) {
        for (const char* name : names) {
            const std::string n = name;
            if (m_args[i] == n) {
                if (i + 1 >= m_args.size())
                    throw Error("option " + n + " needs a value");
                std::string v = m_args[i + 1];
                m_args.erase(m_args.begin() + static_cast<long>(i), m_args.begin() + static_cast<long>(i) + 2);
                return v;
            }
            if (m_args[i].rfind(n + "=", 0) == 0) {
                std::string v = m_args[i].substr(n.size() + 1);
                m_args.erase(m_args.begin() + static_cast<long>(i));
                return v;
            }
        }
    }
    return std::nullopt;
}

std::optional<std::string> Args::valueOrBare(std::initializer_list<const char*> names, const std::string& bare)
{
    for (std::size_t i = 0; i < m_args.size(); ++i)
        for (const char* name : names)
            if (m_args[i] == name && (i + 1 >= m_args.size() || m_args[i + 1].rfind("-", 0) == 0)) {
                m_args.erase(m_args.begin() + static_cast<long>(i));
                return bare;
            }
    return value(names);
}

std::string Args::value(std::initializer_list<const char*> names, const std::string& fallback)
{
    return value(names).value_or(fallback);
}

long long Args::integer(std::initializer_list<const char*> names, long long fallback)
{
    const auto v = value(names);
    if (!v)
        return fallback;
    try {
        std::size_t used = 0;
        const long long n = std::stoll(*v, &used);
        if (used == v->size())
            return n;
    } catch (const std::exception&) {
    }
    throw Error("option " + std::string(*names.begin()) + " expects an integer, got '" + *v + "'");
}

double Args::number(std::initializer_list<const char*> names, double fallback)
{
    const auto v = value(names);
    if (!v)
        return fallback;
    try {
        std::size_t used = 0;
        const double n = std::stod(*v, &used);
        if (used == v->size())
            return n;
    } catch (const std::exception&) {
    }
    throw Error("option " + std::string(*names.begin()) + " expects a number, got '" + *v + "'");
}

std::vector<std::string> Args::list(std::initializer_list<const char*> names)
{
    std::vector<std::string> values;
    for (std::size_t i = 0; i < m_args.size(); ++i)
        for (const char* name : names)
            if (m_args[i] == name) {
                std::size_t end = i + 1;
                while (end < m_args.size() && m_args[end].rfind("-", 0) != 0)
                    values.push_back(m_args[end++]);
                if (values.empty())
                    throw Error(std::string("option ") + name + " needs at least one layer name");
                m_args.erase(m_args.begin() + static_cast<long>(i), m_args.begin() + static_cast<long>(end));
                return values;
            }
    return values;
}

bool Args::flag(std::initializer_list<const char*> names)
{
    for (std::size_t i = 0; i < m_args.size(); ++i)
        for (const char* name : names)
            if (m_args[i] == name) {
                m_args.erase(m_args.begin() + static_cast<long>(i));
                return true;
            }
    return false;
}

void Args::finish() const
{
    if (!m_args.empty())
        throw Error("unknown argument '" + m_args.front() + "' (see --help)");
}

} // namespace qs::cli
