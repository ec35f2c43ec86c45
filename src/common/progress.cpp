#include "common/progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <cstring>

namespace orientir {

namespace {

std::string Human(double v, const std::string& unit) {
    char buf[32];
    if (unit == "B") {
        if (v >= 1024.0 * 1024 * 1024) {
            std::snprintf(buf, sizeof buf, "%.2f GB", v / (1024.0 * 1024 * 1024));
        } else if (v >= 1024.0 * 1024) {
            std::snprintf(buf, sizeof buf, "%.1f MB", v / (1024.0 * 1024));
        } else {
            std::snprintf(buf, sizeof buf, "%.0f kB", v / 1024.0);
        }
        return buf;
    }
    if (v >= 1e6) {
        std::snprintf(buf, sizeof buf, "%.2fM", v / 1e6);
    } else if (v >= 1e4) {
        std::snprintf(buf, sizeof buf, "%.1fk", v / 1e3);
    } else {
        std::snprintf(buf, sizeof buf, "%.0f", v);
    }
    return unit.empty() ? std::string(buf) : std::string(buf) + " " + unit;
}

std::string Duration(double s) {
    if (!std::isfinite(s) || s < 0) return "?";
    auto t = std::llround(s);
    char buf[32];
    if (t >= 3600) {
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", t / 3600, (t / 60) % 60, t % 60);
    } else {
        std::snprintf(buf, sizeof buf, "%lld:%02lld", t / 60, t % 60);
    }
    return buf;
}

}  // namespace

Progress::Mode Progress::DetectMode(std::FILE* out) {
    if (const char* env = std::getenv("ORIENTIR_PROGRESS")) {
        if (std::strcmp(env, "off") == 0) return Mode::kOff;
        if (std::strcmp(env, "plain") == 0) return Mode::kPlain;
        if (std::strcmp(env, "tty") == 0) return Mode::kTty;
    }
    const char* term = std::getenv("TERM");
    bool dumb = term != nullptr && std::strcmp(term, "dumb") == 0;
    return isatty(fileno(out)) && !dumb ? Mode::kTty : Mode::kPlain;
}

std::string Progress::Format(const std::string& label, std::uint64_t done, std::uint64_t total, const std::string& unit,
                             double seconds, bool bar, bool final) {
    std::string s = label;
    double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
    if (total > 0) {
        double frac = std::min(1.0, static_cast<double>(done) / static_cast<double>(total));
        char pct[16];
        std::snprintf(pct, sizeof pct, " %3d%%", static_cast<int>(frac * 100));
        s += pct;
        if (bar) {
            constexpr int kWidth = 24;
            int fill = static_cast<int>(frac * kWidth);
            s += " [" + std::string(fill, '#') + std::string(kWidth - fill, '.') + "]";
        }
        s += " " + Human(static_cast<double>(done), unit) + "/" + Human(static_cast<double>(total), unit);
    } else {
        s += " " + Human(static_cast<double>(done), unit);
    }
    if (seconds > 0.05) s += "  " + Human(rate, unit) + "/s";
    if (final) {
        s += "  done in " + Duration(seconds);
    } else if (total > 0 && rate > 0 && done < total) {
        s += "  ETA " + Duration(static_cast<double>(total - done) / rate);
    }
    return s;
}

Progress::Progress(std::string label, std::uint64_t total, std::string unit, std::FILE* out)
    : label_(std::move(label)),
      unit_(std::move(unit)),
      out_(out),
      mode_(DetectMode(out)),
      interval_(mode_ == Mode::kTty ? 100 : 5000),
      start_(std::chrono::steady_clock::now()),
      total_(total) {
    if (mode_ == Mode::kPlain) {
        if (const char* env = std::getenv("ORIENTIR_PROGRESS_INTERVAL_MS"))
            interval_ = std::chrono::milliseconds(std::atoi(env));
    }
    next_render_ns_ = (start_ + interval_).time_since_epoch().count();
}

Progress::~Progress() { Finish(); }

void Progress::Add(std::uint64_t n) {
    done_ += n;
    MaybeRender(false);
}

void Progress::Set(std::uint64_t done) {
    done_ = done;
    MaybeRender(false);
}

void Progress::SetTotal(std::uint64_t total) { total_ = total; }

void Progress::MaybeRender(bool force) {
    if (mode_ == Mode::kOff || paused_.load(std::memory_order_relaxed)) return;
    auto now = std::chrono::steady_clock::now();
    if (!force && now.time_since_epoch().count() < next_render_ns_.load(std::memory_order_relaxed)) return;
    std::lock_guard lock(mu_);
    if (finished_) return;
    if (!force && now.time_since_epoch().count() < next_render_ns_.load()) return;
    next_render_ns_ = (now + interval_).time_since_epoch().count();
    double secs = std::chrono::duration<double>(now - start_).count();
    std::string line = Format(label_, done_.load(), total_.load(), unit_, secs, mode_ == Mode::kTty, false);
    if (mode_ == Mode::kTty) {
        std::string pad = line.size() < last_width_ ? std::string(last_width_ - line.size(), ' ') : "";
        std::fprintf(out_, "\r%s%s", line.c_str(), pad.c_str());
        last_width_ = line.size();
    } else {
        std::fprintf(out_, "%s\n", line.c_str());
    }
    std::fflush(out_);
}

void Progress::Finish() {
    std::lock_guard lock(mu_);
    if (finished_) return;
    finished_ = true;
    if (mode_ == Mode::kOff || paused_) return;
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::string line = Format(label_, done_.load(), total_.load(), unit_, secs, false, true);
    if (mode_ == Mode::kTty) {
        std::string pad = line.size() < last_width_ ? std::string(last_width_ - line.size(), ' ') : "";
        std::fprintf(out_, "\r%s%s\n", line.c_str(), pad.c_str());
    } else {
        std::fprintf(out_, "%s\n", line.c_str());
    }
    std::fflush(out_);
}

}  // namespace orientir
