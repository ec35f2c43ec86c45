#pragma once
// A bounded pool of database connections shared by the SQLite and PostgreSQL backends: at most `max`
// open at once, each used by one thread at a time (a lease returns it when it goes out of scope).
// A connection the `healthy` check rejects on return is closed instead of pooled.
//
// Thread safety: Acquire, DropIdle and Open may be called from any thread.

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace orientir::storage::detail {

template <class Conn>
class ConnectionPool {
public:
    using Factory = std::function<std::unique_ptr<Conn>()>;
    using Check = std::function<bool(Conn&)>;

    ConnectionPool(int max, Factory make, Check healthy = nullptr, std::function<void()> on_discard = nullptr)
        : max_(max), make_(std::move(make)), healthy_(std::move(healthy)), on_discard_(std::move(on_discard)) {}

    struct Releaser {
        ConnectionPool* pool;
        void operator()(Conn* c) const { pool->Release(c); }
    };
    using Lease = std::unique_ptr<Conn, Releaser>;

    // Waits for a free connection or opens a new one; a failure to open propagates (and frees the slot).
    Lease Acquire() {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return !free_.empty() || open_ < max_; });
        if (!free_.empty()) {
            Conn* c = free_.back().release();
            free_.pop_back();
            return Lease(c, Releaser{this});
        }
        ++open_;
        lock.unlock();
        try {
            return Lease(make_().release(), Releaser{this});
        } catch (...) {
            std::lock_guard l(mu_);
            --open_;
            cv_.notify_one();
            throw;
        }
    }

    // Closes every idle connection (after one was lost, the others most likely were too).
    void DropIdle() {
        std::vector<std::unique_ptr<Conn>> dropped;
        {
            std::lock_guard lock(mu_);
            dropped.swap(free_);
            open_ -= static_cast<int>(dropped.size());
            cv_.notify_all();
        }
    }

    int Open() const {
        std::lock_guard lock(mu_);
        return open_;
    }

private:
    void Release(Conn* c) {
        std::unique_ptr<Conn> owned(c);
        bool keep = !healthy_ || healthy_(*c);
        {
            std::lock_guard lock(mu_);
            if (keep)
                free_.push_back(std::move(owned));
            else
                --open_;
            cv_.notify_one();
        }
        if (!keep && on_discard_) on_discard_();
    }

    const int max_;
    Factory make_;
    Check healthy_;
    std::function<void()> on_discard_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::vector<std::unique_ptr<Conn>> free_;
    int open_ = 0;
};

}  // namespace orientir::storage::detail
