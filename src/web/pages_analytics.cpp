// Analytics on the pages: similar practices and the spread over time on a practice page (the region's
// benchmark, «что есть у них, чего нет у нас» and recommendations are in pages_benchmark.cpp); the
// network page (interactive graph + plain tables + career overlay). Reads the analytics
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
#include "web/analytics_json.hpp"
#include "web/handlers.hpp"
#include "web/html.hpp"
#include "web/svg.hpp"

namespace orientir::web::detail {

namespace {

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

namespace {

// Summary figures of the network.
Html NetworkFigures(Ctx& ctx, const OrderedJson& j) {
    auto integer = [&](std::int64_t v) { return Cat(ctx.Integer(v), "a formatted number"); };
    return Html() << "<ul class=\"figures\"><li><strong>" << integer(j.value("adoptions", 0)) << "</strong> "
                  << Tr(ctx, "net.adoptions") << "</li><li><strong>" << integer(j.value("total_edges", 0))
                  << "</strong> " << Tr(ctx, "net.edges") << "</li><li><strong>"
                  << Cat(Fmt(ctx, Num(j, "median_days_to_adoption"), 0), "a formatted number") << "</strong> "
                  << Tr(ctx, "net.median_days") << "</li><li><strong>" << integer(j.value("intra_regional", 0))
                  << "</strong> " << Tr(ctx, "net.intra") << "</li></ul>";
}

// The interactive graph: the script reads the same data from the API (no inline script).
Html NetworkGraph(Ctx& ctx, const std::string& dom, const analytics::NetworkFilter& nf) {
    std::string api = "/api/v1/network?edges=200";
    if (!dom.empty()) api += "&domain=" + UrlEncode(dom);
    if (!nf.from.empty()) api += "&from=" + UrlEncode(nf.from);
    if (!nf.to.empty()) api += "&to=" + UrlEncode(nf.to);
    ctx.scripts = {"cytoscape.min.js", "network.js"};
    return Html() << "<section aria-labelledby=\"h-graph\"><h2 id=\"h-graph\">" << Tr(ctx, "net.graph") << "</h2>"
                  << "<div id=\"network-graph\" class=\"graph\" data-src=\"" << api
                  << "\" data-inferred=\"/api/v1/network/inferred?edges=200\" data-lang=\"" << (ctx.en() ? "en" : "ru")
                  << "\" role=\"img\" aria-label=\"" << Tr(ctx, "net.graph_alt") << "\"><noscript>"
                  << Tr(ctx, "net.noscript") << "</noscript></div>"
                  << "<ul class=\"legend\"><li><span class=\"sw r-source\"></span>" << Tr(ctx, "net.role.source")
                  << "</li><li><span class=\"sw r-hub\"></span>" << Tr(ctx, "net.role.hub")
                  << "</li><li><span class=\"sw r-adopter\"></span>" << Tr(ctx, "net.role.adopter")
                  << "</li><li><span class=\"sw e-personnel\"></span>" << Tr(ctx, "net.personnel_edge")
                  << "</li><li><span class=\"sw e-inferred\"></span>" << Tr(ctx, "net.inferred_edge")
                  << "</li></ul></section>";
}

// Channel shares: a bar chart and a table.
Html ChannelSection(Ctx& ctx, const OrderedJson& j) {
    Html h;
    h << "<section class=\"channels\" aria-labelledby=\"h-ch\"><h2 id=\"h-ch\">" << Tr(ctx, "net.channels") << "</h2>";
    std::vector<Bar> bars;
    for (const auto& [code, c] : j["channels"].items())
        bars.push_back({ChannelLabel(ctx, code), c["share"].get<double>() * 100.0, "scaled"});
    if (bars.empty()) return h << "<p class=\"empty\">" << Tr(ctx, "list.nothing") << "</p></section>";
    h << Cat(BarChart(ctx, ctx.T("net.channels_chart"), bars), "SVG from escaped values")
      << "<table class=\"data\" id=\"channels\"><thead><tr><th scope=\"col\">" << Tr(ctx, "col.channel")
      << "</th><th scope=\"col\">" << Tr(ctx, "net.count") << "</th><th scope=\"col\">" << Tr(ctx, "net.share")
      << "</th></tr></thead><tbody>";
    for (const auto& [code, c] : j["channels"].items())
        h << "<tr><th scope=\"row\">" << Cat(ChannelLabel(ctx, code), "a label or an escaped code")
          << "</th><td class=\"num\">" << Cat(ctx.Integer(c["count"].get<int>()), "a formatted number")
          << "</td><td class=\"num\">" << Cat(ctx.Number(c["share"].get<double>() * 100.0), "a formatted number")
          << "%</td></tr>";
    return h << "</tbody></table></section>";
}

// Roles and influence, the first 30 regions.
Html RolesSection(Ctx& ctx, const OrderedJson& j) {
    auto integer = [&](std::int64_t v) { return Cat(ctx.Integer(v), "a formatted number"); };
    Html h;
    h << "<section aria-labelledby=\"h-roles\"><h2 id=\"h-roles\">" << Tr(ctx, "net.roles")
      << "</h2><div class=\"scroll\"><table class=\"data\" id=\"roles\"><thead><tr>"
         "<th scope=\"col\">№</th><th scope=\"col\">"
      << Tr(ctx, "col.region") << "</th><th scope=\"col\">" << Tr(ctx, "net.role") << "</th><th scope=\"col\">"
      << Tr(ctx, "net.influence") << "</th><th scope=\"col\">" << Tr(ctx, "net.out") << "</th><th scope=\"col\">"
      << Tr(ctx, "net.in") << "</th></tr></thead><tbody>";
    int shown = 0;
    for (const auto& x : j["nodes"]) {
        if (++shown > 30) break;
        std::string role = Str(x, "role");
        h << "<tr><td class=\"num\">" << integer(x.value("influence_rank", 0)) << "</td><th scope=\"row\">"
          << Cat(ctx.RegionLink(RegionCodeOf(x["region"])), "Ctx escapes names") << "</th><td><span class=\"role r-"
          << role << "\">" << Cat(ctx.T("net.role." + role), "the message catalogue")
          << "</span></td><td class=\"num\">" << Cat(ctx.Number(x["influence"].get<double>(), 3), "a formatted number")
          << "</td><td class=\"num\">" << integer(x.value("out_weight", 0)) << "</td><td class=\"num\">"
          << integer(x.value("in_weight", 0)) << "</td></tr>";
    }
    return h << "</tbody></table></div></section>";
}

// Recorded edges, the first 40, with their channels.
Html EdgesSection(Ctx& ctx, const OrderedJson& j) {
    Html h;
    h << "<section aria-labelledby=\"h-edges\"><h2 id=\"h-edges\">" << Tr(ctx, "net.edge_table")
      << "</h2><div class=\"scroll\"><table class=\"data\" id=\"edges\"><thead><tr>"
         "<th scope=\"col\">"
      << Tr(ctx, "net.source") << "</th><th scope=\"col\">" << Tr(ctx, "net.adopter") << "</th><th scope=\"col\">"
      << Tr(ctx, "net.weight") << "</th><th scope=\"col\">" << Tr(ctx, "net.channels") << "</th></tr></thead><tbody>";
    int shown = 0;
    for (const auto& e : j["edges"]) {
        if (++shown > 40) break;
        std::string chs;
        for (const auto& [code, c] : e["channels"].items())
            chs += (chs.empty() ? "" : ", ") + ChannelLabel(ctx, code) + " " + ctx.Integer(c["count"].get<int>());
        h << "<tr><td>" << Cat(ctx.RegionLink(Str(e, "source")), "Ctx escapes names") << "</td><td>"
          << Cat(ctx.RegionLink(Str(e, "target")), "Ctx escapes names") << "</td><td class=\"num\">"
          << Cat(ctx.Integer(e.value("weight", 0)), "a formatted number") << "</td><td>"
          << Cat(chs, "labels and formatted numbers") << "</td></tr>";
    }
    return h << "</tbody></table></div></section>";
}

// Career overlay: people who moved between regions and the adoptions that followed.
Html CareerSection(Ctx& ctx, const analytics::Snapshot& s, const std::string& dom) {
    auto career = analytics::CareerOverlay(s, 3, dom);
    app::KeepVisibleAdoptions(s, ctx.actor, career, false);
    OrderedJson cj = analytics::ToJson(s, career);
    Html h;
    h << "<section id=\"careers\" aria-labelledby=\"h-car\"><h2 id=\"h-car\">" << Tr(ctx, "net.careers")
      << "</h2><p class=\"muted\">" << Tr(ctx, "net.careers_lead") << "</p>";
    if (cj["links"].empty()) return h << "<p class=\"empty\">" << Tr(ctx, "list.nothing") << "</p></section>";
    h << "<table class=\"data\"><thead><tr><th scope=\"col\">" << Tr(ctx, "net.person") << "</th><th scope=\"col\">"
      << Tr(ctx, "net.move") << "</th><th scope=\"col\">" << Tr(ctx, "col.date") << "</th><th scope=\"col\">"
      << Tr(ctx, "net.followed") << "</th></tr></thead><tbody>";
    for (const auto& l : cj["links"]) {
        h << "<tr><td><a href=\"/persons/" << l.value("person_id", static_cast<std::int64_t>(0)) << "\">"
          << Str(l, "person") << "</a><br><span class=\"muted\">" << Str(l, "title") << "</span></td><td>"
          << Cat(ctx.RegionShort(RegionCodeOf(l["from"])), "Ctx escapes names") << " → "
          << Cat(ctx.RegionShort(RegionCodeOf(l["to"])), "Ctx escapes names") << "</td><td>"
          << Cat(ctx.Date(Str(l, "moved_at")), "a formatted date") << "</td><td><ul class=\"plain\">";
        for (const auto& a : l["adoptions"]) {
            auto id = a.value("adoption_id", static_cast<std::int64_t>(0));
            h << "<li><a href=\"/adoptions/" << id << "\">" << Str(a["practice"], "title") << "</a>"
              << Cat(SnapshotFreshnessBadge(ctx, s, true, id), "a badge") << " <span class=\"muted\">"
              << Cat(ctx.Date(Str(a, "started_at")), "a formatted date") << " · "
              << Cat(ChannelLabel(ctx, Str(a, "channel")), "a label or an escaped code") << "</span></li>";
        }
        h << "</ul></td></tr>";
    }
    return h << "</tbody></table></section>";
}

}  // namespace

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

    Html sections;
    sections << NetworkFigures(ctx, j) << NetworkGraph(ctx, dom, nf) << ChannelSection(ctx, j) << RolesSection(ctx, j)
             << EdgesSection(ctx, j)
             // Inferred edges, apart from the recorded ones above.
             << Cat(InferredEdgesSection(ctx, snap), "escapes its values") << CareerSection(ctx, s, dom);
    return Page(ctx, 200, ctx.T("net.title"), b + sections.str());
}

}  // namespace orientir::web::detail
