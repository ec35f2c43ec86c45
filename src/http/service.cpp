#include "http/service.hpp"

#include <chrono>
#include <cstdio>
#include <map>

#include "app/source_labels.hpp"
#include "common/log.hpp"
#include "http/api/analytics_api.hpp"
#include "http/api/articles_api.hpp"
#include "http/api/auth_api.hpp"
#include "http/api/exchange_api.hpp"
#include "http/api/feeds_api.hpp"
#include "http/api/freshness_api.hpp"
#include "http/api/io_api.hpp"
#include "http/api/language.hpp"
#include "http/api/routes.hpp"
#include "http/api/search_api.hpp"
#include "http/csrf.hpp"
#include "storage/store.hpp"

namespace orientir::http {

namespace {
constexpr double kBuckets[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};
constexpr std::size_t kNumBuckets = sizeof(kBuckets) / sizeof(kBuckets[0]);

std::string Label(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}
}  // namespace

void Metrics::Observe(const std::string& method, const std::string& route, int status, double seconds) {
    std::string key =
        "method=\"" + Label(method) + "\",route=\"" + Label(route) + "\",status=\"" + std::to_string(status) + "\"";
    std::lock_guard lock(mu_);
    ++requests_[key];
    auto& s = durations_[route];
    if (s.buckets.empty()) s.buckets.assign(kNumBuckets, 0);
    ++s.count;
    s.sum += seconds;
    for (std::size_t i = 0; i < kNumBuckets; ++i)
        if (seconds <= kBuckets[i]) ++s.buckets[i];
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> fn) {
    std::lock_guard lock(mu_);
    gauges_.push_back({std::move(name), std::move(help), "gauge", std::move(fn)});
}

void Metrics::AddCounter(std::string name, std::string help, std::function<double()> fn) {
    std::lock_guard lock(mu_);
    gauges_.push_back({std::move(name), std::move(help), "counter", std::move(fn)});
}

std::string Metrics::Render() const {
    std::string out;
    std::lock_guard lock(mu_);
    out += "# HELP orientir_http_requests_total HTTP requests by method, route pattern and status.\n";
    out += "# TYPE orientir_http_requests_total counter\n";
    for (const auto& [k, v] : requests_) out += "orientir_http_requests_total{" + k + "} " + std::to_string(v) + "\n";
    out += "# HELP orientir_http_request_duration_seconds Time to handle a request, by route pattern.\n";
    out += "# TYPE orientir_http_request_duration_seconds histogram\n";
    for (const auto& [route, s] : durations_) {
        std::string l = "route=\"" + Label(route) + "\"";
        for (std::size_t i = 0; i < kNumBuckets; ++i) {
            char le[32];
            std::snprintf(le, sizeof le, "%g", kBuckets[i]);
            out += "orientir_http_request_duration_seconds_bucket{" + l + ",le=\"" + le + "\"} " +
                   std::to_string(s.buckets[i]) + "\n";
        }
        out += "orientir_http_request_duration_seconds_bucket{" + l + ",le=\"+Inf\"} " + std::to_string(s.count) + "\n";
        out += "orientir_http_request_duration_seconds_sum{" + l + "} " + std::to_string(s.sum) + "\n";
        out += "orientir_http_request_duration_seconds_count{" + l + "} " + std::to_string(s.count) + "\n";
    }
    out += "# HELP orientir_http_in_flight Requests being handled now.\n# TYPE orientir_http_in_flight gauge\n";
    out += "orientir_http_in_flight " + std::to_string(in_flight_.load()) + "\n";
    for (const auto& [name, help, type, fn] : gauges_) {
        std::string base = name.substr(0, name.find('{'));  // a name may carry constant labels
        out.append("# HELP ").append(base).append(" ").append(help);
        out.append("\n# TYPE ").append(base).append(" ").append(type).append("\n");
        char v[64];
        std::snprintf(v, sizeof v, "%.17g", fn());
        out += name + " " + v + "\n";
    }
    return out;
}

void AddSecurityHeaders(Response& r) {
    auto set_default = [&](const char* name, const char* value) {
        if (r.HeaderValue(name).empty()) r.Header(name, value);
    };
    set_default("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
                "base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
    set_default("X-Content-Type-Options", "nosniff");
    set_default("Referrer-Policy", "strict-origin-when-cross-origin");
    set_default("X-Frame-Options", "DENY");
}

Service::Service(app::App& app, ServiceOptions options)
    : app_(app),
      options_(std::move(options)),
      actor_([&app](const Request& r) { return ResolveActor(app, r); }),
      anonymous_writes_(
          std::make_unique<RateLimiter>(options_.anonymous_write_burst, options_.anonymous_write_refill_ms)) {
    // One resolver for every key in every path, API and pages alike: regions by any of their codes or
    // names, records by id or stable key. Handlers see the canonical form only.
    router_.SetParamResolver([&app](const std::string& collection, const std::string& value) -> Result<std::string> {
        if (collection == "regions") {
            ORIENTIR_ASSIGN(auto region, app.FindRegion(value));
            return region.code;
        }
        static const std::map<std::string, std::string> kKinds = {{"practices", "practice"},
                                                                  {"organisations", "organisation"},
                                                                  {"persons", "person"},
                                                                  {"adoptions", "adoption"}};
        auto it = kKinds.find(collection);
        if (it == kKinds.end()) return value;
        ORIENTIR_ASSIGN(auto id, app.ResolveId(it->second, value));
        return std::to_string(id);
    });
}

void Service::SetActorResolver(ActorResolver resolver) { actor_ = std::move(resolver); }

void Service::AddResponseFilter(std::function<void(const Request&, Response&)> filter) {
    filters_.push_back(std::move(filter));
}

void Service::RegisterCoreRoutes() {
    // Handlers capture the resolver through the service so a later SetActorResolver takes effect.
    ActorResolver actor = [this](const Request& r) { return actor_(r); };
    RegisterReferenceRoutes(router_, app_);
    RegisterRecordRoutes(router_, app_, actor);
    RegisterAuthRoutes(*this);
    if (app_.search()) RegisterSearchRoutes(router_, *app_.search());
    RegisterArticleRoutes(router_, app_, actor);
    RegisterFeedRoutes(router_, app_, actor);
    RegisterIoRoutes(router_, app_, actor);
    RegisterExchangeRoutes(router_, app_, actor);
    RegisterFreshnessRoutes(router_, app_, actor);
    RegisterSourceLabelRoutes(router_, app_, actor);
    if (app_.analytics_started())
        RegisterAnalyticsRoutes(router_, app_.analytics(), app_.clock(), actor, &app_.inference(),
                                &app_.municipal_inference(),
                                [this](const auto& s) { return app::SignalWeights(app_, s); });
    RegisterOpenApiRoute(router_, options_.assets_dir);
    AddApiLanguageFilter(*this);
    router_.Add("GET", "/healthz",
                [](Request&) {
                    return Response::Json(200, OrderedJson{{"status", "ok"}});
                },
                {"Liveness: the process serves requests", "meta", "", "", {}});
    router_.Add("GET", "/readyz",
                [this](Request&) {
                    auto st = app_.PingStore();
                    if (!ready_ || !st.ok()) {
                        return Response::Json(
                            503, OrderedJson{{"status", "not ready"}, {"store", st.ok() ? "ok" : st.error().message}});
                    }
                    return Response::Json(200, OrderedJson{{"status", "ready"}, {"store", app_.StoreBackend()}});
                },
                {"Readiness: the store answers and start-up finished", "meta", "", "", {}});
    router_.Add(
        "GET", "/metrics",
        [this](Request&) { return Response::Text(200, metrics_.Render(), "text/plain; version=0.0.4; charset=utf-8"); },
        {"Prometheus metrics", "meta", "", "", {}});
}

std::int64_t Service::CurrentSeq(bool force) {
    auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    if (force || now - seq_checked_ns_.load() > std::int64_t(options_.cache_check_ms) * 1'000'000) {
        seq_ = app_.LastChangeSeq();
        seq_checked_ns_ = now;
    }
    return seq_.load();
}

bool Service::Cacheable(const Request& req) const {
    // Search answers follow the index, which trails the store by a moment: never cached here.
    if (req.path.rfind("/api/v1/search", 0) == 0 || req.path.rfind("/api/v1/suggest", 0) == 0) return false;
    return options_.cache_anonymous_api && req.method == "GET" && req.path.rfind("/api/v1/", 0) == 0 &&
           req.Header("authorization").empty() && req.Header("cookie").find("orientir_session=") == std::string::npos &&
           req.Header("if-none-match").empty();
}

namespace {
// Sign-in forms and calls: throttled by the auth module (growing delays per login and address).
bool IsSignIn(const Request& req) { return req.path == "/api/v1/session" || req.path == "/login"; }
}  // namespace

// The answer of the router, behind the CSRF check and the anonymous write limit; an exception becomes a
// 500 problem naming the request id.
Response Service::Guarded(Request& req) {
    Response resp;
    try {
        // Form posts must carry the CSRF token; text/plain posts are refused too (a cross-site form can send them).
        std::int64_t retry_after = 0;
        bool charged = false;  // an anonymous write took a token of its address
        if (IsFormPost(req) && !CsrfValid(req)) {
            resp = Problem(Error{ErrorCode::kForbidden,
                                 "the form's security token is missing or stale; reload the page and try again",
                                 {},
                                 "csrf",
                                 {}},
                           req.path);
            resp.headers.clear();
        } else if (req.method != "GET" && req.method != "HEAD" && !IsSignIn(req) &&
                   options_.anonymous_write_burst > 0 && actor_(req).role == app::Role::kAnonymous &&
                   !(charged = anonymous_writes_->Take(req.remote_addr, app_.clock().NowMillis(), &retry_after))) {
            resp = Problem(Error{ErrorCode::kTooManyRequests,
                                 "too many requests from your address without signing in; try again in " +
                                     std::to_string(retry_after) + " s",
                                 "",
                                 "rate_limited",
                                 {}},
                           req.path);
            resp.Header("Retry-After", std::to_string(retry_after));
        } else {
            resp = router_.Dispatch(req);
            // Only writes that did something count: a refused one (invalid, not allowed) gives its token back.
            if (charged && resp.status >= 400) anonymous_writes_->Refund(req.remote_addr);
        }
    } catch (const storage::StoreBusy& e) {
        // Passing (contention beyond retries, a lost connection, a lock wait): nothing was written,
        // and the client may send the same request again.
        log::Warn("store busy", {{"request_id", req.request_id}, {"path", req.path}, {"error", e.what()}});
        resp = Problem(Error{ErrorCode::kUnavailable,
                             "the store is busy or briefly unreachable; nothing was saved, try again in a moment",
                             {},
                             "store_busy",
                             {}},
                       req.path);
        resp.Header("Retry-After", "1");
    } catch (const std::exception& e) {
        log::Error("unhandled exception", {{"request_id", req.request_id}, {"path", req.path}, {"error", e.what()}});
        resp = Problem(
            Error{ErrorCode::kInternal, "internal error; quote request id " + req.request_id, {}, "internal", {}},
            req.path);
    }
    return resp;
}

// The access log line; the query string is left out: it may hold personal data (search terms, e-mails).
void Service::LogRequest(const Request& req, const std::string& route, const Response& resp, double secs) {
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.3f", secs * 1000);
    log::Info("request", {{"id", req.request_id},
                          {"method", req.method},
                          {"route", route},
                          {"status", std::to_string(resp.status)},
                          {"ms", ms},
                          {"bytes", std::to_string(resp.body.size())}});
}

void Service::AssignRequestId(Request& req) {
    req.request_id = req.Header("x-request-id");
    if (req.request_id.empty() || req.request_id.size() > 64) req.request_id = "r" + std::to_string(next_id_++);
}

// What every answer gets before it leaves: the response filters (the page for a browser's error, the
// API's language, cookies), the security headers.
void Service::Present(Request& req, Response& resp) {
    for (const auto& f : filters_) f(req, resp);
    ApplyCsrfCookie(req, resp);
    AddSecurityHeaders(resp);
}

void Service::Record(const Request& req, Response& resp, std::chrono::steady_clock::time_point start) {
    resp.Header("X-Request-Id", req.request_id);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string route = req.route.empty() ? std::string("unmatched") : req.route;
    metrics_.Observe(req.method, route, resp.status, secs);
    if (options_.log_requests) LogRequest(req, route, resp, secs);
}

bool Service::Blocking(const Request& req) const {
    if (req.method != "GET" && req.method != "HEAD") return true;
    return router_.Blocking(req);
}

Response Service::Handle(Request& req) {
    auto start = std::chrono::steady_clock::now();
    ResolveClient(req, options_.trusted_proxies);
    const bool cacheable = Cacheable(req);
    std::int64_t seq = cacheable ? CurrentSeq(false) : 0;
    // The API answers in the language Accept-Language prefers (api/language.hpp): one entry per language.
    const std::string cache_key =
        cacheable ? req.target + (PrefersEnglish(req.Header("accept-language")) ? "\n en" : "") : std::string();
    std::shared_ptr<const CachedAnswer> cached;
    if (cacheable) {
        std::lock_guard lock(cache_mu_);
        auto it = cache_.find(cache_key);
        if (it != cache_.end() && it->second.seq == seq) cached = it->second.answer;
    }
    if (cached) {
        // The server writes the answer's pre-serialised bytes when it can (Request::wire_ok); anyone else
        // gets a copy.
        Response hit;
        if (req.wire_ok) {
            hit.status = cached->response.status;
            hit.cached = cached;
        } else {
            hit = cached->response;
        }
        hit.Header("X-Request-Id", req.request_id.empty() ? "c" + std::to_string(next_id_++) : req.request_id);
        metrics_.Observe(req.method, "cached", hit.status,
                         std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        return hit;
    }
    metrics_.InFlight(1);
    AssignRequestId(req);
    Response resp = Guarded(req);
    Present(req, resp);
    if (cacheable && resp.status == 200) {
        std::lock_guard lock(cache_mu_);
        if (cache_.size() > 20000) cache_.clear();
        cache_[cache_key] = CacheEntry{seq, std::make_shared<const CachedAnswer>(resp)};
    }
    if (req.method != "GET" && req.method != "HEAD") CurrentSeq(true);  // read-your-writes on this node
    metrics_.InFlight(-1);
    Record(req, resp, start);
    return resp;
}

void Service::Refused(Request& req, Response& resp) {
    auto start = std::chrono::steady_clock::now();
    ResolveClient(req, options_.trusted_proxies);
    AssignRequestId(req);
    req.route = "refused";
    Present(req, resp);
    Record(req, resp, start);
}

}  // namespace orientir::http
