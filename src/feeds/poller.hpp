#pragma once
// The polling machinery shared by the news-feed poller (feeds.hpp) and the federation poller
// (exchange/federation.hpp): when to poll next (the interval, or a back-off after failures) and the
// background thread that polls what is due every tick or when woken.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "storage/store.hpp"

namespace orientir::feeds {

// When to poll next: `interval_ms` after a clean poll; after a failure twice the interval, doubling
// with every further one, up to `max_backoff_ms` (never less than the interval).
std::int64_t NextPollMs(std::int64_t now_ms, std::int64_t interval_ms, int failures, std::int64_t max_backoff_ms);

// How a polled record (a feed, a peer) is read from and written to the store. T has
// `state.lease_until_ms`.
template <class T>
struct PolledKind {
    const char* kind;
    T (*from)(const storage::Doc&);
    std::string (*body)(const T&);
    storage::IndexEntries (*index)(const T&);
};

// Rewrites one polled record in its own transaction when `change` says so (returns whether it did).
template <class T>
Result<bool> UpdatePolled(storage::Store& store, const PolledKind<T>& k, std::int64_t id,
                          const std::function<bool(T&)>& change) {
    bool written = false;
    Status st = store.Write([&](storage::WriteTx& tx) -> Status {
        written = false;
        ORIENTIR_ASSIGN(auto doc, tx.Get(k.kind, id));
        T v = k.from(doc);
        if (!change(v)) return Status::Ok();
        ORIENTIR_ASSIGN(auto saved, tx.Update(k.kind, id, doc.version, k.body(v), k.index(v)));
        (void)saved;
        written = true;
        return Status::Ok();
    });
    if (!st.ok()) return st.error();
    return written;
}

// Takes the record for one poll (a ten-minute lease) unless another poll, here or on another node,
// holds it. True when taken.
template <class T>
Result<bool> ClaimPolled(storage::Store& store, const PolledKind<T>& k, std::int64_t id, std::int64_t now_ms) {
    return UpdatePolled<T>(store, k, id, [now_ms](T& v) {
        if (v.state.lease_until_ms > now_ms) return false;
        v.state.lease_until_ms = now_ms + 10 * 60 * 1000;
        return true;
    });
}

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
