#include "auth/auth.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "text/normalize.hpp"

namespace orientir::auth {

namespace {

std::string RandomToken() {
    unsigned char raw[24];
    randombytes_buf(raw, sizeof raw);
    char out[sodium_base64_ENCODED_LEN(24, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(out, sizeof out, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

std::string NormLogin(const std::string& login) { return text::Fold(login); }

OrderedJson StoredJson(const User& u) {
    OrderedJson j = PublicJson(u);
    j.erase("id");
    j.erase("version");
    j["password_hash"] = u.password_hash;
    return j;
}

User FromDoc(const storage::Doc& d) {
    auto j = Json::parse(d.body);
    User u;
    u.id = d.id;
    u.version = d.version;
    u.login = j.value("login", "");
    u.name = j.value("name", "");
    u.email = j.value("email", "");
    u.role = j.value("role", "");
    u.regions = j.value("regions", std::vector<std::string>{});
    u.organisations = j.value("organisations", std::vector<std::int64_t>{});
    u.password_hash = j.value("password_hash", "");
    u.disabled = j.value("disabled", false);
    u.created_at = d.created_at;
    return u;
}

storage::IndexEntries UserIndex(const User& u) {
    return {{"login", NormLogin(u.login), true}, {"role", u.role, false}};
}

}  // namespace

OrderedJson PublicJson(const User& u) {
    OrderedJson j;
    j["id"] = u.id;
    j["version"] = u.version;
    j["login"] = u.login;
    j["name"] = u.name;
    j["email"] = u.email;
    j["role"] = u.role;
    j["regions"] = u.regions;
    j["organisations"] = u.organisations;
    j["disabled"] = u.disabled;
    return j;
}

AuthService::AuthService(storage::Store& store, const Clock& clock, AuthOptions options)
    : store_(store), clock_(clock), options_(options) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    if (options_.ops_limit == 0) options_.ops_limit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    if (options_.mem_limit == 0) options_.mem_limit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

const std::vector<std::string>& AuthService::Roles() {
    static const std::vector<std::string> kRoles = {"admin", "curator", "regional_editor", "organisation_editor"};
    return kRoles;
}

std::string AuthService::HashToken(const std::string& token) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(token.data()), token.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return hex;
}

std::string AuthService::HashPassword(const std::string& password) const {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), options_.ops_limit, options_.mem_limit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("out of memory while hashing a password");
    }
    return out;
}

bool AuthService::VerifyPassword(const std::string& hash, const std::string& password) {
    if (hash.empty()) return false;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Result<User> AuthService::CreateUser(User u, const std::string& password) {
    u.login = std::string(u.login);
    if (u.login.size() < 3 || u.login.size() > 64)
        return Error::Invalid("login", "length", "login must be 3 to 64 characters");
    for (char c : u.login) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == '@')) {
            return Error::Invalid("login", "charset", "login may hold Latin letters, digits and - _ . @");
        }
    }
    if (std::find(Roles().begin(), Roles().end(), u.role) == Roles().end()) {
        return Error::Invalid("role", "enum",
                              "role must be one of admin, curator, regional_editor, organisation_editor");
    }
    if (u.role == "regional_editor" && u.regions.empty())
        return Error::Invalid("regions", "required", "a regional editor needs at least one region");
    if (u.role == "organisation_editor" && u.organisations.empty())
        return Error::Invalid("organisations", "required", "an organisation editor needs at least one organisation");
    if (password.size() < 10) return Error::Invalid("password", "length", "password must be at least 10 characters");
    for (const auto& r : u.regions) {
        if (!store_.FindOne("region", "code", r))
            return Error::Invalid("regions", "unknown_region", "unknown region code \"" + r + "\"");
    }
    u.password_hash = HashPassword(password);
    User out = u;
    Status st = store_.Write([&](storage::WriteTx& tx) -> Status {
        ORIENTIR_ASSIGN(auto d, tx.Insert("user", StoredJson(u).dump(), UserIndex(u)));
        out.id = d.id;
        out.version = d.version;
        out.created_at = d.created_at;
        return Status::Ok();
    });
    if (!st.ok()) {
        if (st.error().code == ErrorCode::kConflict)
            return Error::Conflict("login \"" + u.login + "\" is taken", "login_taken");
        return st.error();
    }
    return out;
}

Result<User> AuthService::GetUser(std::int64_t id) {
    ORIENTIR_ASSIGN(auto d, store_.Get("user", id));
    return FromDoc(d);
}

Result<User> AuthService::FindByLogin(const std::string& login) {
    auto d = store_.FindOne("user", "login", NormLogin(login));
    if (!d) return Error::NotFound("no user \"" + login + "\"");
    return FromDoc(*d);
}

