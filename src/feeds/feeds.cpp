#include "feeds/feeds.hpp"

#include <algorithm>

#include "app/articles.hpp"
#include "app/audit.hpp"
#include "app/store_access.hpp"
#include "common/json.hpp"
#include "common/log.hpp"
#include "common/strings.hpp"
#include "feeds/parse.hpp"

namespace orientir::feeds {

namespace {

using app::Actor;

Error NotStaff(const Actor& a, const std::string& what) {
    if (a.role == app::Role::kAnonymous)
        return Error{ErrorCode::kUnauthenticated, "sign in to " + what, {}, "unauthenticated", {}};
    return Error::Forbidden("only curators may " + what);
}

OrderedJson StateJson(const FeedState& s) {
    return {{"last_poll_at", s.last_poll_at},
            {"http_status", s.http_status},
            {"items_seen", s.items_seen},
            {"articles_added", s.articles_added},
            {"duplicates", s.duplicates},
            {"facts_proposed", s.facts_proposed},
            {"item_errors", s.item_errors},
            {"last_error", s.last_error},
            {"last_error_at", s.last_error_at},
            {"failures", s.failures},
            {"next_poll_ms", s.next_poll_ms},
            {"lease_until_ms", s.lease_until_ms},
            {"etag", s.etag},
            {"last_modified", s.last_modified}};
}

Feed FeedFromDoc(const storage::Doc& d) {
    Feed f;
    auto j = OrderedJson::parse(d.body);
    f.id = d.id;
    f.version = d.version;
    f.created_at = d.created_at;
    f.url = j.value("url", "");
    f.feed_url = j.value("feed_url", "");
    f.title = j.value("title", "");
    f.region = j.value("region", "");
    f.interval_minutes = j.value("interval_minutes", 60);
    if (j.contains("state") && j["state"].is_object()) {
        const auto& s = j["state"];
        f.state.last_poll_at = s.value("last_poll_at", "");
        f.state.http_status = s.value("http_status", 0);
        f.state.items_seen = s.value("items_seen", std::int64_t(0));
        f.state.articles_added = s.value("articles_added", std::int64_t(0));
        f.state.duplicates = s.value("duplicates", std::int64_t(0));
        f.state.facts_proposed = s.value("facts_proposed", std::int64_t(0));
        f.state.item_errors = s.value("item_errors", std::int64_t(0));
        f.state.last_error = s.value("last_error", "");
        f.state.last_error_at = s.value("last_error_at", "");
        f.state.failures = s.value("failures", 0);
        f.state.next_poll_ms = s.value("next_poll_ms", std::int64_t(0));
        f.state.lease_until_ms = s.value("lease_until_ms", std::int64_t(0));
        f.state.etag = s.value("etag", "");
        f.state.last_modified = s.value("last_modified", "");
    }
    return f;
}

std::string FeedBody(const Feed& f) {
    OrderedJson j{{"url", f.url},
                  {"feed_url", f.feed_url},
                  {"title", f.title},
                  {"region", f.region},
                  {"interval_minutes", f.interval_minutes},
                  {"state", StateJson(f.state)}};
    return j.dump();
}

storage::IndexEntries FeedIndex(const Feed& f) { return {{"url", f.url, true}, {"region", f.region, false}}; }

ItemRecord ItemFromDoc(const storage::Doc& d) {
    ItemRecord r;
    auto j = OrderedJson::parse(d.body);
    r.id = d.id;
    r.feed_id = j.value("feed_id", Id(0));
    r.guid = j.value("guid", "");
    r.link = j.value("link", "");
    r.canonical_url = j.value("canonical_url", "");
    r.title = j.value("title", "");
    r.status = j.value("status", "");
    if (j.contains("article_id") && j["article_id"].is_number_integer()) r.article_id = j["article_id"].get<Id>();
    r.error = j.value("error", "");
    r.at = d.created_at;
    return r;
}

// Stored texts are cut at a character boundary (a cut inside a letter is invalid UTF-8).
std::string Trunc(const std::string& s, std::size_t n) { return Utf8Prefix(s, n); }

}  // namespace

OrderedJson ToJson(const Feed& f) {
    OrderedJson j{{"id", f.id},
                  {"version", f.version},
                  {"url", f.url},
                  {"feed_url", f.feed_url},
                  {"title", f.title},
                  {"region", f.region},
                  {"interval_minutes", f.interval_minutes},
                  {"created_at", f.created_at}};
    auto s = StateJson(f.state);
    s.erase("lease_until_ms");
    s.erase("etag");
    s.erase("last_modified");
    j["state"] = s;
    return j;
}

// One request at a time per host, and a pause between two requests to the same host.
struct FeedService::HostGate {
    std::mutex mu;
    std::chrono::steady_clock::time_point last{};
};

FeedService::FeedService(app::App& app, FeedOptions options) : app_(app), options_(std::move(options)) {}

FeedService::~FeedService() { Stop(); }

Result<Feed> FeedService::Register(const Actor& actor, const FeedInput& in) {
    if (!actor.IsStaff()) return NotStaff(actor, "register news feeds");
    std::vector<FieldIssue> issues;
    Feed f;
    f.url = std::string(Trim(in.url));
    f.title = std::string(Trim(in.title));
    f.interval_minutes = in.interval_minutes;
    if (ParseUrl(f.url).scheme.empty())
        issues.push_back({"url", "url", "the feed address must be an http:// or https:// URL"});
    if (f.url.size() > 2000) issues.push_back({"url", "max_length", "url is longer than 2000 characters"});
    if (f.title.empty()) issues.push_back({"title", "required", "give the feed a title"});
    if (f.title.size() > 300 || !IsValidUtf8(f.title))
        issues.push_back({"title", "max_length", "the title is longer than 300 bytes or not UTF-8"});
    if (in.interval_minutes < 5 || in.interval_minutes > 7 * 24 * 60)
        issues.push_back({"interval_minutes", "range", "poll every 5 minutes to 7 days (10080 minutes)"});
    auto region = app_.FindRegion(std::string(Trim(in.region)));
    if (!region.ok())
        issues.push_back({"region", "unknown_region", "choose the region the feed writes about"});
    else
        f.region = region->code;
    if (!issues.empty()) return IssuesToError(std::move(issues));
    f.state.next_poll_ms = app_.clock().NowMillis();  // poll soon after registration
    Status st = app::StoreAccess::Of(app_).Write([&](storage::WriteTx& tx) -> Status {
        if (auto dup = tx.FindOne("feed", "url", f.url))
            return Error{ErrorCode::kConflict,
                         "feed " + std::to_string(dup->id) + " already has this address",
                         "url",
                         "duplicate_url",
                         {}};
        ORIENTIR_ASSIGN(auto doc, tx.Insert("feed", FeedBody(f), FeedIndex(f)));
        f.id = doc.id;
        f.version = doc.version;
        f.created_at = doc.created_at;
        return app::WriteAudit(tx, actor, "create", "feed", doc.id, "", doc.body, doc.created_at);
    });
    if (!st.ok()) return st.error();
    ticker_.Wake();
    return f;
}

Result<std::vector<Feed>> FeedService::List(const Actor& actor) {
    if (!actor.IsStaff()) return NotStaff(actor, "see news feeds");
    std::vector<Feed> out;
    ORIENTIR_TRY(app::StoreAccess::Of(app_).Scan("feed", [&](const storage::Doc& d) {
        out.push_back(FeedFromDoc(d));
        return true;
    }));
    return out;
}

Result<Feed> FeedService::Get(const Actor& actor, Id id) {
    if (!actor.IsStaff()) return NotStaff(actor, "see news feeds");
    auto d = app::StoreAccess::Of(app_).Get("feed", id);
    if (!d.ok()) return Error::NotFound("no feed with id " + std::to_string(id));
    return FeedFromDoc(d.value());
}

Result<std::vector<ItemRecord>> FeedService::Items(const Actor& actor, Id feed_id, int limit) {
    if (!actor.IsStaff()) return NotStaff(actor, "see news feeds");
    storage::ListQuery q{
        "feed_item", {storage::Filter::Eq("feed", std::to_string(feed_id))}, 0, std::clamp(limit, 1, 1000), true};
    ORIENTIR_ASSIGN(auto page, app::StoreAccess::Of(app_).List(q));
    std::vector<ItemRecord> out;
    for (const auto& d : page.docs) out.push_back(ItemFromDoc(d));
    return out;
}

Result<std::vector<ItemRecord>> FeedService::SourcesOf(const Actor& actor, Id article_id) {
    if (!actor.IsStaff()) return NotStaff(actor, "see news feeds");
    storage::ListQuery q{"feed_item", {storage::Filter::Eq("article", std::to_string(article_id))}, 0, 200, false};
    ORIENTIR_ASSIGN(auto page, app::StoreAccess::Of(app_).List(q));
    std::vector<ItemRecord> out;
    for (const auto& d : page.docs) out.push_back(ItemFromDoc(d));
    return out;
}

Status FeedService::RequestPoll(const Actor& actor, Id id) {
    if (!actor.IsStaff()) return NotStaff(actor, "poll news feeds");
    if (!app::StoreAccess::Of(app_).Get("feed", id).ok())
        return Error::NotFound("no feed with id " + std::to_string(id));
    ORIENTIR_TRY(SaveState(id, [&](Feed& f) { f.state.next_poll_ms = app_.clock().NowMillis(); }));
    ticker_.Wake();
    return Status::Ok();
}

constexpr PolledKind<Feed> kFeedKind{"feed", FeedFromDoc, FeedBody, FeedIndex};

Status FeedService::SaveState(Id id, const std::function<void(Feed&)>& change) {
    ORIENTIR_ASSIGN(auto written, UpdatePolled<Feed>(app::StoreAccess::Of(app_), kFeedKind, id, [&](Feed& f) {
                        change(f);
                        return true;
                    }));
    (void)written;
    return Status::Ok();
}

// Takes the feed for one poll unless another poll (here or on another node) holds it.
Result<bool> FeedService::Claim(Id id) {
    return ClaimPolled(app::StoreAccess::Of(app_), kFeedKind, id, app_.clock().NowMillis());
}

Result<FetchResult> FeedService::FetchPolite(const FetchRequest& req) {
    std::shared_ptr<HostGate> gate;
    {
        std::lock_guard<std::mutex> l(hosts_mu_);
        auto& g = hosts_[HostOf(req.url)];
        if (!g) g = std::make_shared<HostGate>();
        gate = g;
    }
    std::lock_guard<std::mutex> l(gate->mu);
    auto wait = gate->last + options_.host_delay - std::chrono::steady_clock::now();
    if (gate->last != std::chrono::steady_clock::time_point{} && wait.count() > 0) std::this_thread::sleep_for(wait);
    auto r = Fetch(req, options_.fetch);
    gate->last = std::chrono::steady_clock::now();
    return r;
}

void FeedService::LoadHashes() {
    if (hashes_loaded_) return;
    auto st = app::StoreAccess::Of(app_).Scan("feed_item", [&](const storage::Doc& d) {
        auto j = OrderedJson::parse(d.body);
        if (j.value("status", "") == "added" && j.contains("simhash") && j.contains("article_id"))
            hashes_.emplace_back(std::stoull(j["simhash"].get<std::string>(), nullptr, 16), j["article_id"].get<Id>());
        return true;
    });
    hashes_loaded_ = st.ok();
}

// One new item of feed ID: its page, the main text, duplicates (canonical URL or SimHash), extraction into
// the review queue; the outcome is recorded as a feed_item (added, duplicate or error).
void FeedService::TakeItem(const Feed& feed, Id id, const FeedItem& it, const std::string& guid, PollReport& rep,
                           std::string& item_error) {
    const Actor system = Actor::System();
    ItemRecord rec;
    rec.feed_id = id;
    rec.guid = guid;
    rec.link = it.link;
    rec.title = it.title;
    std::uint64_t hash = 0;
    auto fail = [&](const std::string& why) {
        rec.status = "error";
        rec.error = why;
        ++rep.item_errors;
        item_error = "item " + (it.link.empty() ? guid : it.link) + ": " + why;
    };
    if (it.link.empty()) {
        fail("the item has no link");
    } else {
        auto page = FetchPolite({it.link, "", "", "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"});
        if (!page.ok()) {
            fail(page.error().message);
        } else if (page->status != 200) {
            fail("HTTP " + std::to_string(page->status));
        } else {
            auto art = ExtractArticle(page->body, page->content_type, page->final_url);
            if (!art.ok()) {
                fail(art.error().message);
            } else {
                rec.canonical_url = Trunc(art->canonical_url, 2000);
                if (rec.title.empty()) rec.title = art->title;
                hash = SimHash(art->text);  // titles differ between sites, the text does not
                std::optional<Id> same = DuplicateOf(rec.canonical_url, hash);
                if (same) {
                    rec.status = "duplicate";
                    rec.article_id = same;
                    ++rep.duplicates;
                } else {
                    app::ArticleInput in;
                    in.title = art->title.empty() ? it.title : art->title;
                    in.body = in.title + "\n\n" + art->text;
                    in.format = extract::InputFormat::kPlain;
                    in.source = feed.title;
                    in.url = rec.canonical_url;
                    std::string date = !art->published.empty() ? art->published : it.published;
                    if (!date.empty() && date <= app_.clock().Today()) in.published_at = date;
                    in.feed_id = id;
                    auto v = app_.articles().Submit(system, in);
                    if (!v.ok()) {
                        fail(v.error().message);
                    } else {
                        rec.status = "added";
                        rec.article_id = v->article.meta.id;
                        ++rep.articles_added;
                        rep.facts_proposed += static_cast<int>(v->facts.size());
                        std::lock_guard<std::mutex> l(hashes_mu_);
                        LoadHashes();
                        hashes_.emplace_back(hash, v->article.meta.id);
                    }
                }
            }
        }
    }
    RecordItem(rec, hash);
}

// An article already taken: the same canonical URL (as an article or a feed item), or nearly the same text.
std::optional<Id> FeedService::DuplicateOf(const std::string& canonical_url, std::uint64_t hash) {
    if (auto a = app::StoreAccess::Of(app_).FindOne("article", "url", canonical_url)) return a->id;
    if (auto other = app::StoreAccess::Of(app_).FindOne("feed_item", "canonical", canonical_url)) {
        auto o = ItemFromDoc(*other);
        if (o.article_id) return o.article_id;
    }
    std::lock_guard<std::mutex> l(hashes_mu_);
    LoadHashes();
    for (const auto& [h, aid] : hashes_)
        if (HammingDistance(h, hash) <= options_.near_duplicate_bits) return aid;
    return std::nullopt;
}

// The outcome of one item as a feed_item record (its guid is unique per feed).
void FeedService::RecordItem(const ItemRecord& rec, std::uint64_t hash) {
    const Id id = rec.feed_id;
    OrderedJson body{{"feed_id", id},
                     {"guid", rec.guid},
                     {"link", rec.link},
                     {"canonical_url", rec.canonical_url},
                     {"title", Trunc(rec.title, 1000)},
                     {"status", rec.status},
                     {"article_id", rec.article_id ? OrderedJson(*rec.article_id) : OrderedJson()},
                     {"error", Trunc(rec.error, 1000)}};
    if (hash) {
        char buf[20];
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
        body["simhash"] = buf;
    }
    storage::IndexEntries idx{{"feed_guid", std::to_string(id) + "|" + rec.guid, true},
                              {"feed", std::to_string(id), false},
                              {"status", rec.status, false}};
    if (!rec.canonical_url.empty()) idx.push_back({"canonical", rec.canonical_url, false});
    if (rec.article_id) idx.push_back({"article", std::to_string(*rec.article_id), false});
    auto st = app::StoreAccess::Of(app_).Write([&](storage::WriteTx& tx) -> Status {
        ORIENTIR_ASSIGN(auto d, tx.Insert("feed_item", body.dump(), idx));
        (void)d;
        return Status::Ok();
    });
    if (!st.ok()) log::Warn("feeds: cannot record item " + rec.guid + ": " + st.error().message);
}

// The feed itself: conditional GET; a site page leads to its feed link (remembered).
FeedService::FeedFetch FeedService::FetchFeed(const Feed& feed, PollReport& rep) {
    FeedFetch out;
    out.feed_url = feed.feed_url.empty() ? feed.url : feed.feed_url;
    out.etag = feed.state.etag;
    out.last_modified = feed.state.last_modified;
    FetchRequest fr{out.feed_url, feed.state.etag, feed.state.last_modified,
                    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"};
    for (int attempt = 0; attempt < 2 && rep.error.empty() && !out.parsed; ++attempt) {
        auto r = FetchPolite(fr);
        if (!r.ok()) {
            rep.error = r.error().message;
            break;
        }
        rep.http_status = r->status;
        if (r->status == 304) break;
        if (r->status != 200) {
            rep.error = "HTTP " + std::to_string(r->status) + " from " + fr.url;
            break;
        }
        if (LooksLikeHtml(r->body) && attempt == 0) {
            std::string link = FindFeedLink(r->body, r->final_url);
            if (link.empty()) {
                rep.error = "the page " + fr.url + " is HTML and links no RSS or Atom feed";
                break;
            }
            out.feed_url = link;
            fr = FetchRequest{link, "", "", fr.accept};
            continue;
        }
        auto p = ParseFeed(r->body, r->final_url);
        if (!p.ok()) {
            rep.error = p.error().message + " (" + fr.url + ")";
            break;
        }
        out.parsed = std::move(p).value();
        out.etag = r->etag;
        out.last_modified = r->last_modified;
    }
    return out;
}

// The feed's state after a poll: counters, the error (the feed's, else the last item's), the next poll.
Status FeedService::SavePollState(Id id, const PollReport& rep, const FeedFetch& fetched,
                                  const std::string& item_error) {
    const std::int64_t now = app_.clock().NowMillis();
    const std::string stamp = app_.clock().NowTimestamp();
    return SaveState(id, [&](Feed& f) {
        if (fetched.feed_url != f.url && fetched.parsed) f.feed_url = fetched.feed_url;
        auto& s = f.state;
        s.last_poll_at = stamp;
        s.http_status = rep.http_status;
        s.lease_until_ms = 0;
        s.items_seen += rep.new_items;
        s.articles_added += rep.articles_added;
        s.duplicates += rep.duplicates;
        s.facts_proposed += rep.facts_proposed;
        s.item_errors += rep.item_errors;
        std::int64_t interval = std::int64_t(f.interval_minutes) * 60 * 1000;
        if (!rep.error.empty()) {
            s.failures += 1;
            s.last_error = Trunc(rep.error, 1000);
            s.last_error_at = stamp;
            s.next_poll_ms =
                NextPollMs(now, interval, s.failures, std::int64_t(options_.max_backoff_minutes) * 60 * 1000);
        } else {
            s.failures = 0;
            s.last_error = item_error.empty() ? "" : Trunc(item_error, 1000);
            if (!item_error.empty()) s.last_error_at = stamp;
            if (fetched.parsed) {
                s.etag = fetched.etag;
                s.last_modified = fetched.last_modified;
            }
            s.next_poll_ms = NextPollMs(now, interval, 0, 0);
        }
    });
}

void FeedService::AddToTotals(const PollReport& rep) {
    std::lock_guard<std::mutex> l(totals_mu_);
    ++totals_.polls;
    totals_.poll_errors += rep.error.empty() ? 0 : 1;
    totals_.new_items += static_cast<std::uint64_t>(rep.new_items);
    totals_.articles_added += static_cast<std::uint64_t>(rep.articles_added);
    totals_.duplicates += static_cast<std::uint64_t>(rep.duplicates);
    totals_.facts_proposed += static_cast<std::uint64_t>(rep.facts_proposed);
    totals_.item_errors += static_cast<std::uint64_t>(rep.item_errors);
}

Result<PollReport> FeedService::Poll(Id id) {
    std::lock_guard<std::mutex> poll_lock(poll_mu_);
    auto doc = app::StoreAccess::Of(app_).Get("feed", id);
    if (!doc.ok()) return Error::NotFound("no feed with id " + std::to_string(id));
    ORIENTIR_ASSIGN(bool claimed, Claim(id));
    if (!claimed) return Error::Conflict("feed " + std::to_string(id) + " is being polled", "poll_in_progress");
    Feed feed = FeedFromDoc(app::StoreAccess::Of(app_).Get("feed", id).value());
    PollReport rep;
    FeedFetch fetched = FetchFeed(feed, rep);

    // Each new item: its page, the main text, duplicates, extraction.
    std::string item_error;
    if (fetched.parsed) {
        rep.items = static_cast<int>(fetched.parsed->items.size());
        for (const auto& it : fetched.parsed->items) {
            if (rep.new_items >= options_.max_new_items_per_poll) break;
            std::string guid = Trunc(it.guid, 1000);
            if (app::StoreAccess::Of(app_).FindOne("feed_item", "feed_guid", std::to_string(id) + "|" + guid)) continue;
            ++rep.new_items;
            TakeItem(feed, id, it, guid, rep, item_error);
        }
    }
    ORIENTIR_TRY(SavePollState(id, rep, fetched, item_error));
    if (!rep.error.empty()) log::Warn("feeds: feed " + std::to_string(id) + ": " + rep.error);
    AddToTotals(rep);
    return rep;
}

FeedTotals FeedService::Totals() const {
    std::lock_guard<std::mutex> l(totals_mu_);
    return totals_;
}

int FeedService::PollDue() {
    std::vector<Id> due;
    const std::int64_t now = app_.clock().NowMillis();
    auto st = app::StoreAccess::Of(app_).Scan("feed", [&](const storage::Doc& d) {
        Feed f = FeedFromDoc(d);
        if (f.state.next_poll_ms <= now && f.state.lease_until_ms <= now) due.push_back(f.id);
        return true;
    });
    if (!st.ok()) return 0;
    int polled = 0;
    for (Id id : due) {
        if (ticker_.stopping()) break;
        auto r = Poll(id);
        if (r.ok()) ++polled;
    }
    return polled;
}

void FeedService::Start(std::chrono::milliseconds tick) {
    ticker_.Start(tick, [this] { PollDue(); });
}

void FeedService::Stop() { ticker_.Stop(); }

namespace {
std::mutex g_registry_mu;
std::map<app::App*, std::unique_ptr<FeedService>>& Registry() {
    static std::map<app::App*, std::unique_ptr<FeedService>> r;
    return r;
}
}  // namespace

FeedService& ServiceFor(app::App& app) {
    std::lock_guard<std::mutex> l(g_registry_mu);
    auto& slot = Registry()[&app];
    if (!slot) slot = std::make_unique<FeedService>(app);
    return *slot;
}

void ReleaseService(app::App& app) {
    std::unique_ptr<FeedService> gone;
    {
        std::lock_guard<std::mutex> l(g_registry_mu);
        auto it = Registry().find(&app);
        if (it == Registry().end()) return;
        gone = std::move(it->second);
        Registry().erase(it);
    }
    gone.reset();  // stops the poller outside the lock
}

}  // namespace orientir::feeds
