#include "common/clock.hpp"

#include <chrono>
#include <cstdio>

namespace orientir {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void CivilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += (m <= 2);
}

}  // namespace

std::string Clock::NowTimestamp() const { return FormatTimestamp(NowMillis()); }
std::string Clock::Today() const { return FormatDate(NowMillis()); }

std::int64_t SystemClock::NowMillis() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

const SystemClock& SystemClock::Instance() {
    static const SystemClock clock;
    return clock;
}

std::string FormatTimestamp(std::int64_t millis) {
    std::int64_t secs = millis >= 0 ? millis / 1000 : (millis - 999) / 1000;
    std::int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    std::int64_t rem = secs - days * 86400;
    std::int64_t y;
    unsigned m, d;
    CivilFromDays(days, y, m, d);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", static_cast<long long>(y), m, d,
                  static_cast<long long>(rem / 3600), static_cast<long long>(rem % 3600 / 60),
                  static_cast<long long>(rem % 60));
    return buf;
}

std::string FormatDate(std::int64_t millis) { return FormatTimestamp(millis).substr(0, 10); }

std::int64_t DaysFromDate(const std::string& date) {
    if (date.size() < 10) return 0;
    std::int64_t y = std::stoll(date.substr(0, 4));
    unsigned m = static_cast<unsigned>(std::stoul(date.substr(5, 2)));
    unsigned d = static_cast<unsigned>(std::stoul(date.substr(8, 2)));
    return DaysFromCivil(y, m, d);
}

}  // namespace orientir
