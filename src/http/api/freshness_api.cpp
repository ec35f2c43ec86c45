#include "http/api/freshness_api.hpp"

#include "app/freshness.hpp"
#include "domain/codec.hpp"

namespace orientir::http {

namespace {

template <class T>
OrderedJson WithFreshness(app::App& app, const T& v) {
    OrderedJson j = domain::ToJson(v);
    j["freshness"] = app::ToJson(app::FreshnessInfoOf(app, v));
    return j;
}

}  // namespace

void RegisterFreshnessRoutes(Router& router, app::App& app, const ActorResolver& actor_of) {
    router.Add("POST", "/api/v1/practices/{id}/confirm",
               [&app, actor_of](Request& req) {
                   auto id = ParseId(req.Param("id"));
                   if (!id.ok()) return Problem(id.error(), req.path);
                   auto p = app::ConfirmPractice(app, actor_of(req), id.value());
                   if (!p.ok()) return Problem(p.error(), req.path);
                   Response r = Response::Json(200, WithFreshness(app, p.value()));
                   r.Header("ETag", ETagFor(p->meta.version));
                   return r;
               },
               {"Confirm a practice is current (its owners or a curator): last_confirmed_at becomes today",
                "practices",
                "",
                "Practice",
                {}});
    router.Add("POST", "/api/v1/adoptions/{id}/confirm",
               [&app, actor_of](Request& req) {
                   auto id = ParseId(req.Param("id"));
                   if (!id.ok()) return Problem(id.error(), req.path);
                   auto a = app::ConfirmAdoption(app, actor_of(req), id.value());
                   if (!a.ok()) return Problem(a.error(), req.path);
                   Response r = Response::Json(200, WithFreshness(app, a.value()));
                   r.Header("ETag", ETagFor(a->meta.version));
                   return r;
               },
               {"Confirm an adoption is going on (its owners or a curator): clears «требует подтверждения» and "
                "«прекращено?»",
                "adoptions",
                "",
                "Adoption",
                {}});
    router.Add("GET", "/api/v1/freshness",
               [&app, actor_of](Request& req) {
                   auto r = app::StaleShares(app, actor_of(req));
                   if (!r.ok()) return Problem(r.error(), req.path);
                   OrderedJson j = app::ToJson(r.value());
                   auto policy = app::FreshnessPolicyOf(app);
                   j["stale_after_months"] = policy.stale_after_months;
                   j["discontinue_after_months"] = policy.discontinue_after_months;
                   return Response::Json(200, j);
               },
               {"Curators: the share of practices and active adoptions needing confirmation, per region and "
                "domain",
                "freshness",
                "",
                "",
                {},
                true});
}

}  // namespace orientir::http
