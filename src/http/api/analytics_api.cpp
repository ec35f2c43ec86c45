#include "http/api/analytics_api.hpp"

#include "analytics/benchmark.hpp"
#include "analytics/network.hpp"
#include "analytics/recommend.hpp"
#include "analytics/views.hpp"
#include "app/visibility.hpp"
#include "common/strings.hpp"

namespace orientir::http {

namespace {

// A bounded integer query parameter; absent → fallback.
Result<int> IntParam(const Request& req, const std::string& name, int fallback, int lo, int hi) {
    auto v = req.Query(name);
    if (!v || v->empty()) return fallback;
    auto n = ParseInt(*v);
    if (!n || *n < lo || *n > hi)
        return Error::Invalid(name, "range",
                              name + " must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi));
    return static_cast<int>(*n);
}

Result<domain::Id> IdParam(const std::string& raw, const std::string& name) {
    auto n = ParseInt(raw);
    if (!n || *n <= 0) return Error::Invalid(name, "id", name + " must be a positive integer");
    return *n;
}

Response Fail(const Error& e, const Request& req) { return Problem(e, req.path); }

// The practice of a per-practice route, or 404 when it does not exist or the actor may not see it
// (the same answer, so a hidden practice cannot be told from a missing one).
Result<int> VisiblePractice(const analytics::Snapshot& s, const app::Actor& actor, domain::Id id) {
    int p = s.PracticeIndex(id);
    if (p < 0 || !app::MaySeePractice(actor, s, p))
        return Error::NotFound("Практика " + std::to_string(id) + " не найдена");
    return p;
}

template <class V>
void KeepVisible(const analytics::Snapshot& s, const app::Actor& actor, V& items) {
    std::erase_if(items, [&](const auto& x) { return !app::MaySeePractice(actor, s, x.practice); });
}

}  // namespace

void RegisterAnalyticsRoutes(Router& router, analytics::SnapshotHolder& holder, const Clock& clock,
                             ActorResolver resolve) {
    using analytics::Snapshot;
    auto actor_of = [resolve = std::move(resolve)](const Request& req) {
        return resolve ? resolve(req) : app::Actor::Anonymous();
    };

    router.Add("GET", "/api/v1/regions/{code}/benchmark",
               [&holder](Request& req) {
                   auto s = holder.Get();
                   auto domain = req.Query("domain");
                   if (!domain || domain->empty())
                       return Fail(Error::Invalid("domain", "required", "domain is required"), req);
                   analytics::BenchmarkOptions o;
                   o.target = req.Query("leader").value_or("");
                   auto b = analytics::Benchmark(*s, req.Param("code"), *domain, o);
                   if (!b.ok()) return Fail(b.error(), req);
                   OrderedJson j = analytics::ToJson(*s, *b);
                   if (b->target >= 0) {
                       auto lacking = analytics::WhatTheyHave(
                           *s, req.Param("code"), {s->regions[static_cast<std::size_t>(b->target)].code}, *domain, 20);
                       if (lacking.ok()) j["target_practices_lacking"] = analytics::ToJson(*s, *lacking);
                   }
                   return Response::Json(200, j);
               },
               {"Benchmark of a region in a domain: ranks, percentiles, composite index, leaders, peers, gap to a "
                "leader, trends",
                "analytics",
                "",
                "Benchmark",
                {"domain", "leader"}});

    router.Add(
        "GET", "/api/v1/regions/{code}/lacking",
        [&holder](Request& req) {
            auto s = holder.Get();
            std::vector<std::string> from;
            if (auto f = req.Query("from"); f && !f->empty()) {
                for (auto& c : Split(*f, ',')) from.emplace_back(Trim(c));
            } else {
                int r = s->RegionIndex(req.Param("code"));
                for (int p : s->Peers(r, 5)) from.push_back(s->regions[static_cast<std::size_t>(p)].code);
            }
            auto limit = IntParam(req, "limit", 50, 1, 200);
            if (!limit.ok()) return Fail(limit.error(), req);
            auto r = analytics::WhatTheyHave(*s, req.Param("code"), from, req.Query("domain").value_or(""),
                                             static_cast<std::size_t>(*limit));
            if (!r.ok()) return Fail(r.error(), req);
            OrderedJson compared = OrderedJson::array();
            for (auto& c : from) compared.push_back(analytics::RegionJson(*s, s->RegionIndex(c)));
            return Response::Json(200, OrderedJson{{"compared_with", compared}, {"items", analytics::ToJson(*s, *r)}});
        },
        {"Practices the given regions (default: the 5 nearest peers) originated or adopted and this region lacks",
         "analytics",
         "",
         "LackingPractices",
         {"from", "domain", "limit"}});

    router.Add("GET", "/api/v1/regions/{code}/recommendations",
               [&holder, &clock](Request& req) {
                   auto s = holder.Get();
                   analytics::RecommendOptions o;
                   if (auto m = req.Query("municipality"); m && !m->empty()) {
                       auto id = IdParam(*m, "municipality");
                       if (!id.ok()) return Fail(id.error(), req);
                       o.municipality = *id;
                   }
                   o.domain = req.Query("domain").value_or("");
                   auto limit = IntParam(req, "limit", 20, 1, 100);
                   if (!limit.ok()) return Fail(limit.error(), req);
                   o.limit = static_cast<std::size_t>(*limit);
                   o.today = analytics::DayOf(clock.Today());
                   auto r = analytics::Recommend(*s, req.Param("code"), o);
                   if (!r.ok()) return Fail(r.error(), req);
                   return Response::Json(
                       200, OrderedJson{{"region", analytics::RegionJson(*s, s->RegionIndex(req.Param("code")))},
                                        {"items", analytics::ToJson(*s, *r)}});
               },
               {"Recommended practices for a region or one of its municipalities, with reasons",
                "analytics",
                "",
                "Recommendations",
                {"municipality", "domain", "limit"}});

    router.Add("GET", "/api/v1/practices/{id}/similar",
               [&holder, actor_of](Request& req) {
                   auto s = holder.Get();
                   auto id = IdParam(req.Param("id"), "id");
                   if (!id.ok()) return Fail(id.error(), req);
                   auto limit = IntParam(req, "limit", 10, 1, 50);
                   if (!limit.ok()) return Fail(limit.error(), req);
                   const auto actor = actor_of(req);
                   if (auto p = VisiblePractice(*s, actor, *id); !p.ok()) return Fail(p.error(), req);
                   auto r = analytics::SimilarPractices(*s, *id, static_cast<std::size_t>(*limit));
                   if (!r.ok()) return Fail(r.error(), req);
                   KeepVisible(*s, actor, *r);
                   return Response::Json(200, OrderedJson{{"items", analytics::ToJson(*s, *r)}});
               },
               {"Published practices similar to this one (title and summary)",
                "analytics",
                "",
                "SimilarPractices",
                {"limit"}});

    router.Add("GET", "/api/v1/practices/{id}/spread",
               [&holder, actor_of](Request& req) {
                   auto s = holder.Get();
                   auto id = IdParam(req.Param("id"), "id");
                   if (!id.ok()) return Fail(id.error(), req);
                   if (auto p = VisiblePractice(*s, actor_of(req), *id); !p.ok()) return Fail(p.error(), req);
                   auto r = analytics::Spread(*s, *id);
                   if (!r.ok()) return Fail(r.error(), req);
                   return Response::Json(200, analytics::ToJson(*s, *r));
               },
               {"Spread of one practice over time: adoptions with lineage, regions and municipalities by year",
                "analytics",
                "",
                "PracticeSpread",
                {}});

    router.Add("GET", "/api/v1/analytics/duplicates",
               [&holder, actor_of](Request& req) {
                   auto s = holder.Get();
                   auto title = req.Query("title").value_or("");
                   if (Trim(title).empty()) return Fail(Error::Invalid("title", "required", "title is required"), req);
                   auto r = analytics::ProbableDuplicates(*s, title, req.Query("summary").value_or(""));
                   KeepVisible(*s, actor_of(req), r);
                   return Response::Json(200, OrderedJson{{"threshold", analytics::kDuplicateThreshold},
                                                          {"items", analytics::ToJson(*s, r)}});
               },
               {"Probable duplicates of a practice being submitted",
                "analytics",
                "",
                "SimilarPractices",
                {"title", "summary"}});

    router.Add("GET", "/api/v1/network",
               [&holder](Request& req) {
                   auto s = holder.Get();
                   auto edges = IntParam(req, "edges", 500, 1, 10000);
                   if (!edges.ok()) return Fail(edges.error(), req);
                   analytics::NetworkFilter f{req.Query("domain").value_or(""), req.Query("from").value_or(""),
                                              req.Query("to").value_or(""), static_cast<std::size_t>(*edges)};
                   auto r = analytics::Network(*s, f);
                   if (!r.ok()) return Fail(r.error(), req);
                   return Response::Json(200, analytics::ToJson(*s, *r));
               },
               {"Diffusion network between regions: weighted edges source → adopter, roles, influence, channel shares, "
                "median days to adoption (the heaviest `edges`, default 500)",
                "analytics",
                "",
                "Network",
                {"domain", "from", "to", "edges"}});

    router.Add("GET", "/api/v1/network/careers",
               [&holder, actor_of](Request& req) {
                   auto s = holder.Get();
                   auto years = IntParam(req, "years", 3, 0, 30);
                   if (!years.ok()) return Fail(years.error(), req);
                   auto domain = req.Query("domain").value_or("");
                   if (!domain.empty() && s->DomainIndex(domain) < 0)
                       return Fail(Error::NotFound("Направление «" + domain + "» не найдено"), req);
                   const bool all = req.Query("all").value_or("") == "1";
                   auto r = analytics::CareerOverlay(*s, *years, domain, all);
                   app::KeepVisibleAdoptions(*s, actor_of(req), r, all);
                   return Response::Json(200, analytics::ToJson(*s, r));
               },
               {"Career overlay: officials who moved between regions and the adoptions between them within N years",
                "analytics",
                "",
                "CareerOverlay",
                {"years", "domain", "all"}});
}

}  // namespace orientir::http
