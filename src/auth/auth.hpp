#pragma once
// Accounts, sessions and API tokens. Passwords are hashed with Argon2id (libsodium); session and
// API tokens are random 192-bit strings of which only a SHA-256 hash is stored, so a copy of the
// database does not let anyone sign in. Sessions live in the Store, so every app node sees them.
// Failed sign-ins are throttled by growing delays per login and address, per login and per client
// address (AuthOptions); no account is ever locked.
//
// Thread safety: AuthService is safe for concurrent use.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.hpp"
#include "common/json.hpp"
#include "common/result.hpp"
#include "storage/store.hpp"

namespace orientir::auth {

struct User {
    std::int64_t id = 0;
    std::int64_t version = 0;
    std::string login;
    std::string name;
    std::string email;
    std::string role;  // admin, curator, regional_editor, organisation_editor
    std::vector<std::string> regions;
    std::vector<std::int64_t> organisations;
    std::string password_hash;  // never leaves this module's JSON for the API
    bool disabled = false;
    std::string created_at;
};

OrderedJson PublicJson(const User& u);  // without the password hash

struct AuthOptions {
    // Argon2id cost; tests lower it. Defaults: libsodium's INTERACTIVE limits.
    unsigned long long ops_limit = 0;
    std::size_t mem_limit = 0;
    std::int64_t session_ttl_ms = 12LL * 3600 * 1000;  // 12 h of inactivity… absolute: below
    std::int64_t session_absolute_ms = 7LL * 24 * 3600 * 1000;
    // Throttling of failed sign-ins (docs/security.md). Nobody is locked out: after a number of free
    // failures each further attempt must wait a delay that doubles with every failure, up to a cap.
    // - per login and address: after `free_failures_per_pair`, up to `max_delay_ms` (15 min);
    // - per login from anywhere: after `free_failures_per_login`, up to `max_login_delay_ms` (1 min) —
    //   and not at all for an address this login signed in from before, so a known user is never
    //   kept out by someone guessing elsewhere;
    // - per address over all logins: after `free_failures_per_address`, up to `max_delay_ms`.
    // Counters are forgotten `lockout_ms` after the last failure.
    int free_failures_per_pair = 3;
    int free_failures_per_login = 10;
    int free_failures_per_address = 50;
    std::int64_t max_delay_ms = 15LL * 60 * 1000;
    std::int64_t max_login_delay_ms = 60LL * 1000;
    std::int64_t lockout_ms = 15LL * 60 * 1000;
};

struct SignIn {
    User user;
    std::string session_token;  // give to the client once (cookie); only its hash is stored
};

class AuthService {
public:
    AuthService(storage::Store& store, const Clock& clock, AuthOptions options = {});

    static const std::vector<std::string>& Roles();

    // Creates a user; the password must be at least 10 characters. Login is unique (case-insensitive).
    Result<User> CreateUser(User user, const std::string& password);
    Result<User> GetUser(std::int64_t id);
    Result<User> FindByLogin(const std::string& login);
    std::vector<User> ListUsers();
    Result<User> UpdateUser(const User& user, const std::optional<std::string>& new_password);
    bool AnyUser();

    // Checks the password; throttled (kTooManyRequests while locked). A new session each time, so a
    // session id planted before sign-in is never promoted (no fixation).
    Result<SignIn> Login(const std::string& login, const std::string& password, const std::string& address);
    // Seconds until the next sign-in attempt for this login from this address is heard (0: now).
    std::int64_t RetryAfterSeconds(const std::string& login, const std::string& address);
    // The user of a live session token; nullopt for unknown, expired or forged tokens.
    std::optional<User> ResolveSession(const std::string& token);
    void Logout(const std::string& token);
    // Ends every session of the user (sign out everywhere).
    Status LogoutEverywhere(std::int64_t user_id);

    // API tokens for scripts: "Authorization: Bearer <token>".
    Result<std::string> CreateApiToken(std::int64_t user_id, const std::string& name);
    std::optional<User> ResolveApiToken(const std::string& token);

    static std::string HashToken(const std::string& token);  // hex SHA-256
    std::string HashPassword(const std::string& password) const;
    static bool VerifyPassword(const std::string& hash, const std::string& password);

private:
    struct Failures {
        int count = 0;
        std::int64_t last_ms = 0;
        std::int64_t wait_until_ms = 0;
    };
    Status CheckThrottle(const std::string& login, const std::string& address);
    void RecordFailure(const std::string& login, const std::string& address);
    std::int64_t WaitUntilLocked(const std::string& login, const std::string& address);

    storage::Store& store_;
    const Clock& clock_;
    AuthOptions options_;
    std::mutex mu_;
    std::unordered_map<std::string, Failures> by_pair_, by_login_, by_address_;
    // Addresses each login signed in from (the latest few), exempt from the per-login delay.
    std::unordered_map<std::string, std::vector<std::string>> known_addresses_;
};

}  // namespace orientir::auth
