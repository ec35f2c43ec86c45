#pragma once
// Who may read and write what. The rules (docs/security.md):
// - system, admin, curator: everything;
// - regional editor: records of their regions (practice by origin region, adoption by adopter
//   region, organisation/municipality/indicator value by region, adoption request by requesting region);
// - organisation editor: practices originated by and adoptions made by their organisations, the
//   organisations themselves;
// - anyone (also anonymous): read published practices, adoptions of published practices, the
//   directory, organisations, persons, indicators; create an adoption request («хочу внедрить»).
// Unpublished practices are visible only to those who may edit them.

#include "app/actor.hpp"
#include "common/result.hpp"
#include "domain/types.hpp"

namespace orientir::app {

// Typed refusals of the use cases (http and the pages only map them): anonymous actors get
// kUnauthenticated ("sign in to <what>"), signed-in actors without the role kForbidden.
Status RequireSignedIn(const Actor& a, const std::string& what);
Status RequireStaff(const Actor& a, const std::string& what);  // curators, administrators, system
Status RequireAdmin(const Actor& a, const std::string& what);  // administrators, system

bool InRegionScope(const Actor& a, const std::string& region);
bool InOrgScope(const Actor& a, const std::optional<domain::Id>& org);

bool MayWrite(const Actor& a, const domain::Organisation& v);
bool MayWrite(const Actor& a, const domain::Person& v);
bool MayWrite(const Actor& a, const domain::Position& v);
bool MayWrite(const Actor& a, const domain::Practice& v);
bool MayWrite(const Actor& a, const domain::Adoption& v);
bool MayWrite(const Actor& a, const domain::Indicator& v);
bool MayWrite(const Actor& a, const domain::IndicatorValue& v);
bool MayWrite(const Actor& a, const domain::AdoptionRequest& v);
bool MayWrite(const Actor& a, const domain::Article& v);
bool MayWrite(const Actor& a, const domain::Municipality& v);

// A kind that gets its own read rule here must take Get's path in App::GetRendered too (list_items.cpp),
// which answers the other projected kinds from their items without a per-record check.
bool MayRead(const Actor& a, const domain::Practice& v);
bool MayRead(const Actor& a, const domain::AdoptionRequest& v);
bool MayRead(const Actor& a, const domain::Article& v);
template <class T>
bool MayRead(const Actor&, const T&) {
    return true;
}

}  // namespace orientir::app
