#pragma once
// GET /api/v1/search and GET /api/v1/suggest over a search::SearchIndex.

#include "http/router.hpp"
#include "search/search.hpp"

namespace orientir::http {

// Parses the query string into a SearchQuery: q, kind, domain, region, district, stage, org_kind, year
// (each filter repeatable or comma-separated), sort (relevance|date|adoptions), cursor, limit (1..100),
// lang (ru|en), facets (true|false). Bad values are 400 problems naming the parameter.
Result<search::SearchQuery> SearchQueryFrom(const Request& req);
// Region filters take every key of a region the path resolver takes (number, ISO code, OKATO, OKTMO, name,
// alias): each key is replaced by the region's code; a key that names no region is left for the index to
// refuse (400 naming the value).
void ResolveRegionKeys(const Router& router, std::vector<std::string>& regions);
// The JSON body of a search answer.
OrderedJson SearchResultJson(const search::SearchResult& r);

void RegisterSearchRoutes(Router& router, search::SearchIndex& index);

}  // namespace orientir::http
