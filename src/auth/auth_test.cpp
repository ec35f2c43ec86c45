#include "auth/auth.hpp"

#include <sodium.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <filesystem>

namespace orientir::auth {
namespace {

namespace fs = std::filesystem;

class AuthTest : public ::testing::Test {
protected:
    void SetUp() override {
        static int n = 0;
        dir_ = fs::temp_directory_path() / ("orientir-auth-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
        fs::create_directories(dir_);
        storage::SqliteOptions o;
        o.path = (dir_ / "s.db").string();
        store_ = std::move(storage::OpenSqliteStore(o)).value();
        ASSERT_TRUE(store_
                        ->Write([](storage::WriteTx& tx) -> Status {
                            ORIENTIR_TRY(tx.Insert("region", "{}", {{"code", "72", true}}));
                            return Status::Ok();
                        })
                        .ok());
        AuthOptions opts;
        opts.ops_limit = crypto_pwhash_OPSLIMIT_MIN;
        opts.mem_limit = crypto_pwhash_MEMLIMIT_MIN;
        auth_ = std::make_unique<AuthService>(*store_, clock_, opts);
    }
    void TearDown() override {
        auth_.reset();
        store_.reset();
        fs::remove_all(dir_);
    }
    User Editor(const std::string& login) {
        User u;
        u.login = login;
        u.role = "regional_editor";
        u.regions = {"72"};
        auto r = auth_->CreateUser(u, "correct horse battery");
        EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
        return r.ok() ? r.value() : u;
    }
    fs::path dir_;
    FakeClock clock_{1'800'000'000'000};
    std::unique_ptr<storage::Store> store_;
    std::unique_ptr<AuthService> auth_;
};

TEST_F(AuthTest, StoresOnlyArgon2idHashesAndSignsIn) {
    Editor("tyumen");
    auto d = store_->FindOne("user", "login", "tyumen");
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(d->body.find("correct horse"), std::string::npos);
    EXPECT_NE(d->body.find("$argon2id$"), std::string::npos);
    auto s = auth_->Login("Tyumen", "correct horse battery", "1.2.3.4");
    ASSERT_TRUE(s.ok());
    auto who = auth_->ResolveSession(s->session_token);
    ASSERT_TRUE(who.has_value());
    EXPECT_EQ(who->login, "tyumen");
    // Only the hash of the session token is stored.
    EXPECT_FALSE(store_->FindOne("session", "token", s->session_token).has_value());
}

TEST_F(AuthTest, RejectsForgedExpiredAndLoggedOutSessions) {
    Editor("tyumen");
    EXPECT_FALSE(auth_->ResolveSession("forged-token-forged-token-forged").has_value());
    auto s = auth_->Login("tyumen", "correct horse battery", "a");
    ASSERT_TRUE(s.ok());
    clock_.Advance(13LL * 3600 * 1000);  // idle past the 12 h limit
    EXPECT_FALSE(auth_->ResolveSession(s->session_token).has_value());
    auto s2 = auth_->Login("tyumen", "correct horse battery", "a");
    auto s3 = auth_->Login("tyumen", "correct horse battery", "b");
    EXPECT_NE(s2->session_token, s3->session_token);
    auth_->Logout(s2->session_token);
    EXPECT_FALSE(auth_->ResolveSession(s2->session_token).has_value());
    EXPECT_TRUE(auth_->ResolveSession(s3->session_token).has_value());
    ASSERT_TRUE(auth_->LogoutEverywhere(s3->user.id).ok());
    EXPECT_FALSE(auth_->ResolveSession(s3->session_token).has_value());
}

TEST_F(AuthTest, ThrottlesWrongPasswordsWithGrowingDelaysWithoutBlockingOthers) {
    Editor("victim");
    Editor("other");
    // Three free failures from one address, then 1 s, 2 s, 4 s … before the next attempt is heard.
    for (int i = 0; i < 4; ++i) {
        auto r = auth_->Login("victim", "wrong password!", "10.0.0.5");
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().code, ErrorCode::kUnauthenticated) << i;
    }
    auto wait = auth_->Login("victim", "correct horse battery", "10.0.0.5");
    ASSERT_FALSE(wait.ok());
    EXPECT_EQ(wait.error().code, ErrorCode::kTooManyRequests);
    EXPECT_EQ(auth_->RetryAfterSeconds("victim", "10.0.0.5"), 1);
    clock_.Advance(1000);
    ASSERT_FALSE(auth_->Login("victim", "wrong password!", "10.0.0.5").ok());
    EXPECT_EQ(auth_->RetryAfterSeconds("victim", "10.0.0.5"), 2);
    // The same user from elsewhere and other users are not slowed.
    EXPECT_TRUE(auth_->Login("victim", "correct horse battery", "10.0.0.99").ok());
    EXPECT_TRUE(auth_->Login("other", "correct horse battery", "10.0.0.5").ok());
    clock_.Advance(2000);
    EXPECT_TRUE(auth_->Login("victim", "correct horse battery", "10.0.0.5").ok());
}

// Issue 18, finding 2: five wrong passwords locked any account (the administrator's too) for 15 minutes.
TEST_F(AuthTest, NoOneCanLockOutAKnownUser) {
    User u;
    u.login = "admin";
    u.role = "admin";
    ASSERT_TRUE(auth_->CreateUser(u, "correct horse battery").ok());
    ASSERT_TRUE(auth_->Login("admin", "correct horse battery", "192.0.2.10").ok());  // a known address
    // A distributed guesser: one attempt from each of 500 addresses, as fast as it is heard.
    int refused = 0;
    for (int i = 0; i < 500; ++i) {
        auto r = auth_->Login("admin", "guess " + std::to_string(i),
                              "203.0.113." + std::to_string(i % 250) + "/" + std::to_string(i));
        if (!r.ok() && r.error().code == ErrorCode::kTooManyRequests) ++refused;
        clock_.Advance(100);
    }
    EXPECT_GT(refused, 0);  // the guesser was slowed
    // The administrator signs in at once from their known address …
    EXPECT_TRUE(auth_->Login("admin", "correct horse battery", "192.0.2.10").ok());
    // … and from a new one after at most a minute.
    EXPECT_LE(auth_->RetryAfterSeconds("admin", "198.51.100.7"), 60);
    clock_.Advance(60 * 1000);
    EXPECT_TRUE(auth_->Login("admin", "correct horse battery", "198.51.100.7").ok());
}

TEST_F(AuthTest, OneAddressGuessingManyLoginsIsSlowedAlone) {
    Editor("victim");
    for (int i = 0; i < 51; ++i) (void)auth_->Login("nobody" + std::to_string(i), "wrong password!", "10.9.9.9");
    auto r = auth_->Login("victim", "correct horse battery", "10.9.9.9");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kTooManyRequests);
    EXPECT_TRUE(auth_->Login("victim", "correct horse battery", "10.9.9.10").ok());
}

TEST_F(AuthTest, ApiTokensResolveToTheirOwnerOnly) {
    auto a = Editor("alpha");
    auto b = Editor("bravo");
    auto t = auth_->CreateApiToken(a.id, "script");
    ASSERT_TRUE(t.ok());
    auto who = auth_->ResolveApiToken(t.value());
    ASSERT_TRUE(who.has_value());
    EXPECT_EQ(who->id, a.id);
    EXPECT_NE(who->id, b.id);
    EXPECT_FALSE(auth_->ResolveApiToken(t.value() + "x").has_value());
}

TEST_F(AuthTest, ValidatesNewUsers) {
    User u;
    u.login = "x";
    u.role = "admin";
    EXPECT_EQ(auth_->CreateUser(u, "long enough pw").error().field, "login");
    u.login = "admin";
    EXPECT_EQ(auth_->CreateUser(u, "short").error().field, "password");
    u.role = "king";
    EXPECT_EQ(auth_->CreateUser(u, "long enough pw").error().field, "role");
    u.role = "regional_editor";
    u.regions = {"99"};
    EXPECT_EQ(auth_->CreateUser(u, "long enough pw").error().rule, "unknown_region");
    Editor("dup");
    u.login = "DUP";
    u.regions = {"72"};
    EXPECT_EQ(auth_->CreateUser(u, "long enough pw").error().rule, "login_taken");
}

}  // namespace
}  // namespace orientir::auth