std::vector<User> AuthService::ListUsers() {
    std::vector<User> out;
    (void)store_.Scan("user", [&](const storage::Doc& d) {
        out.push_back(FromDoc(d));
        return true;
    });
    return out;
}

bool AuthService::AnyUser() { return store_.Count("user", {}).value() > 0; }

Result<User> AuthService::UpdateUser(const User& u, const std::optional<std::string>& new_password) {
    User next = u;
    if (new_password) {
        if (new_password->size() < 10)
            return Error::Invalid("password", "length", "password must be at least 10 characters");
        next.password_hash = HashPassword(*new_password);
    }
    Status st = store_.Write([&](storage::WriteTx& tx) -> Status {
        ORIENTIR_ASSIGN(auto d, tx.Get("user", u.id));
        User current = FromDoc(d);
        if (!new_password) next.password_hash = current.password_hash;
        ORIENTIR_ASSIGN(auto saved,
                        tx.Update("user", u.id, u.version ? std::optional<std::int64_t>(u.version) : std::nullopt,
                                  StoredJson(next).dump(), UserIndex(next)));
        next.version = saved.version;
        return Status::Ok();
    });
    if (!st.ok()) return st.error();
    if (new_password || next.disabled) (void)LogoutEverywhere(u.id);
    return next;
}

namespace {
// The delay after `count` failures of which `free` were free: 1 s, 2 s, 4 s, … up to `cap`.
std::int64_t DelayMs(int count, int free, std::int64_t cap) {
    if (count <= free) return 0;
    int doublings = std::min(count - free - 1, 30);
    return std::min<std::int64_t>(cap, 1000LL << doublings);
}
}  // namespace

std::int64_t AuthService::WaitUntilLocked(const std::string& login, const std::string& address) {
    std::int64_t now = clock_.NowMillis();
    std::string norm = NormLogin(login);
    auto until = [&](std::unordered_map<std::string, Failures>& m, const std::string& key) -> std::int64_t {
        auto it = m.find(key);
        if (it == m.end()) return 0;
        if (now - it->second.last_ms > options_.lockout_ms) {
            m.erase(it);
            return 0;
        }
        return it->second.wait_until_ms;
    };
    std::int64_t wait = until(by_pair_, norm + "\n" + address);
    auto known = known_addresses_.find(norm);
    bool is_known = known != known_addresses_.end() &&
                    std::find(known->second.begin(), known->second.end(), address) != known->second.end();
    if (!is_known) {
        wait = std::max(wait, until(by_login_, norm));
        wait = std::max(wait, until(by_address_, address));
    }
    return wait > now ? wait : 0;
}

std::int64_t AuthService::RetryAfterSeconds(const std::string& login, const std::string& address) {
    std::lock_guard lock(mu_);
    std::int64_t until = WaitUntilLocked(login, address);
    return until ? std::max<std::int64_t>(1, (until - clock_.NowMillis() + 999) / 1000) : 0;
}

Status AuthService::CheckThrottle(const std::string& login, const std::string& address) {
    std::lock_guard lock(mu_);
    std::int64_t until = WaitUntilLocked(login, address);
    if (!until) return Status::Ok();
    std::int64_t secs = std::max<std::int64_t>(1, (until - clock_.NowMillis() + 999) / 1000);
    return Error{ErrorCode::kTooManyRequests,
                 "too many failed sign-ins; try again in " + std::to_string(secs) + " s",
                 "login",
                 "throttled",
                 {}};
}

void AuthService::RecordFailure(const std::string& login, const std::string& address) {
    std::lock_guard lock(mu_);
    std::int64_t now = clock_.NowMillis();
    auto bump = [&](std::unordered_map<std::string, Failures>& m, const std::string& key, int free, std::int64_t cap) {
        if (m.size() > 100000) m.clear();  // bound memory under a flood of distinct keys
        auto& f = m[key];
        if (f.count > 0 && now - f.last_ms > options_.lockout_ms) f = Failures{};
        ++f.count;
        f.last_ms = now;
        f.wait_until_ms = now + DelayMs(f.count, free, cap);
    };
    std::string norm = NormLogin(login);
    bump(by_pair_, norm + "\n" + address, options_.free_failures_per_pair, options_.max_delay_ms);
    bump(by_login_, norm, options_.free_failures_per_login, options_.max_login_delay_ms);
    bump(by_address_, address, options_.free_failures_per_address, options_.max_delay_ms);
}

