#pragma once
// Regional news feeds (issue 13; docs/feeds.md). Curators register a feed (RSS 2.0, Atom, or a site
// whose page links one) with a title, a region and a poll interval. The poller — a thread of the
// server process — polls due feeds politely (conditional GET, timeout, back-off on errors, one request
// at a time per host, a User-Agent naming Orientir, HTTPS against the system CA store), fetches each
// new item's page, takes the article's main text out of it, drops duplicates (same canonical URL, or
// near-duplicate text: one article, every feed item pointing at it is a source) and submits the
// article to extraction (app::ArticleService) with the feed's id, so its facts reach the review queue.
//
// Storage: documents of kind "feed" (settings and poll state) and "feed_item" (one per item seen:
// added | duplicate | error, with its article) in the existing store — see docs/adr/0060-feeds.md.
//
// Thread safety: a FeedService is safe for concurrent use; polls of one feed never overlap (a lease
// in the feed record, so two server nodes on one PostgreSQL store do not poll the same feed).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/app.hpp"
#include "feeds/fetch.hpp"
#include "feeds/parse.hpp"
#include "feeds/poller.hpp"

namespace orientir::feeds {

using domain::Id;

struct FeedInput {
    std::string url;  // the feed, or a site page with <link rel="alternate" type="application/rss+xml">
    std::string title;
    std::string region;  // code, ISO or OKATO
    int interval_minutes = 60;
};

struct FeedState {
    std::string last_poll_at;  // RFC 3339
    int http_status = 0;
    std::int64_t items_seen = 0, articles_added = 0, duplicates = 0, facts_proposed = 0, item_errors = 0;
    std::string last_error;  // "" after a clean poll
    std::string last_error_at;
    int failures = 0;                 // consecutive failed polls (back-off)
    std::int64_t next_poll_ms = 0;    // epoch ms
    std::int64_t lease_until_ms = 0;  // a poll in progress (epoch ms)
    std::string etag, last_modified;  // for the conditional GET
};

struct Feed {
    Id id = 0;
    std::int64_t version = 0;
    std::string url, feed_url;  // as registered; the feed found (same, or the page's feed link)
    std::string title, region;
    int interval_minutes = 60;
    std::string created_at;
    FeedState state;
};
OrderedJson ToJson(const Feed& f);

struct PollReport {
    int http_status = 0;
    int items = 0, new_items = 0, articles_added = 0, duplicates = 0, facts_proposed = 0, item_errors = 0;
    std::string error;  // the feed's error (not XML, 404, …); item errors are in the items
};

// One item of a feed as stored: where it pointed and what became of it.
struct ItemRecord {
    Id id = 0;
    Id feed_id = 0;
    std::string guid, link, canonical_url, title;
    std::string status;  // added | duplicate | error
    std::optional<Id> article_id;
    std::string error;
    std::string at;
};

struct FeedOptions {
    FetchOptions fetch;
    std::chrono::milliseconds host_delay{1000};  // at least this between two requests to one host
    int max_new_items_per_poll = 50;
    int max_backoff_minutes = 24 * 60;
    int near_duplicate_bits = 8;  // SimHash distance at or below which texts are the same (of 64 bits)
};

// What this process's polls have done since it started (for /metrics).
struct FeedTotals {
    std::uint64_t polls = 0, poll_errors = 0, new_items = 0, articles_added = 0, duplicates = 0, facts_proposed = 0,
                  item_errors = 0;
};

class FeedService {
public:
    explicit FeedService(app::App& app, FeedOptions options = {});
    ~FeedService();
    FeedService(const FeedService&) = delete;
    FeedService& operator=(const FeedService&) = delete;

    // Curators. Errors: url (http/https, unique → conflict), title, region, interval_minutes (5..10080).
    Result<Feed> Register(const app::Actor& actor, const FeedInput& in);
    Result<std::vector<Feed>> List(const app::Actor& actor);
    Result<Feed> Get(const app::Actor& actor, Id id);
    // Items of a feed, newest first (at most `limit`).
    Result<std::vector<ItemRecord>> Items(const app::Actor& actor, Id feed_id, int limit = 50);
    // Feeds and items an article came from (its sources).
    Result<std::vector<ItemRecord>> SourcesOf(const app::Actor& actor, Id article_id);
    // Marks the feed due now and wakes the poller.
    Status RequestPoll(const app::Actor& actor, Id id);

    // Polls one feed now on the calling thread (tests, CLI, the poller). The outcome is also stored in
    // the feed's state; a failed poll is a PollReport with `error`, not an Error.
    Result<PollReport> Poll(Id id);
    // Polls every feed that is due; returns how many were polled.
    int PollDue();

    FeedTotals Totals() const;

    // The background poller: checks for due feeds every `tick` (and when woken).
    void Start(std::chrono::milliseconds tick = std::chrono::seconds(5));
    void Stop();

private:
    struct HostGate;
    Result<FetchResult> FetchPolite(const FetchRequest& req);
    void TakeItem(const Feed& feed, Id id, const FeedItem& it, const std::string& guid, PollReport& rep,
                  std::string& item_error);
    std::optional<Id> DuplicateOf(const std::string& canonical_url, std::uint64_t hash);
    void RecordItem(const ItemRecord& rec, std::uint64_t hash);
    // The fetched feed: the URL it was read from (a site page's feed link), its validators, its items
    // (absent on 304 or an error, which is in the report).
    struct FeedFetch {
        std::string feed_url, etag, last_modified;
        std::optional<ParsedFeed> parsed;
    };
    FeedFetch FetchFeed(const Feed& feed, PollReport& rep);
    Status SavePollState(Id id, const PollReport& rep, const FeedFetch& fetched, const std::string& item_error);
    void AddToTotals(const PollReport& rep);
    Status SaveState(Id id, const std::function<void(Feed&)>& change);
    Result<bool> Claim(Id id);
    void LoadHashes();

    app::App& app_;
    FeedOptions options_;
    std::mutex hosts_mu_;
    std::map<std::string, std::shared_ptr<HostGate>> hosts_;
    std::mutex hashes_mu_;
    bool hashes_loaded_ = false;
    std::vector<std::pair<std::uint64_t, Id>> hashes_;  // SimHash → article, of every added article
    std::mutex poll_mu_;                                // one poll at a time in this process
    mutable std::mutex totals_mu_;
    FeedTotals totals_;
    Ticker ticker_;
};

// The FeedService of an App (created on first use; web pages, API and the server share it).
FeedService& ServiceFor(app::App& app);
// Stops and destroys the App's FeedService (before the App goes away).
void ReleaseService(app::App& app);

}  // namespace orientir::feeds
