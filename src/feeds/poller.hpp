#pragma once
// The polling machinery shared by the news-feed poller (feeds.hpp) and the federation poller
// (exchange/federation.hpp): when to poll next (the interval, or a back-off after failures) and the
// background thread that polls what is due every tick or when woken.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

namespace orientir::feeds {

// When to poll next: `interval_ms` after a clean poll; after a failure twice the interval, doubling
// with every further one, up to `max_backoff_ms` (never less than the interval).
std::int64_t NextPollMs(std::int64_t now_ms, std::int64_t interval_ms, int failures, std::int64_t max_backoff_ms);

// A background thread calling `fn` every `tick` and whenever woken. Thread-safe.
class Ticker {
public:
    ~Ticker() { Stop(); }
    void Start(std::chrono::milliseconds tick, std::function<void()> fn);
    void Wake();
    // Stops and joins the thread (a running `fn` finishes first).
    void Stop();
    // True once Stop() was called (long `fn` runs check it between steps).
    bool stopping();

private:
    std::thread thread_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false, woken_ = false;
};

}  // namespace orientir::feeds
