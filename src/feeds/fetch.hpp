#pragma once
// A polite HTTP(S) client for news feeds and article pages (Boost.Beast + OpenSSL).
//
// One GET with a timeout for the whole exchange, a body size limit enforced while reading, redirects
// followed up to a limit (a loop is an error), conditional requests (If-None-Match /
// If-Modified-Since → 304), a User-Agent naming Orientir, and HTTPS verified against the system's CA
// store (with SNI and host name verification). Synchronous: the poller calls it from its own thread,
// one request at a time.

#include <chrono>
#include <cstddef>
#include <string>

#include "common/result.hpp"

namespace orientir::feeds {

struct FetchOptions {
    std::chrono::milliseconds timeout{15000};  // the whole exchange, per request (each redirect anew)
    std::size_t max_bytes = std::size_t(8) << 20;
    int max_redirects = 5;
    std::string user_agent = "Orientir/1.0 (regional news reader; feeds of Russian regions)";
    std::string ca_file;  // extra CA bundle (tests); the system store is always used
};

struct FetchRequest {
    std::string url;
    std::string etag;           // If-None-Match
    std::string last_modified;  // If-Modified-Since
    std::string accept = "*/*";
};

struct FetchResult {
    int status = 0;         // 200, 304 (not modified), or another status (4xx/5xx are results too)
    std::string final_url;  // after redirects
    std::string body;
    std::string content_type, etag, last_modified;
};

// Errors (field "url"): url (not http/https), connect, timeout, tls, too_large (kPayloadTooLarge),
// redirect_loop, redirects, protocol.
Result<FetchResult> Fetch(const FetchRequest& req, const FetchOptions& options = {});

// The parts of an absolute http(s) URL; nullopt-like empty scheme when it is not one.
struct Url {
    std::string scheme, host, port, target;  // target: path + query, "/" at least
};
Url ParseUrl(const std::string& url);
// `ref` resolved against `base` (absolute, scheme-relative, root-relative or relative references).
std::string ResolveUrl(const std::string& base, const std::string& ref);
// The host of a URL, lower-cased ("" when none).
std::string HostOf(const std::string& url);

}  // namespace orientir::feeds
