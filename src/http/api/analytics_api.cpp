#include "http/api/analytics_api.hpp"
#include "http/api/io_api.hpp"
#include "io/xlsx_writer.hpp"

#include "analytics/attribution.hpp"
#include "analytics/benchmark.hpp"
#include "analytics/inferred_network.hpp"
#include "analytics/municipal_network.hpp"
#include "analytics/network.hpp"
#include "analytics/recommend.hpp"
#include "analytics/region_network.hpp"
#include "analytics/seeding.hpp"
#include "analytics/stages.hpp"
#include "analytics/views.hpp"
#include "app/visibility.hpp"
#include "common/strings.hpp"

#include <cmath>
#include <cstdlib>
#include <functional>
#include <memory>

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

// The options of an inferred network from the query; true when they differ from the cached default.
Result<bool> ReadInferenceOptions(const Request& req, const analytics::Snapshot& s,
                                  analytics::RegionalInferenceOptions& o) {
    bool custom = false;
    if (auto m = req.Query("model"); m && !m->empty()) {
        if (!analytics::ParseModel(*m, o.model))
            return Error::Invalid("model", "enum", "model must be exponential, rayleigh or log-normal");
        custom = custom || o.model != analytics::TransmissionModel::kExponential;
    }
    if (auto v = req.Query("params"); v && !v->empty()) {
        for (auto& part : Split(*v, ',')) {
            char* end = nullptr;
            std::string t(Trim(part));
            double x = std::strtod(t.c_str(), &end);
            if (t.empty() || *end != '\0' || !std::isfinite(x))
                return Error::Invalid("params", "number", "params must be comma-separated numbers");
            o.params.push_back(x);
        }
        std::size_t want = o.model == analytics::TransmissionModel::kLogNormal ? 2 : 1;
        if (o.params.size() != want || o.params.back() <= 0)
            return Error::Invalid(
                "params", "count",
                "params takes " + std::to_string(want) + " number(s) for this model, the last one positive");
        custom = true;
    }
    if (auto v = req.Query("p"); v && !v->empty()) {
        char* end = nullptr;
        double p = std::strtod(v->c_str(), &end);
        if (*end != '\0' || !(p > 0 && p <= 1)) return Error::Invalid("p", "range", "p must be in (0, 1]");
        o.p_value_cutoff = p;
        custom = custom || p != 0.1;
    }
    if (auto d = req.Query("domain"); d && !d->empty()) {
        o.domain = s.DomainIndex(*d);
        if (o.domain < 0) return Error::NotFound("Направление «" + *d + "» не найдено");
        custom = true;
    }
    return custom;
}

// `level`: region (default) or municipality.
Result<analytics::NetworkLevel> ReadLevel(const Request& req) {
    auto v = req.Query("level").value_or("");
    if (v.empty() || v == "region") return analytics::NetworkLevel::kRegion;
    if (v == "municipality") return analytics::NetworkLevel::kMunicipality;
    return Error::Invalid("level", "enum", "level must be region or municipality");
}

// A cache owned elsewhere (the App's, outliving the router), or the routes' own.
std::shared_ptr<analytics::InferenceCache> CacheOf(analytics::InferenceCache* shared,
                                                   analytics::RegionalInferenceOptions o = {}) {
    return shared ? std::shared_ptr<analytics::InferenceCache>(std::shared_ptr<void>(), shared)
                  : std::make_shared<analytics::InferenceCache>(std::move(o));
}

using ActorOf = std::function<app::Actor(const Request&)>;

