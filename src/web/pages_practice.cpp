// The practice page (passport, results, spread map, timeline, lineage, contacts) and the catalogue.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>

#include "common/clock.hpp"
#include "common/strings.hpp"
#include "text/normalize.hpp"
#include "web/handlers.hpp"
#include "web/svg.hpp"

namespace orientir::web::detail {

namespace {

Html Paragraphs(const std::string& text) {
    Html h;
    for (const auto& para : Split(text, '\n')) {
        auto t = Trim(para);
        if (!t.empty()) h << "<p>" << t << "</p>";
    }
    return h;
}

std::string Lineage(Ctx& ctx, Names& names, const domain::Practice& p, const std::vector<domain::Adoption>& adoptions) {
    std::map<domain::Id, std::vector<const domain::Adoption*>> children;  // source id (0 = origin) → adoptions
    std::set<domain::Id> ids;
    for (const auto& a : adoptions) ids.insert(a.meta.id);
    for (const auto& a : adoptions) {
        domain::Id src = a.source_adoption_id && ids.count(*a.source_adoption_id) ? *a.source_adoption_id : 0;
        children[src].push_back(&a);
    }
    for (auto& [k, v] : children)
        std::stable_sort(v.begin(), v.end(), [](auto* x, auto* y) { return x->started_at() < y->started_at(); });
    std::set<domain::Id> seen;
    std::function<std::string(domain::Id, int)> render = [&](domain::Id src, int depth) -> std::string {
        auto it = children.find(src);
        if (it == children.end() || depth > 20) return "";
        std::string out = "<ul>";
        for (const auto* a : it->second) {
            if (!seen.insert(a->meta.id).second) continue;
            out += "<li><span class=\"node\"><a href=\"/adoptions/" + std::to_string(a->meta.id) + "\">" +
                   names.PlaceText(a->adopter) + "</a> " + ctx.StageBadge(a->stage()) + " <span class=\"muted\">" +
                   ctx.Label(domain::LabelOf(a->channel)) + " · " + ctx.Date(a->started_at()) + "</span></span>" +
                   render(a->meta.id, depth + 1) + "</li>";
        }
        return out + "</ul>";
    };
    std::string out = "<div class=\"tree\"><ul><li><span class=\"node root\">" + names.Place(p.origin) +
                      " <span class=\"badge origin\">" + ctx.T("practice.origin_badge") + "</span></span>" +
                      render(0, 0) + "</li></ul></div>";
    return out;
}

// The header's action buttons: «хочу внедрить», edit, new adoption, history, audit.
Html PracticeActions(Ctx& ctx, const domain::Practice& p, const std::string& pid) {
    Html h;
    h << "<div class=\"actions\"><a class=\"button primary\" href=\"/practices/" << pid << "/request\">"
      << Tr(ctx, "practice.want") << "</a>";
    if (ctx.app.CanWrite(ctx.actor, p) && !p.external)
        h << "<a class=\"button secondary\" href=\"/practices/" << pid << "/edit\">" << Tr(ctx, "action.edit")
          << "</a>";
    if (ctx.signed_in())
        h << "<a class=\"button secondary\" href=\"/adoptions/new?practice=" << pid << "\">" << Tr(ctx, "adoption.new")
          << "</a>";
    h << "<a class=\"button secondary\" id=\"history-link\" href=\"/practices/" << pid << "/history\">"
      << Tr(ctx, "history.link") << "</a>";
    if (ctx.actor.IsStaff())
        h << "<a class=\"button secondary\" href=\"/audit?record=practice%3A" << pid << "\">"
          << Tr(ctx, "audit.history_link") << "</a>";
    return h << "</div>";
}

// Where the practice stands in the visitor's chosen region.
Html YourRegionNotice(Ctx& ctx, const domain::Practice& p, const std::vector<domain::Adoption>& adoptions) {
    Html h;
    if (ctx.my_region.empty()) return h;
    std::vector<const domain::Adoption*> mine;
    for (const auto& a : adoptions)
        if (a.adopter.region == ctx.my_region) mine.push_back(&a);
    if (auto s = FurthestStage(mine))
        h << "<p class=\"notice\">" << Tr(ctx, "practice.in_your_region") << " "
          << Cat(ctx.RegionShort(ctx.my_region), "Ctx escapes names") << ": "
          << Cat(ctx.StageBadge(*s), "a badge from a code") << "</p>";
    else if (p.origin.region == ctx.my_region)
        h << "<p class=\"notice\">" << Tr(ctx, "practice.from_your_region") << "</p>";
    return h;
}

// Title, origin, domains, dates, freshness, actions, moderation and notices.
Html PracticeHeader(Ctx& ctx, Names& names, const domain::Practice& p, const std::vector<domain::Adoption>& adoptions) {
    std::string pid = std::to_string(p.meta.id);
    Html h;
    h << "<header class=\"page-head\"><h1>" << p.title << "</h1><p class=\"meta\">"
      << Cat(names.Place(p.origin), "Names escapes");
    for (const auto& d : p.domains)
        h << " · <a class=\"tag\" href=\"/practices?domain=" << d << "\">"
          << Cat(ctx.DomainName(d), "Ctx escapes names") << "</a>";
    h << "</p><p class=\"meta\">";
    if (p.state != domain::ModerationState::kPublished)
        h << "<span class=\"badge state\">" << Cat(ctx.Label(domain::LabelOf(p.state)), "a label of a code")
          << "</span> ";
    if (p.period.from) {
        h << Tr(ctx, "practice.since") << " " << Cat(ctx.Date(*p.period.from), "a formatted date");
        if (p.period.to) h << " — " << Cat(ctx.Date(*p.period.to), "a formatted date");
    }
    if (p.last_confirmed_at)
        h << " · " << Tr(ctx, "practice.confirmed") << " " << Cat(ctx.Date(*p.last_confirmed_at), "a formatted date");
    h << Cat(FreshnessBadge(ctx, app::FreshnessOf(ctx.app, p)) + ConfirmControl(ctx, p, "/practices/" + pid),
             "freshness helpers escape")
      << "</p>" << Cat(ExternalSource(ctx, p.external), "escapes the source") << PracticeActions(ctx, p, pid)
      << Cat(ModerationControls(ctx, p, "/practices/" + pid), "escapes its values");
    if (p.state != domain::ModerationState::kPublished && !p.moderation_comment.empty() && ctx.signed_in())
        h << "<p class=\"notice\">" << Tr(ctx, "mod.last_comment") << " " << p.moderation_comment << "</p>";
    if (ctx.req.Query("saved")) h << "<div class=\"flash\" role=\"status\">" << Tr(ctx, "form.saved") << "</div>";
    return h << YourRegionNotice(ctx, p, adoptions) << "</header>";
}

// Resources: budget, staff, partners, legal basis, tags.
Html ResourceFacts(Ctx& ctx, const domain::Practice& p) {
    Html h;
    h << "<h3>" << Tr(ctx, "practice.resources") << "</h3><dl class=\"facts\">";
    if (p.resources.budget_rub)
        h << "<dt>" << Tr(ctx, "practice.budget") << "</dt><dd>"
          << Cat(ctx.Number(*p.resources.budget_rub, 0), "a formatted number") << " " << Tr(ctx, "unit.rub") << "</dd>";
    if (p.resources.staff)
        h << "<dt>" << Tr(ctx, "practice.staff") << "</dt><dd>"
          << Cat(ctx.Integer(*p.resources.staff), "a formatted number") << "</dd>";
    if (!p.resources.partners.empty()) {
        h << "<dt>" << Tr(ctx, "practice.partners") << "</dt><dd>";
        for (std::size_t i = 0; i < p.resources.partners.size(); ++i) {
            if (i) h << "; ";
            h << p.resources.partners[i];
        }
        h << "</dd>";
    }
    if (!p.legal_basis.empty())
        h << "<dt>" << Tr(ctx, "practice.legal_basis") << "</dt><dd>" << p.legal_basis << "</dd>";
    if (!p.tags.empty()) {
        h << "<dt>" << Tr(ctx, "practice.tags") << "</dt><dd>";
        for (const auto& t : p.tags) h << "<span class=\"tag\">" << t << "</span> ";
        h << "</dd>";
    }
    return h << "</dl>";
}

// The passport (summary, problem, solution, resources) beside the contacts.
Html PassportSection(Ctx& ctx, Names& names, const domain::Practice& p) {
    Html h;
    h << "<div class=\"layout\"><section class=\"passport\" aria-labelledby=\"h-passport\"><h2 id=\"h-passport\">"
      << Tr(ctx, "practice.passport") << "</h2>";
    if (!p.summary.empty()) h << "<div class=\"lead\">" << Paragraphs(p.summary) << "</div>";
    if (!p.problem.empty()) h << "<h3>" << Tr(ctx, "practice.problem") << "</h3>" << Paragraphs(p.problem);
    if (!p.solution.empty()) h << "<h3>" << Tr(ctx, "practice.solution") << "</h3>" << Paragraphs(p.solution);
    h << ResourceFacts(ctx, p)
      << "</section><aside class=\"contacts\" aria-labelledby=\"h-contacts\"><h2 id=\"h-contacts\">"
      << Tr(ctx, "practice.contacts") << "</h2>";
    if (p.origin.organisation_id)
        h << "<p>" << Cat(names.OrganisationLink(*p.origin.organisation_id), "Names escapes") << "</p>";
    if (p.contacts.empty()) h << "<p class=\"empty\">" << Tr(ctx, "practice.no_contacts") << "</p>";
    for (const auto& c : p.contacts) {
        h << "<div class=\"contact\"><p class=\"name\">" << c.name << "</p>";
        if (!c.role.empty()) h << "<p class=\"muted\">" << c.role << "</p>";
        if (!c.email.empty()) h << "<p><a href=\"mailto:" << c.email << "\">" << c.email << "</a></p>";
        if (!c.phone.empty()) h << "<p>" << c.phone << "</p>";
        h << "</div>";
    }
    return h << "<p><a class=\"button primary\" href=\"/practices/" << p.meta.id << "/request\">"
             << Tr(ctx, "practice.want") << "</a></p></aside></div>";
}

// «+12 %»: a signed change in per cent.
Html SignedPercent(Ctx& ctx, double pct) {
    return Html() << (pct >= 0 ? "+" : "") << Cat(ctx.Number(pct, 0), "a formatted number") << "\u00a0%";
}

// Results before/after, one chart per KPI.
Html ResultsSection(Ctx& ctx, const domain::Practice& p) {
    Html h;
    if (p.results.empty()) return h;
    h << "<section aria-labelledby=\"h-results\"><h2 id=\"h-results\">" << Tr(ctx, "practice.results")
      << "</h2><div class=\"kpis\">";
    int i = 0;
    for (const auto& k : p.results) {
        h << "<figure class=\"kpi-fig\"><figcaption><span class=\"name\">" << k.name << "</span>";
        if (k.before && k.after && *k.before != 0)
            h << " <span class=\"change\">" << SignedPercent(ctx, (*k.after - *k.before) / std::fabs(*k.before) * 100)
              << "</span>";
        h << "</figcaption>" << Cat(KpiChart(ctx, k, "kpi-" + std::to_string(i++)), "SVG from escaped values")
          << "</figure>";
    }
    return h << "</div></section>";
}

// What the adopters report, per comparable figure (from the adoptions this page has read already).
Html EffectsSection(Ctx& ctx, const std::vector<domain::Adoption>& adoptions) {
    Html h;
    auto figures = ctx.app.EffectFigures();
    auto effects = figures.ok() ? app::SummariseEffects(adoptions, *figures) : std::vector<app::EffectSummary>{};
    if (effects.empty()) return h;
    h << "<section aria-labelledby=\"h-effects\"><h2 id=\"h-effects\">" << Tr(ctx, "practice.effects")
      << "</h2><p class=\"hint\">" << Tr(ctx, "practice.effects_hint") << "</p><table class=\"data\" id=\"effects\">"
      << "<thead><tr><th scope=\"col\">" << Tr(ctx, "effects.figure") << "</th><th scope=\"col\">"
      << Tr(ctx, "effects.adopters") << "</th><th scope=\"col\">" << Tr(ctx, "effects.before_after")
      << "</th><th scope=\"col\">" << Tr(ctx, "effects.change") << "</th><th scope=\"col\">"
      << Tr(ctx, "effects.improved") << "</th></tr></thead><tbody>";
    auto num = [&](double v, int d) { return Cat(ctx.Number(v, d), "a formatted number"); };
    auto integer = [&](std::int64_t v) { return Cat(ctx.Integer(v), "a formatted number"); };
    for (const auto& e : effects) {
        const std::string& name = ctx.en() && !e.name_en.empty() ? e.name_en : e.name;
        const std::string& unit = ctx.en() && !e.unit_en.empty() ? e.unit_en : e.unit;
        h << "<tr><th scope=\"row\">" << name;
        if (!unit.empty()) h << " <span class=\"muted\">" << unit << "</span>";
        h << "</th><td>" << integer(e.adopters) << "</td><td>" << num(e.median_before, 2) << " → "
          << num(e.median_after, 2) << "</td><td>";
        if (e.median_change_pct)
            h << SignedPercent(ctx, *e.median_change_pct);
        else
            h << "—";
        h << "</td><td>" << integer(e.improved) << " / " << integer(e.adopters) << "</td></tr>";
    }
    return h << "</tbody></table></section>";
}

// Spread: the map by furthest stage per region.
Html SpreadSection(Ctx& ctx, const domain::Practice& p, const std::vector<domain::Adoption>& adoptions) {
    std::map<std::string, std::vector<const domain::Adoption*>> by_region;
    for (const auto& a : adoptions) by_region[a.adopter.region].push_back(&a);
    std::map<std::string, domain::AdoptionStage> furthest;
    for (const auto& [reg, list] : by_region)
        if (auto s = FurthestStage(list)) furthest[reg] = *s;
    // Counted as the analytics count «распространилась» (recommendations, what-they-have): regions other
    // than the author's where an adoption is not discontinued.
    std::int64_t spread = 0;
    for (const auto& [reg, stage] : furthest)
        spread += reg != p.origin.region && stage != domain::AdoptionStage::kDiscontinued ? 1 : 0;
    TileMapSpec spec;
    spec.id = "map-spread";
    spec.title = ctx.T("practice.spread_title");
    spec.desc = ctx.T("practice.spread_desc");
    spec.highlight = ctx.my_region;
    spec.style = [&](const domain::Region& r) -> TileStyle {
        if (r.code == p.origin.region) return {"origin", ctx.T("practice.origin_badge")};
        auto it = furthest.find(r.code);
        if (it == furthest.end()) return {"none", ""};
        return {std::string(domain::Code(it->second)), ctx.Label(domain::LabelOf(it->second))};
    };
    std::vector<LegendItem> legend{{"origin", ctx.T("practice.origin_badge")}};
    for (auto s : domain::AllAdoptionStage())
        legend.push_back({std::string(domain::Code(s)), ctx.Label(domain::LabelOf(s))});
    legend.push_back({"none", ctx.T("map.not_adopted")});
    if (!ctx.my_region.empty()) legend.push_back({"hl", ctx.T("map.your_region")});
    Html h;
    h << "<section aria-labelledby=\"h-spread\"><h2 id=\"h-spread\">" << Tr(ctx, "practice.spread")
      << " <span class=\"count\">" << Cat(ctx.Count(spread, "count.regions"), "catalogue plural")
      << "</span></h2><p class=\"hint\">" << Tr(ctx, "practice.spread_counts") << "</p>";
    return h << "<figure class=\"map\">" << Cat(TileMap(ctx, spec), "SVG from escaped values") << "<figcaption>"
             << Cat(Legend(ctx, legend), "escapes its labels") << "</figcaption></figure></section>";
}

// «Сургут, Тобольск»: the adopter's region and municipality, escaped.
std::string AdopterText(Ctx& ctx, Names& names, const domain::Adoption& a) {
    return ctx.RegionShort(a.adopter.region) +
           (a.adopter.municipality_id ? ", " + names.Municipality(*a.adopter.municipality_id) : "");
}

// The stages of each adoption over time, oldest adoption first.
Html TimelineChart(Ctx& ctx, Names& names, const std::vector<const domain::Adoption*>& sorted) {
    std::vector<TimelineRow> rows;
    for (const auto* a : sorted) {
        TimelineRow row{AdopterText(ctx, names, *a), "/adoptions/" + std::to_string(a->meta.id), {}};
        for (std::size_t i = 0; i < a->stage_history.size(); ++i) {
            const auto& e = a->stage_history[i];
            bool last = i + 1 == a->stage_history.size();
            std::string to =
                last ? (e.stage == domain::AdoptionStage::kDiscontinued ? e.at : "") : a->stage_history[i + 1].at;
            row.segments.push_back({e.at, to, std::string(domain::Code(e.stage)),
                                    ctx.Label(domain::LabelOf(e.stage)) + ", " + ctx.Date(e.at)});
        }
        rows.push_back(std::move(row));
    }
    std::vector<LegendItem> legend;
    for (auto s : domain::AllAdoptionStage())
        legend.push_back({std::string(domain::Code(s)), ctx.Label(domain::LabelOf(s))});
    return Html() << "<figure class=\"chart\">"
                  << Cat(Timeline(ctx, ctx.T("practice.timeline_alt"), rows), "SVG from escaped values")
                  << "<figcaption>" << Cat(Legend(ctx, legend), "escapes its labels") << "</figcaption></figure>";
}

Html AdoptionsTable(Ctx& ctx, Names& names, const std::vector<const domain::Adoption*>& sorted) {
    Html h;
    h << "<table class=\"data\"><caption>" << Tr(ctx, "practice.adoptions_table")
      << "</caption><thead><tr><th scope=\"col\">" << Tr(ctx, "col.adopter") << "</th><th scope=\"col\">"
      << Tr(ctx, "col.channel") << "</th><th scope=\"col\">" << Tr(ctx, "col.stage") << "</th><th scope=\"col\">"
      << Tr(ctx, "col.since") << "</th><th scope=\"col\">" << Tr(ctx, "col.updated") << "</th></tr></thead><tbody>";
    for (const auto* a : sorted)
        h << "<tr><td><a href=\"/adoptions/" << a->meta.id << "\">" << Cat(AdopterText(ctx, names, *a), "escaped names")
          << "</a></td><td>" << Cat(ctx.Label(domain::LabelOf(a->channel)), "a label of a code") << "</td><td>"
          << Cat(ctx.StageBadge(a->stage()), "a badge from a code") << "</td><td>"
          << Cat(ctx.Date(a->started_at()), "a formatted date") << "</td><td>"
          << Cat(ctx.Date(a->stage_history.empty() ? "" : a->stage_history.back().at), "a formatted date")
          << "</td></tr>";
    return h << "</tbody></table>";
}

// Timeline and table of adoptions.
Html TimelineSection(Ctx& ctx, Names& names, const std::vector<domain::Adoption>& adoptions) {
    Html h;
    h << "<section aria-labelledby=\"h-timeline\"><h2 id=\"h-timeline\">" << Tr(ctx, "practice.timeline") << "</h2>";
    if (adoptions.empty()) return h << "<p class=\"empty\">" << Tr(ctx, "practice.no_adoptions") << "</p></section>";
    std::vector<const domain::Adoption*> sorted;
    for (const auto& a : adoptions) sorted.push_back(&a);
    std::stable_sort(sorted.begin(), sorted.end(), [](auto* x, auto* y) { return x->started_at() < y->started_at(); });
    return h << TimelineChart(ctx, names, sorted) << AdoptionsTable(ctx, names, sorted) << "</section>";
}

}  // namespace

http::Response PracticePage(Ctx& ctx) {
    auto id = ParseInt(ctx.req.Param("id"));
    if (!id) return NotFoundPage(ctx);
    auto pr = ctx.app.Get<domain::Practice>(ctx.actor, *id);
    if (!pr.ok()) return ErrorPage(ctx, pr.error());
    const auto& p = *pr;
    auto ad = ctx.app.AdoptionsOf(ctx.actor, *id);
    std::vector<domain::Adoption> adoptions = ad.ok() ? *ad : std::vector<domain::Adoption>{};
    Names names(ctx);

    Html b = Cat(Breadcrumbs(ctx, {{"/practices", ctx.T("nav.practices")}, {"", E(p.title)}}), "escapes its labels");
    b << Cat(RecordNotice(ctx, domain::CheckFields(p)), "escapes the issues") << "<article class=\"practice\">"
      << PracticeHeader(ctx, names, p, adoptions) << PassportSection(ctx, names, p) << ResultsSection(ctx, p)
      << EffectsSection(ctx, adoptions) << SpreadSection(ctx, p, adoptions) << TimelineSection(ctx, names, adoptions);
    b << "<section aria-labelledby=\"h-lineage\"><h2 id=\"h-lineage\">" << Tr(ctx, "practice.lineage")
      << "</h2><p class=\"hint\">" << Tr(ctx, "practice.lineage_hint") << "</p>"
      << Cat(Lineage(ctx, names, p, adoptions), "escaped names") << "</section>"
      << Cat(PracticeAnalytics(ctx, p), "escapes its values");
    // «С кем начать»: where to seed, for curators (the inferred network; a few milliseconds per practice).
    if (ctx.actor.IsStaff()) b << Cat(SeedingSection(ctx, p), "escapes its values");
    b << "</article>";
    return Page(ctx, 200, E(p.title), std::move(b).str());
}

namespace {

// The catalogue's filters from the query string; a filter naming nothing known is dropped.
struct CatalogueFilter {
    std::string q, dom, reg, dis, stage, state;
    std::optional<domain::AdoptionStage> stage_v;
};

CatalogueFilter CatalogueFilterFrom(Ctx& ctx) {
    const auto& rq = ctx.req;
    CatalogueFilter f;
    f.q = std::string(Trim(rq.Query("q").value_or("")));
    f.dom = rq.Query("domain").value_or("");
    f.reg = FilterRegion(ctx);
    f.dis = rq.Query("district").value_or("");
    f.stage = rq.Query("stage").value_or("");
    f.state = rq.Query("state").value_or("");
    if (!f.dom.empty() && !ctx.dir->DomainByCode(f.dom)) f.dom.clear();
    f.reg = ctx.RegionCode(f.reg);
    if (!f.dis.empty() && !ctx.dir->District(f.dis)) f.dis.clear();
    f.stage_v = domain::ParseAdoptionStage(f.stage);
    if (!f.stage_v) f.stage.clear();
    if (!domain::ParseModerationState(f.state) || !ctx.signed_in()) f.state.clear();
    return f;
}

// The full-text search for a text query, with the catalogue's filters as facets.
std::string SearchUrl(const CatalogueFilter& f) {
    std::string url = "/search?q=" + UrlEncode(f.q) + "&kind=practice";
    if (!f.dom.empty()) url += "&domain=" + UrlEncode(f.dom);
    if (!f.reg.empty()) url += "&region=" + UrlEncode(f.reg);
    if (!f.dis.empty()) url += "&district=" + UrlEncode(f.dis);
    if (!f.stage.empty()) url += "&stage=" + UrlEncode(f.stage);
    return url;
}

Html FilterSelect(Ctx& ctx, const char* name, const char* key, const Options& opts, const std::string& cur,
                  const char* all_key) {
    std::string id = std::string("f-") + name;
    Html h;
    h << "<div class=\"field\"><label for=\"" << id << "\">" << Tr(ctx, key) << "</label><select id=\"" << id
      << "\" name=\"" << name << "\"><option value=\"\">" << Tr(ctx, all_key) << "</option>";
    for (const auto& [v, l] : opts) {
        h << "<option value=\"" << v << "\"";
        if (v == cur) h << " selected";
        h << ">" << Cat(l, "option labels are escaped") << "</option>";
    }
    return h << "</select></div>";
}

// Filters (GET, usable without JavaScript).
Html CatalogueFilters(Ctx& ctx, const CatalogueFilter& f) {
    Html h;
    h << "<form class=\"filters\" method=\"get\" action=\"/practices\" role=\"search\" aria-label=\""
      << Tr(ctx, "catalogue.filters") << "\">";
    h << "<div class=\"field grow\"><label for=\"f-q\">" << Tr(ctx, "catalogue.q")
      << "</label><input type=\"search\" id=\"f-q\" name=\"q\" value=\"" << f.q << "\"></div>";
    h << FilterSelect(ctx, "domain", "filter.domain", DomainOptions(ctx), f.dom, "filter.all_domains");
    h << FilterSelect(ctx, "district", "filter.district", DistrictOptions(ctx), f.dis, "filter.all_districts");
    h << FilterSelect(ctx, "region", "filter.region", RegionOptions(ctx), f.reg, "filter.all_regions");
    h << FilterSelect(ctx, "stage", "filter.stage", StageOptions(ctx), f.stage, "filter.any_stage");
    if (ctx.signed_in()) {
        Options st;
        for (auto s : domain::AllModerationState())
            st.emplace_back(std::string(domain::Code(s)), ctx.Label(domain::LabelOf(s)));
        h << FilterSelect(ctx, "state", "filter.state", st, f.state, "filter.any_state");
    }
    return h << "<div class=\"field buttons\"><button type=\"submit\" class=\"button\">" << Tr(ctx, "filter.apply")
             << "</button><a href=\"/practices\">" << Tr(ctx, "filter.reset") << "</a></div></form>";
}

// The domain overview: who authors practices in this domain, and the chosen region's place.
Html DomainOverview(Ctx& ctx, const std::string& dom) {
    app::ListParams all;
    all.filters.emplace_back("domain", dom);
    all.limit = 200;
    std::map<std::string, int> per_region;
    if (auto l = ctx.app.List<domain::Practice>(ctx.actor, all); l.ok())
        for (const auto& p : l->items) ++per_region[p.origin.region];
    std::vector<std::pair<int, std::string>> top;
    for (const auto& [r, n] : per_region) top.emplace_back(n, r);
    std::sort(top.begin(), top.end(), [](const auto& a, const auto& x) {
        return a.first != x.first ? a.first > x.first : a.second < x.second;
    });
    Html h;
    h << "<section class=\"overview\" aria-labelledby=\"h-leaders\"><h2 id=\"h-leaders\">"
      << Tr(ctx, "catalogue.leaders") << "</h2><ol class=\"leaders\">";
    for (std::size_t i = 0; i < top.size() && i < 5; ++i)
        h << "<li><a href=\"/practices?domain=" << dom << "&amp;region=" << top[i].second << "\">"
          << Cat(ctx.RegionName(top[i].second), "Ctx escapes names") << "</a> — "
          << Cat(ctx.Count(top[i].first, "count.practices"), "catalogue plural") << "</li>";
    h << "</ol>";
    if (!ctx.my_region.empty()) {
        int mine = per_region.count(ctx.my_region) ? per_region[ctx.my_region] : 0;
        h << "<p>" << Tr(ctx, "catalogue.your_region") << " " << Cat(ctx.RegionLink(ctx.my_region), "Ctx escapes names")
          << ": " << Cat(ctx.Count(mine, "count.practices"), "catalogue plural") << "</p>";
    }
    return h << "</section>";
}

// One page of the catalogue: its practices, the total, where the next page starts and where this one did.
struct CataloguePage {
    std::vector<domain::Practice> items;
    std::int64_t total = 0;
    std::optional<std::int64_t> next;
    std::int64_t from = 0;
};

// Text or stage filter: matched here over the filtered set (the search module replaces the text part).
Result<CataloguePage> MatchedPage(Ctx& ctx, const CatalogueFilter& f, app::ListParams lp, const Paging& paging) {
    std::vector<domain::Practice> all;
    lp.limit = 200;
    for (;;) {
        auto l = ctx.app.List<domain::Practice>(ctx.actor, lp);
        if (!l.ok()) return l.error();
        for (auto& p : l->items) all.push_back(std::move(p));
        if (!l->next_after || all.size() >= 5000) break;
        lp.after_id = *l->next_after;
    }
    if (f.stage_v) {
        std::set<domain::Id> with_stage;
        app::ListParams ap;
        ap.filters.emplace_back("stage", f.stage);
        ap.limit = 200;
        for (;;) {
            auto l = ctx.app.List<domain::Adoption>(ctx.actor, ap);
            if (!l.ok()) break;
            for (const auto& a : l->items) with_stage.insert(a.practice_id);
            if (!l->next_after) break;
            ap.after_id = *l->next_after;
        }
        std::erase_if(all, [&](const auto& p) { return !with_stage.count(p.meta.id); });
    }
    if (!f.q.empty()) {
        std::string fq = text::Fold(f.q);
        std::erase_if(all, [&](const auto& p) {
            std::string hay = text::Fold(p.title + " " + p.summary + " " + Join(p.tags, " "));
            return hay.find(fq) == std::string::npos;
        });
    }
    CataloguePage page;
    page.total = static_cast<std::int64_t>(all.size());
    page.from = std::min<std::int64_t>(paging.offset, page.total);
    auto end = std::min<std::int64_t>(page.from + 20, page.total);
    for (auto i = page.from; i < end; ++i) page.items.push_back(std::move(all[static_cast<std::size_t>(i)]));
    if (end < page.total) page.next = end;
    return page;
}

Result<CataloguePage> ListedPage(Ctx& ctx, app::ListParams lp, const Paging& paging) {
    lp.after_id = paging.after;
    lp.limit = 20;
    auto l = ctx.app.List<domain::Practice>(ctx.actor, lp);
    if (!l.ok()) return l.error();
    CataloguePage page;
    page.items = std::move(l->items);
    page.total = l->total;
    page.next = l->next_after;
    page.from = paging.after > 0 ? paging.offset : 0;
    return page;
}

Html CatalogueResults(Ctx& ctx, const CataloguePage& page) {
    Html h;
    h << "<section aria-labelledby=\"h-results\"><h2 id=\"h-results\" class=\"sr\">" << Tr(ctx, "catalogue.results")
      << "</h2>";
    if (page.items.empty()) {
        h << "<p class=\"empty\">" << Tr(ctx, "catalogue.nothing") << "</p>";
    } else {
        h << "<ul class=\"cards\">";
        for (const auto& p : page.items) h << Cat(PracticeCard(ctx, p), "escapes its values");
        h << "</ul>";
    }
    return h << Cat(Pager(ctx, page.from, page.items.size(), page.total, page.next) +
                        XlsxLink(ctx, "practices", "practice"),
                    "escape their values")
             << "</section>";
}

}  // namespace

http::Response PracticeList(Ctx& ctx) {
    CatalogueFilter f = CatalogueFilterFrom(ctx);
    app::ListParams lp;
    if (!f.dom.empty()) lp.filters.emplace_back("domain", f.dom);
    if (!f.reg.empty()) lp.filters.emplace_back("region", f.reg);
    if (!f.dis.empty()) lp.filters.emplace_back("district", f.dis);
    if (!f.state.empty()) lp.filters.emplace_back("state", f.state);
    // A text query goes to full-text search (with the catalogue's filters as facets) when the index is up.
    if (!f.q.empty() && ctx.app.search()) return RedirectTo(SearchUrl(f));

    std::string title =
        f.dom.empty() ? ctx.T("catalogue.title") : ctx.T("catalogue.title_domain") + ": " + ctx.DomainName(f.dom);
    Html b = Cat(Breadcrumbs(ctx, {{"", ctx.T("nav.practices")}}), "escapes its labels");
    b << "<div class=\"title-row\"><h1>" << Cat(title, "catalogue text and an escaped name") << "</h1>";
    if (ctx.signed_in())
        b << "<a class=\"button secondary\" href=\"/practices/new\">" << Tr(ctx, "practice.new") << "</a>";
    b << "</div>" << CatalogueFilters(ctx, f);
    if (!f.dom.empty()) b << DomainOverview(ctx, f.dom);
    auto paging = PagingFrom(ctx.req);
    auto page = f.q.empty() && f.stage.empty() ? ListedPage(ctx, lp, paging) : MatchedPage(ctx, f, lp, paging);
    if (!page.ok()) return ErrorPage(ctx, page.error());
    b << CatalogueResults(ctx, *page);
    return Page(ctx, 200, title, std::move(b).str());
}

}  // namespace orientir::web::detail
