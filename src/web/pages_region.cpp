// Home, the list of regions and the region page.
#include <algorithm>
#include <map>
#include <set>

#include "common/strings.hpp"
#include "http/csrf.hpp"
#include "web/handlers.hpp"
#include "web/svg.hpp"

namespace orientir::web::detail {

namespace {

std::string ChooserForm(Ctx& ctx, const std::string& back) {
    std::string out = "<form id=\"choose\" class=\"chooser\" method=\"post\" action=\"/region\">" +
                      http::CsrfField(ctx.req) + "<input type=\"hidden\" name=\"back\" value=\"" + E(back) + "\">";
    out += "<label for=\"region-select\">" + ctx.T("home.choose") +
           "</label><div class=\"row\"><select id=\"region-select\" name=\"region\">";
    out += "<option value=\"\">" + ctx.T("home.no_region") + "</option>";
    for (const auto& [code, name] : RegionOptions(ctx))
        out +=
            "<option value=\"" + E(code) + "\"" + (code == ctx.my_region ? " selected" : "") + ">" + name + "</option>";
    out +=
        "</select><button type=\"submit\" class=\"button\">" + ctx.T("home.choose_button") + "</button></div></form>";
    return out;
}

// Practices originated per region, for the home map.
std::map<std::string, int> PracticesPerRegion(Ctx& ctx) {
    std::map<std::string, int> out;
    app::ListParams lp;
    lp.limit = 200;
    for (;;) {
        auto l = ctx.app.List<domain::Practice>(ctx.actor, lp);
        if (!l.ok()) break;
        for (const auto& p : l->items) ++out[p.origin.region];
        if (!l->next_after) break;
        lp.after_id = *l->next_after;
    }
    return out;
}

}  // namespace

http::Response Home(Ctx& ctx) {
    std::string b;
    b += "<section class=\"hero\"><h1>" + ctx.T("home.title") + "</h1><p class=\"lead\">" + ctx.T("home.lead") + "</p>";
    b += "<div class=\"hero-grid\"><div class=\"panel\">" + ChooserForm(ctx, "/");
    if (!ctx.my_region.empty()) {
        const std::string& r = ctx.my_region;
        b += "<p class=\"mine\">" + ctx.T("home.your_region") + " <strong>" + ctx.RegionLink(r) +
             "</strong></p><p class=\"quick\">" + "<a href=\"/practices?region=" + E(r) + "\">" +
             ctx.T("home.region_practices") + "</a> · <a href=\"/adoptions?region=" + E(r) + "\">" +
             ctx.T("home.region_adoptions") + "</a></p>";
    }
    b += "</div><form class=\"panel search\" method=\"get\" action=\"/practices\" role=\"search\"><label for=\"q\">" +
         ctx.T("home.search") + "</label><div class=\"row\"><input type=\"search\" id=\"q\" name=\"q\" placeholder=\"" +
         ctx.T("home.search_placeholder") + "\"><button type=\"submit\" class=\"button\">" +
         ctx.T("home.search_button") + "</button></div></form></div></section>";

    b += "<section aria-labelledby=\"h-domains\"><h2 id=\"h-domains\">" + ctx.T("home.domains") +
         "</h2><ul class=\"domains\">";
    for (const auto& d : ctx.dir->domains) {
        auto l = ctx.app.List<domain::Practice>(ctx.actor, {{{"domain", d.code}}, {}, {}, 0, 1, false});
        std::int64_t n = l.ok() ? l->total : 0;
        b += "<li><a href=\"/practices?domain=" + E(d.code) + "\"><span class=\"name\">" + ctx.DomainName(d.code) +
             "</span><span class=\"count\">" + ctx.Count(n, "count.practices") + "</span></a></li>";
    }
    b += "</ul></section>";

    Names names(ctx);
    b += "<div class=\"cols\"><section aria-labelledby=\"h-new\"><h2 id=\"h-new\">" + ctx.T("home.new_practices") +
         "</h2><ul class=\"cards\">";
    if (auto l = ctx.app.List<domain::Practice>(ctx.actor, {{{"state", "published"}}, {}, {}, 0, 5, true}); l.ok())
        for (const auto& p : l->items) b += PracticeCard(ctx, p);
    b += "</ul><p><a href=\"/practices\">" + ctx.T("home.all_practices") + "</a></p></section>";
    b += "<section aria-labelledby=\"h-recent\"><h2 id=\"h-recent\">" + ctx.T("home.recent_adoptions") +
         "</h2><ul class=\"events\">";
    if (auto l = ctx.app.List<domain::Adoption>(ctx.actor, {{}, {}, {}, 0, 12, true}); l.ok()) {
        int shown = 0;
        for (const auto& a : l->items) {
            if (!names.PracticeReadable(a.practice_id) || ++shown > 8) continue;
            b += "<li><a href=\"/adoptions/" + std::to_string(a.meta.id) + "\">" + names.Practice(a.practice_id) +
                 "</a><span class=\"meta\">" + ctx.RegionShort(a.adopter.region) +
                 (a.adopter.municipality_id ? ", " + names.Municipality(*a.adopter.municipality_id) : "") + " · " +
                 ctx.StageBadge(a.stage()) + " · " +
                 ctx.Date(a.stage_history.empty() ? "" : a.stage_history.back().at) + "</span></li>";
        }
    }
    b += "</ul><p><a href=\"/adoptions\">" + ctx.T("home.all_adoptions") + "</a></p></section></div>";

    auto counts = PracticesPerRegion(ctx);
    TileMapSpec spec;
    spec.id = "map-home";
    spec.title = ctx.T("home.map_title");
    spec.desc = ctx.T("home.map_desc");
    spec.highlight = ctx.my_region;
    spec.style = [&](const domain::Region& r) -> TileStyle {
        auto it = counts.find(r.code);
        int n = it == counts.end() ? 0 : it->second;
        std::string note = ctx.Count(n, "count.practices");
        if (n == 0) return {"none", note};
        return {n == 1 ? "p1" : (n <= 3 ? "p2" : "p3"), note};
    };
    b += "<section aria-labelledby=\"h-map\"><h2 id=\"h-map\">" + ctx.T("home.map_title") +
         "</h2><figure class=\"map\">" + TileMap(ctx, spec) + "<figcaption>" +
         Legend(ctx, {{"none", ctx.T("map.no_practices")},
                      {"p1", ctx.T("map.p1")},
                      {"p2", ctx.T("map.p2")},
                      {"p3", ctx.T("map.p3")},
                      {"hl", ctx.T("map.your_region")}}) +
         "</figcaption></figure></section>";
    return Page(ctx, 200, ctx.T("home.title"), b);
}

http::Response Regions(Ctx& ctx) {
    std::string b = Breadcrumbs(ctx, {{"", ctx.T("nav.regions")}});
    b += "<h1>" + ctx.T("regions.title") + "</h1>";
    TileMapSpec spec;
    spec.id = "map-all";
    spec.title = ctx.T("regions.map_title");
    spec.desc = ctx.T("regions.map_desc");
    spec.highlight = ctx.my_region;
    std::map<std::string, std::string> district_cls;
    int i = 0;
    for (const auto& d : ctx.dir->districts) district_cls[d.code] = "d" + std::to_string(i++ % 8);
    spec.style = [&](const domain::Region& r) -> TileStyle {
        return {district_cls[r.district], ctx.DistrictName(r.district)};
    };
    std::vector<LegendItem> legend;
    for (const auto& d : ctx.dir->districts) legend.push_back({district_cls[d.code], ctx.DistrictName(d.code)});
    b +=
        "<figure class=\"map\">" + TileMap(ctx, spec) + "<figcaption>" + Legend(ctx, legend) + "</figcaption></figure>";
    b += "<div class=\"districts\">";
    for (const auto& d : ctx.dir->districts) {
        b += "<section><h2>" + ctx.DistrictName(d.code) + "</h2><ul class=\"plain\">";
        for (const auto& [code, name] : RegionOptions(ctx)) {
            const auto* r = ctx.dir->Region(code);
            if (r && r->district == d.code) b += "<li><a href=\"/regions/" + E(code) + "\">" + name + "</a></li>";
        }
        b += "</ul></section>";
    }
    b += "</div>";
    return Page(ctx, 200, ctx.T("regions.title"), b);
}

namespace {

// The title with «мой регион» or the button that makes it the visitor's region.
Html RegionTitle(Ctx& ctx, const std::string& code) {
    Html h;
    h << "<div class=\"title-row\"><h1>" << Cat(ctx.RegionName(code), "Ctx escapes names") << "</h1>";
    if (code == ctx.my_region)
        h << "<span class=\"badge mine\">" << Tr(ctx, "region.is_mine") << "</span>";
    else
        h << "<form method=\"post\" action=\"/region\" class=\"inline\">" << Csrf(ctx)
          << "<input type=\"hidden\" name=\"region\" value=\"" << code
          << "\"><input type=\"hidden\" name=\"back\" value=\"/regions/" << code
          << "\"><button type=\"submit\" class=\"button secondary\">" << Tr(ctx, "region.make_mine")
          << "</button></form>";
    h << "</div>";
    if (ctx.req.Query("sent")) h << "<div class=\"flash\" role=\"status\">" << Tr(ctx, "request.sent") << "</div>";
    return h;
}

// Profile facts and the small map of the region in its district.
Html RegionProfile(Ctx& ctx, const domain::Region& r) {
    const std::string& code = r.code;
    Html h;
    h << "<div class=\"profile\"><dl class=\"facts\">";
    if (!r.full_name.empty() && r.full_name != r.name && !ctx.en())
        h << "<dt>" << Tr(ctx, "region.full_name") << "</dt><dd>" << r.full_name << "</dd>";
    h << "<dt>" << Tr(ctx, "region.district") << "</dt><dd><a href=\"/practices?district=" << r.district << "\">"
      << Cat(ctx.DistrictName(r.district), "Ctx escapes names") << "</a></dd>";
    if (!r.capital.empty()) h << "<dt>" << Tr(ctx, "region.capital") << "</dt><dd>" << r.capital << "</dd>";
    if (r.population)
        h << "<dt>" << Tr(ctx, "region.population") << "</dt><dd>"
          << Cat(ctx.Integer(*r.population), "a formatted number") << " " << Tr(ctx, "unit.people") << "</dd>";
    if (r.area_km2)
        h << "<dt>" << Tr(ctx, "region.area") << "</dt><dd>" << Cat(ctx.Number(*r.area_km2, 0), "a formatted number")
          << " " << Tr(ctx, "unit.km2") << "</dd>";
    if (!r.timezone.empty()) h << "<dt>" << Tr(ctx, "region.timezone") << "</dt><dd>" << r.timezone << "</dd>";
    h << "<dt>" << Tr(ctx, "region.codes") << "</dt><dd>" << r.code;
    if (r.iso) h << " · " << *r.iso;
    h << "</dd></dl>";
    TileMapSpec spec;
    spec.id = "map-region";
    spec.title = ctx.T("region.map_title") + ": " + ctx.RegionName(code);
    spec.desc = ctx.T("region.map_desc");
    spec.highlight = code;
    spec.style = [&](const domain::Region& x) -> TileStyle {
        if (x.code == code) return {"hl", ""};
        return {x.district == r.district ? "same" : "none", ""};
    };
    return h << "<figure class=\"map small\">" << Cat(TileMap(ctx, spec), "SVG from escaped values") << "<figcaption>"
             << Cat(Legend(ctx, {{"hl", ctx.RegionName(code)}, {"same", ctx.DistrictName(r.district)}}),
                    "escapes its labels")
             << "</figcaption></figure></div>";
}

// Practices originated in the region.
Html OwnPracticesSection(Ctx& ctx, const std::string& code) {
    auto own = ctx.app.List<domain::Practice>(ctx.actor, {{{"region", code}}, {}, {}, 0, 50, false});
    Html h;
    h << "<section aria-labelledby=\"h-own\"><h2 id=\"h-own\">" << Tr(ctx, "region.own_practices")
      << " <span class=\"count\">";
    if (own.ok())
        h << Cat(ctx.Integer(own->total), "a formatted number");
    else
        h << "0";
    h << "</span></h2>";
    if (own.ok() && !own->items.empty()) {
        h << "<ul class=\"cards\">";
        for (const auto& p : own->items) h << Cat(PracticeCard(ctx, p), "escapes its values");
        h << "</ul>";
        if (own->next_after)
            h << "<p><a href=\"/practices?region=" << code << "\">" << Tr(ctx, "region.all_own") << "</a></p>";
    } else {
        h << "<p class=\"empty\">" << Tr(ctx, "region.no_own") << "</p>";
    }
    return h << "</section>";
}

// The region's adoptions by stage: a bar chart.
Html StageBars(Ctx& ctx, const std::vector<domain::Adoption>& adoptions) {
    std::map<domain::AdoptionStage, int> by_stage;
    for (const auto& a : adoptions) ++by_stage[a.stage()];
    std::vector<Bar> bars;
    std::string alt = ctx.T("region.by_stage") + ": ";
    for (auto s : domain::AllAdoptionStage()) {
        bars.push_back({ctx.Label(domain::LabelOf(s)), static_cast<double>(by_stage[s]), std::string(domain::Code(s))});
        alt += ctx.Label(domain::LabelOf(s)) + " " + std::to_string(by_stage[s]) + "; ";
    }
    return Html() << "<div><h3>" << Tr(ctx, "region.by_stage") << "</h3>"
                  << Cat(BarChart(ctx, alt, bars), "SVG from escaped values") << "</div>";
}

// By municipality: the region level first, then municipalities by name.
Html MunicipalityTable(Ctx& ctx, Names& names, const std::vector<domain::Adoption>& adoptions) {
    std::map<std::string, std::vector<const domain::Adoption*>> by_mun;
    for (const auto& a : adoptions) {
        std::string key = a.adopter.municipality_id ? "1" + names.Municipality(*a.adopter.municipality_id) : "0";
        by_mun[key].push_back(&a);
    }
    Html h;
    h << "<div><h3>" << Tr(ctx, "region.by_municipality") << "</h3><table class=\"data\"><caption class=\"sr\">"
      << Tr(ctx, "region.by_municipality") << "</caption><thead><tr><th scope=\"col\">" << Tr(ctx, "col.municipality")
      << "</th><th scope=\"col\">" << Tr(ctx, "col.practice") << "</th><th scope=\"col\">" << Tr(ctx, "col.stage")
      << "</th><th scope=\"col\">" << Tr(ctx, "col.since") << "</th></tr></thead><tbody>";
    for (const auto& [key, list] : by_mun) {
        bool first = true;
        for (const auto* a : list) {
            h << "<tr>";
            if (first) {
                h << "<th scope=\"rowgroup\" rowspan=\"" << list.size() << "\">";
                if (key == "0")
                    h << Tr(ctx, "region.region_level");
                else
                    h << Cat(key.substr(1), "Names escapes");
                h << "</th>";
                first = false;
            }
            h << "<td><a href=\"/adoptions/" << a->meta.id << "\">"
              << Cat(names.Practice(a->practice_id), "Names escapes") << "</a></td><td>"
              << Cat(ctx.StageBadge(a->stage()), "a badge from a code")
              << Cat(FreshnessBadge(ctx, app::FreshnessOf(ctx.app, *a)), "a badge") << "</td><td>"
              << Cat(ctx.Date(a->started_at()), "a formatted date") << "</td></tr>";
        }
    }
    return h << "</tbody></table></div>";
}

// Adoptions in the region: by stage and by municipality.
Html AdoptionsSection(Ctx& ctx, Names& names, const std::string& code) {
    auto ad = ctx.app.List<domain::Adoption>(ctx.actor, {{{"region", code}}, {}, {}, 0, 200, false});
    std::vector<domain::Adoption> adoptions = ad.ok() ? ad->items : std::vector<domain::Adoption>{};
    Html h;
    h << "<section aria-labelledby=\"h-adopt\"><h2 id=\"h-adopt\">" << Tr(ctx, "region.adoptions")
      << " <span class=\"count\">" << Cat(ctx.Integer(ad.ok() ? ad->total : 0), "a formatted number") << "</span></h2>";
    if (adoptions.empty())
        h << "<p class=\"empty\">" << Tr(ctx, "region.no_adoptions") << "</p>";
    else
        h << "<div class=\"cols\">" << StageBars(ctx, adoptions) << MunicipalityTable(ctx, names, adoptions)
          << "</div>";
    h << "<p><a href=\"/adoptions?region=" << code << "\">" << Tr(ctx, "region.all_adoptions") << "</a>";
    if (ctx.signed_in())
        h << " · <a href=\"/adoptions/new?region=" << code << "\">" << Tr(ctx, "adoption.new") << "</a>";
    return h << "</p></section>";
}

// «Хочу внедрить» requests from the region. Anonymous visitors may not read requests (they hold
// contact data), so only the public part is shown: date, practice, municipality, status.
Html RequestsSection(Ctx& ctx, Names& names, const std::string& code) {
    auto req = ctx.app.RequestSummariesOf(code, 50);
    Html h;
    h << "<section id=\"requests\" aria-labelledby=\"h-req\"><h2 id=\"h-req\">" << Tr(ctx, "region.requests")
      << " <span class=\"count\">" << Cat(ctx.Integer(req.ok() ? req->total : 0), "a formatted number")
      << (req.ok() && req->total_at_least ? "+" : "") << "</span></h2>";
    if (!req.ok() || req->items.empty())
        return h << "<p class=\"empty\">" << Tr(ctx, "region.no_requests") << "</p></section>";
    h << "<table class=\"data\"><thead><tr><th scope=\"col\">" << Tr(ctx, "col.date") << "</th><th scope=\"col\">"
      << Tr(ctx, "col.practice") << "</th><th scope=\"col\">" << Tr(ctx, "col.municipality")
      << "</th><th scope=\"col\">" << Tr(ctx, "col.status") << "</th></tr></thead><tbody>";
    for (const auto& q : req->items) {
        h << "<tr><td>" << Cat(ctx.Date(q.meta.created_at), "a formatted date") << "</td><td>"
          << Cat(names.PracticeLink(q.practice_id), "Names escapes") << "</td><td>";
        if (q.from.municipality_id)
            h << Cat(names.Municipality(*q.from.municipality_id), "Names escapes");
        else
            h << Tr(ctx, "region.region_level");
        h << "</td><td>" << Cat(ctx.Label(domain::LabelOf(q.status)), "a label of a code") << "</td></tr>";
    }
    return h << "</tbody></table></section>";
}

}  // namespace

http::Response RegionPage(Ctx& ctx) {
    const auto* r = ctx.dir->Region(ctx.req.Param("code"));
    if (!r) {
        auto found = ctx.app.FindRegion(ctx.req.Param("code"));
        if (!found.ok()) return NotFoundPage(ctx);
        return http::Response::Redirect("/regions/" + found->code, 301);
    }
    const std::string code = r->code;
    Names names(ctx);
    Html b =
        Cat(Breadcrumbs(ctx, {{"/regions", ctx.T("nav.regions")}, {"", ctx.RegionName(code)}}), "escapes its labels");
    b << RegionTitle(ctx, code) << RegionProfile(ctx, *r) << OwnPracticesSection(ctx, code)
      << AdoptionsSection(ctx, names, code) << RequestsSection(ctx, names, code)
      << Cat(RegionNetworkSection(ctx, code), "escapes its values")
      << Cat(RegionUnexplainedSection(ctx, code), "escapes its values")
      << Cat(RegionAnalytics(ctx, code), "escapes its values");
    return Page(ctx, 200, ctx.RegionName(code), std::move(b).str());
}

}  // namespace orientir::web::detail