// Benchmark, lacking practices and recommendations of a region.
void RegisterRegionRoutes(Router& router, analytics::SnapshotHolder& holder, const Clock& clock) {
    router.Add("GET", "/api/v1/regions/{code}/benchmark",
               [&holder](Request& req) -> Reply {
                   auto s = holder.Get();
                   auto domain = req.Query("domain");
                   if (!domain || domain->empty()) return Error::Invalid("domain", "required", "domain is required");
                   analytics::BenchmarkOptions o;
                   o.target = req.Query("leader").value_or("");
                   ORIENTIR_ASSIGN(auto b, analytics::Benchmark(*s, req.Param("code"), *domain, o));
                   OrderedJson j = analytics::ToJson(*s, b);
                   if (b.target >= 0) {
                       auto lacking = analytics::WhatTheyHave(
                           *s, req.Param("code"), {s->regions[static_cast<std::size_t>(b.target)].code}, *domain, 20);
                       if (lacking.ok()) j["target_practices_lacking"] = analytics::ToJson(*s, *lacking);
                   }
                   if (WantsXlsx(req))
                       return XlsxDownload(io::BenchmarkToXlsx(j, LangOf(req)), "benchmark-" + req.Param("code"), req);
                   return Response::Json(200, j);
               },
               {"Benchmark of a region in a domain: ranks, percentiles, composite index, leaders, peers, gap to a "
                "leader, trends (format=xlsx: the comparison table as a workbook)",
                "analytics",
                "",
                "Benchmark",
                {"domain", "leader", "format", "lang"}});

    router.Add(
        "GET", "/api/v1/regions/{code}/lacking",
        [&holder](Request& req) -> JsonReply {
            auto s = holder.Get();
            std::vector<std::string> from;
            if (auto f = req.Query("from"); f && !f->empty()) {
                for (auto& c : Split(*f, ',')) from.emplace_back(Trim(c));
            } else {
                int r = s->RegionIndex(req.Param("code"));
                for (int p : s->Peers(r, 5)) from.push_back(s->regions[static_cast<std::size_t>(p)].code);
            }
            ORIENTIR_ASSIGN(auto limit, IntParam(req, "limit", 50, 1, 200));
            ORIENTIR_ASSIGN(auto r,
                            analytics::WhatTheyHave(*s, req.Param("code"), from, req.Query("domain").value_or(""),
                                                    static_cast<std::size_t>(limit)));
            OrderedJson compared = OrderedJson::array();
            for (auto& c : from) compared.push_back(analytics::RegionJson(*s, s->RegionIndex(c)));
            return OrderedJson{{"compared_with", compared}, {"items", analytics::ToJson(*s, r)}};
        },
        {"Practices the given regions (default: the 5 nearest peers) originated or adopted and this region lacks",
         "analytics",
         "",
         "LackingPractices",
         {"from", "domain", "limit"}});

    router.Add("GET", "/api/v1/regions/{code}/recommendations",
               [&holder, &clock](Request& req) -> JsonReply {
                   auto s = holder.Get();
                   analytics::RecommendOptions o;
                   if (auto m = req.Query("municipality"); m && !m->empty()) {
                       ORIENTIR_ASSIGN(auto id, IdParam(*m, "municipality"));
                       o.municipality = id;
                   }
                   o.domain = req.Query("domain").value_or("");
                   ORIENTIR_ASSIGN(auto limit, IntParam(req, "limit", 20, 1, 100));
                   o.limit = static_cast<std::size_t>(limit);
                   o.today = analytics::DayOf(clock.Today());
                   ORIENTIR_ASSIGN(auto r, analytics::Recommend(*s, req.Param("code"), o));
                   return OrderedJson{{"region", analytics::RegionJson(*s, s->RegionIndex(req.Param("code")))},
                                      {"items", analytics::ToJson(*s, r)}};
               },
               {"Recommended practices for a region or one of its municipalities, with reasons",
                "analytics",
                "",
                "Recommendations",
                {"municipality", "domain", "limit"}});
}

// Similar practices, the spread of one, probable duplicates of a submission.
void RegisterPracticeRoutes(Router& router, analytics::SnapshotHolder& holder, const ActorOf& actor_of) {
    router.Add("GET", "/api/v1/practices/{id}/similar",
               [&holder, actor_of](Request& req) -> JsonReply {
                   auto s = holder.Get();
                   ORIENTIR_ASSIGN(auto id, IdParam(req.Param("id"), "id"));
                   ORIENTIR_ASSIGN(auto limit, IntParam(req, "limit", 10, 1, 50));
                   const auto actor = actor_of(req);
                   ORIENTIR_TRY(VisiblePractice(*s, actor, id));
                   ORIENTIR_ASSIGN(auto r, analytics::SimilarPractices(*s, id, static_cast<std::size_t>(limit)));
                   KeepVisible(*s, actor, r);
                   return OrderedJson{{"items", analytics::ToJson(*s, r)}};
               },
               {"Published practices similar to this one (title and summary)",
                "analytics",
                "",
                "SimilarPractices",
                {"limit"}});

    router.Add("GET", "/api/v1/practices/{id}/spread",
               [&holder, actor_of](Request& req) -> JsonReply {
                   auto s = holder.Get();
                   ORIENTIR_ASSIGN(auto id, IdParam(req.Param("id"), "id"));
                   ORIENTIR_TRY(VisiblePractice(*s, actor_of(req), id));
                   ORIENTIR_ASSIGN(auto r, analytics::Spread(*s, id));
                   return analytics::ToJson(*s, r);
               },
               {"Spread of one practice over time: adoptions with lineage, regions and municipalities by year",
                "analytics",
                "",
                "PracticeSpread",
                {}});

    router.Add(
        "GET", "/api/v1/analytics/duplicates",
        [&holder, actor_of](Request& req) -> JsonReply {
            auto s = holder.Get();
            auto title = req.Query("title").value_or("");
            if (Trim(title).empty()) return Error::Invalid("title", "required", "title is required");
            auto r = analytics::ProbableDuplicates(*s, title, req.Query("summary").value_or(""));
            KeepVisible(*s, actor_of(req), r);
            return OrderedJson{{"threshold", analytics::kDuplicateThreshold}, {"items", analytics::ToJson(*s, r)}};
        },
        {"Probable duplicates of a practice being submitted",
         "analytics",
         "",
         "SimilarPractices",
         {"title", "summary"}});
}

