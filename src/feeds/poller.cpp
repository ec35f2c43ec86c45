#include "feeds/poller.hpp"

#include <algorithm>
#include <exception>

#include "common/log.hpp"

namespace orientir::feeds {

std::int64_t NextPollMs(std::int64_t now_ms, std::int64_t interval_ms, int failures, std::int64_t max_backoff_ms) {
    if (failures <= 0) return now_ms + interval_ms;
    std::int64_t factor = std::int64_t(1) << std::min(failures, 10);
    return now_ms + std::min(interval_ms * factor, std::max(interval_ms, max_backoff_ms));
}

void Ticker::Start(std::chrono::milliseconds tick, std::function<void()> fn) {
    if (thread_.joinable()) return;
    {
        std::lock_guard<std::mutex> l(mu_);
        stop_ = false;
    }
    thread_ = std::thread([this, tick, fn = std::move(fn)] {
        for (;;) {
            {
                std::unique_lock<std::mutex> l(mu_);
                cv_.wait_for(l, tick, [this] { return stop_ || woken_; });
                if (stop_) return;
                woken_ = false;
            }
            try {
                fn();
            } catch (const std::exception& e) {
                log::Warn(std::string("poller: ") + e.what());
            }
        }
    });
}

void Ticker::Wake() {
    {
        std::lock_guard<std::mutex> l(mu_);
        woken_ = true;
    }
    cv_.notify_all();
}

void Ticker::Stop() {
    {
        std::lock_guard<std::mutex> l(mu_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

bool Ticker::stopping() {
    std::lock_guard<std::mutex> l(mu_);
    return stop_;
}

}  // namespace orientir::feeds
