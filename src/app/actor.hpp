#pragma once
// Who is acting. Every use case takes an Actor and checks permissions here in `app`, so the API and
// the pages enforce the same rules.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace orientir::app {

enum class Role { kAnonymous, kSystem, kAdmin, kCurator, kRegionalEditor, kOrganisationEditor };

struct Actor {
    Role role = Role::kAnonymous;
    std::optional<std::int64_t> user_id;
    std::string login;
    std::vector<std::string> regions;         // scope of a regional editor (region codes)
    std::vector<std::int64_t> organisations;  // scope of an organisation editor

    static Actor System() { return Actor{Role::kSystem, std::nullopt, "system", {}, {}}; }
    static Actor Anonymous() { return Actor{}; }
    bool IsStaff() const { return role == Role::kSystem || role == Role::kAdmin || role == Role::kCurator; }
};

const char* RoleCode(Role r);
std::optional<Role> ParseRole(const std::string& code);

}  // namespace orientir::app
