#include "common/log.hpp"

#include <unistd.h>

#include <atomic>

#include "common/clock.hpp"
#include "common/json.hpp"

namespace orientir::log {

namespace {
std::atomic<int> g_level{static_cast<int>(Level::kInfo)};
const char* Name(Level l) {
    switch (l) {
        case Level::kDebug:
            return "debug";
        case Level::kInfo:
            return "info";
        case Level::kWarn:
            return "warn";
        case Level::kError:
            return "error";
    }
    return "info";
}
}  // namespace

void SetLevel(Level level) { g_level = static_cast<int>(level); }
bool Enabled(Level level) { return static_cast<int>(level) >= g_level.load(); }

void Write(Level level, std::string_view msg, std::initializer_list<std::pair<std::string_view, std::string>> fields) {
    if (!Enabled(level)) return;
    OrderedJson j;
    j["ts"] = SystemClock::Instance().NowTimestamp();
    j["level"] = Name(level);
    j["msg"] = std::string(msg);
    for (const auto& [k, v] : fields) j[std::string(k)] = v;
    std::string line = j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    // One write(2) per line keeps lines whole when threads log at once.
    ssize_t n = ::write(2, line.data(), line.size());
    (void)n;
}

}  // namespace orientir::log
