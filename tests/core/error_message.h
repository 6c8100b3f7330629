#pragma once
// The message of the qs::Error a call throws ("" when it throws none): what tests of bad input compare with the
// text a user would see.

#include "core/util/error.h"

#include <functional>
#include <string>

namespace qs::testing {

inline std::string errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return e.message();
    }
    return {};
}

// The whole text a user would see: the message with its file, node and sample (Error::what()).
inline std::string shownErrorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

} // namespace qs::testing
