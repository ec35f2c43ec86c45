// The region's benchmark on its page: composite index, indicators against the leader or a chosen
// region, leaders and peers, «что есть у них, чего нет у нас», recommendations with reasons. Reads the
// analytics snapshot through its JSON views (analytics/views.hpp), the same shapes the API serves.
#include <algorithm>
#include <cmath>

#include "analytics/benchmark.hpp"
#include "analytics/recommend.hpp"
#include "analytics/views.hpp"
#include "common/json.hpp"
#include "common/strings.hpp"
#include "web/analytics_json.hpp"
#include "web/handlers.hpp"
#include "web/html.hpp"

namespace orientir::web::detail {

namespace {

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

// A formatted number or «—».
Html FmtH(const Ctx& ctx, std::optional<double> v, int decimals = 1) {
    return Cat(Fmt(ctx, v, decimals), "a formatted number");
}

// Domain and leader selector (GET, works without script).
Html BenchmarkForm(Ctx& ctx, const analytics::Snapshot& s, const std::string& code, const std::string& dom,
                   const std::string& leader) {
    Values v{{"domain", dom}, {"leader", leader}};
    Form f(ctx, v, {});
    Options doms;
    for (const auto& d : ctx.dir->domains)
        if (s.DomainIndex(d.code) >= 0) doms.emplace_back(d.code, ctx.DomainName(d.code));
    Options regs;
    for (auto& o : RegionOptions(ctx))
        if (o.first != code) regs.push_back(o);
    Html h;
    h << "<form class=\"filters row-form\" method=\"get\" action=\"/regions/" << code << "#benchmark\">"
      << Cat(f.Select("domain", "bench.domain", doms) +
                 f.Select("leader", "bench.leader", regs, {}, ctx.T("bench.leader_auto")),
             "Form escapes its values")
      << "<div class=\"actions\"><button type=\"submit\" class=\"button\">" << Tr(ctx, "bench.compare")
      << "</button></div></form>";
    return h;
}

// The composite index, its place, the compared region; the method and the download.
Html CompositeLead(Ctx& ctx, const OrderedJson& j, const std::string& code, const std::string& dom,
                   const std::string& leader, const std::string& target_code) {
    const auto& comp = j["composite"];
    Html h;
    h << "<p class=\"lead\">" << Tr(ctx, "bench.composite") << " «" << Cat(ctx.DomainName(dom), "Ctx escapes names")
      << "»: <strong>" << FmtH(ctx, Num(comp, "value")) << "</strong>";
    if (comp["rank"].is_number())
        h << " — " << Tr(ctx, "bench.place") << " <strong>"
          << Cat(ctx.Integer(comp["rank"].get<int>()), "a formatted number") << "</strong> " << Tr(ctx, "bench.of")
          << " " << Cat(ctx.Integer(comp.value("ranked", 0)), "a formatted number");
    if (!target_code.empty())
        h << "; " << Tr(ctx, "bench.compared_with") << " " << Cat(ctx.RegionLink(target_code), "Ctx escapes names")
          << " (" << FmtH(ctx, Num(j["target"], "composite")) << ", "
          << Tr(ctx, Str(j["target"], "kind") == "chosen" ? "bench.kind_chosen" : "bench.kind_leader") << ")";
    h << ".</p><p class=\"muted\">" << Tr(ctx, "bench.method") << "</p>";
    h << "<p class=\"download\"><a href=\"/api/v1/regions/" << code << "/benchmark?domain=" << UrlEncode(dom);
    if (!leader.empty()) h << "&amp;leader=" << leader;
    h << "&amp;format=xlsx";
    if (ctx.en()) h << "&amp;lang=en";
    return h << "\" download>" << Tr(ctx, "io.download_xlsx") << "</a></p>";
}

// The trend of an indicator: slope per year and the first and last values of its series.
Html TrendCell(Ctx& ctx, const OrderedJson& x) {
    Html h;
    auto slope = Num(x, "slope_per_year");
    if (slope)
        h << (*slope > 0 ? "↗ +" : (*slope < 0 ? "↘ " : "→ ")) << Cat(ctx.Number(*slope, 2), "a formatted number")
          << " " << Tr(ctx, "bench.per_year");
    else
        h << "—";
    const auto& series = x["trend"];
    if (series.size() >= 2)
        h << "<br><span class=\"muted\">" << series.front()["year"].get<int>() << ": "
          << Cat(ctx.Number(series.front()["value"].get<double>(), 2), "a formatted number") << " → "
          << series.back()["year"].get<int>() << ": "
          << Cat(ctx.Number(series.back()["value"].get<double>(), 2), "a formatted number") << "</span>";
    return h;
}

Html IndicatorRow(Ctx& ctx, const OrderedJson& x) {
    Html h;
    std::string unit = StrIn(ctx, x, "unit");
    h << "<tr><th scope=\"row\">" << StrIn(ctx, x, "name");
    if (!unit.empty()) h << "<br><span class=\"muted\">" << unit << "</span>";
    h << "</th><td>";
    if (x["year"].is_number())
        h << x["year"].get<int>();
    else
        h << "—";
    h << "</td><td class=\"num\">" << FmtH(ctx, Num(x, "value"), 2) << "</td><td class=\"num\">";
    if (x["rank"].is_number())
        h << Cat(ctx.Integer(x["rank"].get<int>()) + "/" + ctx.Integer(x.value("ranked", 0)), "formatted numbers");
    else
        h << "—";
    h << "</td><td class=\"num\">" << FmtH(ctx, Num(x, "percentile")) << "</td><td class=\"num\">"
      << FmtH(ctx, Num(x, "target_value"), 2) << "</td>";
    auto sf = Num(x, "shortfall");
    auto sfp = Num(x, "shortfall_pct");
    h << "<td class=\"num " << (sf && *sf > 0 ? "behind" : "ahead") << "\">" << FmtH(ctx, Num(x, "gap"), 2);
    if (sf && sfp)
        h << "<br><span class=\"muted\">" << Tr(ctx, *sf > 0 ? "bench.behind" : "bench.ahead") << " "
          << Cat(ctx.Number(std::fabs(*sfp)), "a formatted number") << "%</span>";
    h << "</td><td>";
    std::string best_code = x.contains("best") ? RegionCodeOf(x["best"]["region"]) : "";
    if (best_code.empty())
        h << "—";
    else
        h << Cat(ctx.RegionShort(best_code), "Ctx escapes names") << " (" << FmtH(ctx, Num(x["best"], "value"), 2)
          << ")";
    return h << "</td><td>" << TrendCell(ctx, x) << "</td></tr>";
}

// The indicator table and its chart; `own` and `other` are escaped region names.
Html IndicatorTable(Ctx& ctx, const OrderedJson& inds, const std::string& own, const std::string& other) {
    Html h;
    if (inds.empty()) return h << "<p class=\"empty\">" << Tr(ctx, "bench.no_indicators") << "</p>";
    h << "<div class=\"scroll\"><table class=\"data\" id=\"bench-table\"><caption>" << Tr(ctx, "bench.table")
      << "</caption><thead><tr><th scope=\"col\">" << Tr(ctx, "bench.indicator") << "</th><th scope=\"col\">"
      << Tr(ctx, "bench.year") << "</th><th scope=\"col\">" << Cat(own, "an escaped name") << "</th><th scope=\"col\">"
      << Tr(ctx, "bench.rank") << "</th><th scope=\"col\">" << Tr(ctx, "bench.percentile") << "</th><th scope=\"col\">"
      << Cat(other, "an escaped name") << "</th><th scope=\"col\">" << Tr(ctx, "bench.gap") << "</th><th scope=\"col\">"
      << Tr(ctx, "bench.best") << "</th><th scope=\"col\">" << Tr(ctx, "bench.trend") << "</th></tr></thead><tbody>";
    for (const auto& x : inds) h << IndicatorRow(ctx, x);
    return h << "</tbody></table></div>" << Cat(BenchmarkChart(ctx, inds, own, other), "SVG from escaped values");
}

// Leaders and peers, each a link that compares with them.
Html LeadersAndPeers(Ctx& ctx, const OrderedJson& j, const std::string& code, const std::string& dom) {
    auto compare = [&](const std::string& c) {
        return Html() << "<a href=\"/regions/" << code << "?domain=" << dom << "&amp;leader=" << c << "#benchmark\">"
                      << Cat(ctx.RegionName(c), "Ctx escapes names") << "</a>";
    };
    Html h;
    h << "<div class=\"cols\"><div><h3>" << Tr(ctx, "bench.leaders") << "</h3><ol class=\"leaders\">";
    for (const auto& l : j["leaders"])
        h << "<li>" << compare(RegionCodeOf(l["region"])) << " — " << FmtH(ctx, Num(l, "composite")) << "</li>";
    h << "</ol></div><div><h3>" << Tr(ctx, "bench.peers") << "</h3><ol class=\"peers\">";
    for (const auto& p : j["peers"])
        h << "<li>" << compare(RegionCodeOf(p["region"])) << " <span class=\"muted\">" << Tr(ctx, "bench.distance")
          << " " << FmtH(ctx, Num(p, "distance"), 2) << "</span></li>";
    return h << "</ol></div></div>";
}

// What they have that we lack; `other` is the compared region's escaped name.
Html LackingSection(Ctx& ctx, const analytics::Snapshot& s, const std::string& code, const std::string& dom,
                    const std::string& target_code, const std::string& other) {
    Html h;
    h << "<section id=\"lacking\" aria-labelledby=\"h-lack\"><h2 id=\"h-lack\">" << Tr(ctx, "bench.lacking");
    if (!target_code.empty()) h << ": " << Cat(other, "an escaped name");
    h << "</h2>";
    if (target_code.empty()) return h << "</section>";
    auto lack = analytics::WhatTheyHave(s, code, {target_code}, dom, 15);
    if (!lack.ok() || lack->empty())
        return h << "<p class=\"empty\">" << Tr(ctx, "bench.nothing_lacking") << "</p></section>";
    OrderedJson lj = analytics::ToJson(s, *lack);
    h << "<ul class=\"cards\">";
    for (const auto& l : lj) {
        const auto& p = l["practice"];
        h << "<li class=\"card\"><h3>" << Cat(PracticeLinkF(ctx, s, p), "escapes the title")
          << "</h3><p class=\"meta\">";
        bool first = true;
        for (const auto& holder : l["holders"]) {
            if (!first) h << "; ";
            first = false;
            h << Cat(ctx.RegionShort(RegionCodeOf(holder["region"])), "Ctx escapes names") << " — ";
            if (Str(holder, "role") == "origin")
                h << Tr(ctx, "bench.origin");
            else
                h << Cat(StageLabel(ctx, Str(holder, "stage")), "a badge or an escaped code");
        }
        h << "</p><p class=\"muted\">" << Tr(ctx, "bench.spread") << " "
          << Cat(ctx.Count(p.value("adopter_regions", 0), "count.regions"), "catalogue plural");
        if (p.value("has_results", false)) h << " · " << Tr(ctx, "bench.has_results");
        h << "</p></li>";
    }
    return h << "</ul></section>";
}

Html RecommendationsSection(Ctx& ctx, const analytics::Snapshot& s, const std::string& code, const std::string& dom) {
    analytics::RecommendOptions ro;
    ro.domain = dom;
    ro.limit = 8;
    ro.today = analytics::DayOf(ctx.Today());
    auto recs = analytics::Recommend(s, code, ro);
    Html h;
    h << "<section id=\"recommendations\" aria-labelledby=\"h-rec\"><h2 id=\"h-rec\">" << Tr(ctx, "rec.title") << " · "
      << Cat(ctx.DomainName(dom), "Ctx escapes names") << "</h2>";
    if (!recs.ok() || recs->empty()) {
        h << "<p class=\"empty\">" << Tr(ctx, "rec.none") << "</p>";
    } else {
        OrderedJson rj = analytics::ToJson(s, *recs);
        h << "<ol class=\"recs\">";
        for (const auto& r : rj) {
            const auto& p = r["practice"];
            h << "<li><p class=\"title\">" << Cat(PracticeLinkF(ctx, s, p), "escapes the title")
              << " <span class=\"muted\">" << Cat(ctx.RegionShort(RegionCodeOf(p["origin"])), "Ctx escapes names")
              << " · " << Tr(ctx, "rec.score") << " " << FmtH(ctx, Num(r, "score"), 2)
              << "</span></p><p class=\"reason\">" << StrIn(ctx, r, "reason") << "</p></li>";
        }
        h << "</ol>";
        if (ctx.en()) h << "<p class=\"muted\">" << Tr(ctx, "rec.reasons_ru") << "</p>";
    }
    return h << "<p><a href=\"/network?domain=" << dom << "\">" << Tr(ctx, "net.link") << "</a></p></section>";
}

}  // namespace

std::string RegionAnalytics(Ctx& ctx, const std::string& code) {
    auto snap = ctx.app.analytics().Get();
    if (!snap || snap->RegionIndex(code) < 0) return "";
    const auto& s = *snap;
    std::string dom = ctx.req.Query("domain").value_or("volunteering");
    if (s.DomainIndex(dom) < 0) dom = "volunteering";
    std::string leader = ctx.req.Query("leader").value_or("");
    if (!leader.empty() && (!ctx.dir->Region(leader) || leader == code)) leader.clear();

    Html b;
    b << "<section id=\"benchmark\" aria-labelledby=\"h-bench\"><h2 id=\"h-bench\">" << Tr(ctx, "bench.title")
      << "</h2>" << BenchmarkForm(ctx, s, code, dom, leader);
    analytics::BenchmarkOptions bo;
    bo.target = leader;
    auto br = analytics::Benchmark(s, code, dom, bo);
    if (!br.ok()) return std::move(b << "<p class=\"empty\">" << br.error().message << "</p></section>").str();
    OrderedJson j = analytics::ToJson(s, *br);
    std::string own = ctx.RegionName(code);
    std::string target_code = j["target"].is_object() ? RegionCodeOf(j["target"]["region"]) : "";
    std::string other = target_code.empty() ? "—" : ctx.RegionName(target_code);
    b << CompositeLead(ctx, j, code, dom, leader, target_code) << IndicatorTable(ctx, j["indicators"], own, other)
      << LeadersAndPeers(ctx, j, code, dom) << "</section>" << LackingSection(ctx, s, code, dom, target_code, other)
      << RecommendationsSection(ctx, s, code, dom);
    return std::move(b).str();
}

}  // namespace orientir::web::detail
