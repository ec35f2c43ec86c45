// Full-text search page behind the header box and the catalogue's text box: hits with <mark>
// snippets (escaped by the search module), facet checkboxes with counts, «возможно, вы имели в виду»,
// cursor paging. Type-ahead (search.js) reads /api/v1/suggest.
#include <algorithm>

#include "common/strings.hpp"
#include "http/api/search_api.hpp"
#include "web/handlers.hpp"
#include "web/html.hpp"

namespace orientir::web::detail {

namespace {

std::vector<std::string> All(const http::Request& req, const std::string& name) {
    std::vector<std::string> out;
    auto [lo, hi] = req.query.equal_range(name);
    for (auto it = lo; it != hi; ++it)
        if (!it->second.empty()) out.push_back(it->second);
    return out;
}

std::string HitHref(const search::Hit& h) {
    if (h.kind == "practice") return "/practices/" + std::to_string(h.id);
    if (h.kind == "organisation") return "/organisations/" + std::to_string(h.id);
    if (h.kind == "person") return "/persons/" + std::to_string(h.id);
    if (h.kind == "adoption") return "/adoptions/" + std::to_string(h.id);
    if (h.kind == "region") return "/regions/" + h.region;
    return "";
}

}  // namespace

namespace {

using Chosen = std::map<std::string, std::vector<std::string>>;

// Facet checkboxes with counts, inside the page's GET form.
Html Facets(Ctx& ctx, const search::SearchResult& r, Chosen& chosen) {
    Html h;
    h << "<div class=\"facets\">";
    for (const auto& f : r.facets) {
        if (!chosen.count(f.name) || f.values.empty()) continue;
        h << "<fieldset><legend>" << Tr(ctx, "search.facet." + f.name) << "</legend>";
        int n = 0;
        for (const auto& v : f.values) {
            if (++n > 12) break;
            const auto& cur = chosen[f.name];
            bool on = std::find(cur.begin(), cur.end(), v.value) != cur.end();
            std::string id = "fc-" + f.name + "-" + std::to_string(n);
            h << "<label for=\"" << id << "\"><input type=\"checkbox\" id=\"" << id << "\" name=\"" << f.name
              << "\" value=\"" << v.value << "\"" << (on ? Html() << " checked" : Html()) << "> " << v.label
              << " <span class=\"count\">" << ctx.Integer(v.count) << "</span></label>";
        }
        h << "</fieldset>";
    }
    h << "<button type=\"submit\" class=\"button secondary\">" << Tr(ctx, "search.apply") << "</button></div>";
    return h;
}

Html HitItem(Ctx& ctx, const search::Hit& hit) {
    std::string href = HitHref(hit);
    Html h;
    h << "<li><p class=\"meta\">" << Tr(ctx, "search.kind." + hit.kind);
    if (!hit.region.empty()) h << " · " << Html::Trusted(ctx.RegionShort(hit.region), "Ctx escapes region names");
    h << "</p><h2 class=\"h3\">" << (href.empty() ? Text(hit.title) : Link(href, hit.title)) << "</h2>";
    if (!hit.snippet.empty())
        h << "<p class=\"snippet\">" << Html::Trusted(hit.snippet, "escaped by the search module, <mark> added")
          << "</p>";
    h << "</li>";
    return h;
}

// Suggestion, notices, the count, the hits and the next-page link.
Html Results(Ctx& ctx, const search::SearchResult& r) {
    Html h;
    if (r.suggestion) {
        h << "<p class=\"notice suggestion\">"
          << Tr(ctx, r.suggestion->applied ? "search.showing_for" : "search.did_you_mean") << " "
          << Link("/search?q=" + UrlEncode(r.suggestion->text),
                  Html::Trusted(r.suggestion->html, "escaped by the search module"))
          << "?</p>";
    }
    if (r.relaxed) h << "<p class=\"notice\" id=\"search-relaxed\">" << Tr(ctx, "search.relaxed") << "</p>";
    for (const auto& n : r.notices) h << "<p class=\"notice\">" << n << "</p>";
    h << "<p class=\"muted\" id=\"search-total\">" << Tr(ctx, "search.found") << " "
      << (r.total.exact ? Html() : Html() << "≈") << ctx.Integer(r.total.value) << "</p>";
    if (r.hits.empty()) return h << "<p class=\"empty\">" << Tr(ctx, "catalogue.nothing") << "</p>";
    h << "<ol class=\"hits\">";
    for (const auto& hit : r.hits) h << HitItem(ctx, hit);
    h << "</ol>";
    if (!r.next_cursor.empty()) {
        std::string qs;
        for (const auto& [k, v] : ctx.req.query)
            if (k != "cursor" && k != "lang" && !v.empty()) qs += UrlEncode(k) + "=" + UrlEncode(v) + "&";
        h << "<nav class=\"pager\" aria-label=\"" << Tr(ctx, "list.pages") << "\"><a rel=\"next\" href=\"/search?" << qs
          << "cursor=" << UrlEncode(r.next_cursor) << "\">" << Tr(ctx, "list.next") << "</a></nav>";
    }
    return h;
}

}  // namespace

http::Response SearchPage(Ctx& ctx) {
    auto* index = ctx.app.search();
    const auto& rq = ctx.req;
    std::string q = std::string(Trim(rq.Query("q").value_or("")));
    Html b = Html::Trusted(Breadcrumbs(ctx, {{"", ctx.T("search.title")}}), "Breadcrumbs escapes its labels");
    b << "<h1>" << Tr(ctx, "search.title") << "</h1>"
      << "<form class=\"filters\" method=\"get\" action=\"/search\" role=\"search\"><div class=\"field grow\"><label "
         "for=\"s-q\">"
      << Tr(ctx, "search.q")
      << "</label><input type=\"search\" id=\"s-q\" name=\"q\" autocomplete=\"off\" data-suggest=\"/api/v1/suggest\" "
         "value=\""
      << q << "\"></div>";
    if (!index) {
        b << "</form><p class=\"empty\">" << Tr(ctx, "search.unavailable") << "</p>";
        return Page(ctx, 503, ctx.T("search.title"), std::move(b).str());
    }
    search::SearchQuery sq;
    sq.q = q;
    sq.kinds = All(rq, "kind");
    sq.domains = All(rq, "domain");
    sq.regions = All(rq, "region");
    http::ResolveRegionKeys(ctx.site.service->router(), sq.regions);
    sq.districts = All(rq, "district");
    sq.stages = All(rq, "stage");
    sq.years = All(rq, "year");
    sq.cursor = rq.Query("cursor").value_or("");
    sq.limit = 20;
    sq.lang = ctx.en() ? "en" : "ru";
    auto r = index->Search(sq);
    if (!r.ok() && !sq.cursor.empty()) {
        sq.cursor.clear();
        r = index->Search(sq);
    }
    b << "<div class=\"field buttons\"><button type=\"submit\" class=\"button\">" << Tr(ctx, "search.button")
      << "</button></div>";
    if (!r.ok()) {
        b << "</form><p class=\"empty\">" << r.error().message << "</p>";
        return Page(ctx, 400, ctx.T("search.title"), std::move(b).str());
    }
    Chosen chosen{{"kind", sq.kinds},         {"domain", sq.domains}, {"region", sq.regions},
                  {"district", sq.districts}, {"stage", sq.stages},   {"year", sq.years}};
    b << "<div class=\"search-layout\"><aside aria-label=\"" << Tr(ctx, "search.facets") << "\">"
      << Facets(ctx, *r, chosen) << "</aside><section aria-label=\"" << Tr(ctx, "catalogue.results") << "\">"
      << Results(ctx, *r) << "</section></div></form>";
    return Page(ctx, 200, ctx.T("search.title"), std::move(b).str());
}

}  // namespace orientir::web::detail
