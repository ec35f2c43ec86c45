#include "io/opendata_cache.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "app/store_access.hpp"
#include "common/clock.hpp"
#include "common/json.hpp"

namespace orientir::io {

namespace {

namespace fs = std::filesystem;

std::mutex g_registry_mu;
std::map<const app::App*, std::unique_ptr<OpenDataCache>>& Registry() {
    static std::map<const app::App*, std::unique_ptr<OpenDataCache>> r;
    return r;
}

fs::path RootOf(const app::App& app) { return fs::path(app.options().data_dir) / "opendata"; }

// The kinds whose records the sets read (adoptions follow their practice's visibility).
bool ReadBySets(const std::string& kind) {
    for (const auto& s : OpenDataSets())
        if (s.kind == kind) return true;
    return false;
}

// Keeps the newest two builds: a response may still be streaming the previous one.
void RemoveOldBuilds(const fs::path& root, std::int64_t keep_from) {
    std::error_code ec;
    std::vector<std::pair<std::int64_t, fs::path>> builds;
    for (const auto& e : fs::directory_iterator(root, ec)) {
        const std::string name = e.path().filename().string();
        if (name.size() > 1 && name[0] == 'v') builds.emplace_back(std::atoll(name.c_str() + 1), e.path());
    }
    std::sort(builds.begin(), builds.end());
    for (std::size_t i = 0; i + 2 < builds.size(); ++i)
        if (builds[i].first < keep_from) fs::remove_all(builds[i].second, ec);
}

}  // namespace

std::string OpenDataBuild::Newest() const {
    std::string n;
    for (const auto& s : index.sets) n = std::max(n, s.newest);
    return n;
}

OpenDataCache::OpenDataCache(app::App& app, std::string root, OpenDataOptions options)
    : app_(app), root_(std::move(root)), options_(std::move(options)) {}

int OpenDataCache::Builds() const {
    std::lock_guard<std::mutex> l(mu_);
    return builds_;
}

Result<bool> OpenDataCache::SetsChangedSince(std::int64_t seq, std::int64_t now) {
    auto& store = app::StoreAccess::Of(app_);
    while (seq < now) {
        auto changes = store.ChangesSince(seq, 1000);
        if (changes.empty()) return false;
        for (const auto& c : changes)
            if (ReadBySets(c.kind)) return true;
        seq = changes.back().seq;
    }
    return false;
}

Status OpenDataCache::Rebuild(std::int64_t seq) {
    const fs::path dir = fs::path(root_) / ("v" + std::to_string(seq));
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::create_directories(dir, ec);
    if (ec) return Error{ErrorCode::kInternal, "cannot create " + dir.string() + ": " + ec.message(), "", "io"};
    ORIENTIR_ASSIGN(auto index, WriteOpenData(app_, dir.string(), options_));
    auto b = std::make_shared<OpenDataBuild>();
    b->dir = dir.string();
    b->seq = seq;
    b->index = std::move(index);
    b->etag = "\"od-" + std::to_string(seq) + "\"";
    build_ = std::move(b);
    ++builds_;
    RemoveOldBuilds(root_, seq);
    return Status::Ok();
}

Result<std::shared_ptr<const OpenDataBuild>> OpenDataCache::Current() {
    std::lock_guard<std::mutex> l(mu_);
    const std::int64_t now = app_.LastChangeSeq();
    if (build_ && checked_seq_ == now) return build_;
    bool stale = !build_;
    if (!stale) {
        ORIENTIR_ASSIGN(stale, SetsChangedSince(checked_seq_, now));
    }
    if (stale) ORIENTIR_TRY(Rebuild(now));
    checked_seq_ = now;
    return build_;
}

OpenDataCache& OpenDataCacheOf(app::App& app) {
    std::lock_guard<std::mutex> l(g_registry_mu);
    auto& c = Registry()[&app];
    // A new App at a freed App's address (tests) gets its own cache.
    if (!c || c->Root() != RootOf(app).string()) c = std::make_unique<OpenDataCache>(app, RootOf(app).string());
    return *c;
}

void ReleaseOpenDataCache(app::App& app) {
    std::lock_guard<std::mutex> l(g_registry_mu);
    Registry().erase(&app);
}

std::string HttpDate(const std::string& t) {
    if (t.size() < 19 || !IsValidDate(t.substr(0, 10))) return "";
    static const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01: Thursday
    static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::int64_t days = DaysFromDate(t.substr(0, 10));
    int month = std::atoi(t.substr(5, 2).c_str());
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s, %s %s %s %s GMT", kDays[((days % 7) + 7) % 7], t.substr(8, 2).c_str(),
                  kMonths[month - 1], t.substr(0, 4).c_str(), t.substr(11, 8).c_str());
    return buf;
}

}  // namespace orientir::io
