// Analytics on the pages: the region's benchmark against peers and leaders, «что есть у них, чего нет
// у нас», recommendations with reasons; similar practices and the spread over time on a practice
// page; the network page (interactive graph + plain tables + career overlay). Reads the analytics
// snapshot through its JSON views (analytics/views.hpp), the same shapes the API serves.
#include <algorithm>
#include <cmath>

#include "analytics/attribution.hpp"
#include "analytics/benchmark.hpp"
#include "analytics/inferred_network.hpp"
#include "analytics/network.hpp"
#include "analytics/recommend.hpp"
#include "analytics/seeding.hpp"
#include "analytics/views.hpp"
#include "app/visibility.hpp"
#include "common/json.hpp"
#include "common/strings.hpp"
#include "web/handlers.hpp"
#include "web/html.hpp"
#include "web/svg.hpp"

namespace orientir::web::detail {

namespace {

std::string Str(const OrderedJson& j, const char* key) {
    if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
    return j[key].get<std::string>();
}
std::optional<double> Num(const OrderedJson& j, const char* key) {
    if (!j.is_object() || !j.contains(key) || !j[key].is_number()) return std::nullopt;
    return j[key].get<double>();
}
std::string RegionCodeOf(const OrderedJson& region) { return Str(region, "code"); }
// A field in the page's language: `<key>_en` on English pages when the data has it (indicator names and
// units, recommendation reasons), else `<key>`.
std::string StrIn(const Ctx& ctx, const OrderedJson& j, const char* key) {
    if (ctx.en()) {
        std::string en = Str(j, (std::string(key) + "_en").c_str());
        if (!en.empty()) return en;
    }
    return Str(j, key);
}

std::string PracticeLinkJ(const OrderedJson& brief) {
    auto id = brief.value("id", static_cast<std::int64_t>(0));
    return "<a href=\"/practices/" + std::to_string(id) + "\">" + E(Str(brief, "title")) + "</a>";
}

// The link with its freshness badge («требует подтверждения»: shown, not hidden; issue 16).
std::string PracticeLinkF(Ctx& ctx, const analytics::Snapshot& s, const OrderedJson& brief) {
    return PracticeLinkJ(brief) +
           SnapshotFreshnessBadge(ctx, s, false, brief.value("id", static_cast<std::int64_t>(0)));
}

std::string StageLabel(const Ctx& ctx, const std::string& code) {
    auto s = domain::ParseAdoptionStage(code);
    return s ? ctx.StageBadge(*s) : E(code);
}

std::string ChannelLabel(const Ctx& ctx, const std::string& code) {
    auto c = domain::ParseChannel(code);
    return c ? ctx.Label(domain::LabelOf(*c)) : E(code);
}

std::string Fmt(const Ctx& ctx, std::optional<double> v, int decimals = 1) {
    return v ? ctx.Number(*v, decimals) : "—";
}

// Paired horizontal bars per indicator: the region and the compared region, each scaled to the
// largest of (region, compared, best) of that indicator, with values printed.
std::string BenchmarkChart(const Ctx& ctx, const OrderedJson& inds, const std::string& own, const std::string& other) {
    const int w = 760, label_h = 18, bar_h = 14, gap = 12, left = 8, bar_w = 560;
    int rows = 0;
    for (const auto& x : inds)
        if (x["value"].is_number() || x["target_value"].is_number()) ++rows;
    if (rows == 0) return "";
    int h = rows * (label_h + 2 * bar_h + gap + 4) + 8;
    std::string s = "<svg class=\"bench\" viewBox=\"0 0 " + std::to_string(w) + " " + std::to_string(h) +
                    "\" width=\"" + std::to_string(w) +
                    "\" role=\"img\" aria-labelledby=\"bench-t\"><title id=\"bench-t\">" + ctx.T("bench.chart") + ": " +
                    own + " — " + other + "</title>";
    int y = 4;
    for (const auto& x : inds) {
        auto v = Num(x, "value"), t = Num(x, "target_value");
        if (!v && !t) continue;
        double best = 0;
        if (x.contains("best")) best = Num(x["best"], "value").value_or(0);
        double mx = std::max({std::fabs(v.value_or(0)), std::fabs(t.value_or(0)), std::fabs(best), 1e-9});
        std::string name = StrIn(ctx, x, "name");
        std::string unit = StrIn(ctx, x, "unit");
        s += "<text class=\"lbl\" x=\"" + std::to_string(left) + "\" y=\"" + std::to_string(y + 13) + "\">" + E(name) +
             (unit.empty() ? "" : ", " + E(unit)) + "</text>";
        y += label_h;
        auto bar = [&](std::optional<double> val, const char* cls, const std::string& who) {
            int bw = val ? static_cast<int>(std::lround(bar_w * std::fabs(*val) / mx)) : 0;
            s += "<rect class=\"" + std::string(cls) + "\" x=\"" + std::to_string(left) + "\" y=\"" +
                 std::to_string(y) + "\" width=\"" + std::to_string(std::max(bw, val ? 1 : 0)) + "\" height=\"" +
                 std::to_string(bar_h - 2) + "\"><title>" + who + ": " + Fmt(ctx, val, 2) + "</title></rect>";
            s += "<text class=\"val\" x=\"" + std::to_string(left + bw + 6) + "\" y=\"" +
                 std::to_string(y + bar_h - 3) + "\">" + Fmt(ctx, val, 2) + "</text>";
            y += bar_h;
        };
        bar(v, "b-own", own);
        bar(t, "b-target", other);
        y += gap + 4;
    }
    s += "</svg>";
    s += "<ul class=\"legend\"><li><span class=\"sw b-own\"></span>" + own +
         "</li><li><span class=\"sw b-target\"></span>" + other + "</li></ul>";
    return s;
}

// A p-value for people: «< 0,001» below a thousandth.
std::string PValue(const Ctx& ctx, double p) { return p < 0.001 ? "< " + ctx.Number(0.001, 3) : ctx.Number(p, 3); }

}  // namespace

std::shared_ptr<const analytics::RegionalInference> Inferred(Ctx& ctx,
                                                             const std::shared_ptr<const analytics::Snapshot>& s) {
    if (!s) return nullptr;
    return ctx.app.inference().Get(s);
}

Html InferredBadge(const Ctx& ctx) {
    return Html() << "<span class=\"badge inferred\">" << Tr(ctx, "inferred.badge") << "</span>";
}

// Ctx's region link is escaped by Ctx.
Html RegionLinkH(const Ctx& ctx, const analytics::Snapshot& s, int region) {
    if (region < 0 || static_cast<std::size_t>(region) >= s.regions.size()) return Text("—");
    return Html::Trusted(ctx.RegionLink(s.regions[static_cast<std::size_t>(region)].code), "Ctx escapes region names");
}

std::string RegionAnalytics(Ctx& ctx, const std::string& code) {
    auto snap = ctx.app.analytics().Get();
    if (!snap || snap->RegionIndex(code) < 0) return "";
    const auto& s = *snap;
    std::string dom = ctx.req.Query("domain").value_or("volunteering");
    if (s.DomainIndex(dom) < 0) dom = "volunteering";
    std::string leader = ctx.req.Query("leader").value_or("");
    if (!leader.empty() && (!ctx.dir->Region(leader) || leader == code)) leader.clear();

    std::string b =
        "<section id=\"benchmark\" aria-labelledby=\"h-bench\"><h2 id=\"h-bench\">" + ctx.T("bench.title") + "</h2>";
    // Domain and leader selector (GET, works without script).
    Values v{{"domain", dom}, {"leader", leader}};
    Form f(ctx, v, {});
    Options doms;
    for (const auto& d : ctx.dir->domains)
        if (s.DomainIndex(d.code) >= 0) doms.emplace_back(d.code, ctx.DomainName(d.code));
    Options regs;
    for (auto& o : RegionOptions(ctx))
        if (o.first != code) regs.push_back(o);
    b += "<form class=\"filters row-form\" method=\"get\" action=\"/regions/" + E(code) + "#benchmark\">";
    b += f.Select("domain", "bench.domain", doms);
    b += f.Select("leader", "bench.leader", regs, {}, ctx.T("bench.leader_auto"));
    b += "<div class=\"actions\"><button type=\"submit\" class=\"button\">" + ctx.T("bench.compare") +
         "</button></div></form>";

    analytics::BenchmarkOptions bo;
    bo.target = leader;
    auto br = analytics::Benchmark(s, code, dom, bo);
    if (!br.ok()) return b + "<p class=\"empty\">" + E(br.error().message) + "</p></section>";
    OrderedJson j = analytics::ToJson(s, *br);
    std::string own = ctx.RegionName(code);
    std::string target_code = j["target"].is_object() ? RegionCodeOf(j["target"]["region"]) : "";
    std::string other = target_code.empty() ? "—" : ctx.RegionName(target_code);

    // Composite index.
    const auto& comp = j["composite"];
    b += "<p class=\"lead\">" + ctx.T("bench.composite") + " «" + ctx.DomainName(dom) + "»: <strong>" +
         Fmt(ctx, Num(comp, "value")) + "</strong>";
    if (comp["rank"].is_number())
        b += " — " + ctx.T("bench.place") + " <strong>" + ctx.Integer(comp["rank"].get<int>()) + "</strong> " +
             ctx.T("bench.of") + " " + ctx.Integer(comp.value("ranked", 0));
    if (!target_code.empty())
        b += "; " + ctx.T("bench.compared_with") + " " + ctx.RegionLink(target_code) + " (" +
             Fmt(ctx, Num(j["target"], "composite")) + ", " +
             ctx.T(Str(j["target"], "kind") == "chosen" ? "bench.kind_chosen" : "bench.kind_leader") + ")";
    b += ".</p><p class=\"muted\">" + ctx.T("bench.method") + "</p>";
    b += "<p class=\"download\"><a href=\"/api/v1/regions/" + E(code) + "/benchmark?domain=" + E(UrlEncode(dom)) +
         (leader.empty() ? "" : "&amp;leader=" + E(leader)) + "&amp;format=xlsx" + (ctx.en() ? "&amp;lang=en" : "") +
         "\" download>" + ctx.T("io.download_xlsx") + "</a></p>";

    // Indicator table.
    const auto& inds = j["indicators"];
    if (inds.empty()) {
        b += "<p class=\"empty\">" + ctx.T("bench.no_indicators") + "</p>";
    } else {
        b += "<div class=\"scroll\"><table class=\"data\" id=\"bench-table\"><caption>" + ctx.T("bench.table") +
             "</caption><thead><tr><th scope=\"col\">" + ctx.T("bench.indicator") + "</th><th scope=\"col\">" +
             ctx.T("bench.year") + "</th><th scope=\"col\">" + own + "</th><th scope=\"col\">" + ctx.T("bench.rank") +
             "</th><th scope=\"col\">" + ctx.T("bench.percentile") + "</th><th scope=\"col\">" + other +
             "</th><th scope=\"col\">" + ctx.T("bench.gap") + "</th><th scope=\"col\">" + ctx.T("bench.best") +
             "</th><th scope=\"col\">" + ctx.T("bench.trend") + "</th></tr></thead><tbody>";
        for (const auto& x : inds) {
            std::string unit = StrIn(ctx, x, "unit");
            b += "<tr><th scope=\"row\">" + E(StrIn(ctx, x, "name")) +
                 (unit.empty() ? "" : "<br><span class=\"muted\">" + E(unit) + "</span>") + "</th>";
            b += "<td>" + (x["year"].is_number() ? std::to_string(x["year"].get<int>()) : std::string("—")) + "</td>";
            b += "<td class=\"num\">" + Fmt(ctx, Num(x, "value"), 2) + "</td>";
            b += "<td class=\"num\">" +
                 (x["rank"].is_number() ? ctx.Integer(x["rank"].get<int>()) + "/" + ctx.Integer(x.value("ranked", 0))
                                        : "—") +
                 "</td>";
            b += "<td class=\"num\">" + Fmt(ctx, Num(x, "percentile")) + "</td>";
            b += "<td class=\"num\">" + Fmt(ctx, Num(x, "target_value"), 2) + "</td>";
            auto sf = Num(x, "shortfall");
            auto sfp = Num(x, "shortfall_pct");
            std::string gap_cls = sf && *sf > 0 ? "behind" : "ahead";
            b += "<td class=\"num " + gap_cls + "\">" + Fmt(ctx, Num(x, "gap"), 2);
            if (sf && sfp)
                b += "<br><span class=\"muted\">" +
                     std::string(*sf > 0 ? ctx.T("bench.behind") : ctx.T("bench.ahead")) + " " +
                     ctx.Number(std::fabs(*sfp)) + "%</span>";
            b += "</td>";
            std::string best_code = x.contains("best") ? RegionCodeOf(x["best"]["region"]) : "";
            b += "<td>" +
                 (best_code.empty() ? std::string("—")
                                    : ctx.RegionShort(best_code) + " (" + Fmt(ctx, Num(x["best"], "value"), 2) + ")") +
                 "</td>";
            auto slope = Num(x, "slope_per_year");
            std::string tr = "—";
            if (slope)
                tr = std::string(*slope > 0 ? "↗ +" : (*slope < 0 ? "↘ " : "→ ")) + ctx.Number(*slope, 2) + " " +
                     ctx.T("bench.per_year");
            const auto& series = x["trend"];
            if (series.size() >= 2)
                tr += "<br><span class=\"muted\">" + std::to_string(series.front()["year"].get<int>()) + ": " +
                      ctx.Number(series.front()["value"].get<double>(), 2) + " → " +
                      std::to_string(series.back()["year"].get<int>()) + ": " +
                      ctx.Number(series.back()["value"].get<double>(), 2) + "</span>";
            b += "<td>" + tr + "</td></tr>";
        }
        b += "</tbody></table></div>";
        b += BenchmarkChart(ctx, inds, own, other);
    }
    // Leaders and peers.
    b += "<div class=\"cols\"><div><h3>" + ctx.T("bench.leaders") + "</h3><ol class=\"leaders\">";
    for (const auto& l : j["leaders"]) {
        std::string c = RegionCodeOf(l["region"]);
        b += "<li><a href=\"/regions/" + E(code) + "?domain=" + E(dom) + "&amp;leader=" + E(c) + "#benchmark\">" +
             ctx.RegionName(c) + "</a> — " + Fmt(ctx, Num(l, "composite")) + "</li>";
    }
    b += "</ol></div><div><h3>" + ctx.T("bench.peers") + "</h3><ol class=\"peers\">";
    for (const auto& p : j["peers"]) {
        std::string c = RegionCodeOf(p["region"]);
        b += "<li><a href=\"/regions/" + E(code) + "?domain=" + E(dom) + "&amp;leader=" + E(c) + "#benchmark\">" +
             ctx.RegionName(c) + "</a> <span class=\"muted\">" + ctx.T("bench.distance") + " " +
             Fmt(ctx, Num(p, "distance"), 2) + "</span></li>";
    }
    b += "</ol></div></div></section>";

    // What they have that we lack.
    b += "<section id=\"lacking\" aria-labelledby=\"h-lack\"><h2 id=\"h-lack\">" + ctx.T("bench.lacking") +
         (target_code.empty() ? "" : ": " + other) + "</h2>";
    if (!target_code.empty()) {
        auto lack = analytics::WhatTheyHave(s, code, {target_code}, dom, 15);
        if (!lack.ok() || lack->empty()) {
            b += "<p class=\"empty\">" + ctx.T("bench.nothing_lacking") + "</p>";
        } else {
            OrderedJson lj = analytics::ToJson(s, *lack);
            b += "<ul class=\"cards\">";
            for (const auto& l : lj) {
                const auto& p = l["practice"];
                b += "<li class=\"card\"><h3>" + PracticeLinkF(ctx, s, p) + "</h3><p class=\"meta\">";
                bool first = true;
                for (const auto& h : l["holders"]) {
                    if (!first) b += "; ";
                    first = false;
                    b += ctx.RegionShort(RegionCodeOf(h["region"])) + " — ";
                    b += Str(h, "role") == "origin" ? ctx.T("bench.origin") : StageLabel(ctx, Str(h, "stage"));
                }
                b += "</p><p class=\"muted\">" + ctx.T("bench.spread") + " " +
                     ctx.Count(p.value("adopter_regions", 0), "count.regions") +
                     (p.value("has_results", false) ? " · " + ctx.T("bench.has_results") : "") + "</p></li>";
            }
            b += "</ul>";
        }
    }
    b += "</section>";

    // Recommendations.
    analytics::RecommendOptions ro;
    ro.domain = dom;
    ro.limit = 8;
    ro.today = analytics::DayOf(ctx.Today());
    auto recs = analytics::Recommend(s, code, ro);
    b += "<section id=\"recommendations\" aria-labelledby=\"h-rec\"><h2 id=\"h-rec\">" + ctx.T("rec.title") + " · " +
         ctx.DomainName(dom) + "</h2>";
    if (!recs.ok() || recs->empty()) {
        b += "<p class=\"empty\">" + ctx.T("rec.none") + "</p>";
    } else {
        OrderedJson rj = analytics::ToJson(s, *recs);
        b += "<ol class=\"recs\">";
        for (const auto& r : rj) {
            const auto& p = r["practice"];
            b += "<li><p class=\"title\">" + PracticeLinkF(ctx, s, p) + " <span class=\"muted\">" +
                 ctx.RegionShort(RegionCodeOf(p["origin"])) + " · " + ctx.T("rec.score") + " " +
                 Fmt(ctx, Num(r, "score"), 2) + "</span></p><p class=\"reason\">" + E(StrIn(ctx, r, "reason")) +
                 "</p></li>";
        }
        b += "</ol>";
        if (ctx.en()) b += "<p class=\"muted\">" + ctx.T("rec.reasons_ru") + "</p>";
    }
    b += "<p><a href=\"/network?domain=" + E(dom) + "\">" + ctx.T("net.link") + "</a></p></section>";
    return b;
}

std::string PracticeAnalytics(Ctx& ctx, const domain::Practice& p) {
    auto snap = ctx.app.analytics().Get();
    if (!snap) return "";
    const auto& s = *snap;
    std::string b;
    // Spread over time.
    auto sp = analytics::Spread(s, p.meta.id);
    if (sp.ok() && !sp->years.empty()) {
        OrderedJson j = analytics::ToJson(s, *sp);
        b += "<section id=\"spread-years\" aria-labelledby=\"h-spy\"><h2 id=\"h-spy\">" + ctx.T("spread.title") +
             "</h2>";
        std::vector<Bar> bars;
        for (const auto& y : j["years"])
            bars.push_back(
                {std::to_string(y["year"].get<int>()), static_cast<double>(y["regions"].get<int>()), "interest"});
        b += BarChart(ctx, ctx.T("spread.chart"), bars);
        b += "<table class=\"data\"><thead><tr><th scope=\"col\">" + ctx.T("bench.year") + "</th><th scope=\"col\">" +
             ctx.T("spread.adoptions") + "</th><th scope=\"col\">" + ctx.T("spread.new_regions") +
             "</th><th scope=\"col\">" + ctx.T("spread.regions") + "</th><th scope=\"col\">" +
             ctx.T("spread.municipalities") + "</th></tr></thead><tbody>";
        for (const auto& y : j["years"])
            b += "<tr><th scope=\"row\">" + std::to_string(y["year"].get<int>()) + "</th><td class=\"num\">" +
                 ctx.Integer(y["adoptions"].get<int>()) + "</td><td class=\"num\">" +
                 ctx.Integer(y["new_regions"].get<int>()) + "</td><td class=\"num\">" +
                 ctx.Integer(y["regions"].get<int>()) + "</td><td class=\"num\">" +
                 ctx.Integer(y["municipalities"].get<int>()) + "</td></tr>";
        b += "</tbody></table></section>";
    }
    auto sim = analytics::SimilarPractices(s, p.meta.id, 6);
    if (sim.ok() && !sim->empty()) {
        OrderedJson j = analytics::ToJson(s, *sim);
        b += "<section id=\"similar\" aria-labelledby=\"h-sim\"><h2 id=\"h-sim\">" + ctx.T("similar.title") +
             "</h2><ul class=\"similar\">";
        for (const auto& x : j) {
            const auto& pr = x["practice"];
            b += "<li>" + PracticeLinkF(ctx, s, pr) + " <span class=\"muted\">" +
                 ctx.RegionShort(RegionCodeOf(pr["origin"])) + " · " + ctx.T("similar.score") + " " +
                 Fmt(ctx, Num(x, "score"), 2) + "</span>" +
                 (x.value("probable_duplicate", false)
                      ? " <span class=\"badge state\">" + ctx.T("similar.duplicate") + "</span>"
                      : "") +
                 "</li>";
        }
        b += "</ul></section>";
    }
    return b;
}

std::string SeedingSection(Ctx& ctx, const domain::Practice& p) {
    auto snap = ctx.app.analytics().Get();
    if (!snap) return "";
    const auto& s = *snap;
    auto net = Inferred(ctx, snap);
    if (!net) return "";
    analytics::SeedingOptions o;
    auto r = analytics::Seeding(s, *net, p.meta.id, o);
    if (!r.ok()) return "";
    Html h;
    h << "<section id=\"seeding\" class=\"inferred\" aria-labelledby=\"h-seed\"><h2 id=\"h-seed\">"
      << Tr(ctx, "seed.title") << " " << InferredBadge(ctx) << "</h2><p class=\"muted\">" << Tr(ctx, "seed.lead")
      << "</p><p>" << Tr(ctx, "seed.baseline") << ": " << ctx.Number(r->baseline, 1) << "</p>";
    if (r->seeds.empty()) {
        h << "<p class=\"empty\">" << Tr(ctx, "seed.none") << "</p>";
    } else {
        h << "<table class=\"data\" id=\"seeds\"><thead><tr><th scope=\"col\">" << Tr(ctx, "col.region")
          << "</th><th scope=\"col\">" << Tr(ctx, "seed.gain") << "</th><th scope=\"col\">" << Tr(ctx, "seed.reach")
          << "</th></tr></thead><tbody>";
        for (const auto& c : r->seeds)
            h << "<tr><th scope=\"row\">" << RegionLinkH(ctx, s, c.region) << "</th><td class=\"num\">+"
              << ctx.Number(c.gain, 1) << "</td><td class=\"num\">" << ctx.Number(c.reach, 1) << " ± "
              << ctx.Number(c.reach_se, 1) << "</td></tr>";
        h << "</tbody></table>";
    }
    h << "</section>";
    return std::move(h).str();
}

// The inferred edges of the network page: a table apart from the recorded edges, each row labelled.
static std::string InferredEdgesSection(Ctx& ctx, const std::shared_ptr<const analytics::Snapshot>& snap) {
    auto net = Inferred(ctx, snap);
    const auto& s = *snap;
    Html h;
    h << "<section id=\"inferred-edges\" class=\"inferred\" aria-labelledby=\"h-inf\"><h2 id=\"h-inf\">"
      << Tr(ctx, "net.inferred_title") << " " << InferredBadge(ctx) << "</h2><p class=\"muted\">"
      << Tr(ctx, "net.inferred_lead") << "</p>";
    if (!net || net->reported_edges == 0) {
        h << "<p class=\"empty\">" << Tr(ctx, "net.inferred_none") << "</p></section>";
        return std::move(h).str();
    }
    OrderedJson j = analytics::InferredNetworkJson(s, *net, 40);
    h << "<p>" << Tr(ctx, "net.inferred_total") << ": " << ctx.Integer(static_cast<std::int64_t>(net->reported_edges))
      << "</p><div class=\"scroll\"><table class=\"data\" id=\"inferred\"><thead><tr><th scope=\"col\">"
      << Tr(ctx, "net.source") << "</th><th scope=\"col\">" << Tr(ctx, "net.adopter") << "</th><th scope=\"col\">"
      << Tr(ctx, "net.improvement") << "</th><th scope=\"col\">" << Tr(ctx, "net.p_value") << "</th><th scope=\"col\">"
      << Tr(ctx, "net.recorded_along") << "</th><th scope=\"col\">" << Tr(ctx, "net.kind")
      << "</th></tr></thead><tbody>";
    for (const auto& e : j["edges"]) {
        h << "<tr class=\"inferred\"><td>"
          << Html::Trusted(ctx.RegionLink(RegionCodeOf(e["from"])), "Ctx escapes region names") << "</td><td>"
          << Html::Trusted(ctx.RegionLink(RegionCodeOf(e["to"])), "Ctx escapes region names")
          << "</td><td class=\"num\">" << Fmt(ctx, Num(e, "improvement"), 2) << "</td><td class=\"num\">"
          << PValue(ctx, Num(e, "p_value").value_or(1)) << "</td><td class=\"num\">"
          << ctx.Integer(e.value("recorded_adoptions", 0)) << "</td><td>" << InferredBadge(ctx) << "</td></tr>";
    }
    h << "</tbody></table></div></section>";
    return std::move(h).str();
}

http::Response NetworkPage(Ctx& ctx) {
    if (auto key = ctx.req.Query("region"); key && !key->empty()) return RegionNetworkPage(ctx, *key);
    if (auto lvl = ctx.req.Query("level"); lvl && !lvl->empty() && *lvl != "region")
        return MunicipalNetworkPage(ctx, *lvl);
    auto snap = ctx.app.analytics().Get();
    std::string dom = ctx.req.Query("domain").value_or("");
    std::string from = std::string(Trim(ctx.req.Query("from").value_or("")));
    std::string to = std::string(Trim(ctx.req.Query("to").value_or("")));
    std::string b = Breadcrumbs(ctx, {{"", ctx.T("net.title")}}) + "<h1>" + ctx.T("net.title") +
                    "</h1><p class=\"lead\">" + ctx.T("net.lead") + "</p>" + NetworkLevelSwitch(ctx, false);
    Values v{{"domain", dom}, {"from", from}, {"to", to}};
    Errors errs;
    if (!snap) return Page(ctx, 503, ctx.T("net.title"), b + "<p class=\"empty\">" + ctx.T("net.unavailable") + "</p>");
    const auto& s = *snap;
    if (!dom.empty() && s.DomainIndex(dom) < 0) dom.clear();
    analytics::NetworkFilter nf{dom, from, to, 200};
    auto n = analytics::Network(s, nf);
    if (!n.ok()) {
        const auto& e = n.error();
        std::string field = e.field;
        errs[field == "to" ? "to" : "from"] = ctx.T("net.bad_period");
        nf.from.clear();
        nf.to.clear();
        n = analytics::Network(s, nf);
    }
    Form f(ctx, v, errs);
    Options doms;
    for (const auto& d : ctx.dir->domains)
        if (s.DomainIndex(d.code) >= 0) doms.emplace_back(d.code, ctx.DomainName(d.code));
    b += "<form class=\"filters row-form\" method=\"get\" action=\"/network\">" +
         f.Select("domain", "net.domain", doms, {}, ctx.T("net.all_domains"));
    b += f.Input("from", "net.from", {.hint = ctx.T("net.period_hint")}) + f.Input("to", "net.to");
    b += "<div class=\"actions\"><button type=\"submit\" class=\"button\">" + ctx.T("net.apply") +
         "</button></div></form>";
    if (!n.ok()) return Page(ctx, 200, ctx.T("net.title"), b + "<p class=\"empty\">" + E(n.error().message) + "</p>");
    OrderedJson j = analytics::ToJson(s, *n);

    // Summary figures.
    b += "<ul class=\"figures\"><li><strong>" + ctx.Integer(j.value("adoptions", 0)) + "</strong> " +
         ctx.T("net.adoptions") + "</li><li><strong>" + ctx.Integer(j.value("total_edges", 0)) + "</strong> " +
         ctx.T("net.edges") + "</li><li><strong>" + Fmt(ctx, Num(j, "median_days_to_adoption"), 0) + "</strong> " +
         ctx.T("net.median_days") + "</li><li><strong>" + ctx.Integer(j.value("intra_regional", 0)) + "</strong> " +
         ctx.T("net.intra") + "</li></ul>";

    // The interactive graph: the script reads the same data from the API (no inline script).
    std::string api = "/api/v1/network?edges=200";
    if (!dom.empty()) api += "&domain=" + UrlEncode(dom);
    if (!nf.from.empty()) api += "&from=" + UrlEncode(nf.from);
    if (!nf.to.empty()) api += "&to=" + UrlEncode(nf.to);
    b += "<section aria-labelledby=\"h-graph\"><h2 id=\"h-graph\">" + ctx.T("net.graph") + "</h2>";
    b += "<div id=\"network-graph\" class=\"graph\" data-src=\"" + E(api) +
         "\" data-inferred=\"/api/v1/network/inferred?edges=200\" data-lang=\"" + (ctx.en() ? "en" : "ru") +
         "\" role=\"img\" aria-label=\"" + ctx.T("net.graph_alt") + "\"><noscript>" + ctx.T("net.noscript") +
         "</noscript></div>";
    b += "<ul class=\"legend\"><li><span class=\"sw r-source\"></span>" + ctx.T("net.role.source") +
         "</li><li><span class=\"sw r-hub\"></span>" + ctx.T("net.role.hub") +
         "</li><li><span class=\"sw r-adopter\"></span>" + ctx.T("net.role.adopter") +
         "</li><li><span class=\"sw e-personnel\"></span>" + ctx.T("net.personnel_edge") +
         "</li><li><span class=\"sw e-inferred\"></span>" + ctx.T("net.inferred_edge") + "</li></ul></section>";
    ctx.scripts = {"cytoscape.min.js", "network.js"};

    // Channel shares.
    b += "<section class=\"channels\" aria-labelledby=\"h-ch\"><h2 id=\"h-ch\">" + ctx.T("net.channels") + "</h2>";
    std::vector<Bar> bars;
    for (const auto& [code, c] : j["channels"].items())
        bars.push_back({ChannelLabel(ctx, code), c["share"].get<double>() * 100.0, "scaled"});
    if (bars.empty())
        b += "<p class=\"empty\">" + ctx.T("list.nothing") + "</p>";
    else {
        b += BarChart(ctx, ctx.T("net.channels_chart"), bars);
        b += "<table class=\"data\" id=\"channels\"><thead><tr><th scope=\"col\">" + ctx.T("col.channel") +
             "</th><th scope=\"col\">" + ctx.T("net.count") + "</th><th scope=\"col\">" + ctx.T("net.share") +
             "</th></tr></thead><tbody>";
        for (const auto& [code, c] : j["channels"].items())
            b += "<tr><th scope=\"row\">" + ChannelLabel(ctx, code) + "</th><td class=\"num\">" +
                 ctx.Integer(c["count"].get<int>()) + "</td><td class=\"num\">" +
                 ctx.Number(c["share"].get<double>() * 100.0) + "%</td></tr>";
        b += "</tbody></table>";
    }
    b += "</section>";
    // Roles and influence.
    b += "<section aria-labelledby=\"h-roles\"><h2 id=\"h-roles\">" + ctx.T("net.roles") +
         "</h2><div class=\"scroll\"><table class=\"data\" id=\"roles\"><thead><tr>"
         "<th scope=\"col\">№</th><th scope=\"col\">" +
         ctx.T("col.region") + "</th><th scope=\"col\">" + ctx.T("net.role") + "</th><th scope=\"col\">" +
         ctx.T("net.influence") + "</th><th scope=\"col\">" + ctx.T("net.out") + "</th><th scope=\"col\">" +
         ctx.T("net.in") + "</th></tr></thead><tbody>";
    int shown = 0;
    for (const auto& x : j["nodes"]) {
        if (++shown > 30) break;
        std::string c = RegionCodeOf(x["region"]);
        std::string role = Str(x, "role");
        b += "<tr><td class=\"num\">" + ctx.Integer(x.value("influence_rank", 0)) + "</td><th scope=\"row\">" +
             ctx.RegionLink(c) + "</th><td><span class=\"role r-" + E(role) + "\">" + ctx.T("net.role." + role) +
             "</span></td><td class=\"num\">" + ctx.Number(x["influence"].get<double>(), 3) +
             "</td><td class=\"num\">" + ctx.Integer(x.value("out_weight", 0)) + "</td><td class=\"num\">" +
             ctx.Integer(x.value("in_weight", 0)) + "</td></tr>";
    }
    b += "</tbody></table></div></section>";
    // Edges.
    b += "<section aria-labelledby=\"h-edges\"><h2 id=\"h-edges\">" + ctx.T("net.edge_table") +
         "</h2><div class=\"scroll\"><table class=\"data\" id=\"edges\"><thead><tr>"
         "<th scope=\"col\">" +
         ctx.T("net.source") + "</th><th scope=\"col\">" + ctx.T("net.adopter") + "</th><th scope=\"col\">" +
         ctx.T("net.weight") + "</th><th scope=\"col\">" + ctx.T("net.channels") + "</th></tr></thead><tbody>";
    shown = 0;
    for (const auto& e : j["edges"]) {
        if (++shown > 40) break;
        std::string chs;
        for (const auto& [code, c] : e["channels"].items())
            chs += (chs.empty() ? "" : ", ") + ChannelLabel(ctx, code) + " " + ctx.Integer(c["count"].get<int>());
        b += "<tr><td>" + ctx.RegionLink(Str(e, "source")) + "</td><td>" + ctx.RegionLink(Str(e, "target")) +
             "</td><td class=\"num\">" + ctx.Integer(e.value("weight", 0)) + "</td><td>" + chs + "</td></tr>";
    }
    b += "</tbody></table></div></section>";
    // Inferred edges, apart from the recorded ones above.
    b += InferredEdgesSection(ctx, snap);

    // Career overlay.
    auto career = analytics::CareerOverlay(s, 3, dom);
    app::KeepVisibleAdoptions(s, ctx.actor, career, false);
    OrderedJson cj = analytics::ToJson(s, career);
    b += "<section id=\"careers\" aria-labelledby=\"h-car\"><h2 id=\"h-car\">" + ctx.T("net.careers") +
         "</h2><p class=\"muted\">" + ctx.T("net.careers_lead") + "</p>";
    if (cj["links"].empty())
        b += "<p class=\"empty\">" + ctx.T("list.nothing") + "</p>";
    else {
        b += "<table class=\"data\"><thead><tr><th scope=\"col\">" + ctx.T("net.person") + "</th><th scope=\"col\">" +
             ctx.T("net.move") + "</th><th scope=\"col\">" + ctx.T("col.date") + "</th><th scope=\"col\">" +
             ctx.T("net.followed") + "</th></tr></thead><tbody>";
        for (const auto& l : cj["links"]) {
            std::string ads;
            for (const auto& a : l["adoptions"])
                ads += "<li><a href=\"/adoptions/" +
                       std::to_string(a.value("adoption_id", static_cast<std::int64_t>(0))) + "\">" +
                       E(Str(a["practice"], "title")) + "</a>" +
                       SnapshotFreshnessBadge(ctx, s, true, a.value("adoption_id", static_cast<std::int64_t>(0))) +
                       " <span class=\"muted\">" + ctx.Date(Str(a, "started_at")) + " · " +
                       ChannelLabel(ctx, Str(a, "channel")) + "</span></li>";
            b += "<tr><td><a href=\"/persons/" + std::to_string(l.value("person_id", static_cast<std::int64_t>(0))) +
                 "\">" + E(Str(l, "person")) + "</a><br><span class=\"muted\">" + E(Str(l, "title")) +
                 "</span></td><td>" + ctx.RegionShort(RegionCodeOf(l["from"])) + " → " +
                 ctx.RegionShort(RegionCodeOf(l["to"])) + "</td><td>" + ctx.Date(Str(l, "moved_at")) +
                 "</td><td><ul class=\"plain\">" + ads + "</ul></td></tr>";
        }
        b += "</tbody></table>";
    }
    b += "</section>";
    return Page(ctx, 200, ctx.T("net.title"), b);
}

}  // namespace orientir::web::detail
