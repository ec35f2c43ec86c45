#pragma once
// Stored records against today's rules. A record written by an older version, imported under other
// rules or restored from an old export may break a rule that holds now; it stays readable (FromDoc never
// fails) and this finds it, and repairs what can be repaired without a person's judgement. `orientir
// check` prints the report; `orientir migrate` runs it with fix after the schema migrations.

#include <string>
#include <vector>

#include "app/app.hpp"

namespace orientir::app {

struct RecordProblem {
    std::string kind;
    domain::Id id = 0;
    std::vector<FieldIssue> issues;  // what it breaks (after a repair: what is left for a person)
    bool repaired = false;           // fix changed it (text trimmed to its limit, surplus list items dropped)
};

struct CheckReport {
    std::int64_t records = 0;  // records checked
    std::int64_t repaired = 0;
    std::vector<RecordProblem> problems;  // every record that broke a rule, repaired or not
};

// Checks every record of every editable kind: it decodes, meets its field rules and the rules across
// records. With `fix`, repairs field limits (domain::RepairFields) and saves the record, audited as
// "repair" by the system, when nothing else is wrong with it. One transaction.
Result<CheckReport> CheckRecords(App& app, bool fix);

// Decoding problems and field-rule problems of one stored body of `kind`; empty for kinds without rules
// (users, sessions, audit, reference data). Used by restore to refuse what the domain refuses.
std::vector<FieldIssue> FieldIssuesOfBody(const std::string& kind, const std::string& body);

}  // namespace orientir::app
