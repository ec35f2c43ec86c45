#include "http/api/exchange_api.hpp"

#include <algorithm>

#include "exchange/federation.hpp"

namespace orientir::http {

namespace {

Result<std::int64_t> QueryInt(const Request& req, const std::string& name, std::int64_t dflt) {
    auto v = req.Query(name);
    if (!v || v->empty()) return dflt;
    try {
        std::size_t used = 0;
        std::int64_t n = std::stoll(*v, &used);
        if (used == v->size()) return n;
    } catch (const std::exception&) {
    }
    return Error::Invalid(name, "integer", name + " must be an integer, got \"" + *v + "\"");
}

Response ExchangePage(app::App& app, Request& req) {
    auto since = QueryInt(req, "since", 0);
    if (!since.ok()) return Problem(since.error(), req.path);
    auto limit = QueryInt(req, "limit", 200);
    if (!limit.ok()) return Problem(limit.error(), req.path);
    if (*limit < 1 || *limit > 1000)
        return Problem(Error::Invalid("limit", "range", "limit must be from 1 to 1000"), req.path);
    auto& svc = exchange::ServiceFor(app);
    // The answer for one cursor changes only when the change log moves.
    std::string etag = "W/\"x" + std::to_string(*since) + "-" + std::to_string(*limit) + "-" +
                       std::to_string(app.LastChangeSeq()) + "\"";
    if (req.Header("if-none-match") == etag) {
        Response nm = Response::Text(304, "");
        nm.Header("ETag", etag);
        return nm;
    }
    auto page = exchange::Export(app, svc.self(), *since, static_cast<int>(*limit));
    if (!page.ok()) return Problem(page.error(), req.path);
    Response r = Response::Json(200, page->body);
    r.Header("Content-Type", "application/ld+json; charset=utf-8");
    r.Header("ETag", etag);
    return r;
}

}  // namespace

void RegisterExchangeRoutes(Router& router, app::App& app, const ActorResolver& actor_of) {
    router.Add("GET", "/api/v1/exchange", [&app](Request& req) { return ExchangePage(app, req); },
               {"Practice exchange (JSON-LD, docs/exchange.md): published practices, adoptions with lineage, Popolo "
                "persons, organizations, posts and memberships changed after the cursor `since`; `next` is the cursor "
                "of the following page, `more` says whether one waits; ETag / If-None-Match",
                "exchange",
                "",
                "",
                {"since", "limit"},
                true});
    router.Add(
        "GET", "/api/v1/federation/peers",
        [&app, actor_of](Request& req) {
            auto list = exchange::ServiceFor(app).Peers(actor_of(req));
            if (!list.ok()) return Problem(list.error(), req.path);
            OrderedJson items = OrderedJson::array();
            for (const auto& p : *list) items.push_back(exchange::ToJson(p));
            return Response::Json(200, OrderedJson{{"items", items}, {"total", items.size()}});
        },
        {"Installations this one follows, with their poll state (cursor, counts, last error)", "exchange", "", "", {}});
    router.Add("POST", "/api/v1/federation/peers",
               [&app, actor_of](Request& req) {
                   auto body = JsonBody(req);
                   if (!body.ok()) return Problem(body.error(), req.path);
                   std::string url;
                   std::int64_t interval = 15;
                   auto st = ReadJsonObject(body.value(), [&](JsonReader& r) {
                       r.Str("url", url, true, 2000);
                       r.Int("interval_minutes", interval, false);
                   });
                   if (!st.ok()) return Problem(st.error(), req.path);
                   auto p = exchange::ServiceFor(app).AddPeer(
                       actor_of(req), url, static_cast<int>(std::clamp<std::int64_t>(interval, -1, 1000000)));
                   if (!p.ok()) return Problem(p.error(), req.path);
                   Response r = Response::Json(201, exchange::ToJson(p.value()));
                   r.Header("Location", "/api/v1/federation/peers/" + std::to_string(p->id));
                   return r;
               },
               {"Follow another installation ({url, interval_minutes}): its /api/v1/exchange or its site address",
                "exchange",
                "",
                "",
                {}});
    router.Add("POST", "/api/v1/federation/peers/{id}/poll",
               [&app, actor_of](Request& req) {
                   auto id = ParseId(req.Param("id"));
                   if (!id.ok()) return Problem(id.error(), req.path);
                   auto st = exchange::ServiceFor(app).RequestPoll(actor_of(req), id.value());
                   if (!st.ok()) return Problem(st.error(), req.path);
                   return Response::Json(202, OrderedJson{{"status", "scheduled"}});
               },
               {"Poll a followed installation soon", "exchange", "", "", {}});
    router.Add("GET", "/api/v1/federation/issues",
               [&app, actor_of](Request& req) {
                   auto list = exchange::ServiceFor(app).Issues(actor_of(req));
                   if (!list.ok()) return Problem(list.error(), req.path);
                   OrderedJson items = OrderedJson::array();
                   for (const auto& i : *list) items.push_back(exchange::ToJson(i));
                   return Response::Json(200, OrderedJson{{"items", items}, {"total", items.size()}});
               },
               {"Records from followed installations not taken here, and records withdrawn at their origin "
                "(newest first)",
                "exchange",
                "",
                "",
                {}});
}

}  // namespace orientir::http
