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

std::string Paragraphs(const std::string& text) {
    std::string out;
    for (const auto& para : Split(text, '\n')) {
        auto t = Trim(para);
        if (!t.empty()) out += "<p>" + E(t) + "</p>";
    }
    return out;
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
    std::string pid = std::to_string(p.meta.id);

    std::string b = Breadcrumbs(ctx, {{"/practices", ctx.T("nav.practices")}, {"", E(p.title)}});
    b += RecordNotice(ctx, domain::CheckFields(p));
    b += "<article class=\"practice\"><header class=\"page-head\"><h1>" + E(p.title) + "</h1><p class=\"meta\">" +
         names.Place(p.origin);
    for (const auto& d : p.domains)
        b += " · <a class=\"tag\" href=\"/practices?domain=" + E(d) + "\">" + ctx.DomainName(d) + "</a>";
    b += "</p><p class=\"meta\">";
    if (p.state != domain::ModerationState::kPublished)
        b += "<span class=\"badge state\">" + ctx.Label(domain::LabelOf(p.state)) + "</span> ";
    if (p.period.from)
        b += ctx.T("practice.since") + " " + ctx.Date(*p.period.from) +
             (p.period.to ? " — " + ctx.Date(*p.period.to) : "");
    if (p.last_confirmed_at) b += " · " + ctx.T("practice.confirmed") + " " + ctx.Date(*p.last_confirmed_at);
    b += FreshnessBadge(ctx, app::FreshnessOf(ctx.app, p)) + ConfirmControl(ctx, p, "/practices/" + pid) + "</p>" +
         ExternalSource(ctx, p.external);
    b += "<div class=\"actions\"><a class=\"button primary\" href=\"/practices/" + pid + "/request\">" +
         ctx.T("practice.want") + "</a>";
    if (ctx.app.CanWrite(ctx.actor, p) && !p.external)
        b += "<a class=\"button secondary\" href=\"/practices/" + pid + "/edit\">" + ctx.T("action.edit") + "</a>";
    if (ctx.signed_in())
        b += "<a class=\"button secondary\" href=\"/adoptions/new?practice=" + pid + "\">" + ctx.T("adoption.new") +
             "</a>";
    b += "<a class=\"button secondary\" id=\"history-link\" href=\"/practices/" + pid + "/history\">" +
         ctx.T("history.link") + "</a>";
    if (ctx.actor.IsStaff())
        b += "<a class=\"button secondary\" href=\"/audit?record=practice%3A" + pid + "\">" +
             ctx.T("audit.history_link") + "</a>";
    b += "</div>" + ModerationControls(ctx, p, "/practices/" + pid);
    if (p.state != domain::ModerationState::kPublished && !p.moderation_comment.empty() && ctx.signed_in())
        b += "<p class=\"notice\">" + ctx.T("mod.last_comment") + " " + E(p.moderation_comment) + "</p>";
    if (ctx.req.Query("saved")) b += "<div class=\"flash\" role=\"status\">" + ctx.T("form.saved") + "</div>";
    if (!ctx.my_region.empty()) {
        std::vector<const domain::Adoption*> mine;
        for (const auto& a : adoptions)
            if (a.adopter.region == ctx.my_region) mine.push_back(&a);
        if (auto s = FurthestStage(mine))
            b += "<p class=\"notice\">" + ctx.T("practice.in_your_region") + " " + ctx.RegionShort(ctx.my_region) +
                 ": " + ctx.StageBadge(*s) + "</p>";
        else if (p.origin.region == ctx.my_region)
            b += "<p class=\"notice\">" + ctx.T("practice.from_your_region") + "</p>";
    }
    b += "</header>";

    // Passport.
    b += "<div class=\"layout\"><section class=\"passport\" aria-labelledby=\"h-passport\"><h2 id=\"h-passport\">" +
         ctx.T("practice.passport") + "</h2>";
    if (!p.summary.empty()) b += "<div class=\"lead\">" + Paragraphs(p.summary) + "</div>";
    if (!p.problem.empty()) b += "<h3>" + ctx.T("practice.problem") + "</h3>" + Paragraphs(p.problem);
    if (!p.solution.empty()) b += "<h3>" + ctx.T("practice.solution") + "</h3>" + Paragraphs(p.solution);
    b += "<h3>" + ctx.T("practice.resources") + "</h3><dl class=\"facts\">";
    if (p.resources.budget_rub)
        b += "<dt>" + ctx.T("practice.budget") + "</dt><dd>" + ctx.Number(*p.resources.budget_rub, 0) + " " +
             ctx.T("unit.rub") + "</dd>";
    if (p.resources.staff)
        b += "<dt>" + ctx.T("practice.staff") + "</dt><dd>" + ctx.Integer(*p.resources.staff) + "</dd>";
    if (!p.resources.partners.empty()) {
        std::vector<std::string> parts;
        for (const auto& x : p.resources.partners) parts.push_back(E(x));
        b += "<dt>" + ctx.T("practice.partners") + "</dt><dd>" + Join(parts, "; ") + "</dd>";
    }
    if (!p.legal_basis.empty()) b += "<dt>" + ctx.T("practice.legal_basis") + "</dt><dd>" + E(p.legal_basis) + "</dd>";
    if (!p.tags.empty()) {
        b += "<dt>" + ctx.T("practice.tags") + "</dt><dd>";
        for (const auto& t : p.tags) b += "<span class=\"tag\">" + E(t) + "</span> ";
        b += "</dd>";
    }
    b += "</dl></section><aside class=\"contacts\" aria-labelledby=\"h-contacts\"><h2 id=\"h-contacts\">" +
         ctx.T("practice.contacts") + "</h2>";
    if (p.origin.organisation_id) b += "<p>" + names.OrganisationLink(*p.origin.organisation_id) + "</p>";
    if (p.contacts.empty()) b += "<p class=\"empty\">" + ctx.T("practice.no_contacts") + "</p>";
    for (const auto& c : p.contacts) {
        b += "<div class=\"contact\"><p class=\"name\">" + E(c.name) + "</p>";
        if (!c.role.empty()) b += "<p class=\"muted\">" + E(c.role) + "</p>";
        if (!c.email.empty()) b += "<p><a href=\"mailto:" + E(c.email) + "\">" + E(c.email) + "</a></p>";
        if (!c.phone.empty()) b += "<p>" + E(c.phone) + "</p>";
        b += "</div>";
    }
    b += "<p><a class=\"button primary\" href=\"/practices/" + pid + "/request\">" + ctx.T("practice.want") +
         "</a></p></aside></div>";

    // Results before/after.
    if (!p.results.empty()) {
        b += "<section aria-labelledby=\"h-results\"><h2 id=\"h-results\">" + ctx.T("practice.results") +
             "</h2><div class=\"kpis\">";
        int i = 0;
        for (const auto& k : p.results) {
            b += "<figure class=\"kpi-fig\"><figcaption><span class=\"name\">" + E(k.name) + "</span>";
            if (k.before && k.after && *k.before != 0) {
                double pct = (*k.after - *k.before) / std::fabs(*k.before) * 100;
                b += " <span class=\"change\">" + std::string(pct >= 0 ? "+" : "") + ctx.Number(pct, 0) +
                     "\u00a0%</span>";
            }
            b += "</figcaption>" + KpiChart(ctx, k, "kpi-" + std::to_string(i++)) + "</figure>";
        }
        b += "</div></section>";
    }

    // What the adopters report, per comparable figure.
    // (from the adoptions this page has read already)
    auto figures = ctx.app.EffectFigures();
    auto effects = figures.ok() ? app::SummariseEffects(adoptions, *figures) : std::vector<app::EffectSummary>{};
    if (!effects.empty()) {
        b += "<section aria-labelledby=\"h-effects\"><h2 id=\"h-effects\">" + ctx.T("practice.effects") +
             "</h2><p class=\"hint\">" + ctx.T("practice.effects_hint") + "</p><table class=\"data\" id=\"effects\">" +
             "<thead><tr><th scope=\"col\">" + ctx.T("effects.figure") + "</th><th scope=\"col\">" +
             ctx.T("effects.adopters") + "</th><th scope=\"col\">" + ctx.T("effects.before_after") +
             "</th><th scope=\"col\">" + ctx.T("effects.change") + "</th><th scope=\"col\">" +
             ctx.T("effects.improved") + "</th></tr></thead><tbody>";
        for (const auto& e : effects) {
            std::string change = "—";
            if (e.median_change_pct)
                change =
                    std::string(*e.median_change_pct >= 0 ? "+" : "") + ctx.Number(*e.median_change_pct, 0) + "\u00a0%";
            const std::string& name = ctx.en() && !e.name_en.empty() ? e.name_en : e.name;
            const std::string& unit = ctx.en() && !e.unit_en.empty() ? e.unit_en : e.unit;
            b += "<tr><th scope=\"row\">" + E(name) +
                 (unit.empty() ? "" : " <span class=\"muted\">" + E(unit) + "</span>") + "</th><td>" +
                 ctx.Integer(e.adopters) + "</td><td>" + ctx.Number(e.median_before, 2) + " → " +
                 ctx.Number(e.median_after, 2) + "</td><td>" + change + "</td><td>" + ctx.Integer(e.improved) + " / " +
                 ctx.Integer(e.adopters) + "</td></tr>";
        }
        b += "</tbody></table></section>";
    }

    // Spread: the map by furthest stage per region.
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
    b += "<section aria-labelledby=\"h-spread\"><h2 id=\"h-spread\">" + ctx.T("practice.spread") +
         " <span class=\"count\">" + ctx.Count(spread, "count.regions") + "</span></h2><p class=\"hint\">" +
         ctx.T("practice.spread_counts") + "</p>";
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
    b += "<figure class=\"map\">" + TileMap(ctx, spec) + "<figcaption>" + Legend(ctx, legend) +
         "</figcaption></figure></section>";

    // Timeline and table of adoptions.
    b += "<section aria-labelledby=\"h-timeline\"><h2 id=\"h-timeline\">" + ctx.T("practice.timeline") + "</h2>";
    if (adoptions.empty()) {
        b += "<p class=\"empty\">" + ctx.T("practice.no_adoptions") + "</p>";
    } else {
        std::vector<const domain::Adoption*> sorted;
        for (const auto& a : adoptions) sorted.push_back(&a);
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](auto* x, auto* y) { return x->started_at() < y->started_at(); });
        std::vector<TimelineRow> rows;
        for (const auto* a : sorted) {
            TimelineRow row{
                ctx.RegionShort(a->adopter.region) +
                    (a->adopter.municipality_id ? ", " + names.Municipality(*a->adopter.municipality_id) : ""),
                "/adoptions/" + std::to_string(a->meta.id),
                {}};
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
        b += "<figure class=\"chart\">" + Timeline(ctx, ctx.T("practice.timeline_alt"), rows) + "<figcaption>" +
             Legend(ctx,
                    [&] {
                        std::vector<LegendItem> l;
                        for (auto s : domain::AllAdoptionStage())
                            l.push_back({std::string(domain::Code(s)), ctx.Label(domain::LabelOf(s))});
                        return l;
                    }()) +
             "</figcaption></figure>";
        b += "<table class=\"data\"><caption>" + ctx.T("practice.adoptions_table") +
             "</caption><thead><tr><th scope=\"col\">" + ctx.T("col.adopter") + "</th><th scope=\"col\">" +
             ctx.T("col.channel") + "</th><th scope=\"col\">" + ctx.T("col.stage") + "</th><th scope=\"col\">" +
             ctx.T("col.since") + "</th><th scope=\"col\">" + ctx.T("col.updated") + "</th></tr></thead><tbody>";
        for (const auto* a : sorted) {
            b += "<tr><td><a href=\"/adoptions/" + std::to_string(a->meta.id) + "\">" +
                 ctx.RegionShort(a->adopter.region) +
                 (a->adopter.municipality_id ? ", " + names.Municipality(*a->adopter.municipality_id) : "") +
                 "</a></td><td>" + ctx.Label(domain::LabelOf(a->channel)) + "</td><td>" + ctx.StageBadge(a->stage()) +
                 "</td><td>" + ctx.Date(a->started_at()) + "</td><td>" +
                 ctx.Date(a->stage_history.empty() ? "" : a->stage_history.back().at) + "</td></tr>";
        }
        b += "</tbody></table>";
    }
    b += "</section>";

    b += "<section aria-labelledby=\"h-lineage\"><h2 id=\"h-lineage\">" + ctx.T("practice.lineage") +
         "</h2><p class=\"hint\">" + ctx.T("practice.lineage_hint") + "</p>" + Lineage(ctx, names, p, adoptions) +
         "</section>";
    b += PracticeAnalytics(ctx, p);
    // «С кем начать»: where to seed, for curators (the inferred network; a few milliseconds per practice).
    if (ctx.actor.IsStaff()) b += SeedingSection(ctx, p);
    b += "</article>";
    return Page(ctx, 200, E(p.title), b);
}

