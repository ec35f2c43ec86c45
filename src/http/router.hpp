#pragma once
// Routes (method + path pattern with {param} segments) to handler functions. Each route carries
// the documentation the OpenAPI document is built from. Thread-safe for dispatch once built.

#include <functional>
#include <string>
#include <type_traits>
#include <vector>

#include "http/message.hpp"

namespace orientir::http {

using Handler = std::function<Response(Request&)>;

// What a typed API handler returns: its response or JSON (answered 200), or the error. Respond is the
// one place where a handler's error becomes problem+json (instance: the request path); handlers
// propagate errors with ORIENTIR_TRY / ORIENTIR_ASSIGN and stay thin.
using Reply = Result<Response>;
using JsonReply = Result<OrderedJson>;
Response Respond(Reply reply, const Request& req);
Response Respond(JsonReply reply, const Request& req);

struct RouteDoc {
    std::string summary;                    // one line, English
    std::string tag;                        // OpenAPI tag: "regions", "practices", ...
    std::string request_schema;             // component schema name of the body, or empty
    std::string response_schema;            // component schema name of the 2xx body, or empty
    std::vector<std::string> query_params;  // documented query parameters
    // A GET that computes for long (exports, inference): the server runs it on its worker pool, not on the
    // connection's event loop (writes always run there; Service::Blocking).
    bool blocking = false;
};

struct Route {
    std::string method;
    std::string pattern;  // "/api/v1/practices/{id}"
    Handler handler;
    RouteDoc doc;
    std::vector<std::string> segments;
};

// Turns a path parameter into its canonical form before any handler sees it, so every route and page
// accepts the same keys: `collection` is the literal segment before the parameter ("regions" in
// /api/v1/regions/{code}/benchmark). Returns the value to use (unchanged for collections it does not
// know) or the error the request is answered with (404 for a key that names nothing).
using ParamResolver = std::function<Result<std::string>(const std::string& collection, const std::string& value)>;

class Router {
public:
    void Add(std::string method, std::string pattern, Handler handler, RouteDoc doc = {});
    // A typed handler (returning Reply or JsonReply), adapted by Respond.
    template <class F>
    requires(!std::is_convertible_v<std::invoke_result_t<const F&, Request&>, Response>) void Add(std::string method,
                                                                                                  std::string pattern,
                                                                                                  F handler,
                                                                                                  RouteDoc doc = {}) {
        Add(std::move(method), std::move(pattern),
            Handler([h = std::move(handler)](Request& req) { return Respond(h(req), req); }), std::move(doc));
    }
    void SetParamResolver(ParamResolver resolver) { resolver_ = std::move(resolver); }
    // The same resolution for a key given elsewhere (a query parameter such as ?region=).
    Result<std::string> Resolve(const std::string& collection, const std::string& value) const {
        return resolver_ ? resolver_(collection, value) : Result<std::string>(value);
    }
    // Dispatches; 404 problem for unknown paths, 405 with Allow for a known path with another method.
    Response Dispatch(Request& req) const;
    // Whether a GET or HEAD path is one of the routes marked RouteDoc::blocking: a cheap test over those
    // routes only, without the full match (a literal route that would beat a blocking one is not looked at:
    // at worst a quick request runs on a worker).
    bool Blocking(const Request& req) const;
    // The pattern that matched, for metrics labels ("/api/v1/practices/{id}"), or "unmatched".
    std::string MatchPattern(const Request& req) const;
    const std::vector<Route>& routes() const { return routes_; }

private:
    const Route* Match(const std::string& method, const std::string& path, Request* req, bool* path_exists) const;
    Status ResolveParams(const Route& route, Request& req) const;
    std::vector<Route> routes_;
    std::vector<std::size_t> blocking_;  // indexes into routes_ of the blocking GET routes
    ParamResolver resolver_;
};

}  // namespace orientir::http