// The diffusion network, the career overlay and the stage analytics.
void RegisterNetworkRoutes(Router& router, analytics::SnapshotHolder& holder, const ActorOf& actor_of) {
    router.Add("GET", "/api/v1/network",
               [&holder, &router](Request& req) -> JsonReply {
                   auto s = holder.Get();
                   ORIENTIR_ASSIGN(auto edges, IntParam(req, "edges", 500, 1, 10000));
                   analytics::NetworkFilter f{req.Query("domain").value_or(""), req.Query("from").value_or(""),
                                              req.Query("to").value_or(""), static_cast<std::size_t>(edges)};
                   if (auto key = req.Query("region"); key && !key->empty()) {
                       ORIENTIR_ASSIGN(auto code, router.Resolve("regions", std::string(Trim(*key))));
                       int region = s->RegionIndex(code);
                       if (region < 0) return Error::NotFound("Регион «" + *key + "» не найден");
                       ORIENTIR_ASSIGN(auto r, analytics::RegionNetwork(*s, region, f));
                       return analytics::RegionNetworkJson(*s, r);
                   }
                   ORIENTIR_ASSIGN(auto r, analytics::Network(*s, f));
                   OrderedJson j = analytics::ToJson(*s, r);
                   analytics::AddTilePositions(*s, j);
                   return j;
               },
               {"Diffusion network between regions: weighted edges source → adopter, roles, influence, channel shares, "
                "median days to adoption (the heaviest `edges`, default 500), nodes with x/y on the tile map. With "
                "`region` (any region key): that region's own network — partners it borrowed from and that borrowed "
                "from it, by channel and year, nodes with x/y of a fixed layout",
                "analytics",
                "",
                "Network",
                {"domain", "from", "to", "edges", "region"},
                true});

    router.Add("GET", "/api/v1/network/careers",
               [&holder, actor_of](Request& req) -> JsonReply {
                   auto s = holder.Get();
                   ORIENTIR_ASSIGN(auto years, IntParam(req, "years", 3, 0, 30));
                   auto domain = req.Query("domain").value_or("");
                   if (!domain.empty() && s->DomainIndex(domain) < 0)
                       return Error::NotFound("Направление «" + domain + "» не найдено");
                   const bool all = req.Query("all").value_or("") == "1";
                   auto r = analytics::CareerOverlay(*s, years, domain, all);
                   app::KeepVisibleAdoptions(*s, actor_of(req), r, all);
                   return analytics::ToJson(*s, r);
               },
               {"Career overlay: officials who moved between regions and the adoptions between them within N years",
                "analytics",
                "",
                "CareerOverlay",
                {"years", "domain", "all"}});

    // Inferred (latent) network and likely sources of unexplained adoptions (issue 17). The default
    // inference is cached per snapshot and recomputed when the snapshot changes.
    router.Add("GET", "/api/v1/analytics/stages",
               [&holder](Request& req) -> JsonReply {
                   auto s = holder.Get();
                   ORIENTIR_ASSIGN(auto r, analytics::Stages(*s, req.Query("by").value_or("")));
                   return analytics::ToJson(*s, r);
               },
               {"Stage-resolved diffusion: median days between stages, pilot → implemented → scaled conversion and "
                "discontinuation, overall and by channel, domain or region; personnel effect of officials' moves",
                "analytics",
                "",
                "Stages",
                {"by"}});
}

