#pragma once
// Who sees a practice, and everything derived from it (its adoptions, spread, similar practices,
// probable duplicates, career links, search, analytics, exports). This is the one rule; every read path
// of the API, the pages and the CLI asks it (docs/security.md, «Visibility»).
//
// - Published practices are public.
// - Archived practices are public too: an archived practice was published and stays readable by its
//   link (passport, adoptions, spread) as a record of what was done, marked «в архиве»; it is no
//   longer searched, recommended or offered as similar.
// - Drafts and practices on review are seen only by those who may edit them (their region's and
//   organisation's editors) and by curators and administrators; to everyone else they do not exist (404).
// - An adoption is seen by whoever sees its practice (also by its adopter's editors only then).

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "app/actor.hpp"
#include "domain/types.hpp"

namespace orientir::analytics {
struct Snapshot;
struct CareerOverlayResult;
}  // namespace orientir::analytics
namespace orientir::storage {
class Store;
}

namespace orientir::app {

// Published or archived: readable by anyone.
bool IsPublicState(domain::ModerationState s);
// Published only: offered by search, recommendations and similar-practice lists.
bool IsListedState(domain::ModerationState s);

// The rule, on the fields it needs (so snapshot rows and stored records answer the same).
bool MaySeePractice(const Actor& a, domain::ModerationState state, const std::string& origin_region,
                    const std::optional<domain::Id>& origin_organisation);
bool MaySeePractice(const Actor& a, const domain::Practice& p);
// A practice row of the analytics snapshot by index (an out-of-range index is never visible).
bool MaySeePractice(const Actor& a, const analytics::Snapshot& s, int practice_index);
// An adoption of the snapshot by index: its practice is visible to the actor.
bool MaySeeAdoption(const Actor& a, const analytics::Snapshot& s, int adoption_index);
// Drops the adoptions of a career overlay the actor may not see, and the links left without
// adoptions unless `keep_moves` (all moves were asked for).
void KeepVisibleAdoptions(const analytics::Snapshot& s, const Actor& a, analytics::CareerOverlayResult& r,
                          bool keep_moves);

// Visibility of practices by id, read from the store once per id (for lists of adoptions and other
// records that point to practices). Not thread-safe; one per request.
class PracticeVisibility {
public:
    PracticeVisibility(storage::Store& store, const Actor& actor) : store_(store), actor_(actor) {}
    // False for a practice that does not exist or that the actor may not see.
    bool Sees(domain::Id practice_id);
    // An adoption: its practice is visible.
    bool Sees(const domain::Adoption& a);

private:
    storage::Store& store_;
    const Actor& actor_;
    std::map<domain::Id, bool> seen_;
};

}  // namespace orientir::app
