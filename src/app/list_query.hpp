#pragma once
// How a list request becomes a store query (internal to app, used by App::List): each filter checked
// against the kind's rules, region and record keys resolved by the one resolver, the date range, and
// what the actor may not see kept out of the page and the total.

#include <vector>

#include "app/app.hpp"
#include "storage/store.hpp"

namespace orientir::app {

// The store query of a list of `kind`; an unknown filter, region or record key is an error naming it.
Result<storage::ListQuery> ListQueryFor(App& app, const std::string& kind, const ListParams& params);

// Practices: everyone lists the published and archived ones; asking for another state, an editor gets
// only the practices they may edit and staff all. Added as filters, so the total counts the same.
void LimitPracticeStates(const Actor& actor, const ListParams& params, std::vector<storage::Filter>& filters);

// How many adoptions matching `filters` belong to practices the actor may not see (taken off the total).
Result<std::int64_t> HiddenAdoptionCount(storage::Store& store, const Actor& actor,
                                         const std::vector<storage::Filter>& filters);

}  // namespace orientir::app
