#pragma once
// JSON form of every domain type: the API's wire format, the import format and the store's document
// format are the same. Reading is strict (types, unknown fields, sizes) and reports every problem
// with its JSON path; read-only members (id, version, created_at, updated_at) are accepted and ignored.

#include "common/json.hpp"
#include "domain/types.hpp"

namespace orientir::domain {

#define ORIENTIR_DECLARE_CODEC(T)   \
    OrderedJson ToJson(const T& v); \
    Status FromJson(const Json& j, T& out);

ORIENTIR_DECLARE_CODEC(FederalDistrict)
ORIENTIR_DECLARE_CODEC(Region)
ORIENTIR_DECLARE_CODEC(Municipality)
ORIENTIR_DECLARE_CODEC(Domain)
ORIENTIR_DECLARE_CODEC(Organisation)
ORIENTIR_DECLARE_CODEC(Person)
ORIENTIR_DECLARE_CODEC(Position)
ORIENTIR_DECLARE_CODEC(Practice)
ORIENTIR_DECLARE_CODEC(Adoption)
ORIENTIR_DECLARE_CODEC(Indicator)
ORIENTIR_DECLARE_CODEC(IndicatorValue)
ORIENTIR_DECLARE_CODEC(AdoptionRequest)
ORIENTIR_DECLARE_CODEC(Article)
#undef ORIENTIR_DECLARE_CODEC

OrderedJson ToJson(const Kpi& v);
OrderedJson ToJson(const Place& v);
OrderedJson ToJson(const StageEvent& v);

// Reads parts shared by several entities.
void ReadKpi(JsonReader& r, Kpi& k);
void ReadPlace(JsonReader& r, Place& p);
void ReadStageEvent(JsonReader& r, StageEvent& e);

// A code of a vocabulary read once, with one refusal for a code outside it, the same on every path: rule
// "enum", the allowed codes listed («channel must be one of: personnel, …; got "x"»). Empty when unknown.
template <class ParseFn>
auto ParseEnumCode(JsonReader& r, const char* key, std::string_view code, ParseFn parse, const std::string& allowed)
    -> decltype(parse(code)) {
    auto v = parse(code);
    if (!v)
        r.AddIssue(key, "enum", r.PathOf(key) + " must be one of: " + allowed + "; got \"" + std::string(code) + "\"");
    return v;
}

}  // namespace orientir::domain
