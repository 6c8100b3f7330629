#pragma once
// Progress and cancellation for long core jobs (loading, calibration, evaluation). Jobs poll
// cancelled() between nodes and batches and report(done, total) as they go; the callback is throttled
// so a GUI or terminal is not flooded. Thread-safe: the GUI thread calls cancel() while a worker runs.

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>

namespace qs {

class Cancelled : public std::exception {
public:
    const char* what() const noexcept override { return "cancelled"; }
};

class Progress {
public:
    using Callback = std::function<void(long long done, long long total, const std::string& stage)>;

    Progress() = default;
    explicit Progress(Callback callback, std::chrono::milliseconds interval = std::chrono::milliseconds(100));

    void cancel() { m_cancelled.store(true); }
    bool cancelled() const { return m_cancelled.load(); }
    // Throws qs::Cancelled when cancel() was called: jobs call it at safe points.
    void checkCancelled() const;

    // Reports progress; the callback runs at most once per interval, and always for done == total.
    void report(long long done, long long total, const std::string& stage = {});

private:
    Callback m_callback;
    std::chrono::milliseconds m_interval{100};
    std::atomic<bool> m_cancelled{false};
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_lastReport{};
};

} // namespace qs
