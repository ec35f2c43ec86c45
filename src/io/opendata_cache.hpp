#pragma once
// The open-data sets built once per change and served from files (issue 16; docs/xlsx-opendata.md,
// «Serving»). A build is WriteOpenData into <data_dir>/opendata/v<seq>/, the same files `orientir
// opendata DIR` writes; it is keyed on the store's change sequence, and a change of a kind no set
// reads (a session, a notification, an article) moves the key on without a rebuild. Requests stream
// the files from disk (http::Response::File), so neither building nor serving holds a set in memory.
// The first request after a change waits for the one rebuild; concurrent ones wait for the same one.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "io/opendata.hpp"

namespace orientir::io {

struct OpenDataBuild {
    std::string dir;             // holds list.csv and <set>/…
    std::int64_t seq = 0;        // the change-log position it was built at
    OpenDataIndex index;         // per set: rows, data version, newest change
    std::string etag;            // "\"od-<seq>\"": changes with every rebuild
    std::string Newest() const;  // the newest change of any set (RFC 3339), "" when all are empty
};

class OpenDataCache {
public:
    OpenDataCache(app::App& app, std::string root, OpenDataOptions options = {});
    // The build reflecting the store now: the last one when no record of an open-data kind changed
    // since, else a new one.
    Result<std::shared_ptr<const OpenDataBuild>> Current();
    int Builds() const;  // how many builds were made (tests, /metrics)
    const std::string& Root() const { return root_; }

private:
    Result<bool> SetsChangedSince(std::int64_t seq, std::int64_t now);
    Status Rebuild(std::int64_t seq);

    app::App& app_;
    std::string root_;
    OpenDataOptions options_;
    mutable std::mutex mu_;
    std::shared_ptr<const OpenDataBuild> build_;
    std::int64_t checked_seq_ = -1;  // the change-log position the build is known to be current at
    int builds_ = 0;
};

// The cache of an App, under <data_dir>/opendata (made on first use); released with the App.
OpenDataCache& OpenDataCacheOf(app::App& app);
void ReleaseOpenDataCache(app::App& app);

// An RFC 3339 UTC timestamp as an HTTP date ("Mon, 30 Nov 2026 04:23:37 GMT"); "" when invalid.
std::string HttpDate(const std::string& rfc3339);

}  // namespace orientir::io
