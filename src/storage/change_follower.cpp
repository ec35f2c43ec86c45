#include "storage/change_follower.hpp"

#include "common/log.hpp"

namespace orientir::storage {

ChangeFollower::ChangeFollower(Store& store, std::int64_t after_seq, Apply apply, std::chrono::milliseconds poll,
                               int batch)
    : store_(store), apply_(std::move(apply)), poll_(poll), batch_(batch), applied_(after_seq) {}

ChangeFollower::~ChangeFollower() { Stop(); }

void ChangeFollower::Start() {
    std::lock_guard lock(mu_);
    if (thread_.joinable()) return;
    stop_ = false;
    thread_ = std::thread([this] { Loop(); });
}

void ChangeFollower::Stop() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void ChangeFollower::Notify() {
    {
        std::lock_guard lock(mu_);
        notified_ = true;
    }
    cv_.notify_all();
}

bool ChangeFollower::Step() {
    std::lock_guard lock(apply_mu_);
    auto changes = store_.ChangesSince(applied_.load(), batch_);
    if (changes.empty()) return false;
    apply_(changes);
    applied_ = changes.back().seq;
    return static_cast<int>(changes.size()) == batch_;
}

void ChangeFollower::CatchUp() {
    while (Step()) {
    }
}

void ChangeFollower::Loop() {
    for (;;) {
        try {
            while (Step()) {
                std::lock_guard lock(mu_);
                if (stop_) return;
            }
        } catch (const std::exception& e) {
            log::Error("change follower failed; will retry", {{"error", e.what()}});
        }
        std::unique_lock lock(mu_);
        cv_.wait_for(lock, poll_, [&] { return stop_ || notified_; });
        notified_ = false;
        if (stop_) return;
    }
}

}  // namespace orientir::storage
