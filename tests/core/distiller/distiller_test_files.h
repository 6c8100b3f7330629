#pragma once
// Helpers shared by the Distiller config tests: where the real config files are, a file's text, and the
// line a key sits on (to check the lines our errors and warnings name).

#include <fstream>
#include <sstream>
#include <string>

namespace qs::test {

inline std::string configPath(const char* name)
{
    return std::string(QS_TEST_DATA_DIR) + "/distiller_configs/" + name;
}

inline std::string fileText(const std::string& path)
{
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// 1-based line of the first line containing `needle` (0 if none).
inline int lineContaining(const std::string& text, const std::string& needle)
{
    std::istringstream in(text);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n)
        if (line.find(needle) != std::string::npos)
            return n;
    return 0;
}

// 1-based line of the first line starting with `prefix` (0 if none): for keys whose text also appears
// deeper in a file (a key indented less than a same-named nested one, a comment).
inline int lineStartingWith(const std::string& text, const std::string& prefix)
{
    std::istringstream in(text);
    std::string line;
    for (int n = 1; std::getline(in, line); ++n)
        if (line.rfind(prefix, 0) == 0)
            return n;
    return 0;
}

} // namespace qs::test