// Inferred (latent) network and likely sources of unexplained adoptions (issue 17). The default
// inference is cached per snapshot and recomputed when the snapshot changes.
void RegisterInferenceRoutes(Router& router, analytics::SnapshotHolder& holder, const ActorOf& actor_of,
                             analytics::InferenceCache* shared, analytics::InferenceCache* shared_municipal,
                             const SignalWeightsFn& weights_of) {
    auto inference = CacheOf(shared);
    auto municipal = CacheOf(shared_municipal, {.level = analytics::NetworkLevel::kMunicipality});
    router.Add(
        "GET", "/api/v1/network/inferred",
        [&holder, inference, municipal](Request& req) -> JsonReply {
            auto s = holder.Get();
            ORIENTIR_ASSIGN(auto limit, IntParam(req, "edges", 500, 1, 10000));
            analytics::RegionalInferenceOptions o;
            ORIENTIR_ASSIGN(o.level, ReadLevel(req));
            ORIENTIR_ASSIGN(bool custom, ReadInferenceOptions(req, *s, o));
            const bool muni = o.level == analytics::NetworkLevel::kMunicipality;
            auto n = custom ? analytics::InferRegional(*s, o) : (muni ? municipal : inference)->Get(s);
            if (muni) return analytics::MunicipalNetworkJson(*s, *n, static_cast<std::size_t>(limit));
            return analytics::InferredNetworkJson(*s, *n, static_cast<std::size_t>(limit));
        },
        {"Inferred (latent) diffusion network by NetInf over all practices' adoption times: edges with likelihood "
         "improvement and Vuong p-value, labelled kind=inferred (default: exponential, parameters from the data, "
         "p < 0.1). level=region (default): regions as nodes; level=municipality: municipalities as nodes where "
         "adoptions name one (enough_data=false with a reason when too few do)",
         "analytics",
         "",
         "InferredNetwork",
         {"level", "model", "params", "p", "domain", "edges"},
         true});

    router.Add("GET", "/api/v1/adoptions/{id}/likely-sources",
               [&holder, inference, actor_of, weights_of](Request& req) -> JsonReply {
                   auto s = holder.Get();
                   ORIENTIR_ASSIGN(auto id, IdParam(req.Param("id"), "id"));
                   // An adoption of a practice the actor may not see is answered as missing.
                   auto at = s->adoption_by_id.find(id);
                   if (at == s->adoption_by_id.end() ||
                       !app::MaySeePractice(actor_of(req), *s, s->adoptions[at->second].practice))
                       return Error::NotFound("Внедрение " + std::to_string(id) + " не найдено");
                   ORIENTIR_ASSIGN(auto limit, IntParam(req, "limit", 3, 1, 20));
                   auto signals = req.Query("signals").value_or("all");
                   if (signals != "all" && signals != "timing")
                       return Error::Invalid("signals", "enum", "signals must be all or timing");
                   auto net = inference->Get(s);
                   auto learned = weights_of ? weights_of(s) : std::make_shared<const analytics::LearnedWeights>();
                   auto w = signals == "timing" ? analytics::AttributionWeights::TimingOnly() : learned->weights;
                   ORIENTIR_ASSIGN(auto r,
                                   analytics::LikelySourcesFor(*s, net.get(), id, static_cast<std::size_t>(limit), w));
                   auto j = analytics::LikelySourcesJson(*s, r);
                   if (signals == "all") j["weights"] = analytics::LearnedWeightsJson(*learned);
                   return j;
               },
               {"Likely sources of an adoption (regions that had the practice earlier), ranked by timing, the "
                "inferred network, career moves, peers and district, with Russian reasons",
                "analytics",
                "",
                "LikelySources",
                {"limit", "signals"}});

    router.Add("GET", "/api/v1/practices/{id}/seeding",
               [&holder, inference, actor_of](Request& req) -> JsonReply {
                   auto s = holder.Get();
                   ORIENTIR_ASSIGN(auto id, IdParam(req.Param("id"), "id"));
                   ORIENTIR_TRY(VisiblePractice(*s, actor_of(req), id));
                   ORIENTIR_ASSIGN(auto k, IntParam(req, "seeds", 3, 1, 10));
                   ORIENTIR_ASSIGN(auto horizon, IntParam(req, "horizon", 3, 1, 20));
                   analytics::SeedingOptions o;
                   o.seeds = k;
                   o.horizon_years = horizon;
                   auto net = inference->Get(s);
                   ORIENTIR_ASSIGN(auto r, analytics::Seeding(*s, *net, id, o));
                   return analytics::SeedingJson(*s, r, o);
               },
               {"Where to seed a practice: regions to work with first so it reaches most regions within the horizon "
                "(years) on the inferred network; CELF greedy with expected reach",
                "analytics",
                "",
                "Seeding",
                {"seeds", "horizon"},
                true});
}

}  // namespace

void RegisterAnalyticsRoutes(Router& router, analytics::SnapshotHolder& holder, const Clock& clock,
                             ActorResolver resolve, analytics::InferenceCache* inference,
                             analytics::InferenceCache* municipal, const SignalWeightsFn& weights) {
    ActorOf actor_of = [resolve = std::move(resolve)](const Request& req) {
        return resolve ? resolve(req) : app::Actor::Anonymous();
    };
    RegisterRegionRoutes(router, holder, clock);
    RegisterPracticeRoutes(router, holder, actor_of);
    RegisterNetworkRoutes(router, holder, actor_of);
    RegisterInferenceRoutes(router, holder, actor_of, inference, municipal, weights);
}

}  // namespace orientir::http
