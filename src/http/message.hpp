#pragma once
// Request and response as plain values: handlers are functions from one to the other and know
// nothing of sockets (Boost.Beast lives only in src/http/server).

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/json.hpp"
#include "common/result.hpp"

namespace orientir::http {

struct Request {
    std::string method;                             // "GET", "POST", ...
    std::string target;                             // raw target: path and query
    std::string path;                               // decoded path without the query
    std::multimap<std::string, std::string> query;  // decoded query parameters
    std::map<std::string, std::string> headers;     // names lower-cased
    std::string body;
    std::string remote_addr;  // the client: the peer, or what a trusted proxy reports (http/client.hpp)
    std::string peer_addr;    // the socket's peer (set by ResolveClient from remote_addr)
    bool secure = false;      // https at the client's end (a trusted proxy said so)
    std::map<std::string, std::string> path_params;  // filled by the router ({id} → "42")
    std::string request_id;
    std::string route;  // the pattern that matched, set by the router ("/api/v1/practices/{id}")
    // Set by the server when it can send a cached answer as its pre-serialised bytes (an HTTP/1.1 keep-alive
    // GET): the Service then answers a cache hit with Response::cached instead of a copy of it.
    bool wire_ok = false;

    // First value of a query parameter, or nullopt.
    std::optional<std::string> Query(const std::string& name) const;
    std::vector<std::string> QueryAll(const std::string& name) const;
    std::string Header(const std::string& lower_name) const;
    std::string Param(const std::string& name) const;
    // Cookie value by name from the Cookie header.
    std::optional<std::string> Cookie(const std::string& name) const;
    // application/x-www-form-urlencoded body fields (multi-valued); for multipart/form-data, the parts
    // that are not files.
    std::multimap<std::string, std::string> FormFields() const;
    // multipart/form-data: the file sent in field NAME (its filename and bytes), or nullopt.
    struct UploadedFile {
        std::string filename, content;
    };
    std::optional<UploadedFile> FormFile(const std::string& name) const;
};

struct CachedAnswer;

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // When set, the body is this file, streamed from disk by the server (body stays empty); see File().
    std::string file;
    // A hit of the Service's cache for a request with `wire_ok`: the answer is `cached->response` with the
    // headers above (X-Request-Id) added; status is copied, the other fields stay empty.
    std::shared_ptr<const CachedAnswer> cached;

    Response& Header(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
    std::string HeaderValue(const std::string& name) const;

    static Response Json(int status, const OrderedJson& j);
    static Response Json(int status, const orientir::Json& j);
    static Response Html(int status, std::string body);
    static Response Text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
    static Response Redirect(const std::string& location, int status = 303);
    // A file sent as it is on disk (large exports: never read into memory). In-process callers that
    // need the bytes (tests) read `file` themselves.
    static Response File(std::string path, std::string content_type);
};

// An answer the Service keeps and sends many times (its cache of anonymous API answers). The server turns
// it into bytes once, on first use, and then writes those bytes with each request's id spliced in, instead
// of running the HTTP serializer on every hit.
struct CachedAnswer {
    explicit CachedAnswer(Response r) : response(std::move(r)) {}
    // The answer as sent over HTTP/1.1 with keep-alive and an X-Request-Id header added last: the bytes
    // before that header's value and the bytes after it (its CRLF, the end of the head, the body).
    struct Wire {
        std::string before_id, after_id;
    };
    // The wire form, made by `make(response)` the first time and kept (thread-safe).
    template <class Make>
    const Wire& WireForm(Make&& make) const {
        std::call_once(wire_once_, [&] { wire_ = make(response); });
        return wire_;
    }

    Response response;  // as cached: without X-Request-Id

private:
    mutable std::once_flag wire_once_;
    mutable Wire wire_;
};

// The one place where error codes become HTTP statuses (RFC 9457 problem details).
int StatusFor(ErrorCode code);
// `status` overrides the one the error code maps to (0: mapped), for the transport's own refusals (431).
Response Problem(const Error& e, const std::string& instance = "", int status = 0);

// Splits "a=1&b=%D0%AE" into decoded pairs.
std::multimap<std::string, std::string> ParseQueryString(const std::string& qs);

}  // namespace orientir::http
