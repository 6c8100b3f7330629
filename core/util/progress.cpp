#include "core/util/progress.h"

namespace qs {

Progress::Progress(Callback callback, std::chrono::milliseconds interval)
    : m_callback(std::move(callback)), m_interval(interval)
{
}

void Progress::checkCancelled() const
{
    if (cancelled())
        throw Cancelled();
}

void Progress::report(long long done, long long total, const std::string& stage)
{
    if (!m_callback)
        return;
    const auto now = std::chrono::steady_clock::now();
    {
        std::lock_guard lock(m_mutex);
        if (done < total && now - m_lastReport < m_interval)
            return;
        m_lastReport = now;
    }
    m_callback(done, total, stage);
}

} // namespace qs
