#include "app/permissions.hpp"

#include <algorithm>

#include "app/app.hpp"
#include "app/visibility.hpp"

namespace orientir::app {

namespace {
Error SignInFirst(const std::string& what) {
    return Error{ErrorCode::kUnauthenticated, "sign in to " + what, {}, "unauthenticated", {}};
}
}  // namespace

Status RequireSignedIn(const Actor& a, const std::string& what) {
    if (a.role == Role::kAnonymous) return SignInFirst(what);
    return Status::Ok();
}

Status RequireStaff(const Actor& a, const std::string& what) {
    if (a.IsStaff()) return Status::Ok();
    if (a.role == Role::kAnonymous) return SignInFirst(what);
    return Error::Forbidden("only curators and administrators may " + what);
}

Status App::Allows(const Actor& actor, Duty duty) const {
    // Every duty is the curators' and administrators' today; what each is called in a refusal.
    static const std::pair<Duty, const char*> kStaffDuties[] = {
        {Duty::kModerate, "moderate practices"},
        {Duty::kReviewNews, "work with articles and the review queue"},
        {Duty::kReadAudit, "read the audit log"},
        {Duty::kManageFeeds, "manage news feeds"},
        {Duty::kFollowInstallations, "follow other installations"},
        {Duty::kPlanSeeding, "plan where to seed a practice"},
    };
    for (const auto& [d, what] : kStaffDuties)
        if (d == duty) return RequireStaff(actor, what);
    return Error::Forbidden("unknown duty");
}

Status RequireAdmin(const Actor& a, const std::string& what) {
    if (a.role == Role::kAdmin || a.role == Role::kSystem) return Status::Ok();
    if (a.role == Role::kAnonymous) return SignInFirst(what);
    return Error::Forbidden("only administrators may " + what);
}

bool InRegionScope(const Actor& a, const std::string& region) {
    if (a.IsStaff()) return true;
    return a.role == Role::kRegionalEditor && std::find(a.regions.begin(), a.regions.end(), region) != a.regions.end();
}

bool InOrgScope(const Actor& a, const std::optional<domain::Id>& org) {
    if (a.IsStaff()) return true;
    return a.role == Role::kOrganisationEditor && org &&
           std::find(a.organisations.begin(), a.organisations.end(), *org) != a.organisations.end();
}

bool MayWrite(const Actor& a, const domain::Organisation& v) {
    return InRegionScope(a, v.region) || InOrgScope(a, v.meta.id ? std::optional<domain::Id>(v.meta.id) : std::nullopt);
}
bool MayWrite(const Actor& a, const domain::Person&) { return a.IsStaff() || a.role == Role::kRegionalEditor; }
bool MayWrite(const Actor& a, const domain::Position& v) {
    if (a.IsStaff()) return true;
    return a.role == Role::kRegionalEditor && (!v.region || InRegionScope(a, *v.region));
}
bool MayWrite(const Actor& a, const domain::Practice& v) {
    return InRegionScope(a, v.origin.region) || InOrgScope(a, v.origin.organisation_id);
}
bool MayWrite(const Actor& a, const domain::Adoption& v) {
    return InRegionScope(a, v.adopter.region) || InOrgScope(a, v.adopter.organisation_id);
}
bool MayWrite(const Actor& a, const domain::Indicator&) { return a.IsStaff(); }
bool MayWrite(const Actor& a, const domain::IndicatorValue& v) { return InRegionScope(a, v.region); }
bool MayWrite(const Actor& a, const domain::AdoptionRequest& v) {
    // Creating is open to everyone (checked in App::Create); editing is for staff, the requesting
    // region's editors and the addressed organisation's editors.
    return InRegionScope(a, v.from.region) || InOrgScope(a, v.to_organisation_id);
}
bool MayWrite(const Actor& a, const domain::Article&) { return a.IsStaff(); }
bool MayWrite(const Actor& a, const domain::Municipality& v) { return InRegionScope(a, v.region); }

bool MayRead(const Actor& a, const domain::Practice& v) { return MaySeePractice(a, v); }
bool MayRead(const Actor& a, const domain::AdoptionRequest& v) { return MayWrite(a, v); }
bool MayRead(const Actor& a, const domain::Article&) { return a.IsStaff(); }

const char* RoleCode(Role r) {
    switch (r) {
        case Role::kAnonymous:
            return "anonymous";
        case Role::kSystem:
            return "system";
        case Role::kAdmin:
            return "admin";
        case Role::kCurator:
            return "curator";
        case Role::kRegionalEditor:
            return "regional_editor";
        case Role::kOrganisationEditor:
            return "organisation_editor";
    }
    return "anonymous";
}

std::optional<Role> ParseRole(const std::string& code) {
    for (Role r : {Role::kAnonymous, Role::kSystem, Role::kAdmin, Role::kCurator, Role::kRegionalEditor,
                   Role::kOrganisationEditor})
        if (code == RoleCode(r)) return r;
    return std::nullopt;
}

}  // namespace orientir::app
