#pragma once
// Follows a Store's change log on a background thread and hands each batch of changes to a
// callback, in order, exactly once per process lifetime (the callback persists its own position
// if it must survive restarts). Used by the search index and analytics snapshots, which are
// derived data: after a crash they resume from their saved position and catch up.
//
// Thread safety: Start/Stop/Notify may be called from any thread; the callback runs on the
// follower's thread only.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "storage/store.hpp"

namespace orientir::storage {

class ChangeFollower {
public:
    using Apply = std::function<void(const std::vector<Change>&)>;

    ChangeFollower(Store& store, std::int64_t after_seq, Apply apply,
                   std::chrono::milliseconds poll = std::chrono::milliseconds(200), int batch = 500);
    ~ChangeFollower();
    ChangeFollower(const ChangeFollower&) = delete;
    ChangeFollower& operator=(const ChangeFollower&) = delete;

    void Start();
    void Stop();
    // Wakes the follower now (e.g. right after a local write) instead of at the next poll.
    void Notify();
    // Applies everything currently in the log on the calling thread (tests, start-up catch-up).
    void CatchUp();
    std::int64_t applied_seq() const { return applied_.load(); }

private:
    void Loop();
    bool Step();

    Store& store_;
    Apply apply_;
    std::chrono::milliseconds poll_;
    int batch_;
    std::atomic<std::int64_t> applied_;
    std::mutex mu_;
    std::mutex apply_mu_;
    std::condition_variable cv_;
    bool stop_ = false;
    bool notified_ = false;
    std::thread thread_;
};

}  // namespace orientir::storage
