#pragma once
// Word lists of the reference gazetteer (internal to src/extract; gazetteer_lists.cpp).

#include <span>

namespace orientir::extract::lists {

struct CountryDef {
    const char* iso;    // ISO code; for city adjectives the city's canonical name
    const char* names;  // '|'-separated; the first is canonical
};

std::span<const CountryDef> Countries();                // nominative names; stems give the other cases
std::span<const CountryDef> CountryAdjectives();        // «российский», «американский»
std::span<const CountryDef> WorldCities();              // foreign cities frequent in Russian news
std::span<const CountryDef> WorldCityAdjectives();      // «лондонский», keyed by the city's name
std::span<const CountryDef> ForeignRegions();           // provinces and states: region mentions without a code
std::span<const char* const> WellKnownOrganisations();  // '|'-separated names of one organisation

}  // namespace orientir::extract::lists
