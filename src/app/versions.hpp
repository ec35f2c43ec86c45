#pragma once
// Passport history: every stored version of a practice, derived from the audit log, which keeps the full
// record before and after each change in the same transaction as the change (app/audit.hpp). Nothing
// else is stored: a version is the `after` of an audit entry of the practice.

#include <optional>
#include <string>
#include <vector>

#include "app/audit.hpp"
#include "domain/types.hpp"

namespace orientir::app {

struct PracticeVersion {
    int number = 0;                    // 1 = created; numbered over every stored version, hidden ones included
    std::string at;                    // when it was stored
    std::string actor_login;           // who stored it
    std::string action;                // create, update, moderate, repair, …
    domain::Practice record;           // the passport as it was stored
    std::vector<std::string> changed;  // fields changed from the previous version the actor sees
};

// The passport's fields compared between two versions: {field, a, b, differs}, in the order the record
// lists them; values as display text (lists joined by line breaks, objects as JSON).
struct FieldDiff {
    std::string field, a, b;
    bool differs = false;
};
std::vector<FieldDiff> DiffPractices(const domain::Practice& a, const domain::Practice& b);

}  // namespace orientir::app
