#pragma once
// Field rules of every editable entity, said once: which text fields must not be blank, how many bytes
// each may hold, how many items each list may hold. `Validate` (domain/validation.hpp) applies them first,
// so every write path — API, web forms, imports, review decisions, restore — refuses the same input with
// the same field and rule; the JSON codec only translates and accepts any length. A stored record that
// breaks today's rules still decodes; `CheckFields` says what is wrong with it (notices, `orientir check`).
//
// Rules: "required" (blank text), "too_long" (bytes), "too_many" (items). Field names are the JSON paths
// ("results[2].name"), which the web forms use as their field names too.

#include <cstddef>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "domain/types.hpp"

namespace orientir::domain {

using Issues = std::vector<FieldIssue>;

Issues CheckFields(const Organisation& v);
Issues CheckFields(const Person& v);
Issues CheckFields(const Position& v);
Issues CheckFields(const Practice& v);
Issues CheckFields(const Adoption& v);
Issues CheckFields(const Indicator& v);
Issues CheckFields(const IndicatorValue& v);
Issues CheckFields(const AdoptionRequest& v);
Issues CheckFields(const Article& v);
Issues CheckFields(const Municipality& v);

// The byte limit of a top-level text field of T ("title" of a Practice: 500), 0 when T has no such
// field. Forms use it for their maxlength hints; the rule itself is the one CheckFields applies.
template <class T>
std::size_t MaxBytes(const std::string& field);

// Repairs what can be repaired without a person's judgement: trims text to its limit at a UTF-8
// character boundary, drops list items past the limit. Blank required fields are left for a person.
// Returns the issues it repaired.
template <class T>
Issues RepairFields(T& v);

}  // namespace orientir::domain
