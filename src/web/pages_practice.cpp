// The practice page (passport, results, spread map, timeline, lineage, contacts); the catalogue is in
// pages_catalogue.cpp.
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
    if (ctx.app.Allows(ctx.actor, app::Duty::kReadAudit).ok())
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
    if (ctx.app.Allows(ctx.actor, app::Duty::kPlanSeeding).ok()) b << Cat(SeedingSection(ctx, p), "escapes its values");
    b << "</article>";
    return Page(ctx, 200, E(p.title), std::move(b).str());
}

}  // namespace orientir::web::detail
