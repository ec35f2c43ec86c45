// Account use cases: administrators manage users; a signed-in user reads their own account, creates
// API tokens and signs out everywhere. The permission checks live here; the API only maps errors.

#include "app/app.hpp"
#include "app/permissions.hpp"

namespace orientir::app {

namespace {
// The account of the actor: a signed-in user (the system actor has none).
Result<std::int64_t> AccountOf(const Actor& actor) {
    if (!actor.user_id) return Error{ErrorCode::kUnauthenticated, "sign in first", {}, "unauthenticated", {}};
    return *actor.user_id;
}
}  // namespace

Result<std::vector<auth::User>> App::ListUsers(const Actor& actor) {
    ORIENTIR_TRY(RequireAdmin(actor, "manage users"));
    return auth_->ListUsers();
}

Result<auth::User> App::CreateUser(const Actor& actor, const auth::User& user, const std::string& password) {
    ORIENTIR_TRY(RequireAdmin(actor, "manage users"));
    return auth_->CreateUser(user, password);
}

Result<auth::User> App::Me(const Actor& actor) {
    ORIENTIR_ASSIGN(auto id, AccountOf(actor));
    return auth_->GetUser(id);
}

Result<std::string> App::CreateApiToken(const Actor& actor, const std::string& name) {
    ORIENTIR_ASSIGN(auto id, AccountOf(actor));
    return auth_->CreateApiToken(id, name);
}

Status App::LogoutEverywhere(const Actor& actor) {
    ORIENTIR_ASSIGN(auto id, AccountOf(actor));
    return auth_->LogoutEverywhere(id);
}

}  // namespace orientir::app
