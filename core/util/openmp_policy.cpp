#include "core/util/openmp_policy.h"

#include <cstdlib>
#include <unistd.h>

namespace qs {

void ensurePassiveOpenMpWait(char** argv)
{
    if (std::getenv("OMP_WAIT_POLICY"))
        return;
    setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
    execv("/proc/self/exe", argv); // returns only on failure: then run with the default policy
}

} // namespace qs
