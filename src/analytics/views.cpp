#include "analytics/views.hpp"

#include <cmath>

#include "analytics/russian.hpp"
#include "domain/enums.hpp"

namespace orientir::analytics {

namespace {

double Round(double v, double scale) { return std::round(v * scale) / scale; }

OrderedJson Num(const std::optional<double>& v, double scale = 1e4) {
    return v ? OrderedJson(Round(*v, scale)) : OrderedJson(nullptr);
}

OrderedJson Series(const std::vector<YearValue>& xs) {
    OrderedJson a = OrderedJson::array();
    for (auto& p : xs) a.push_back({{"year", p.year}, {"value", Round(p.value, 1e4)}});
    return a;
}

}  // namespace

OrderedJson ChannelsJson(const std::array<int, kChannelCount>& c) {
    OrderedJson o = OrderedJson::object();
    int total = 0;
    for (int v : c) total += v;
    for (auto ch : domain::AllChannel()) {
        int v = c[static_cast<std::size_t>(ch)];
        if (!v) continue;
        o[std::string(domain::Code(ch))] = {{"count", v},
                                            {"share", total ? Round(static_cast<double>(v) / total, 1e3) : 0.0}};
    }
    return o;
}

OrderedJson RegionJson(const Snapshot& s, int region) {
    if (region < 0) return nullptr;
    const auto& r = s.regions[static_cast<std::size_t>(region)];
    OrderedJson j = {{"code", r.code}, {"name", r.name}, {"short_name", ru::DisplayName(r)}};
    if (!r.name_en.empty()) j["name_en"] = r.name_en;
    return j;
}

OrderedJson PracticeBriefJson(const Snapshot& s, int practice) {
    const auto& p = s.practices[static_cast<std::size_t>(practice)];
    OrderedJson domains = OrderedJson::array();
    for (auto k = p.domains_begin; k < p.domains_end; ++k)
        if (s.practice_domains[k] >= 0) domains.push_back(s.domains[static_cast<std::size_t>(s.practice_domains[k])]);
    OrderedJson j = {{"id", p.id},
                     {"title", s.titles[static_cast<std::size_t>(practice)]},
                     {"domains", domains},
                     {"origin", RegionJson(s, p.origin_region)},
                     {"state", std::string(domain::Code(p.state))},
                     {"adopter_regions", p.adopter_regions},
                     {"adopter_municipalities", p.adopter_municipalities},
                     {"has_results", p.has_results},
                     {"url", "/api/v1/practices/" + std::to_string(p.id)}};
    if (p.origin_organisation) j["origin_organisation_id"] = p.origin_organisation;
    if (p.origin_municipality) j["origin_municipality_id"] = p.origin_municipality;
    return j;
}

OrderedJson ToJson(const Snapshot& s, const BenchmarkResult& b) {
    OrderedJson inds = OrderedJson::array();
    for (const auto& x : b.indicators) {
        const auto& ind = s.indicators[static_cast<std::size_t>(x.indicator)];
        inds.push_back({{"code", ind.code},
                        {"name", ind.name},
                        {"name_en", ind.name_en},
                        {"unit", ind.unit},
                        {"unit_en", ind.unit_en},
                        {"direction", std::string(domain::Code(ind.direction))},
                        {"source", ind.source},
                        {"year", x.ref_year ? OrderedJson(x.ref_year) : OrderedJson(nullptr)},
                        {"value", Num(x.value)},
                        {"rank", x.rank ? OrderedJson(x.rank) : OrderedJson(nullptr)},
                        {"ranked", x.ranked},
                        {"percentile", Num(x.percentile, 10)},
                        {"best", {{"region", RegionJson(s, x.best_region)}, {"value", Num(x.best_value)}}},
                        {"target_value", Num(x.target_value)},
                        {"gap", Num(x.gap)},
                        {"shortfall", Num(x.shortfall)},
                        {"shortfall_pct", Num(x.shortfall_pct, 10)},
                        {"slope_per_year", Num(x.slope)},
                        {"trend", Series(x.trend)},
                        {"target_trend", Series(x.target_trend)}});
    }
    OrderedJson leaders = OrderedJson::array(), peers = OrderedJson::array();
    for (auto& l : b.leaders)
        leaders.push_back({{"region", RegionJson(s, l.region)}, {"composite", Round(l.score, 10)}});
    for (auto& p : b.peers) peers.push_back({{"region", RegionJson(s, p.region)}, {"distance", Round(p.score, 1e3)}});
    return {{"region", RegionJson(s, b.region)},
            {"domain", s.domains[static_cast<std::size_t>(b.domain)]},
            {"composite",
             {{"value", Num(b.composite, 10)},
              {"rank", b.composite_rank ? OrderedJson(b.composite_rank) : OrderedJson(nullptr)},
              {"ranked", b.composite_ranked},
              {"method", "mean percentile over the domain's indicators at their reference year"}}},
            {"target", b.target >= 0 ? OrderedJson({{"region", RegionJson(s, b.target)},
                                                    {"kind", b.target_kind},
                                                    {"composite", Num(b.target_composite, 10)}})
                                     : OrderedJson(nullptr)},
            {"indicators", inds},
            {"leaders", leaders},
            {"peers", peers},
            {"peer_profile", s.profile_features}};
}

OrderedJson ToJson(const Snapshot& s, const std::vector<LackingPractice>& lacking) {
    OrderedJson a = OrderedJson::array();
    for (const auto& l : lacking) {
        OrderedJson holders = OrderedJson::array();
        for (const auto& h : l.holders) {
            OrderedJson hj = {
                {"region", RegionJson(s, h.region)},
                {"role", h.origin ? "origin" : "adopter"},
                {"stage", h.origin ? OrderedJson(nullptr) : OrderedJson(std::string(domain::Code(h.stage)))}};
            if (h.adoption_id) hj["adoption_id"] = h.adoption_id;
            holders.push_back(std::move(hj));
        }
        a.push_back({{"practice", PracticeBriefJson(s, l.practice)}, {"holders", holders}});
    }
    return a;
}

OrderedJson ToJson(const Snapshot& s, const std::vector<Recommendation>& recs) {
    OrderedJson a = OrderedJson::array();
    for (const auto& r : recs) {
        OrderedJson peers = OrderedJson::array();
        for (int p : r.peer_adopters) peers.push_back(RegionJson(s, p));
        a.push_back({{"practice", PracticeBriefJson(s, r.practice)},
                     {"score", Round(r.score, 1e3)},
                     {"reason", r.reason},
                     {"reasons", r.reasons},
                     {"reason_en", r.reason_en},
                     {"reasons_en", r.reasons_en},
                     {"parts",
                      {{"peers", Round(r.parts.peers, 1e3)},
                       {"reach", Round(r.parts.reach, 1e3)},
                       {"evidence", Round(r.parts.evidence, 1e3)},
                       {"leader", Round(r.parts.leader, 1e3)},
                       {"proximity", Round(r.parts.proximity, 1e3)},
                       {"freshness", Round(r.parts.freshness, 1e3)}}},
                     {"peer_adopters", peers}});
    }
    return a;
}

OrderedJson ToJson(const Snapshot& s, const std::vector<SimilarPractice>& similar) {
    OrderedJson a = OrderedJson::array();
    for (const auto& x : similar)
        a.push_back({{"practice", PracticeBriefJson(s, x.practice)},
                     {"score", Round(x.score, 1e3)},
                     {"probable_duplicate", x.probable_duplicate}});
    return a;
}

OrderedJson ToJson(const Snapshot& s, const NetworkResult& n) {
    OrderedJson edges = OrderedJson::array(), nodes = OrderedJson::array();
    for (const auto& e : n.edges)
        edges.push_back({{"source", s.regions[static_cast<std::size_t>(e.source)].code},
                         {"target", s.regions[static_cast<std::size_t>(e.target)].code},
                         {"weight", e.weight},
                         {"channels", ChannelsJson(e.channels)}});
    int rank = 0;
    for (const auto& x : n.nodes)
        nodes.push_back({{"region", RegionJson(s, x.region)},
                         {"role", RoleCode(x.role)},
                         {"influence", x.influence},
                         {"influence_rank", ++rank},
                         {"out_weight", x.out_weight},
                         {"in_weight", x.in_weight},
                         {"out_degree", x.out_degree},
                         {"in_degree", x.in_degree}});
    return {{"adoptions", n.adoptions},
            {"total_edges", n.total_edges},
            {"intra_regional", n.intra_regional},
            {"unknown_source", n.unknown_source},
            {"median_days_to_adoption", Num(n.median_days, 10)},
            {"timed_adoptions", n.timed},
            {"channels", ChannelsJson(n.channels)},
            {"nodes", nodes},
            {"edges", edges}};
}

OrderedJson ToJson(const Snapshot& s, const SpreadResult& sp) {
    OrderedJson events = OrderedJson::array(), years = OrderedJson::array();
    for (std::size_t k = 0; k < sp.adoptions.size(); ++k) {
        const auto& a = s.adoptions[static_cast<std::size_t>(sp.adoptions[k])];
        OrderedJson e = {
            {"adoption_id", a.id},
            {"region", RegionJson(s, a.adopter_region)},
            {"municipality_id", a.municipality ? OrderedJson(a.municipality) : OrderedJson(nullptr)},
            {"source_region", RegionJson(s, a.source_region)},
            {"source_adoption_id", a.source_adoption ? OrderedJson(a.source_adoption) : OrderedJson(nullptr)},
            {"generation", sp.generation[k]},
            {"channel", std::string(domain::Code(a.channel))},
            {"stage", std::string(domain::Code(a.stage))},
            {"started_at", a.start_day == kNoDay ? OrderedJson(nullptr) : OrderedJson(DateOf(a.start_day))},
            {"stage_at", a.stage_day == kNoDay ? OrderedJson(nullptr) : OrderedJson(DateOf(a.stage_day))}};
        events.push_back(std::move(e));
    }
    for (const auto& y : sp.years)
        years.push_back({{"year", y.year},
                         {"adoptions", y.adoptions},
                         {"new_regions", y.new_regions},
                         {"regions", y.regions},
                         {"new_municipalities", y.new_municipalities},
                         {"municipalities", y.municipalities}});
    const auto& p = s.practices[static_cast<std::size_t>(sp.practice)];
    return {{"practice", PracticeBriefJson(s, sp.practice)},
            {"origin_date", p.origin_day == kNoDay ? OrderedJson(nullptr) : OrderedJson(DateOf(p.origin_day))},
            {"adoptions", events},
            {"years", years}};
}

OrderedJson ToJson(const Snapshot& s, const CareerOverlayResult& c) {
    OrderedJson links = OrderedJson::array();
    for (const auto& l : c.links) {
        const auto& m = s.moves[static_cast<std::size_t>(l.move)];
        OrderedJson ads = OrderedJson::array();
        for (int a : l.adoptions) {
            const auto& ad = s.adoptions[static_cast<std::size_t>(a)];
            ads.push_back({{"adoption_id", ad.id},
                           {"practice", PracticeBriefJson(s, ad.practice)},
                           {"channel", std::string(domain::Code(ad.channel))},
                           {"started_at", DateOf(ad.start_day)}});
        }
        links.push_back({{"person_id", m.person_id},
                         {"person", m.person_name},
                         {"title", m.title},
                         {"from", RegionJson(s, m.from_region)},
                         {"to", RegionJson(s, m.to_region)},
                         {"moved_at", DateOf(m.day)},
                         {"adoptions", ads}});
    }
    return {{"moves", c.moves}, {"links", links}};
}

}  // namespace orientir::analytics
