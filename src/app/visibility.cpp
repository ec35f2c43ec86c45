#include "app/visibility.hpp"

#include "analytics/network.hpp"
#include "analytics/snapshot.hpp"
#include "app/entities.hpp"
#include "app/permissions.hpp"
#include "storage/store.hpp"

namespace orientir::app {

bool IsPublicState(domain::ModerationState s) {
    return s == domain::ModerationState::kPublished || s == domain::ModerationState::kArchived;
}

bool IsListedState(domain::ModerationState s) { return s == domain::ModerationState::kPublished; }

bool MaySeePractice(const Actor& a, domain::ModerationState state, const std::string& origin_region,
                    const std::optional<domain::Id>& origin_organisation) {
    return IsPublicState(state) || InRegionScope(a, origin_region) || InOrgScope(a, origin_organisation);
}

bool MaySeePractice(const Actor& a, const domain::Practice& p) {
    return MaySeePractice(a, p.state, p.origin.region, p.origin.organisation_id);
}

bool MaySeePractice(const Actor& a, const analytics::Snapshot& s, int i) {
    if (i < 0 || static_cast<std::size_t>(i) >= s.practices.size()) return false;
    const auto& row = s.practices[static_cast<std::size_t>(i)];
    if (IsPublicState(row.state) || a.IsStaff()) return true;
    std::string region = row.origin_region >= 0 && static_cast<std::size_t>(row.origin_region) < s.regions.size()
                             ? s.regions[static_cast<std::size_t>(row.origin_region)].code
                             : std::string();
    std::optional<domain::Id> org;
    if (row.origin_organisation) org = row.origin_organisation;
    return MaySeePractice(a, row.state, region, org);
}

bool MaySeeAdoption(const Actor& a, const analytics::Snapshot& s, int i) {
    if (i < 0 || static_cast<std::size_t>(i) >= s.adoptions.size()) return false;
    return MaySeePractice(a, s, s.adoptions[static_cast<std::size_t>(i)].practice);
}

void KeepVisibleAdoptions(const analytics::Snapshot& s, const Actor& a, analytics::CareerOverlayResult& r,
                          bool keep_moves) {
    for (auto& l : r.links) std::erase_if(l.adoptions, [&](int ad) { return !MaySeeAdoption(a, s, ad); });
    if (!keep_moves) std::erase_if(r.links, [](const auto& l) { return l.adoptions.empty(); });
}

bool PracticeVisibility::Sees(domain::Id id) {
    if (actor_.IsStaff()) return true;
    auto it = seen_.find(id);
    if (it != seen_.end()) return it->second;
    auto doc = store_.Get("practice", id);
    bool v = doc.ok() && MaySeePractice(actor_, FromDoc<domain::Practice>(doc.value()));
    seen_.emplace(id, v);
    return v;
}

bool PracticeVisibility::Sees(const domain::Adoption& a) { return Sees(a.practice_id); }

}  // namespace orientir::app
