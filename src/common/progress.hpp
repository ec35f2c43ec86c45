#pragma once
// Progress of a long command (reindex, import, restore, backup): on a terminal a one-line bar with
// the rate and the time left, redrawn at most 10 times a second; otherwise (a log, the journal, a
// pipe) a plain line every few seconds. Thread-safe: Add/Set may be called from any thread.
//
//   Progress p("restore", total_bytes, "B");
//   for (...) p.Add(n);
//   p.Finish();  // prints the final line: count, elapsed time, mean rate
//
// ORIENTIR_PROGRESS=tty|plain|off overrides the detection; ORIENTIR_PROGRESS_INTERVAL_MS sets the
// interval of plain lines (default 5000).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

namespace orientir {

class Progress {
public:
    enum class Mode { kTty, kPlain, kOff };

    // total 0: unknown (no bar, no time left). unit: "" for items, "B" for bytes (shown as MB).
    Progress(std::string label, std::uint64_t total, std::string unit = "", std::FILE* out = stderr);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void Add(std::uint64_t n = 1);
    void Set(std::uint64_t done);
    void SetTotal(std::uint64_t total);
    // While paused, counts still move but nothing is printed (work that is not this progress's);
    // Finish() while paused prints nothing (a command that failed before its work began).
    void Pause(bool paused) { paused_ = paused; }
    // Prints the final line (once). Called by the destructor when forgotten.
    void Finish();

    Mode mode() const { return mode_; }
    std::uint64_t done() const { return done_.load(); }

    // The line shown for a state (exposed for tests): "label  45% [#####.....] 4.5k/10k  1.2k/s  ETA 0:05".
    static std::string Format(const std::string& label, std::uint64_t done, std::uint64_t total,
                              const std::string& unit, double seconds, bool bar, bool final);
    static Mode DetectMode(std::FILE* out);

private:
    void MaybeRender(bool force);

    std::string label_, unit_;
    std::FILE* out_;
    Mode mode_;
    std::chrono::milliseconds interval_;
    std::chrono::steady_clock::time_point start_;
    std::atomic<std::uint64_t> done_{0}, total_{0};
    std::atomic<std::int64_t> next_render_ns_{0};
    std::atomic<bool> paused_{false};
    std::mutex mu_;
    bool finished_ = false;
    std::size_t last_width_ = 0;
};

}  // namespace orientir
