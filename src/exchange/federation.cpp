#include "exchange/federation.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include "app/audit.hpp"
#include "app/store_access.hpp"
#include "common/log.hpp"

namespace orientir::exchange {

namespace {

using app::Actor;
using domain::Id;

constexpr const char* kPeerKind = "federation_peer";

Error NotStaff(const Actor& a, const std::string& what) {
    if (a.role == app::Role::kAnonymous)
        return Error{ErrorCode::kUnauthenticated, "sign in to " + what, {}, "unauthenticated", {}};
    return Error::Forbidden("only curators may " + what);
}

Peer PeerFromDoc(const storage::Doc& d) {
    Peer p;
    p.id = d.id;
    auto j = OrderedJson::parse(d.body, nullptr, false);
    if (!j.is_object()) return p;
    p.url = j.value("url", "");
    p.installation = j.value("installation", "");
    p.interval_minutes = j.value("interval_minutes", 15);
    if (j.contains("state") && j["state"].is_object()) {
        const auto& s = j["state"];
        p.state.last_poll_at = s.value("last_poll_at", "");
        p.state.http_status = s.value("http_status", 0);
        p.state.since = s.value("since", std::int64_t(0));
        p.state.etag = s.value("etag", "");
        p.state.created = s.value("created", std::int64_t(0));
        p.state.updated = s.value("updated", std::int64_t(0));
        p.state.withdrawn = s.value("withdrawn", std::int64_t(0));
        p.state.issues = s.value("issues", std::int64_t(0));
        p.state.last_error = s.value("last_error", "");
        p.state.last_error_at = s.value("last_error_at", "");
        p.state.failures = s.value("failures", 0);
        p.state.next_poll_ms = s.value("next_poll_ms", std::int64_t(0));
        p.state.lease_until_ms = s.value("lease_until_ms", std::int64_t(0));
    }
    return p;
}

std::string PeerBody(const Peer& p) { return ToJson(p).dump(); }
storage::IndexEntries PeerIndex(const Peer& p) { return {{"url", p.url, true}}; }

// The peer's exchange URL for the page after `since`.
std::string PageUrl(const std::string& url, std::int64_t since, int limit) {
    return url + (url.find('?') == std::string::npos ? "?" : "&") + "since=" + std::to_string(since) +
           "&limit=" + std::to_string(limit);
}

// A peer given as a site's address follows its exchange endpoint.
Result<std::string> PeerUrl(const std::string& url) {
    auto u = feeds::ParseUrl(url);
    if (u.scheme != "http" && u.scheme != "https")
        return Error::Invalid("url", "format", "a peer is an http:// or https:// URL: " + url);
    if (u.target == "/" || u.target.empty())
        return (url.back() == '/' ? url.substr(0, url.size() - 1) : url) + "/api/v1/exchange";
    return url;
}

void Add(ImportReport& total, const ImportReport& r) {
    total.created += r.created;
    total.updated += r.updated;
    total.unchanged += r.unchanged;
    total.withdrawn += r.withdrawn;
    total.issues += r.issues;
    total.skipped_own += r.skipped_own;
}

}  // namespace

OrderedJson ToJson(const Peer& p) {
    const auto& s = p.state;
    return {{"id", p.id},
            {"url", p.url},
            {"installation", p.installation},
            {"interval_minutes", p.interval_minutes},
            {"state",
             {{"last_poll_at", s.last_poll_at},
              {"http_status", s.http_status},
              {"since", s.since},
              {"etag", s.etag},
              {"created", s.created},
              {"updated", s.updated},
              {"withdrawn", s.withdrawn},
              {"issues", s.issues},
              {"last_error", s.last_error},
              {"last_error_at", s.last_error_at},
              {"failures", s.failures},
              {"next_poll_ms", s.next_poll_ms},
              {"lease_until_ms", s.lease_until_ms}}}};
}

FederationService::FederationService(app::App& app, FederationOptions options)
    : app_(app), options_(std::move(options)) {}

FederationService::~FederationService() { Stop(); }

Result<Peer> FederationService::AddPeer(const Actor& actor, const std::string& url, int interval_minutes) {
    if (!actor.IsStaff()) return NotStaff(actor, "follow other installations");
    ORIENTIR_ASSIGN(std::string peer_url, PeerUrl(url));
    if (interval_minutes < 1 || interval_minutes > 10080)
        return Error::Invalid("interval_minutes", "range", "the poll interval is from 1 to 10080 minutes");
    Peer p;
    p.url = peer_url;
    p.interval_minutes = interval_minutes;
    Status st = app::StoreAccess::Of(app_).Write([&](storage::WriteTx& tx) -> Status {
        if (tx.FindOne(kPeerKind, "url", p.url)) return Error::Conflict("already following " + p.url, "unique");
        ORIENTIR_ASSIGN(auto doc, tx.Insert(kPeerKind, PeerBody(p), PeerIndex(p)));
        p.id = doc.id;
        return app::WriteAudit(tx, actor, "create", kPeerKind, doc.id, "", doc.body, doc.created_at);
    });
    if (!st.ok()) return st.error();
    ticker_.Wake();
    return p;
}

Status FederationService::EnsurePeers(const std::vector<std::string>& urls, int interval_minutes) {
    for (const auto& u : urls) {
        ORIENTIR_ASSIGN(std::string url, PeerUrl(u));
        if (app::StoreAccess::Of(app_).FindOne(kPeerKind, "url", url)) continue;
        auto p = AddPeer(Actor::System(), url, interval_minutes);
        if (!p.ok()) return p.error();
    }
    return Status::Ok();
}

Result<std::vector<Peer>> FederationService::Peers(const Actor& actor) {
    if (!actor.IsStaff()) return NotStaff(actor, "see the installations followed");
    std::vector<Peer> out;
    ORIENTIR_TRY(app::StoreAccess::Of(app_).Scan(kPeerKind, [&](const storage::Doc& d) {
        out.push_back(PeerFromDoc(d));
        return true;
    }));
    return out;
}

Result<std::vector<Issue>> FederationService::Issues(const Actor& actor, int limit) {
    if (!actor.IsStaff()) return NotStaff(actor, "see federation issues");
    storage::ListQuery q{"federation_issue", {}, 0, std::clamp(limit, 1, 1000), true};
    ORIENTIR_ASSIGN(auto page, app::StoreAccess::Of(app_).List(q));
    std::vector<Issue> out;
    for (const auto& d : page.docs) out.push_back(IssueFromDoc(d));
    return out;
}

Status FederationService::RequestPoll(const Actor& actor, Id id) {
    if (!actor.IsStaff()) return NotStaff(actor, "poll other installations");
    if (!app::StoreAccess::Of(app_).Get(kPeerKind, id).ok())
        return Error::NotFound("no peer with id " + std::to_string(id));
    ORIENTIR_TRY(SaveState(id, [&](Peer& p) { p.state.next_poll_ms = app_.clock().NowMillis(); }));
    ticker_.Wake();
    return Status::Ok();
}

constexpr feeds::PolledKind<Peer> kPolledPeer{kPeerKind, PeerFromDoc, PeerBody, PeerIndex};

Status FederationService::SaveState(Id id, const std::function<void(Peer&)>& change) {
    ORIENTIR_ASSIGN(auto written, feeds::UpdatePolled<Peer>(app::StoreAccess::Of(app_), kPolledPeer, id, [&](Peer& p) {
                        change(p);
                        return true;
                    }));
    (void)written;
    return Status::Ok();
}

// Takes the peer for one poll unless another poll (here or on another node) holds it.
Result<bool> FederationService::Claim(Id id) {
    return feeds::ClaimPolled(app::StoreAccess::Of(app_), kPolledPeer, id, app_.clock().NowMillis());
}

// One page after the peer's cursor, applied with the new cursor in one transaction.
Status FederationService::PollPage(const Peer& peer, bool first, PeerPoll& out, bool& more) {
    more = false;
    feeds::FetchRequest req{PageUrl(peer.url, peer.state.since, options_.page_limit), first ? peer.state.etag : "", "",
                            "application/ld+json, application/json;q=0.9"};
    ORIENTIR_ASSIGN(auto r, feeds::Fetch(req, options_.fetch));
    out.http_status = r.status;
    if (r.status == 304) return Status::Ok();
    if (r.status != 200)
        return Error::Invalid("url", "http_status", "the peer answered HTTP " + std::to_string(r.status));
    auto json = ParseJson(r.body);
    if (!json.ok()) return Error::Invalid("body", "json", "the peer's answer is not JSON: " + json.error().message);
    ORIENTIR_ASSIGN(auto header, CheckPage(json.value()));
    const std::int64_t since = peer.state.since;
    if (header.installation == options_.self.id)
        return Error::Invalid("installation", "self",
                              "the peer is this installation (\"" + header.installation + "\")");
    if (!peer.installation.empty() && header.installation != peer.installation)
        return Error::Conflict("the peer was installation \"" + peer.installation + "\" and now says \"" +
                                   header.installation + "\"; check which installation this URL serves",
                               "installation_changed");
    if (header.next < since)
        return Error::Invalid(
            "next", "backwards",
            "the peer's cursor went back from " + std::to_string(since) + " to " + std::to_string(header.next));
    if (header.more && header.next == since)
        return Error::Invalid(
            "next", "stuck",
            "the peer says there is more but its cursor does not advance (" + std::to_string(since) + ")");
    ImportReport rep;
    Status st = app::StoreAccess::Of(app_).Write([&](storage::WriteTx& tx) -> Status {
        rep = ImportReport{};  // afresh per attempt (the store may retry)
        ORIENTIR_TRY(ApplyPage(tx, app_, options_.self, peer.id, peer.url, json.value(), rep));
        ORIENTIR_ASSIGN(auto doc, tx.Get(kPeerKind, peer.id));
        Peer p = PeerFromDoc(doc);
        p.installation = header.installation;
        p.state.etag = header.next == since ? r.etag : "";  // an ETag names the page at one cursor
        p.state.since = header.next;
        p.state.created += rep.created;
        p.state.updated += rep.updated;
        p.state.withdrawn += rep.withdrawn;
        p.state.issues += rep.issues;
        ORIENTIR_ASSIGN(auto saved, tx.Update(kPeerKind, peer.id, doc.version, PeerBody(p), PeerIndex(p)));
        (void)saved;
        return Status::Ok();
    });
    if (!st.ok()) return st;
    ++out.pages;
    Add(out.imported, rep);
    more = header.more;
    return Status::Ok();
}

Result<PeerPoll> FederationService::Poll(Id id) {
    std::lock_guard<std::mutex> poll_lock(poll_mu_);
    if (!app::StoreAccess::Of(app_).Get(kPeerKind, id).ok())
        return Error::NotFound("no peer with id " + std::to_string(id));
    ORIENTIR_ASSIGN(bool claimed, Claim(id));
    if (!claimed) return Error::Conflict("peer " + std::to_string(id) + " is being polled", "poll_in_progress");
    PeerPoll out;
    bool more = true;
    for (int page = 0; page < options_.max_pages_per_poll && more; ++page) {
        Peer peer = PeerFromDoc(app::StoreAccess::Of(app_).Get(kPeerKind, id).value());
        Status st = PollPage(peer, page == 0, out, more);
        if (!st.ok()) {
            out.error = st.error().message;
            break;
        }
    }
    if (out.imported.created + out.imported.updated + out.imported.withdrawn > 0) {
        app_.AfterWrite("practice");
        app_.AfterWrite("adoption");
    }
    const std::int64_t now = app_.clock().NowMillis();
    const std::string stamp = app_.clock().NowTimestamp();
    ORIENTIR_TRY(SaveState(id, [&](Peer& p) {
        auto& s = p.state;
        s.last_poll_at = stamp;
        s.http_status = out.http_status;
        s.lease_until_ms = 0;
        s.failures = out.error.empty() ? 0 : s.failures + 1;
        if (!out.error.empty()) {
            s.last_error = out.error.substr(0, 1000);
            s.last_error_at = stamp;
        } else {
            s.last_error.clear();
        }
        // More pages waiting: due again at once (the next tick); else the interval or the back-off.
        s.next_poll_ms = out.error.empty() && more
                             ? now
                             : feeds::NextPollMs(now, std::int64_t(p.interval_minutes) * 60000, s.failures,
                                                 std::int64_t(options_.max_backoff_minutes) * 60000);
    }));
    if (!out.error.empty()) log::Warn("federation: peer " + std::to_string(id) + ": " + out.error);
    return out;
}

int FederationService::PollDue() {
    std::vector<Id> due;
    const std::int64_t now = app_.clock().NowMillis();
    auto st = app::StoreAccess::Of(app_).Scan(kPeerKind, [&](const storage::Doc& d) {
        Peer p = PeerFromDoc(d);
        if (p.state.next_poll_ms <= now && p.state.lease_until_ms <= now) due.push_back(p.id);
        return true;
    });
    if (!st.ok()) return 0;
    int polled = 0;
    for (Id id : due) {
        if (ticker_.stopping()) break;
        if (Poll(id).ok()) ++polled;
    }
    return polled;
}

void FederationService::Start(std::chrono::milliseconds tick) {
    ticker_.Start(tick, [this] { PollDue(); });
}

void FederationService::Stop() { ticker_.Stop(); }

namespace {
std::mutex g_registry_mu;
struct Slot {
    FederationOptions options;
    std::unique_ptr<FederationService> service;
};
std::map<app::App*, Slot>& Registry() {
    static std::map<app::App*, Slot> r;
    return r;
}
}  // namespace

void Configure(app::App& app, FederationOptions options) {
    std::lock_guard<std::mutex> l(g_registry_mu);
    auto& slot = Registry()[&app];
    slot.options = std::move(options);
    slot.service.reset();
}

FederationService& ServiceFor(app::App& app) {
    std::lock_guard<std::mutex> l(g_registry_mu);
    auto& slot = Registry()[&app];
    if (!slot.service) slot.service = std::make_unique<FederationService>(app, slot.options);
    return *slot.service;
}

void ReleaseService(app::App& app) {
    std::unique_ptr<FederationService> gone;
    {
        std::lock_guard<std::mutex> l(g_registry_mu);
        auto it = Registry().find(&app);
        if (it == Registry().end()) return;
        gone = std::move(it->second.service);
        Registry().erase(it);
    }
    gone.reset();  // stops the poller outside the lock
}

}  // namespace orientir::exchange
