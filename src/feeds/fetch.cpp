#include "feeds/fetch.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <sys/socket.h>

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

namespace orientir::feeds {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// Beast's stream timeouts apply to asynchronous operations only; the client is synchronous, so a
// watchdog thread shuts the socket down when the deadline passes (the blocked read or write returns).
class Watchdog {
public:
    Watchdog(int fd, std::chrono::milliseconds timeout) : fd_(fd) {
        thread_ = std::thread([this, timeout] {
            std::unique_lock<std::mutex> l(mu_);
            if (!cv_.wait_for(l, timeout, [this] { return done_; })) {
                fired_ = true;
                ::shutdown(fd_, SHUT_RDWR);
            }
        });
    }
    ~Watchdog() {
        {
            std::lock_guard<std::mutex> l(mu_);
            done_ = true;
        }
        cv_.notify_all();
        thread_.join();
    }
    bool fired() {
        std::lock_guard<std::mutex> l(mu_);
        return fired_;
    }

private:
    int fd_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool done_ = false, fired_ = false;
    std::thread thread_;
};

std::string Lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

Error FetchError(const std::string& rule, const std::string& message, ErrorCode code = ErrorCode::kUnavailable) {
    return Error{code, message, "url", rule, {}};
}

// One request over an established stream; reads at most max_bytes of body.
template <class Stream>
Result<FetchResult> Exchange(Stream& stream, const Url& u, const FetchRequest& req, const FetchOptions& o,
                             Watchdog& dog) {
    http::request<http::empty_body> r{http::verb::get, u.target, 11};
    bool default_port = (u.scheme == "http" && u.port == "80") || (u.scheme == "https" && u.port == "443");
    r.set(http::field::host, default_port ? u.host : u.host + ":" + u.port);
    r.set(http::field::user_agent, o.user_agent);
    r.set(http::field::accept, req.accept);
    r.set(http::field::accept_encoding, "identity");
    r.set(http::field::connection, "close");
    if (!req.etag.empty()) r.set(http::field::if_none_match, req.etag);
    if (!req.last_modified.empty()) r.set(http::field::if_modified_since, req.last_modified);
    beast::error_code ec;
    auto timed_out = [&] {
        return FetchError("timeout", "no complete answer within " + std::to_string(o.timeout.count()) + " ms");
    };
    http::write(stream, r, ec);
    if (ec) return dog.fired() ? timed_out() : FetchError("connect", "sending the request: " + ec.message());
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(o.max_bytes);
    parser.header_limit(64 * 1024);
    // Beast 1.74 does not enforce body_limit against a Content-Length (tested), so the limit is checked
    // here: on the announced length, and on what has arrived while reading.
    auto too_large = [&] {
        return FetchError("too_large", "the response is larger than " + std::to_string(o.max_bytes >> 20) + " MB",
                          ErrorCode::kPayloadTooLarge);
    };
    http::read_header(stream, buffer, parser, ec);
    if (!ec && parser.content_length() && *parser.content_length() > o.max_bytes) return too_large();
    while (!ec && !parser.is_done()) {
        http::read_some(stream, buffer, parser, ec);
        if (parser.get().body().size() > o.max_bytes) return too_large();
    }
    if (ec == http::error::body_limit) return too_large();
    if (dog.fired()) return timed_out();
    // A server that closes without a length ends the body with EOF / a short read: that is the body.
    if (ec && ec != http::error::end_of_stream && ec != asio::ssl::error::stream_truncated &&
        !(parser.is_header_done() && parser.is_done()))
        return FetchError("protocol", "reading the answer: " + ec.message());
    if (!parser.is_header_done()) return FetchError("protocol", "no HTTP answer");
    auto& res = parser.get();
    FetchResult out;
    out.status = static_cast<int>(res.result_int());
    out.body = std::move(res.body());
    out.content_type = std::string(res[http::field::content_type]);
    out.etag = std::string(res[http::field::etag]);
    out.last_modified = std::string(res[http::field::last_modified]);
    out.final_url = std::string(res[http::field::location]);  // the caller follows it
    return out;
}

Result<FetchResult> FetchOnce(const Url& u, const FetchRequest& req, const FetchOptions& o) {
    asio::io_context ioc;
    tcp::resolver resolver(ioc);
    beast::error_code ec;
    auto endpoints = resolver.resolve(u.host, u.port, ec);
    if (ec) return FetchError("connect", "cannot resolve " + u.host + ": " + ec.message());
    if (u.scheme == "http") {
        beast::tcp_stream stream(ioc);
        stream.connect(endpoints, ec);
        if (ec) return FetchError("connect", "cannot connect to " + u.host + ": " + ec.message());
        Watchdog dog(stream.socket().native_handle(), o.timeout);
        auto r = Exchange(stream, u, req, o, dog);
        stream.socket().shutdown(tcp::socket::shutdown_both, ec);
        return r;
    }
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    ctx.set_default_verify_paths(ec);  // the system's CA store
    if (!o.ca_file.empty()) ctx.load_verify_file(o.ca_file, ec);
    ctx.set_verify_mode(asio::ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
    // SNI (SSL_set_tlsext_host_name is a macro with a C cast).
    if (!SSL_ctrl(stream.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                  const_cast<char*>(u.host.c_str())))
        return FetchError("tls", "cannot set the TLS server name");
    stream.set_verify_callback(asio::ssl::host_name_verification(u.host));
    auto& layer = beast::get_lowest_layer(stream);
    layer.connect(endpoints, ec);
    if (ec) return FetchError("connect", "cannot connect to " + u.host + ": " + ec.message());
    Watchdog dog(layer.socket().native_handle(), o.timeout);
    stream.handshake(asio::ssl::stream_base::client, ec);
    if (ec)
        return dog.fired()
                   ? FetchError("timeout", "no TLS handshake within " + std::to_string(o.timeout.count()) + " ms")
                   : FetchError("tls", "TLS with " + u.host + ": " + ec.message());
    auto r = Exchange(stream, u, req, o, dog);
    stream.shutdown(ec);
    return r;
}

}  // namespace

Url ParseUrl(const std::string& url) {
    Url u;
    auto p = url.find("://");
    if (p == std::string::npos) return u;
    std::string scheme = Lower(url.substr(0, p));
    if (scheme != "http" && scheme != "https") return u;
    std::string rest = url.substr(p + 3);
    auto slash = rest.find_first_of("/?#");
    std::string authority = rest.substr(0, slash);
    std::string target = slash == std::string::npos ? "/" : rest.substr(slash);
    if (auto hash = target.find('#'); hash != std::string::npos) target.erase(hash);
    if (target.empty() || target[0] != '/') target = "/" + target;
    if (auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
    std::string host = authority, port = scheme == "https" ? "443" : "80";
    if (!authority.empty() && authority[0] == '[') {
        auto close = authority.find(']');
        if (close == std::string::npos) return u;
        host = authority.substr(1, close - 1);
        if (close + 1 < authority.size() && authority[close + 1] == ':') port = authority.substr(close + 2);
    } else if (auto colon = authority.rfind(':'); colon != std::string::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    if (host.empty() || port.empty() || !std::all_of(port.begin(), port.end(), ::isdigit)) return u;
    u.scheme = scheme;
    u.host = Lower(host);
    u.port = port;
    u.target = target;
    return u;
}

std::string HostOf(const std::string& url) { return ParseUrl(url).host; }

std::string ResolveUrl(const std::string& base, const std::string& ref) {
    std::string r = ref;
    while (!r.empty() && std::isspace(static_cast<unsigned char>(r.front()))) r.erase(r.begin());
    while (!r.empty() && std::isspace(static_cast<unsigned char>(r.back()))) r.pop_back();
    if (r.empty()) return base;
    if (!ParseUrl(r).scheme.empty()) return r;
    Url b = ParseUrl(base);
    if (b.scheme.empty()) return r;
    bool default_port = (b.scheme == "http" && b.port == "80") || (b.scheme == "https" && b.port == "443");
    std::string origin = b.scheme + "://" + b.host + (default_port ? "" : ":" + b.port);
    if (r.rfind("//", 0) == 0) return b.scheme + ":" + r;
    if (r[0] == '/') return origin + r;
    std::string path = b.target;
    if (r[0] == '?') return origin + path.substr(0, path.find('?')) + r;
    path = path.substr(0, path.find('?'));
    path = path.substr(0, path.rfind('/') + 1);
    return origin + path + r;
}

Result<FetchResult> Fetch(const FetchRequest& req, const FetchOptions& o) {
    std::string url = req.url;
    std::set<std::string> seen;
    for (int hop = 0;; ++hop) {
        Url u = ParseUrl(url);
        if (u.scheme.empty()) return Error{ErrorCode::kInvalidArgument, "not an http(s) URL: " + url, "url", "url", {}};
        if (!seen.insert(url).second) return FetchError("redirect_loop", "redirect loop at " + url);
        FetchRequest one = req;
        one.url = url;
        if (hop > 0) one.etag.clear(), one.last_modified.clear();
        Result<FetchResult> r = [&]() -> Result<FetchResult> {
            try {
                return FetchOnce(u, one, o);
            } catch (const std::exception& e) {
                return FetchError("connect", std::string("fetching failed: ") + e.what());
            }
        }();
        if (!r.ok()) return r;
        int s = r->status;
        if (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) {
            if (r->final_url.empty()) return FetchError("protocol", "a redirect without Location");
            if (hop >= o.max_redirects)
                return FetchError("redirects", "more than " + std::to_string(o.max_redirects) + " redirects");
            url = ResolveUrl(url, r->final_url);
            continue;
        }
        r->final_url = url;
        return r;
    }
}

}  // namespace orientir::feeds
