// The OpenAPI 3.1 document is built from the router's own routes (so it cannot drift from them) and
// component schemas derived from the domain codec's output for each type.

#include <algorithm>

#include "app/effects.hpp"
#include "domain/codec.hpp"
#include "http/api/io_api.hpp"
#include "http/api/routes.hpp"

namespace orientir::http {

namespace {

OrderedJson SchemaFromSample(const OrderedJson& v) {
    if (v.is_object()) {
        OrderedJson s{{"type", "object"}, {"properties", OrderedJson::object()}};
        for (auto it = v.begin(); it != v.end(); ++it) s["properties"][it.key()] = SchemaFromSample(it.value());
        return s;
    }
    if (v.is_array()) return {{"type", "array"}};
    if (v.is_string()) return {{"type", "string"}};
    if (v.is_boolean()) return {{"type", "boolean"}};
    if (v.is_number_integer()) return {{"type", "integer"}};
    if (v.is_number()) return {{"type", "number"}};
    return OrderedJson::object();  // null in the sample: any type (optional member)
}

template <class Enum>
OrderedJson EnumSchema(const std::vector<Enum>& all) {
    OrderedJson e = OrderedJson::array();
    for (auto v : all) e.push_back(std::string(domain::Code(v)));
    return {{"type", "string"}, {"enum", e}};
}

OrderedJson Components() {
    OrderedJson s;
    s["Region"] = SchemaFromSample(domain::ToJson(domain::Region{}));
    s["FederalDistrict"] = SchemaFromSample(domain::ToJson(domain::FederalDistrict{}));
    s["Domain"] = SchemaFromSample(domain::ToJson(domain::Domain{}));
    s["Municipality"] = SchemaFromSample(domain::ToJson(domain::Municipality{}));
    s["Organisation"] = SchemaFromSample(domain::ToJson(domain::Organisation{}));
    s["Person"] = SchemaFromSample(domain::ToJson(domain::Person{}));
    s["Position"] = SchemaFromSample(domain::ToJson(domain::Position{}));
    s["Practice"] = SchemaFromSample(domain::ToJson(domain::Practice{}));
    s["Adoption"] = SchemaFromSample(domain::ToJson(domain::Adoption{}));
    s["Indicator"] = SchemaFromSample(domain::ToJson(domain::Indicator{}));
    s["IndicatorValue"] = SchemaFromSample(domain::ToJson(domain::IndicatorValue{}));
    s["AdoptionRequest"] = SchemaFromSample(domain::ToJson(domain::AdoptionRequest{}));
    s["StageEvent"] = SchemaFromSample(domain::ToJson(domain::StageEvent{}));
    s["Effect"] = SchemaFromSample(app::ToJson(app::EffectSummary{}));
    s["Practice"]["properties"]["state"] = EnumSchema(domain::AllModerationState());
    for (const char* kind : {"Practice", "Adoption"}) {  // added by the API (app/freshness.hpp, FreshnessInfo)
        OrderedJson f = SchemaFromSample({{"state", "fresh"}, {"confirmed_at", ""}, {"due", ""}});
        f["properties"]["state"]["enum"] = {"fresh", "needs_confirmation", "maybe_discontinued"};
        f["properties"]["discontinued_on"] = {{"type", "string"}};
        s[kind]["properties"]["freshness"] = f;
    }
    s["Adoption"]["properties"]["stage"] = EnumSchema(domain::AllAdoptionStage());
    s["Adoption"]["properties"]["channel"] = EnumSchema(domain::AllChannel());
    s["StageEvent"]["properties"]["stage"] = EnumSchema(domain::AllAdoptionStage());
    s["Organisation"]["properties"]["kind"] = EnumSchema(domain::AllOrganisationKind());
    s["AdoptionRequest"]["properties"]["status"] = EnumSchema(domain::AllRequestStatus());
    s["Problem"] = {{"type", "object"},
                    {"properties",
                     {{"type", {{"type", "string"}}},
                      {"title", {{"type", "string"}}},
                      {"status", {{"type", "integer"}}},
                      {"detail", {{"type", "string"}}},
                      {"field", {{"type", "string"}}},
                      {"rule", {{"type", "string"}}},
                      {"errors", {{"type", "array"}}}}}};
    return s;
}

// The schema of a route's answer: a component, a list envelope of one («…List»), or any object.
OrderedJson ResponseSchema(const OrderedJson& comps, const std::string& rs) {
    if (comps.contains(rs)) return {{"$ref", "#/components/schemas/" + rs}};
    if (rs.size() > 4 && rs.substr(rs.size() - 4) == "List" && comps.contains(rs.substr(0, rs.size() - 4))) {
        return {{"type", "object"},
                {"properties",
                 {{"items",
                   {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/" + rs.substr(0, rs.size() - 4)}}}}},
                  {"total", {{"type", "integer"}}},
                  {"next_cursor", {{"type", {"string", "null"}}}}}}};
    }
    return {{"type", "object"}};
}

}  // namespace

OrderedJson BuildOpenApi(const Router& router, const std::string& assets_dir) {
    (void)assets_dir;
    OrderedJson doc;
    doc["openapi"] = "3.1.0";
    doc["info"] = {{"title", "Orientir API"},
                   {"version", "1"},
                   {"description",
                    "Practices of Russia's regions: who adopted what from whom, through which channel, "
                    "and how far they got. Errors are application/problem+json (RFC 9457)."}};
    doc["servers"] = OrderedJson::array({{{"url", "/"}}});
    OrderedJson comps = Components();
    OrderedJson paths = OrderedJson::object();
    for (const auto& r : router.routes()) {
        if (r.pattern.rfind("/api/", 0) != 0 && r.pattern != "/healthz" && r.pattern != "/readyz" &&
            r.pattern != "/metrics")
            continue;
        std::string m = r.method;
        for (auto& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        OrderedJson op;
        op["summary"] = r.doc.summary;
        if (!r.doc.tag.empty()) op["tags"] = OrderedJson::array({r.doc.tag});
        op["operationId"] = m + r.pattern;
        OrderedJson params = OrderedJson::array();
        for (const auto& seg : r.segments) {
            if (seg.size() > 2 && seg.front() == '{') {
                params.push_back({{"name", seg.substr(1, seg.size() - 2)},
                                  {"in", "path"},
                                  {"required", true},
                                  {"schema", {{"type", "string"}}}});
            }
        }
        for (const auto& q : r.doc.query_params)
            params.push_back({{"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
        if (m == "put" || m == "delete")
            params.push_back(
                {{"name", "If-Match"}, {"in", "header"}, {"required", true}, {"schema", {{"type", "string"}}}});
        if (!params.empty()) op["parameters"] = params;
        if (!r.doc.request_schema.empty() && comps.contains(r.doc.request_schema)) {
            op["requestBody"] = {
                {"required", true},
                {"content",
                 {{"application/json", {{"schema", {{"$ref", "#/components/schemas/" + r.doc.request_schema}}}}}}}};
        }
        OrderedJson ok = {{"description", "OK"}};
        const std::string& rs = r.doc.response_schema;
        if (!rs.empty()) ok["content"] = {{"application/json", {{"schema", ResponseSchema(comps, rs)}}}};
        // ?format=xlsx: the same data as a workbook (docs/xlsx-opendata.md).
        const OrderedJson binary = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
        const auto& qp = r.doc.query_params;
        if (std::find(qp.begin(), qp.end(), "format") != qp.end()) ok["content"][kXlsxType] = binary;
        if (r.pattern.starts_with("/api/v1/import/"))
            op["requestBody"] = {{"required", true}, {"content", {{kXlsxType, binary}, {"text/csv", binary}}}};
        std::string code = m == "post" && r.doc.request_schema == r.doc.response_schema && !rs.empty() ? "201"
                           : m == "delete"                                                             ? "204"
                                                                                                       : "200";
        op["responses"][code] = ok;
        op["responses"]["default"] = {
            {"description", "Problem"},
            {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
        paths[r.pattern][m] = op;
    }
    doc["paths"] = paths;
    doc["components"] = {{"schemas", comps}};
    return doc;
}

void RegisterOpenApiRoute(Router& router, const std::string& assets_dir) {
    router.Add("GET", "/api/v1/openapi.json",
               [&router, assets_dir](Request&) {
                   static const std::string cached = BuildOpenApi(router, assets_dir).dump(2);
                   return Response::Text(200, cached, "application/json");
               },
               {"This document", "meta", "", "", {}});
}

}  // namespace orientir::http
