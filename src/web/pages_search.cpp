// Full-text search page behind the header box and the catalogue's text box: hits with <mark>
// snippets (escaped by the search module), facet checkboxes with counts, «возможно, вы имели в виду»,
// cursor paging. Type-ahead (search.js) reads /api/v1/suggest.
#include <algorithm>

#include "common/strings.hpp"
#include "web/handlers.hpp"

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

http::Response SearchPage(Ctx& ctx) {
    auto* index = ctx.app.search();
    const auto& rq = ctx.req;
    std::string q = std::string(Trim(rq.Query("q").value_or("")));
    std::string b = Breadcrumbs(ctx, {{"", ctx.T("search.title")}}) + "<h1>" + ctx.T("search.title") + "</h1>";
    b += "<form class=\"filters\" method=\"get\" action=\"/search\" role=\"search\"><div class=\"field grow\"><label "
         "for=\"s-q\">" +
         ctx.T("search.q") +
         "</label><input type=\"search\" id=\"s-q\" name=\"q\" autocomplete=\"off\" data-suggest=\"/api/v1/suggest\" "
         "value=\"" +
         E(q) + "\"></div>";
    if (!index)
        return Page(ctx, 503, ctx.T("search.title"),
                    b + "</form><p class=\"empty\">" + ctx.T("search.unavailable") + "</p>");

    search::SearchQuery sq;
    sq.q = q;
    sq.kinds = All(rq, "kind");
    sq.domains = All(rq, "domain");
    sq.regions = All(rq, "region");
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
    b += "<div class=\"field buttons\"><button type=\"submit\" class=\"button\">" + ctx.T("search.button") +
         "</button></div>";
    if (!r.ok())
        return Page(ctx, 400, ctx.T("search.title"), b + "</form><p class=\"empty\">" + E(r.error().message) + "</p>");

    // Facets: checkboxes with counts, inside the same GET form.
    std::string facets = "<div class=\"facets\">";
    std::map<std::string, std::vector<std::string>> chosen{{"kind", sq.kinds},     {"domain", sq.domains},
                                                           {"region", sq.regions}, {"district", sq.districts},
                                                           {"stage", sq.stages},   {"year", sq.years}};
    for (const auto& f : r->facets) {
        if (!chosen.count(f.name) || f.values.empty()) continue;
        facets += "<fieldset><legend>" + ctx.T("search.facet." + f.name) + "</legend>";
        int n = 0;
        for (const auto& v : f.values) {
            if (++n > 12) break;
            const auto& cur = chosen[f.name];
            bool on = std::find(cur.begin(), cur.end(), v.value) != cur.end();
            std::string id = "fc-" + f.name + "-" + std::to_string(n);
            facets += "<label for=\"" + id + "\"><input type=\"checkbox\" id=\"" + id + "\" name=\"" + E(f.name) +
                      "\" value=\"" + E(v.value) + "\"" + (on ? " checked" : "") + "> " + E(v.label) +
                      " <span class=\"count\">" + ctx.Integer(v.count) + "</span></label>";
        }
        facets += "</fieldset>";
    }
    facets += "<button type=\"submit\" class=\"button secondary\">" + ctx.T("search.apply") + "</button></div>";

    std::string res;
    if (r->suggestion) {
        std::string href = "/search?q=" + UrlEncode(r->suggestion->text);
        res += "<p class=\"notice suggestion\">" +
               ctx.T(r->suggestion->applied ? "search.showing_for" : "search.did_you_mean") + " <a href=\"" + E(href) +
               "\">" + r->suggestion->html + "</a>?</p>";
    }
    if (r->relaxed) res += "<p class=\"notice\" id=\"search-relaxed\">" + ctx.T("search.relaxed") + "</p>";
    for (const auto& n : r->notices) res += "<p class=\"notice\">" + E(n) + "</p>";
    res += "<p class=\"muted\" id=\"search-total\">" + ctx.T("search.found") + " " + (r->total.exact ? "" : "≈") +
           ctx.Integer(r->total.value) + "</p>";
    if (r->hits.empty()) {
        res += "<p class=\"empty\">" + ctx.T("catalogue.nothing") + "</p>";
    } else {
        res += "<ol class=\"hits\">";
        for (const auto& h : r->hits) {
            std::string href = HitHref(h);
            res += "<li><p class=\"meta\">" + ctx.T("search.kind." + h.kind) +
                   (h.region.empty() ? "" : " · " + ctx.RegionShort(h.region)) + "</p><h2 class=\"h3\">" +
                   (href.empty() ? E(h.title) : "<a href=\"" + E(href) + "\">" + E(h.title) + "</a>") + "</h2>";
            if (!h.snippet.empty())
                res += "<p class=\"snippet\">" + h.snippet + "</p>";  // escaped by the search module, <mark> added
            res += "</li>";
        }
        res += "</ol>";
        if (!r->next_cursor.empty()) {
            std::string qs;
            for (const auto& [k, v] : rq.query)
                if (k != "cursor" && k != "lang" && !v.empty()) qs += UrlEncode(k) + "=" + UrlEncode(v) + "&";
            res += "<nav class=\"pager\" aria-label=\"" + ctx.T("list.pages") + "\"><a rel=\"next\" href=\"/search?" +
                   E(qs) + "cursor=" + E(UrlEncode(r->next_cursor)) + "\">" + ctx.T("list.next") + "</a></nav>";
        }
    }
    b += "<div class=\"search-layout\"><aside aria-label=\"" + ctx.T("search.facets") + "\">" + facets +
         "</aside><section aria-label=\"" + ctx.T("catalogue.results") + "\">" + res + "</section></div></form>";
    return Page(ctx, 200, ctx.T("search.title"), b);
}

}  // namespace orientir::web::detail
