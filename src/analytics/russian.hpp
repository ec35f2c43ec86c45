#pragma once
// The little Russian grammar the reasons of recommendations need: a region's display name, its
// accusative form («включая Югру»), and agreement of nouns with numerals. Suffix rules only — enough
// for the names of Russia's regions, not a general morphology (that is src/text's job).

#include <string>
#include <string_view>

#include "analytics/snapshot.hpp"

namespace orientir::analytics::ru {

// The short name unless it is a bare adjective («Тюменская»), in which case the full name.
std::string DisplayName(const RegionRow& r);
// Accusative of a (feminine or masculine inanimate) name, word by word: «Северная Осетия» →
// «Северную Осетию», «Москва» → «Москву», «Алтайский край» unchanged.
std::string Accusative(std::string_view name);
// Chooses the form for n: one (1, 21), few (2–4, 22–24), many (0, 5–20, 25…).
std::string_view Plural(long n, std::string_view one, std::string_view few, std::string_view many);

}  // namespace orientir::analytics::ru