http::Response PracticeList(Ctx& ctx) {
    const auto& rq = ctx.req;
    std::string q = std::string(Trim(rq.Query("q").value_or("")));
    std::string dom = rq.Query("domain").value_or(""), reg = FilterRegion(ctx), dis = rq.Query("district").value_or(""),
                stage = rq.Query("stage").value_or(""), state = rq.Query("state").value_or("");
    if (!dom.empty() && !ctx.dir->DomainByCode(dom)) dom.clear();
    reg = ctx.RegionCode(reg);
    if (!dis.empty() && !ctx.dir->District(dis)) dis.clear();
    auto stage_v = domain::ParseAdoptionStage(stage);
    if (!stage_v) stage.clear();
    if (!domain::ParseModerationState(state) || !ctx.signed_in()) state.clear();

    app::ListParams lp;
    if (!dom.empty()) lp.filters.emplace_back("domain", dom);
    if (!reg.empty()) lp.filters.emplace_back("region", reg);
    if (!dis.empty()) lp.filters.emplace_back("district", dis);
    if (!state.empty()) lp.filters.emplace_back("state", state);

    // A text query goes to full-text search (with the catalogue's filters as facets) when the index is up.
    if (!q.empty() && ctx.app.search()) {
        std::string url = "/search?q=" + UrlEncode(q) + "&kind=practice";
        if (!dom.empty()) url += "&domain=" + UrlEncode(dom);
        if (!reg.empty()) url += "&region=" + UrlEncode(reg);
        if (!dis.empty()) url += "&district=" + UrlEncode(dis);
        if (!stage.empty()) url += "&stage=" + UrlEncode(stage);
        return RedirectTo(url);
    }
    std::string title =
        dom.empty() ? ctx.T("catalogue.title") : ctx.T("catalogue.title_domain") + ": " + ctx.DomainName(dom);
    std::string b = Breadcrumbs(ctx, {{"", ctx.T("nav.practices")}});
    b += "<div class=\"title-row\"><h1>" + title + "</h1>";
    if (ctx.signed_in()) b += "<a class=\"button secondary\" href=\"/practices/new\">" + ctx.T("practice.new") + "</a>";
    b += "</div>";

    // Filters (GET, usable without JavaScript).
    b += "<form class=\"filters\" method=\"get\" action=\"/practices\" role=\"search\" aria-label=\"" +
         ctx.T("catalogue.filters") + "\">";
    b += "<div class=\"field grow\"><label for=\"f-q\">" + ctx.T("catalogue.q") +
         "</label><input type=\"search\" id=\"f-q\" name=\"q\" value=\"" + E(q) + "\"></div>";
    auto sel = [&](const char* name, const char* key, const Options& opts, const std::string& cur,
                   const char* all_key) {
        std::string id = std::string("f-") + name;
        std::string s = "<div class=\"field\"><label for=\"" + id + "\">" + ctx.T(key) + "</label><select id=\"" + id +
                        "\" name=\"" + name + "\"><option value=\"\">" + ctx.T(all_key) + "</option>";
        for (const auto& [v, l] : opts)
            s += "<option value=\"" + E(v) + "\"" + (v == cur ? " selected" : "") + ">" + l + "</option>";
        return s + "</select></div>";
    };
    b += sel("domain", "filter.domain", DomainOptions(ctx), dom, "filter.all_domains");
    b += sel("district", "filter.district", DistrictOptions(ctx), dis, "filter.all_districts");
    b += sel("region", "filter.region", RegionOptions(ctx), reg, "filter.all_regions");
    b += sel("stage", "filter.stage", StageOptions(ctx), stage, "filter.any_stage");
    if (ctx.signed_in()) {
        Options st;
        for (auto s : domain::AllModerationState())
            st.emplace_back(std::string(domain::Code(s)), ctx.Label(domain::LabelOf(s)));
        b += sel("state", "filter.state", st, state, "filter.any_state");
    }
    b += "<div class=\"field buttons\"><button type=\"submit\" class=\"button\">" + ctx.T("filter.apply") +
         "</button><a href=\"/practices\">" + ctx.T("filter.reset") + "</a></div></form>";

    // The domain overview: who authors practices in this domain, and the chosen region's place.
    if (!dom.empty()) {
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
        b += "<section class=\"overview\" aria-labelledby=\"h-leaders\"><h2 id=\"h-leaders\">" +
             ctx.T("catalogue.leaders") + "</h2><ol class=\"leaders\">";
        for (std::size_t i = 0; i < top.size() && i < 5; ++i)
            b += "<li><a href=\"/practices?domain=" + E(dom) + "&amp;region=" + E(top[i].second) + "\">" +
                 ctx.RegionName(top[i].second) + "</a> — " + ctx.Count(top[i].first, "count.practices") + "</li>";
        b += "</ol>";
        if (!ctx.my_region.empty()) {
            int mine = per_region.count(ctx.my_region) ? per_region[ctx.my_region] : 0;
            b += "<p>" + ctx.T("catalogue.your_region") + " " + ctx.RegionLink(ctx.my_region) + ": " +
                 ctx.Count(mine, "count.practices") + "</p>";
        }
        b += "</section>";
    }

    auto paging = PagingFrom(rq);
    std::vector<domain::Practice> items;
    std::int64_t total = 0;
    std::optional<std::int64_t> next;
    std::int64_t from = 0;
    if (q.empty() && stage.empty()) {
        lp.after_id = paging.after;
        lp.limit = 20;
        auto l = ctx.app.List<domain::Practice>(ctx.actor, lp);
        if (!l.ok()) return ErrorPage(ctx, l.error());
        items = std::move(l->items);
        total = l->total;
        next = l->next_after;
        from = paging.after > 0 ? paging.offset : 0;
    } else {
        // Text or stage filter: matched here over the filtered set (the search module replaces the text part).
        std::vector<domain::Practice> all;
        lp.limit = 200;
        for (;;) {
            auto l = ctx.app.List<domain::Practice>(ctx.actor, lp);
            if (!l.ok()) return ErrorPage(ctx, l.error());
            for (auto& p : l->items) all.push_back(std::move(p));
            if (!l->next_after || all.size() >= 5000) break;
            lp.after_id = *l->next_after;
        }
        if (stage_v) {
            std::set<domain::Id> with_stage;
            app::ListParams ap;
            ap.filters.emplace_back("stage", stage);
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
        if (!q.empty()) {
            std::string fq = text::Fold(q);
            std::erase_if(all, [&](const auto& p) {
                std::string hay = text::Fold(p.title + " " + p.summary + " " + Join(p.tags, " "));
                return hay.find(fq) == std::string::npos;
            });
        }
        total = static_cast<std::int64_t>(all.size());
        from = std::min<std::int64_t>(paging.offset, total);
        auto end = std::min<std::int64_t>(from + 20, total);
        for (auto i = from; i < end; ++i) items.push_back(std::move(all[static_cast<std::size_t>(i)]));
        if (end < total) next = end;
    }
    b += "<section aria-labelledby=\"h-results\"><h2 id=\"h-results\" class=\"sr\">" + ctx.T("catalogue.results") +
         "</h2>";
    if (items.empty())
        b += "<p class=\"empty\">" + ctx.T("catalogue.nothing") + "</p>";
    else {
        b += "<ul class=\"cards\">";
        for (const auto& p : items) b += PracticeCard(ctx, p);
        b += "</ul>";
    }
    b += Pager(ctx, from, items.size(), total, next) + XlsxLink(ctx, "practices", "practice") + "</section>";
    return Page(ctx, 200, title, b);
}

}  // namespace orientir::web::detail
