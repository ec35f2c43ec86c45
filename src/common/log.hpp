#pragma once
// Structured logs: one JSON object per line on stderr. Never log passwords, tokens or personal data.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace orientir::log {

enum class Level { kDebug, kInfo, kWarn, kError };

void SetLevel(Level level);
bool Enabled(Level level);
// Writes {"ts":..., "level":..., "msg":..., key: value...}. Thread-safe (one write per line).
void Write(Level level, std::string_view msg,
           std::initializer_list<std::pair<std::string_view, std::string>> fields = {});

inline void Info(std::string_view msg, std::initializer_list<std::pair<std::string_view, std::string>> f = {}) {
    Write(Level::kInfo, msg, f);
}
inline void Warn(std::string_view msg, std::initializer_list<std::pair<std::string_view, std::string>> f = {}) {
    Write(Level::kWarn, msg, f);
}
inline void Error(std::string_view msg, std::initializer_list<std::pair<std::string_view, std::string>> f = {}) {
    Write(Level::kError, msg, f);
}

}  // namespace orientir::log
