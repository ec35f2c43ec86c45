#include "http/api/feeds_api.hpp"

#include "feeds/feeds.hpp"

namespace orientir::http {

namespace {

OrderedJson ItemJson(const feeds::ItemRecord& r) {
    return {{"id", r.id},
            {"guid", r.guid},
            {"link", r.link},
            {"canonical_url", r.canonical_url},
            {"title", r.title},
            {"status", r.status},
            {"article_id", r.article_id ? OrderedJson(*r.article_id) : OrderedJson()},
            {"error", r.error},
            {"at", r.at}};
}

}  // namespace

void RegisterFeedRoutes(Router& router, app::App& app, const ActorResolver& actor_of) {
    router.Add("GET", "/api/v1/feeds",
               [&app, actor_of](Request& req) -> JsonReply {
                   ORIENTIR_ASSIGN(auto list, feeds::ServiceFor(app).List(actor_of(req)));
                   OrderedJson items = OrderedJson::array();
                   for (const auto& f : list) items.push_back(feeds::ToJson(f));
                   return OrderedJson{{"items", items}, {"total", items.size()}};
               },
               {"News feeds with their poll state (last poll, HTTP status, items seen, articles added, facts "
                "proposed, last error)",
                "feeds",
                "",
                "",
                {}});
    router.Add("POST", "/api/v1/feeds",
               [&app, actor_of](Request& req) -> Reply {
                   ORIENTIR_ASSIGN(auto body, JsonBody(req));
                   feeds::FeedInput in;
                   std::int64_t interval = 60;
                   ORIENTIR_TRY(ReadJsonObject(body, [&](JsonReader& r) {
                       r.Str("url", in.url, true, 2000);
                       r.Str("title", in.title, true, 300);
                       r.Str("region", in.region, true, 20);
                       r.Int("interval_minutes", interval, false);
                   }));
                   in.interval_minutes = static_cast<int>(std::clamp<std::int64_t>(interval, -1, 1000000));
                   ORIENTIR_ASSIGN(auto f, feeds::ServiceFor(app).Register(actor_of(req), in));
                   Response r = Response::Json(201, feeds::ToJson(f));
                   r.Header("Location", "/api/v1/feeds/" + std::to_string(f.id));
                   return r;
               },
               {"Register a news feed ({url, title, region, interval_minutes}); RSS 2.0, Atom, or a site page that "
                "links one",
                "feeds",
                "",
                "",
                {}});
    router.Add("GET", "/api/v1/feeds/{id}",
               [&app, actor_of](Request& req) -> JsonReply {
                   ORIENTIR_ASSIGN(auto id, ParseId(req.Param("id")));
                   auto& svc = feeds::ServiceFor(app);
                   ORIENTIR_ASSIGN(auto f, svc.Get(actor_of(req), id));
                   OrderedJson j = feeds::ToJson(f);
                   j["items"] = OrderedJson::array();
                   auto items = svc.Items(actor_of(req), id, 50);
                   if (items.ok())
                       for (const auto& it : *items) j["items"].push_back(ItemJson(it));
                   return j;
               },
               {"One news feed: its state and its latest items (added, duplicate, error)", "feeds", "", "", {}});
    router.Add("POST", "/api/v1/feeds/{id}/poll",
               [&app, actor_of](Request& req) -> Reply {
                   ORIENTIR_ASSIGN(auto id, ParseId(req.Param("id")));
                   ORIENTIR_TRY(feeds::ServiceFor(app).RequestPoll(actor_of(req), id));
                   return Response::Json(202, OrderedJson{{"status", "scheduled"}});
               },
               {"Poll a news feed soon", "feeds", "", "", {}});
}

}  // namespace orientir::http
