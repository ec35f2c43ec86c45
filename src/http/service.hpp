#pragma once
// Service: everything between the socket and the route handlers — request ids, security headers,
// metrics, access log, the mapping of unexpected exceptions to 500 problems, and readiness.
// Handle() is what the Beast server (or a test) calls. Thread-safe.

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/app.hpp"
#include "http/api/api_util.hpp"
#include "http/client.hpp"
#include "http/router.hpp"

namespace orientir::http {

// Prometheus text-format metrics. Thread-safe.
class Metrics {
public:
    void Observe(const std::string& method, const std::string& route, int status, double seconds);
    void InFlight(int delta) { in_flight_ += delta; }
    // Extra gauges provided by other modules (name → value function), e.g. search index lag.
    void AddGauge(std::string name, std::string help, std::function<double()> fn);
    // A value that only grows (Prometheus type counter), e.g. articles taken from feeds.
    void AddCounter(std::string name, std::string help, std::function<double()> fn);
    std::string Render() const;

private:
    struct Series {
        std::uint64_t count = 0;
        double sum = 0;
        std::vector<std::uint64_t> buckets;
    };
    mutable std::mutex mu_;
    std::map<std::string, std::uint64_t> requests_;  // label set → count
    std::map<std::string, Series> durations_;        // route label → histogram
    struct Extra {
        std::string name, help, type;
        std::function<double()> fn;
    };
    std::vector<Extra> gauges_;
    std::atomic<int> in_flight_{0};
};

struct ServiceOptions {
    std::string assets_dir;
    bool log_requests = true;
    // Anonymous GET responses of the JSON API are cached until the store's change log moves on
    // (checked at most every `cache_check_ms`; local writes invalidate at once).
    bool cache_anonymous_api = true;
    int cache_check_ms = 100;
    // Proxies whose X-Forwarded-For / Forwarded / X-Forwarded-Proto are believed (`--trusted-proxy`).
    AddressSet trusted_proxies;
    // Writes by anonymous clients («хочу внедрить», …) per client address: a burst, then one every
    // `anonymous_write_refill_ms`; beyond that 429 with Retry-After (burst 0: no limit). Sign-in has its
    // own throttle.
    int anonymous_write_burst = 10;
    std::int64_t anonymous_write_refill_ms = 60'000;
};

class Service {
public:
    Service(app::App& app, ServiceOptions options);
    Router& router() { return router_; }
    Metrics& metrics() { return metrics_; }
    app::App& app() { return app_; }
    void SetActorResolver(ActorResolver resolver);
    const ActorResolver& actor_resolver() const { return actor_; }
    // Filters run on every response before it leaves (e.g. the auth module refreshing cookies).
    void AddResponseFilter(std::function<void(const Request&, Response&)> filter);
    void SetReady(bool ready) { ready_ = ready; }
    // Registers the API and operational routes. Call once, after other modules added theirs or before.
    void RegisterCoreRoutes();

    Response Handle(Request& req);
    // Whether the server should run REQ on its worker pool (ServerOptions::blocking): every write (it waits
    // for the disk: a durable commit, an import, an article's extraction) and the GET routes marked
    // RouteDoc::blocking. Everything else, cache hits included, runs on the connection's event loop.
    bool Blocking(const Request& req) const;
    // An answer the server made itself without reaching the router (ServerOptions::on_refused: 413 body too
    // large, 431, 400 malformed): numbered, presented (a browser gets the HTML page), counted and logged like
    // any other. `req` holds what was read of the request (no path when its headers were not read).
    void Refused(Request& req, Response& resp);

private:
    struct CacheEntry {
        std::int64_t seq;
        std::shared_ptr<const CachedAnswer> answer;  // shared: a hit uses it outside the mutex
    };
    std::int64_t CurrentSeq(bool force);
    bool Cacheable(const Request& req) const;
    Response Guarded(Request& req);
    void AssignRequestId(Request& req);
    void Present(Request& req, Response& resp);
    void Record(const Request& req, Response& resp, std::chrono::steady_clock::time_point start);
    void LogRequest(const Request& req, const std::string& route, const Response& resp, double secs);

    app::App& app_;
    ServiceOptions options_;
    Router router_;
    Metrics metrics_;
    ActorResolver actor_;
    std::vector<std::function<void(const Request&, Response&)>> filters_;
    std::atomic<bool> ready_{false};
    std::atomic<std::uint64_t> next_id_{1};
    std::mutex cache_mu_;
    std::unordered_map<std::string, CacheEntry> cache_;
    std::atomic<std::int64_t> seq_{-1};
    std::atomic<std::int64_t> seq_checked_ns_{0};
    std::unique_ptr<RateLimiter> anonymous_writes_;
};

// Applies the Content-Security-Policy and the other security headers to a response.
void AddSecurityHeaders(Response& r);

}  // namespace orientir::http
