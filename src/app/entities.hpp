#pragma once
// How each domain type is kept in the Store: its kind, its secondary index entries (list filters and
// uniqueness), and conversion between Doc and the typed value. One generic path for all entities.

#include <string>

#include "domain/codec.hpp"
#include "domain/types.hpp"
#include "storage/store.hpp"

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

// Doc → typed value (meta filled from the doc). A stored document that no longer parses is a bug.
template <class T>
T FromDoc(const storage::Doc& doc) {
    T v;
    auto parsed = ParseJson(doc.body);
    if (!parsed.ok())
        throw std::runtime_error(std::string("corrupt stored ") + Entity<T>::kKind + " " + std::to_string(doc.id));
    auto st = domain::FromJson(parsed.value(), v);
    if (!st.ok()) {
        throw std::runtime_error(std::string("stored ") + Entity<T>::kKind + " " + std::to_string(doc.id) +
                                 " does not parse: " + st.error().message);
    }
    v.meta.id = doc.id;
    v.meta.version = doc.version;
    v.meta.created_at = doc.created_at;
    v.meta.updated_at = doc.updated_at;
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

template <class T>
OrderedJson ToApiJson(const T& v) {
    return domain::ToJson(v);
}

}  // namespace orientir::app