Result<SignIn> AuthService::Login(const std::string& login, const std::string& password, const std::string& address) {
    ORIENTIR_TRY(CheckThrottle(login, address));
    auto u = FindByLogin(login);
    // Same work and same message whether the login exists or not.
    static const std::string kDummy = HashPassword("dummy password for timing");
    bool ok = VerifyPassword(u.ok() ? u->password_hash : kDummy, password) && u.ok() && !u->disabled;
    if (!ok) {
        RecordFailure(login, address);
        return Error{ErrorCode::kUnauthenticated, "wrong login or password", "password", "bad_credentials", {}};
    }
    {
        std::lock_guard lock(mu_);
        std::string norm = NormLogin(login);
        by_pair_.erase(norm + "\n" + address);
        by_login_.erase(norm);
        if (known_addresses_.size() > 100000) known_addresses_.clear();
        auto& known = known_addresses_[norm];
        if (std::find(known.begin(), known.end(), address) == known.end()) {
            if (known.size() >= 8) known.erase(known.begin());
            known.push_back(address);
        }
    }
    SignIn s{u.value(), RandomToken()};
    std::int64_t now = clock_.NowMillis();
    OrderedJson j{{"user_id", s.user.id}, {"created_ms", now}, {"seen_ms", now}};
    ORIENTIR_TRY(store_.Write([&](storage::WriteTx& tx) -> Status {
        ORIENTIR_TRY(
            tx.Insert("session", j.dump(),
                      {{"token", HashToken(s.session_token), true}, {"user", std::to_string(s.user.id), false}}));
        return Status::Ok();
    }));
    return s;
}

std::optional<User> AuthService::ResolveSession(const std::string& token) {
    if (token.size() < 20 || token.size() > 64) return std::nullopt;
    auto d = store_.FindOne("session", "token", HashToken(token));
    if (!d) return std::nullopt;
    auto j = Json::parse(d->body);
    std::int64_t now = clock_.NowMillis();
    std::int64_t created = j.value("created_ms", 0LL), seen = j.value("seen_ms", 0LL);
    if (now - created > options_.session_absolute_ms || now - seen > options_.session_ttl_ms) {
        Logout(token);
        return std::nullopt;
    }
    auto u = GetUser(j.value("user_id", 0LL));
    if (!u.ok() || u->disabled) return std::nullopt;
    if (now - seen > 5 * 60 * 1000) {  // refresh the idle timer at most every 5 minutes
        j["seen_ms"] = now;
        (void)store_.Write([&](storage::WriteTx& tx) -> Status {
            auto r = tx.Update("session", d->id, std::nullopt, j.dump(),
                               {{"token", HashToken(token), true}, {"user", std::to_string(u->id), false}});
            return r.ok() ? Status::Ok() : Status(r.error());
        });
    }
    return u.value();
}

void AuthService::Logout(const std::string& token) {
    auto d = store_.FindOne("session", "token", HashToken(token));
    if (!d) return;
    (void)store_.Write([&](storage::WriteTx& tx) { return tx.Delete("session", d->id, std::nullopt); });
}

Status AuthService::LogoutEverywhere(std::int64_t user_id) {
    return store_.Write([&](storage::WriteTx& tx) -> Status {
        for (;;) {
            ORIENTIR_ASSIGN(
                auto page, tx.List({"session", {storage::Filter::Eq("user", std::to_string(user_id))}, 0, 500, false}));
            if (page.docs.empty()) break;
            for (const auto& d : page.docs) ORIENTIR_TRY(tx.Delete("session", d.id, std::nullopt));
        }
        return Status::Ok();
    });
}

Result<std::string> AuthService::CreateApiToken(std::int64_t user_id, const std::string& name) {
    ORIENTIR_TRY(GetUser(user_id));
    if (name.empty() || name.size() > 100)
        return Error::Invalid("name", "length", "token name must be 1 to 100 characters");
    std::string token = "ot_" + RandomToken();
    OrderedJson j{{"user_id", user_id}, {"name", name}};
    ORIENTIR_TRY(store_.Write([&](storage::WriteTx& tx) -> Status {
        ORIENTIR_TRY(tx.Insert("api_token", j.dump(),
                               {{"token", HashToken(token), true}, {"user", std::to_string(user_id), false}}));
        return Status::Ok();
    }));
    return token;
}

std::optional<User> AuthService::ResolveApiToken(const std::string& token) {
    if (token.size() < 20 || token.size() > 80) return std::nullopt;
    auto d = store_.FindOne("api_token", "token", HashToken(token));
    if (!d) return std::nullopt;
    auto j = Json::parse(d->body);
    auto u = GetUser(j.value("user_id", 0LL));
    if (!u.ok() || u->disabled) return std::nullopt;
    return u.value();
}

}  // namespace orientir::auth
