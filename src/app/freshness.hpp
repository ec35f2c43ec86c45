#pragma once
// Freshness of practices and active adoptions (issue 16; docs/web.md, «Freshness»). Each has a
// confirmation date: the last time its owner said it is current (`last_confirmed_at`; else its last
// update). After `stale_after_months` (default 12) it «требует подтверждения»: its owners are
// notified once and it is marked on its page, in lists and in analytics (shown, never hidden). An
// active adoption unconfirmed for `discontinue_after_months` (default 24) is «прекращено?»: a flag that
// waits for its owner or a curator, not the terminal stage. One click (Confirm) sets the date to today.
// Times come from the App's clock, so tests move them.

#include <map>
#include <string>
#include <vector>

#include "app/app.hpp"

namespace orientir::app {

struct FreshnessPolicy {
    int stale_after_months = 12;
    int discontinue_after_months = 24;
};
// The policy of an App (TOML [serve] stale-after-months, discontinue-after-months); defaults until set.
void SetFreshnessPolicy(const App& app, FreshnessPolicy policy);
FreshnessPolicy FreshnessPolicyOf(const App& app);

enum class Freshness { kFresh, kNeedsConfirmation, kMaybeDiscontinued };
const char* Code(Freshness f);  // fresh | needs_confirmation | maybe_discontinued

// The confirmation date ("YYYY-MM-DD") of a record: last_confirmed_at, else the date of its last update.
std::string ConfirmedOn(const std::optional<std::string>& last_confirmed_at, const domain::Meta& meta);
// `today` and `confirmed` as dates; months are calendar months.
Freshness FreshnessAt(const std::string& confirmed, const std::string& today, const FreshnessPolicy& policy,
                      bool may_be_discontinued);
Freshness FreshnessOf(const App& app, const domain::Practice& p);
// A discontinued adoption is never stale (nothing to confirm).
Freshness FreshnessOf(const App& app, const domain::Adoption& a);

// The state with its dates, as the API and the analytics pages show it: `confirmed_at` (ConfirmedOn),
// `due` (the day it needs confirmation: confirmed_at + stale_after_months; "" when nothing is due, i.e. a
// discontinued adoption) and, for an active adoption, `discontinued_on` (when «прекращено?» follows).
// The state always comes from FreshnessAt.
struct FreshnessInfo {
    Freshness state = Freshness::kFresh;
    std::string confirmed_at, due, discontinued_on;
};
FreshnessInfo FreshnessInfoOf(const App& app, const domain::Practice& p);
FreshnessInfo FreshnessInfoOf(const App& app, const domain::Adoption& a);
// The same from a record's API item (a projected list item, ADR 0073: the item is frozen when written, the
// state depends on today): «last_confirmed_at», else «updated_at»; an adoption's «stage».
FreshnessInfo FreshnessInfoOfItem(const App& app, const Json& item, bool adoption);
// The same for a rendered item: from its confirmation date when the read set it (GetRendered), else from
// its parsed JSON; nullopt when that is not a JSON object.
std::optional<FreshnessInfo> FreshnessInfoOfItem(const App& app, const RenderedItem& item, bool adoption);
// For analytics rows that keep only the confirmation date: `adoption` asks for the adoption rule.
FreshnessInfo FreshnessInfoOn(const App& app, const std::string& confirmed, bool adoption);
// {"state", "confirmed_at", "due", "discontinued_on"?}; dates null when unknown.
OrderedJson ToJson(const FreshnessInfo& f);
// ToJson(...).dump() of a record's freshness from its confirmation date (`adoption`: the adoption rule,
// `discontinued`: a discontinued adoption), as lists splice it into each item (ADR 0073). Built once per
// (confirmation date, rule) and day and policy, then reused: a new day, a changed policy or a new
// confirmation date builds it afresh, so it always equals the unmemoised answer.
std::string FreshnessJsonOn(const App& app, const std::string& confirmed, bool adoption, bool discontinued);

// One click: the owner (whoever may edit it) or a curator confirms the record is current. No moderation
// round: a confirmation changes nothing else. External records are confirmed at their origin.
Result<domain::Practice> ConfirmPractice(App& app, const Actor& actor, domain::Id id);
Result<domain::Adoption> ConfirmAdoption(App& app, const Actor& actor, domain::Id id);

// Notifies the owners of every record that became stale since it was last confirmed (once per
// confirmation date). Returns how many were notified.
Result<int> NotifyStale(App& app);

// Curators: the share of stale records per region and per domain.
struct StaleShare {
    std::string key;  // region code or domain code
    int total = 0, stale = 0, maybe_discontinued = 0;
};
struct StaleReport {
    std::vector<StaleShare> by_region, by_domain;
    int total = 0, stale = 0;
};
Result<StaleReport> StaleShares(App& app, const Actor& actor);
OrderedJson ToJson(const StaleReport& r);

}  // namespace orientir::app
