// The catalogue of practices: filters (GET, usable without JavaScript), the domain overview, and the
// list — the list projection for plain filters, a match over the filtered set for text or stage.
#include <algorithm>
#include <map>
#include <set>

#include "common/strings.hpp"
#include "text/normalize.hpp"
#include "web/handlers.hpp"

namespace orientir::web::detail {

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
