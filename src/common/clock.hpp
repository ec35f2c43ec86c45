#pragma once
// Time seam: everything that needs "now" takes a Clock, so tests are deterministic.

#include <atomic>
#include <cstdint>
#include <string>

namespace orientir {

// Thread-safe.
class Clock {
public:
    virtual ~Clock() = default;
    virtual std::int64_t NowMillis() const = 0;  // Unix epoch milliseconds, UTC
    std::string NowTimestamp() const;            // "2026-11-26T16:05:25Z"
    std::string Today() const;                   // "2026-11-26"
};

class SystemClock final : public Clock {
public:
    std::int64_t NowMillis() const override;
    static const SystemClock& Instance();
};

// A clock tests move by hand.
class FakeClock final : public Clock {
public:
    explicit FakeClock(std::int64_t millis) : now_(millis) {}
    std::int64_t NowMillis() const override { return now_.load(); }
    void Advance(std::int64_t millis) { now_ += millis; }
    void Set(std::int64_t millis) { now_ = millis; }

private:
    std::atomic<std::int64_t> now_;
};

std::string FormatTimestamp(std::int64_t millis);  // RFC 3339 UTC, second precision
std::string FormatDate(std::int64_t millis);       // YYYY-MM-DD UTC
// Days since 1970-01-01 for a valid YYYY-MM-DD (see IsValidDate); used for date arithmetic.
std::int64_t DaysFromDate(const std::string& date);

}  // namespace orientir
