#include "domain/codec.hpp"
#include "http/api/routes.hpp"

namespace orientir::http {

void RegisterReferenceRoutes(Router& router, app::App& app) {
    router.Add(
        "GET", "/api/v1/regions",
        [&app](Request& req) -> JsonReply {
            auto dir = app.directory().Get();
            auto district = req.Query("district");
            if (district && !dir->District(*district))
                return Error::Invalid("district", "unknown_district", "unknown federal district \"" + *district + "\"");
            OrderedJson items = OrderedJson::array();
            for (const auto& r : dir->regions)
                if (!district || r.district == *district) items.push_back(domain::ToJson(r));
            auto total = static_cast<std::int64_t>(items.size());
            return ListEnvelope(std::move(items), total, std::nullopt);
        },
        {"All federal subjects (optionally of one federal district)", "regions", "", "RegionList", {"district"}});

    router.Add("GET", "/api/v1/regions/{code}",
               [&app](Request& req) -> JsonReply {
                   ORIENTIR_ASSIGN(auto r, app.FindRegion(req.Param("code")));
                   return domain::ToJson(r);
               },
               {"One region by two-digit code, ISO 3166-2 code (RU-KHM) or OKATO", "regions", "", "Region", {}});

    router.Add("GET", "/api/v1/federal-districts",
               [&app](Request&) {
                   auto dir = app.directory().Get();
                   OrderedJson items = OrderedJson::array();
                   for (const auto& d : dir->districts) items.push_back(domain::ToJson(d));
                   auto total = static_cast<std::int64_t>(items.size());
                   return Response::Json(200, ListEnvelope(std::move(items), total, std::nullopt));
               },
               {"Federal districts", "regions", "", "FederalDistrictList", {}});

    router.Add("GET", "/api/v1/domains",
               [&app](Request&) {
                   auto dir = app.directory().Get();
                   OrderedJson items = OrderedJson::array();
                   for (const auto& d : dir->domains) items.push_back(domain::ToJson(d));
                   auto total = static_cast<std::int64_t>(items.size());
                   return Response::Json(200, ListEnvelope(std::move(items), total, std::nullopt));
               },
               {"Practice domains", "regions", "", "DomainList", {}});
}

}  // namespace orientir::http
