#pragma once
// Federation (docs/exchange.md, «Federation»): this installation follows other installations'
// published catalogues. A peer is the URL of another installation's `GET /api/v1/exchange`; the
// poller — a thread of the server process, on the news-feed poller's machinery (feeds/poller.hpp,
// feeds/fetch.hpp: timeout, body limit, redirect limit, back-off) — reads its pages after the last
// cursor with If-None-Match, and applies each page in one transaction together with the new cursor,
// so a failed poll stores nothing of the page it failed on.
//
// Bad peers: junk or a foreign format, a body over the limit, a redirect loop, a cursor that goes
// back or does not advance while the peer says there is more — each is a clear error in the peer's
// state, with back-off; nothing of that page is stored.
//
// Storage: documents of kind "federation_peer" (URL, installation, poll state) and
// "federation_issue" (records not taken, withdrawn at the origin) in the existing store.

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "exchange/exchange.hpp"
#include "exchange/import.hpp"
#include "feeds/fetch.hpp"
#include "feeds/poller.hpp"

namespace orientir::exchange {

struct PeerState {
    std::string last_poll_at;
    int http_status = 0;
    std::int64_t since = 0;  // the cursor: the peer's change number read up to
    std::string etag;        // of the page at `since` (a 304 means nothing new)
    std::int64_t created = 0, updated = 0, withdrawn = 0, issues = 0;
    std::string last_error, last_error_at;
    int failures = 0;
    std::int64_t next_poll_ms = 0, lease_until_ms = 0;
};

struct Peer {
    std::int64_t id = 0;
    std::string url;           // the peer's exchange endpoint
    std::string installation;  // its installation id, learnt from its first page
    int interval_minutes = 15;
    PeerState state;
};
OrderedJson ToJson(const Peer& p);

struct FederationOptions {
    Installation self;
    feeds::FetchOptions fetch;  // body limit: fetch.max_bytes (default below: 16 MiB)
    int page_limit = 200;       // records asked per page
    int max_pages_per_poll = 20;
    int max_backoff_minutes = 24 * 60;
    FederationOptions() {
        fetch.max_bytes = std::size_t(16) << 20;
        fetch.user_agent = "Orientir/1.0 (federation; practice exchange)";
    }
};

struct PeerPoll {
    int pages = 0, http_status = 0;
    ImportReport imported;
    std::string error;  // "" when the poll went well
};

class FederationService {
public:
    FederationService(app::App& app, FederationOptions options);
    ~FederationService();
    FederationService(const FederationService&) = delete;
    FederationService& operator=(const FederationService&) = delete;

    const Installation& self() const { return options_.self; }

    // Curators and administrators. Errors: url (http/https; unique → conflict), interval_minutes (1..10080).
    Result<Peer> AddPeer(const app::Actor& actor, const std::string& url, int interval_minutes = 15);
    Result<std::vector<Peer>> Peers(const app::Actor& actor);
    Result<std::vector<Issue>> Issues(const app::Actor& actor, int limit = 200);
    Status RequestPoll(const app::Actor& actor, std::int64_t peer_id);
    // Peers named in the configuration, added unless present (system).
    Status EnsurePeers(const std::vector<std::string>& urls, int interval_minutes);

    // Polls one peer now on the calling thread (tests, the poller).
    Result<PeerPoll> Poll(std::int64_t peer_id);
    int PollDue();
    void Start(std::chrono::milliseconds tick = std::chrono::seconds(5));
    void Stop();

private:
    Status PollPage(const Peer& peer, bool first, PeerPoll& out, bool& more);
    Status SaveState(std::int64_t id, const std::function<void(Peer&)>& change);
    Result<bool> Claim(std::int64_t id);

    app::App& app_;
    FederationOptions options_;
    std::mutex poll_mu_;
    feeds::Ticker ticker_;
};

// The service of an App: Configure once (serve), then ServiceFor anywhere; ReleaseService before the
// App goes away. ServiceFor without Configure uses the defaults (installation "local", no URL).
void Configure(app::App& app, FederationOptions options);
FederationService& ServiceFor(app::App& app);
void ReleaseService(app::App& app);

}  // namespace orientir::exchange
