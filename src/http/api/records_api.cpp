#include <functional>
#include <type_traits>

#include "app/entities.hpp"
#include "app/freshness.hpp"
#include "common/strings.hpp"
#include "http/api/io_api.hpp"
#include "http/api/routes.hpp"

namespace orientir::http {

namespace {

using app::Actor;
using app::App;

Response WithETag(Response r, std::int64_t version) {
    r.Header("ETag", ETagFor(version));
    return r;
}

// Extra members added to a record's JSON (e.g. a person's positions).
template <class T>
using Decorate = std::function<void(App&, const Actor&, const T&, OrderedJson&)>;

// What a projected list item lacks that `Decorate` adds to a typed record (nullptr: the item is whole).
using Splice = std::function<void(App&, app::RenderedItem&)>;

// One record: its projected item when the list projection holds all of it (issue 14: no decoding), else the
// typed record rendered; 304 when the client's ETag is the version.
template <class T, class Render>
Reply ReadOne(App& app, const Actor& actor, Request& req, const Render& render, bool projected, const Splice& splice) {
    ORIENTIR_ASSIGN(auto id, ParseId(req.Param("id")));
    if (projected) {
        ORIENTIR_ASSIGN(auto item, app.GetRendered<T>(actor, id));
        if (req.Header("if-none-match") == ETagFor(item.version))
            return WithETag(Response::Text(304, ""), item.version);
        if (splice) splice(app, item);
        return WithETag(JsonTextResponse(200, std::move(item.json)), item.version);
    }
    ORIENTIR_ASSIGN(T v, app.Get<T>(actor, id));
    if (req.Header("if-none-match") == ETagFor(v.meta.version))
        return WithETag(Response::Text(304, ""), v.meta.version);
    return WithETag(Response::Json(200, render(actor, v)), v.meta.version);
}

template <class T>
void RegisterCrud(Router& router, App& app, const ActorResolver& actor_of, const std::string& plural,
                  const std::string& schema, Decorate<T> decorate = nullptr, const Splice& splice = nullptr) {
    const std::string base = "/api/v1/" + plural;
    const std::string kind = app::Entity<T>::kKind;
    auto render = [&app, decorate](const Actor& actor, const T& v) {
        OrderedJson j = app::ToApiJson(v);
        if (decorate) decorate(app, actor, v, j);
        return j;
    };

    router.Add("GET", base,
               [&app, actor_of, kind, render, decorate, splice](Request& req) -> Reply {
                   ORIENTIR_ASSIGN(auto params, ListParamsFrom(req, kind));
                   Actor actor = actor_of(req);
                   if (WantsXlsx(req)) return XlsxList<T>(app, actor, params, kind, render, req);
                   if (!decorate || splice) {  // items as the list projection holds them (ADR 0073)
                       ORIENTIR_ASSIGN(auto rendered, app.ListRendered<T>(actor, params));
                       if (splice)
                           for (auto& item : rendered.items) splice(app, item);
                       return ListResponse(rendered);
                   }
                   ORIENTIR_ASSIGN(auto list, app.List<T>(actor, params));
                   OrderedJson items = OrderedJson::array();
                   for (const auto& v : list.items) items.push_back(render(actor, v));
                   return Response::Json(200, ListEnvelope(std::move(items), list.total, list.next_after));
               },
               {"List " + plural + " (filters: " + Join(app::ListFilterNames(kind), ", ") + "; limit, cursor, order)",
                plural, "", schema + "List", [&] {
                    auto q = app::ListFilterNames(kind);
                    q.insert(q.end(), {"limit", "cursor", "order", "format", "lang"});
                    return q;
                }()});

    auto read = [](const Json& j, T& v) { return domain::FromJson(j, v); };
    router.Add("POST", base,
               [&app, actor_of, base, render, read](Request& req) -> Reply {
                   ORIENTIR_ASSIGN(T v, ReadBody<T>(req, read));
                   Actor actor = actor_of(req);
                   ORIENTIR_ASSIGN(T created, app.Create(actor, std::move(v)));
                   Response r = Response::Json(201, render(actor, created));
                   r.Header("Location", base + "/" + std::to_string(created.meta.id));
                   return WithETag(std::move(r), created.meta.version);
               },
               {"Create a " + kind, plural, schema, schema, {}});

    router.Add("GET", base + "/{id}",
               [&app, actor_of, render, decorate, splice](Request& req) -> Reply {
                   return ReadOne<T>(app, actor_of(req), req, render, !decorate || splice, splice);
               },
               {"Read one " + kind + " (ETag = version)", plural, "", schema, {}});

    router.Add("PUT", base + "/{id}",
               [&app, actor_of, render, read](Request& req) -> Reply {
                   ORIENTIR_ASSIGN(auto id, ParseId(req.Param("id")));
                   ORIENTIR_ASSIGN(auto version, RequiredIfMatchVersion(req));
                   ORIENTIR_ASSIGN(T v, ReadBody<T>(req, read));
                   Actor actor = actor_of(req);
                   ORIENTIR_ASSIGN(T updated, app.Update(actor, id, std::move(v), version));
                   return WithETag(Response::Json(200, render(actor, updated)), updated.meta.version);
               },
               {"Replace a " + kind + " (requires If-Match)", plural, schema, schema, {}});

    router.Add("DELETE", base + "/{id}",
               [&app, actor_of](Request& req) -> Reply {
                   ORIENTIR_ASSIGN(auto id, ParseId(req.Param("id")));
                   ORIENTIR_ASSIGN(auto version, RequiredIfMatchVersion(req));
                   ORIENTIR_TRY(app.Delete<T>(actor_of(req), id, version));
                   return Response::Text(204, "");
               },
               {"Delete a " + kind + " (requires If-Match)", plural, "", "", {}});
}

// Practices and adoptions carry their freshness (state, confirmed_at, due; issue 16).
template <class T>
void AddFreshness(App& a, const Actor&, const T& v, OrderedJson& j) {
    j["freshness"] = app::ToJson(app::FreshnessInfoOf(a, v));
}

// The same on a projected list item: its state is today's, so it is added when the list is read.
template <class T>
void SpliceFreshness(App& a, app::RenderedItem& item) {
    if (item.json.empty() || item.json.back() != '}') return;
    constexpr bool kAdoption = std::is_same_v<T, domain::Adoption>;
    std::string fresh;
    if (item.confirmed_on) {  // from the index: the memoised text (no item parsed, no JSON built)
        fresh = app::FreshnessJsonOn(a, *item.confirmed_on, kAdoption, item.discontinued);
    } else {
        auto f = app::FreshnessInfoOfItem(a, item, kAdoption);
        if (!f) return;
        fresh = app::ToJson(*f).dump();
    }
    item.json.pop_back();
    item.json.append(",\"freshness\":").append(fresh).push_back('}');
}

}  // namespace

void RegisterRecordRoutes(Router& router, App& app, const ActorResolver& actor_of) {
    RegisterCrud<domain::Organisation>(router, app, actor_of, "organisations", "Organisation");
    RegisterCrud<domain::Person>(router, app, actor_of, "persons", "Person",
                                 [](App& a, const Actor& actor, const domain::Person& p, OrderedJson& j) {
                                     auto pos = a.PositionsOf(actor, p.meta.id);
                                     j["positions"] = OrderedJson::array();
                                     if (pos.ok())
                                         for (const auto& x : pos.value()) j["positions"].push_back(domain::ToJson(x));
                                 });
    RegisterCrud<domain::Position>(router, app, actor_of, "positions", "Position");
    RegisterCrud<domain::Practice>(router, app, actor_of, "practices", "Practice", AddFreshness<domain::Practice>,
                                   SpliceFreshness<domain::Practice>);
    RegisterCrud<domain::Adoption>(router, app, actor_of, "adoptions", "Adoption", AddFreshness<domain::Adoption>,
                                   SpliceFreshness<domain::Adoption>);
    RegisterCrud<domain::Indicator>(router, app, actor_of, "indicators", "Indicator");
    RegisterCrud<domain::IndicatorValue>(router, app, actor_of, "indicator-values", "IndicatorValue");
    RegisterCrud<domain::AdoptionRequest>(router, app, actor_of, "adoption-requests", "AdoptionRequest");
    RegisterCrud<domain::Municipality>(router, app, actor_of, "municipalities", "Municipality");

    router.Add("POST", "/api/v1/adoptions/{id}/stage",
               [&app, actor_of](Request& req) -> Reply {
                   ORIENTIR_ASSIGN(auto action, ReadRecordAction(req));
                   domain::StageEvent ev;
                   auto st = ReadJsonObject(action.body, [&](JsonReader& r) { domain::ReadStageEvent(r, ev); });
                   // `at` may be left out (today).
                   if (!st.ok() && !(st.error().issues.size() == 1 && st.error().issues[0].field == "at" &&
                                     st.error().issues[0].rule == "required"))
                       return st.error();
                   ORIENTIR_ASSIGN(auto moved, app.MoveStage(actor_of(req), action.id, ev, action.version));
                   return WithETag(Response::Json(200, domain::ToJson(moved)), moved.meta.version);
               },
               {"Move an adoption to its next stage ({stage, at?, note?}); forward only, or to discontinued",
                "adoptions",
                "StageEvent",
                "Adoption",
                {}});

    router.Add("GET", "/api/v1/practices/{id}/adoptions",
               [&app, actor_of](Request& req) -> JsonReply {
                   ORIENTIR_ASSIGN(auto id, ParseId(req.Param("id")));
                   ORIENTIR_ASSIGN(auto list, app.AdoptionsOf(actor_of(req), id));
                   OrderedJson items = OrderedJson::array();
                   for (const auto& a : list) items.push_back(domain::ToJson(a));
                   return ListEnvelope(std::move(items), static_cast<std::int64_t>(list.size()), std::nullopt);
               },
               {"Every adoption of a practice (the lineage: source_adoption_id links each to whom it borrowed from)",
                "practices",
                "",
                "AdoptionList",
                {}});

    router.Add("GET", "/api/v1/practices/{id}/effects",
               [&app, actor_of](Request& req) -> JsonReply {
                   ORIENTIR_ASSIGN(auto id, ParseId(req.Param("id")));
                   ORIENTIR_ASSIGN(auto list, app.EffectsOf(actor_of(req), id));
                   OrderedJson items = OrderedJson::array();
                   for (const auto& e : list) items.push_back(app::ToJson(e));
                   return ListEnvelope(std::move(items), static_cast<std::int64_t>(list.size()), std::nullopt);
               },
               {"What adopters report, per comparable figure: medians before and after, median change, how many "
                "improved",
                "practices",
                "",
                "EffectList",
                {}});
    RegisterRequestRoutes(router, app, actor_of);
}

}  // namespace orientir::http
