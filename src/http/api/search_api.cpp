#include "http/api/search_api.hpp"

#include "common/strings.hpp"

namespace orientir::http {

namespace {

// Repeated parameters and comma-separated lists both work: ?domain=a&domain=b or ?domain=a,b.
std::vector<std::string> ListParam(const Request& req, const std::string& name) {
    std::vector<std::string> out;
    for (const auto& v : req.QueryAll(name))
        for (const auto& part : Split(v, ','))
            if (auto t = Trim(part); !t.empty()) out.emplace_back(t);
    return out;
}

}  // namespace

void ResolveRegionKeys(const Router& router, std::vector<std::string>& regions) {
    for (auto& key : regions)
        if (auto code = router.Resolve("regions", key); code.ok()) key = *code;
}

Result<search::SearchQuery> SearchQueryFrom(const Request& req) {
    search::SearchQuery q;
    q.q = req.Query("q").value_or("");
    q.kinds = ListParam(req, "kind");
    q.domains = ListParam(req, "domain");
    q.regions = ListParam(req, "region");
    q.districts = ListParam(req, "district");
    q.stages = ListParam(req, "stage");
    q.org_kinds = ListParam(req, "org_kind");
    q.years = ListParam(req, "year");
    q.cursor = req.Query("cursor").value_or("");
    q.lang = req.Query("lang").value_or("ru");
    if (auto s = req.Query("sort"); s && !s->empty()) {
        if (*s == "relevance")
            q.sort = search::SortOrder::kRelevance;
        else if (*s == "date")
            q.sort = search::SortOrder::kDate;
        else if (*s == "adoptions")
            q.sort = search::SortOrder::kAdoptions;
        else
            return Error::Invalid("sort", "unknown_value", "sort: relevance, date or adoptions");
    }
    if (auto l = req.Query("limit"); l && !l->empty()) {
        auto n = ParseInt(*l);
        if (!n || *n < 1 || *n > 100) return Error::Invalid("limit", "range", "limit: a number from 1 to 100");
        q.limit = static_cast<int>(*n);
    }
    if (auto f = req.Query("facets"); f && !f->empty()) {
        if (*f != "true" && *f != "false") return Error::Invalid("facets", "boolean", "facets: true or false");
        q.facets = *f == "true";
    }
    return q;
}

OrderedJson SearchResultJson(const search::SearchResult& r) {
    OrderedJson j;
    j["total"] = {{"value", r.total.value}, {"exact", r.total.exact}};
    j["hits"] = OrderedJson::array();
    for (const auto& h : r.hits) {
        OrderedJson hj{{"kind", h.kind}, {"id", h.id}, {"title", h.title}, {"snippet", h.snippet}, {"score", h.score}};
        if (!h.region.empty()) hj["region"] = h.region;
        if (!h.date.empty()) hj["date"] = h.date;
        if (h.kind == "practice") hj["adoptions"] = h.adoptions;
        j["hits"].push_back(std::move(hj));
    }
    j["facets"] = OrderedJson::object();
    for (const auto& f : r.facets) {
        OrderedJson values = OrderedJson::array();
        for (const auto& v : f.values) values.push_back({{"value", v.value}, {"label", v.label}, {"count", v.count}});
        j["facets"][f.name] = std::move(values);
    }
    j["facets_exact"] = r.facets_exact;
    if (r.suggestion) {
        j["suggestion"] = {
            {"text", r.suggestion->text}, {"html", r.suggestion->html}, {"applied", r.suggestion->applied}};
    } else {
        j["suggestion"] = nullptr;
    }
    j["relaxed"] = r.relaxed;
    j["notices"] = r.notices;
    j["next_cursor"] = r.next_cursor.empty() ? OrderedJson(nullptr) : OrderedJson(r.next_cursor);
    return j;
}

void RegisterSearchRoutes(Router& router, search::SearchIndex& index) {
    router.Add("GET", "/api/v1/search",
               [&index, &router](Request& req) -> JsonReply {
                   ORIENTIR_ASSIGN(auto q, SearchQueryFrom(req));
                   ResolveRegionKeys(router, q.regions);
                   ORIENTIR_ASSIGN(auto r, index.Search(q));
                   return SearchResultJson(r);
               },
               {"Full-text search over published practices, organisations, persons, regions and municipalities",
                "search",
                "",
                "SearchResult",
                {"q", "kind", "domain", "region", "district", "stage", "org_kind", "year", "sort", "cursor", "limit",
                 "lang", "facets"}});

    router.Add("GET", "/api/v1/suggest",
               [&index](Request& req) -> JsonReply {
                   int limit = 10;
                   if (auto l = req.Query("limit"); l && !l->empty()) {
                       auto n = ParseInt(*l);
                       if (!n || *n < 1 || *n > 20)
                           return Error::Invalid("limit", "range", "limit: a number from 1 to 20");
                       limit = static_cast<int>(*n);
                   }
                   ORIENTIR_ASSIGN(auto r, index.Suggest(req.Query("q").value_or(""), limit, ListParam(req, "kind")));
                   OrderedJson items = OrderedJson::array();
                   for (const auto& c : r)
                       items.push_back({{"kind", c.kind}, {"id", c.id}, {"title", c.title}, {"html", c.html}});
                   return OrderedJson{{"items", std::move(items)}};
               },
               {"Type-ahead completions for a prefix", "search", "", "SuggestList", {"q", "kind", "limit"}});
}

}  // namespace orientir::http
