#pragma once
// How each domain type is kept in the Store: its kind, its secondary index entries (list filters and
// uniqueness), and conversion between Doc and the typed value. One generic path for all entities.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/log.hpp"

#include "domain/codec.hpp"
#include "domain/types.hpp"
#include "domain/validation.hpp"
#include "storage/store.hpp"

// Every record kind the App serves, for explicit template instantiations: X(domain::Organisation) …
// clang-format off
#define ORIENTIR_APP_ENTITIES(X)                                                 \
    X(domain::Organisation) X(domain::Person) X(domain::Position)                \
    X(domain::Practice) X(domain::Adoption) X(domain::Indicator)                 \
    X(domain::IndicatorValue) X(domain::AdoptionRequest) X(domain::Article)      \
    X(domain::Municipality)
// clang-format on

namespace orientir::app {

template <class T>
struct Entity;  // specialised below: kKind, Index(const T&)

#define ORIENTIR_ENTITY(T, kind)                                \
    template <>                                                 \
    struct Entity<domain::T> {                                  \
        static constexpr const char* kKind = kind;              \
        static storage::IndexEntries Index(const domain::T& v); \
    };

ORIENTIR_ENTITY(FederalDistrict, "federal_district")
ORIENTIR_ENTITY(Region, "region")
ORIENTIR_ENTITY(Municipality, "municipality")
ORIENTIR_ENTITY(Domain, "domain")
ORIENTIR_ENTITY(Organisation, "organisation")
ORIENTIR_ENTITY(Person, "person")
ORIENTIR_ENTITY(Position, "position")
ORIENTIR_ENTITY(Practice, "practice")
ORIENTIR_ENTITY(Adoption, "adoption")
ORIENTIR_ENTITY(Indicator, "indicator")
ORIENTIR_ENTITY(IndicatorValue, "indicator_value")
ORIENTIR_ENTITY(AdoptionRequest, "adoption_request")
ORIENTIR_ENTITY(Article, "article")
#undef ORIENTIR_ENTITY

// The index field of a practice's or an adoption's `last_confirmed_at` ("" when unset).
inline constexpr const char* kConfirmedField = "confirmed";

// The rest of an entity's descriptor, by kind, beside its index entries (`Entity<T>::Index`) and its
// field rules (domain/fields.cpp): the filters its lists accept and the records that block deleting one.
struct ListFilter {
    std::string param;    // query parameter
    std::string field;    // index field it matches
    bool prefix = false;  // matched as a folded prefix
};
struct KindRules {
    std::vector<ListFilter> filters;
    bool date_range = false;  // ?from=&to= on the index field "date"
    bool district = false;    // ?district= expands to the federal district's regions (index field "region")
    // (kind, index field) of records that point here: a delete is refused while one exists.
    std::vector<std::pair<std::string, std::string>> referenced_by;
};
// The rules of a kind; empty rules for kinds without lists (users, audit, reference data).
const KindRules& RulesOf(const std::string& kind);
// Every kind that has rules, for the API's documentation.
const std::map<std::string, KindRules>& AllKindRules();

// Doc → typed value (meta filled from the doc), with what did not decode. Never fails: a stored record
// written by an older version or imported with other rules still reads as far as it can (a member of the
// wrong type keeps its default), so it can be listed, shown with a notice and repaired. `issues` gets the
// decoding problems (the field rules of today are domain::CheckFields, applied by the caller if it asks).
template <class T>
T DecodeDoc(const storage::Doc& doc, std::vector<FieldIssue>* issues) {
    T v;
    auto parsed = ParseJson(doc.body);
    if (!parsed.ok()) {
        if (issues) issues->push_back({"", "corrupt", "the stored document is not JSON: " + parsed.error().message});
    } else if (auto st = domain::FromJson(parsed.value(), v); !st.ok() && issues) {
        const auto& e = st.error();
        if (e.issues.empty())
            issues->push_back({e.field, e.rule, e.message});
        else
            issues->insert(issues->end(), e.issues.begin(), e.issues.end());
    }
    v.meta.id = doc.id;
    v.meta.version = doc.version;
    v.meta.created_at = doc.created_at;
    v.meta.updated_at = doc.updated_at;
    return v;
}

// Doc → typed value; a record that does not fully decode is logged and read as far as it can be.
template <class T>
T FromDoc(const storage::Doc& doc) {
    std::vector<FieldIssue> issues;
    T v = DecodeDoc<T>(doc, &issues);
    if (!issues.empty()) {
        log::Warn("stored record does not fully decode; run `orientir check`",
                  {{"kind", Entity<T>::kKind}, {"id", std::to_string(doc.id)}, {"error", issues.front().message}});
    }
    return v;
}

// Typed value → document body (without id/version, which the store owns).
template <class T>
std::string ToBody(const T& v) {
    auto j = domain::ToJson(v);
    j.erase("id");
    j.erase("version");
    j.erase("created_at");
    j.erase("updated_at");
    return j.dump();
}

// Every rule of T (field rules first, then the rules across records that `refs` answers).
template <class T>
domain::Issues ValidateRecord(const T& v, const domain::References& refs) {
    if constexpr (std::is_same_v<T, domain::Person> || std::is_same_v<T, domain::Article>) {
        (void)refs;
        return domain::Validate(v);
    } else {
        return domain::Validate(v, refs);
    }
}

// Calls fn.template operator()<T>() for each entity type written through the app's use cases.
template <class Fn>
void ForEachEditableEntity(Fn&& fn) {
    fn.template operator()<domain::Municipality>();
    fn.template operator()<domain::Organisation>();
    fn.template operator()<domain::Person>();
    fn.template operator()<domain::Position>();
    fn.template operator()<domain::Practice>();
    fn.template operator()<domain::Adoption>();
    fn.template operator()<domain::Indicator>();
    fn.template operator()<domain::IndicatorValue>();
    fn.template operator()<domain::AdoptionRequest>();
    fn.template operator()<domain::Article>();
}

template <class T>
OrderedJson ToApiJson(const T& v) {
    return domain::ToJson(v);
}

}  // namespace orientir::app
