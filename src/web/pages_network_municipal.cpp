// The municipal view of the inferred network (issue 17): /network?level=municipality. The same NetInf as
// the regional «Выведенные связи», with municipalities as nodes where adoptions name one
// (analytics/municipal_network.hpp). Every edge is labelled as inferred; when too few adoptions name a
// municipality the page says so, with the counts, instead of showing an empty table. The switch between the
// regional and the municipal level is shown on both pages.
#include <cstdint>
#include <string>

#include "analytics/municipal_network.hpp"
#include "app/app.hpp"
#include "web/handlers.hpp"
#include "web/html.hpp"

namespace orientir::web::detail {

namespace {

// «Сургут (Югра)» with links to the region.
Html MunicipalityCell(const Ctx& ctx, const OrderedJson& m) {
    Html h;
    h << "<span class=\"muni\">" << m.value("name", std::string()) << "</span>";
    if (m.contains("region") && m["region"].is_object())
        h << " <span class=\"muted\">("
          << Html::Trusted(ctx.RegionLink(m["region"].value("code", std::string())), "Ctx escapes region names")
          << ")</span>";
    return h;
}

std::string PValueText(const Ctx& ctx, double p) { return p < 0.001 ? "< " + ctx.Number(0.001, 3) : ctx.Number(p, 3); }

Html Figures(const Ctx& ctx, const OrderedJson& j) {
    auto li = [&](const char* field, const char* key) {
        return Html() << "<li><strong>" << ctx.Integer(j.value(field, std::int64_t{0})) << "</strong> " << Tr(ctx, key)
                      << "</li>";
    };
    return Html() << "<ul class=\"figures\">" << li("events_with_municipality", "munet.placed")
                  << li("events_without_municipality", "munet.unplaced") << li("nodes", "munet.nodes")
                  << li("usable_cascades", "munet.usable") << li("edges_total", "munet.edges") << "</ul>";
}

Html EdgeTable(const Ctx& ctx, const OrderedJson& j) {
    Html h;
    h << "<div class=\"scroll\"><table class=\"data\" id=\"municipal-inferred\"><thead><tr><th scope=\"col\">"
      << Tr(ctx, "net.source") << "</th><th scope=\"col\">" << Tr(ctx, "net.adopter") << "</th><th scope=\"col\">"
      << Tr(ctx, "net.improvement") << "</th><th scope=\"col\">" << Tr(ctx, "net.p_value") << "</th><th scope=\"col\">"
      << Tr(ctx, "net.recorded_along") << "</th><th scope=\"col\">" << Tr(ctx, "net.kind")
      << "</th></tr></thead><tbody>";
    for (const auto& e : j["edges"]) {
        h << "<tr class=\"inferred" << (e.value("same_region", false) ? " same-region" : "") << "\"><td>"
          << MunicipalityCell(ctx, e["from"]) << "</td><td>" << MunicipalityCell(ctx, e["to"])
          << "</td><td class=\"num\">" << ctx.Number(e.value("improvement", 0.0), 2) << "</td><td class=\"num\">"
          << PValueText(ctx, e.value("p_value", 1.0)) << "</td><td class=\"num\">"
          << ctx.Integer(e.value("recorded_adoptions", std::int64_t{0})) << "</td><td>" << InferredBadge(ctx)
          << "</td></tr>";
    }
    return h << "</tbody></table></div>";
}

// The drawn graph (data/web/static/network.js): recorded links solid, inferred ones dashed and labelled; the
// table below stays the accessible account of the inferred links.
Html MunicipalGraph(Ctx& ctx) {
    ctx.scripts = {"cytoscape.min.js", "network.js"};
    return Html() << "<section aria-labelledby=\"h-munet-graph\"><h2 id=\"h-munet-graph\">" << Tr(ctx, "munet.graph")
                  << "</h2><div id=\"network-graph\" class=\"graph\" data-level=\"municipality\" "
                     "data-src=\"/api/v1/network/inferred?level=municipality&amp;edges=100\" data-lang=\""
                  << (ctx.en() ? "en" : "ru") << "\" data-inferred-label=\"" << Tr(ctx, "munet.inferred_label")
                  << "\" role=\"img\" aria-label=\"" << Tr(ctx, "munet.graph_alt") << "\"><noscript>"
                  << Tr(ctx, "net.noscript")
                  << "</noscript></div><ul class=\"legend\"><li><span class=\"sw e-recorded\">"
                  << "</span>" << Tr(ctx, "munet.recorded_edge") << "</li><li><span class=\"sw e-inferred\"></span>"
                  << Tr(ctx, "net.inferred_edge") << "</li></ul></section>";
}

}  // namespace

std::string NetworkLevelSwitch(const Ctx& ctx, bool municipal) {
    // The language stays in its cookie, so the links need no ?lang=.
    auto item = [&](bool current, const std::string& href, const char* key) {
        Html li;
        if (current) return li << "<li><span aria-current=\"page\">" << Tr(ctx, key) << "</span></li>";
        return li << "<li><a href=\"" << href << "\">" << Tr(ctx, key) << "</a></li>";
    };
    Html h;
    h << "<nav class=\"level-switch\" aria-label=\"" << Tr(ctx, "munet.level") << "\"><ul class=\"tabs\">"
      << item(!municipal, "/network", "munet.level_region")
      << item(municipal, "/network?level=municipality", "munet.level_municipality") << "</ul></nav>";
    return std::move(h).str();
}

http::Response MunicipalNetworkPage(Ctx& ctx, const std::string& level) {
    const std::string title = ctx.T("munet.title");
    Html h;
    h << Html::Trusted(Breadcrumbs(ctx, {{"/network", ctx.T("net.title")}, {"", title}}), "breadcrumbs") << "<h1>"
      << Tr(ctx, "munet.title") << "</h1>";
    if (level != "municipality")
        return Page(ctx, 400, title,
                    std::move(h).str() + "<p class=\"error\" role=\"alert\">" + ctx.T("munet.bad_level") + "</p>" +
                        NetworkLevelSwitch(ctx, false));
    auto snap = ctx.app.analytics().Get();
    if (!snap)
        return Page(ctx, 503, title, std::move(h).str() + "<p class=\"empty\">" + ctx.T("net.unavailable") + "</p>");
    auto n = ctx.app.municipal_inference().Get(snap);
    OrderedJson j = analytics::MunicipalNetworkJson(*snap, *n, 100);
    h << "<p class=\"lead\">" << Tr(ctx, "munet.lead") << "</p>"
      << Html::Trusted(NetworkLevelSwitch(ctx, true), "built from the catalogue")
      << "<section id=\"municipal-edges\" class=\"inferred\" aria-labelledby=\"h-munet\"><h2 id=\"h-munet\">"
      << Tr(ctx, "munet.edges_title") << " " << InferredBadge(ctx) << "</h2>" << Figures(ctx, j);
    if (!j["edges"].empty() || !j["recorded_edges"].empty()) h << MunicipalGraph(ctx);
    if (!j.value("enough_data", false)) {
        h << "<p class=\"empty\" id=\"munet-too-little\">" << j.value(ctx.en() ? "reason_en" : "reason", std::string())
          << "</p>";
    } else if (j["edges"].empty()) {
        h << "<p class=\"empty\" id=\"munet-none\">" << j.value(ctx.en() ? "reason_en" : "reason", std::string())
          << "</p>";
    } else {
        h << EdgeTable(ctx, j);
    }
    h << "</section>";
    return Page(ctx, 200, title, std::move(h).str());
}

}  // namespace orientir::web::detail
