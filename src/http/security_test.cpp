// Issue 18: the request edge under attack — client addresses behind a proxy, sign-in throttling,
// anonymous write limits, JSON numbers beyond the double range, CSRF tokens bound to the session and
// the cookies over https. Through Service::Handle without sockets, on a store with the demo data.

#include <sodium.h>
#include <sqlite3.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <filesystem>

#include "app/importer.hpp"
#include "http/api/auth_api.hpp"
#include "http/client.hpp"
#include "http/csrf.hpp"
#include "http/service.hpp"
#include "http/test_util.hpp"

namespace orientir::http {
namespace {

namespace fs = std::filesystem;

class EdgeTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("orientir-edge-test-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        storage::SqliteOptions o;
        o.path = (dir_ / "store.db").string();
        app::AppOptions ao{dir_.string(), ORIENTIR_SOURCE_DATA_DIR, {}};
        ao.auth.ops_limit = crypto_pwhash_OPSLIMIT_MIN;
        ao.auth.mem_limit = crypto_pwhash_MEMLIMIT_MIN;
        app_ = new app::App(std::move(storage::OpenSqliteStore(o)).value(), ao);
        ASSERT_TRUE(app::EnsureReferenceData(*app_, ORIENTIR_SOURCE_DATA_DIR).ok());
        ASSERT_TRUE(app::EnsureDemoData(*app_, ORIENTIR_SOURCE_DATA_DIR).ok());
        for (const char* login : {"admin", "editor"}) {
            auth::User u;
            u.login = login;
            u.role = std::string(login) == "admin" ? "admin" : "regional_editor";
            if (u.role == "regional_editor") u.regions = {"72"};
            ASSERT_TRUE(app_->auth().CreateUser(u, "correct horse battery").ok());
        }
        auto p = app_->List<domain::Practice>(app::Actor::System(), {{{"state", "published"}}, {}, {}, 0, 1, false});
        practice_ = p->items.at(0).meta.id;
    }
    static void TearDownTestSuite() {
        delete app_;
        fs::remove_all(dir_);
    }
    // A service as `serve --trusted-proxy 10.0.0.1` runs it.
    static std::unique_ptr<Service> MakeService(int anonymous_burst = 1000) {
        ServiceOptions so{ORIENTIR_SOURCE_DATA_DIR, false, false};
        EXPECT_TRUE(so.trusted_proxies.Add("10.0.0.1").ok());
        so.anonymous_write_burst = anonymous_burst;
        auto s = std::make_unique<Service>(*app_, std::move(so));
        s->RegisterCoreRoutes();
        return s;
    }
    static Response Send(Service& s, Request r, const std::string& peer) {
        r.remote_addr = peer;
        return s.Handle(r);
    }
    static std::string Session(const std::string& login) {
        auto s = app_->auth().Login(login, "correct horse battery", "192.0.2.200");
        EXPECT_TRUE(s.ok());
        return s.ok() ? s->session_token : "";
    }
    static std::string LoginBody(const std::string& login, const std::string& password) {
        return R"({"login":")" + login + R"(","password":")" + password + R"("})";
    }
    static inline fs::path dir_;
    static inline app::App* app_ = nullptr;
    static inline std::int64_t practice_ = 0;
};

TEST(TrustedProxy, ClientAddressComesFromForwardedHeadersOnlyThroughATrustedProxy) {
    AddressSet trusted;
    ASSERT_TRUE(trusted.Add("10.0.0.0/8").ok());
    ASSERT_TRUE(trusted.Add("::1").ok());
    EXPECT_FALSE(trusted.Add("10.0.0.0/33").ok());
    EXPECT_FALSE(trusted.Add("proxy.example").ok());

    auto resolve = [&](const std::string& peer, std::map<std::string, std::string> headers) {
        Request r = testing::MakeRequest("GET", "/", "", std::move(headers));
        r.remote_addr = peer;
        ResolveClient(r, trusted);
        return r;
    };
    auto r = resolve("10.1.2.3", {{"x-forwarded-for", "198.51.100.7, 10.0.0.5"}, {"x-forwarded-proto", "https"}});
    EXPECT_EQ(r.remote_addr, "198.51.100.7");
    EXPECT_EQ(r.peer_addr, "10.1.2.3");
    EXPECT_TRUE(r.secure);
    // A client prepending its own guess does not move past the first untrusted hop.
    r = resolve("10.1.2.3", {{"x-forwarded-for", "1.1.1.1, 203.0.113.9"}});
    EXPECT_EQ(r.remote_addr, "203.0.113.9");
    r = resolve("::1", {{"forwarded", "for=\"[2001:db8::17]:4711\";proto=https"}});
    EXPECT_EQ(r.remote_addr, "2001:db8::17");
    EXPECT_TRUE(r.secure);
    // Anyone else's forwarded headers are ignored.
    r = resolve("203.0.113.50", {{"x-forwarded-for", "198.51.100.7"}, {"x-forwarded-proto", "https"}});
    EXPECT_EQ(r.remote_addr, "203.0.113.50");
    EXPECT_FALSE(r.secure);
    r = resolve("10.1.2.3", {{"x-forwarded-for", "not an address"}});
    EXPECT_EQ(r.remote_addr, "10.1.2.3");
}

// Finding 2: behind the proxy every client had the proxy's address, so 50 failures from anyone
// answered 429 to everyone.
TEST_F(EdgeTest, SignInThrottlingBehindAProxySlowsOnlyTheGuessingClient) {
    auto s = MakeService();
    auto attempt = [&](const std::string& client, const std::string& login, const std::string& password) {
        return Send(
            *s,
            testing::MakeRequest("POST", "/api/v1/session", LoginBody(login, password), {{"x-forwarded-for", client}}),
            "10.0.0.1");
    };
    int slowed = 0;
    for (int i = 0; i < 70; ++i) {
        auto r = attempt("198.51.100.66", "nobody" + std::to_string(i), "wrong password!");
        if (r.status == 429) {
            ++slowed;
            EXPECT_FALSE(r.HeaderValue("Retry-After").empty());
        } else {
            EXPECT_EQ(r.status, 401);
        }
    }
    EXPECT_GT(slowed, 0);
    EXPECT_EQ(attempt("198.51.100.77", "editor", "correct horse battery").status, 200);
    // A client talking to us directly cannot pick its address with X-Forwarded-For.
    for (int i = 0; i < 55; ++i)
        (void)Send(
            *s,
            testing::MakeRequest("POST", "/api/v1/session", LoginBody("x" + std::to_string(i), "wrong password!"),
                                 {{"x-forwarded-for", "192.0.2." + std::to_string(i)}}),
            "203.0.113.99");
    EXPECT_EQ(Send(*s, testing::MakeRequest("POST", "/api/v1/session", LoginBody("editor", "correct horse battery")),
                   "203.0.113.99")
                  .status,
              429);
}

// Finding 7: anonymous «хочу внедрить» requests were not limited (≈ 660/s from one address).
TEST_F(EdgeTest, AnonymousWritesArePerAddressLimitedWithAClear429) {
    auto s = MakeService(3);
    auto request = [&](const std::string& client, const std::string& cookie = "") {
        std::map<std::string, std::string> h{{"x-forwarded-for", client}};
        if (!cookie.empty()) h["cookie"] = std::string(kSessionCookie) + "=" + cookie;
        return Send(
            *s,
            testing::MakeRequest(
                "POST", "/api/v1/adoption-requests",
                R"({"practice_id":)" + std::to_string(practice_) +
                    R"(,"from":{"region":"72"},"contact_name":"Иван","contact_email":"i@example.ru","message":"Хотим внедрить"})",
                h),
            "10.0.0.1");
    };
    for (int i = 0; i < 3; ++i) EXPECT_EQ(request("198.51.100.10").status, 201) << i;
    auto r = request("198.51.100.10");
    EXPECT_EQ(r.status, 429);
    EXPECT_FALSE(r.HeaderValue("Retry-After").empty());
    EXPECT_NE(r.body.find("rate_limited"), std::string::npos);
    EXPECT_NE(r.body.find("without signing in"), std::string::npos);
    EXPECT_EQ(request("198.51.100.11").status, 201);  // another address
    const std::string editor = Session("editor");
    EXPECT_EQ(request("198.51.100.10", editor).status, 201);  // signed in: not this limit
}

// Finding 3: {"practice_id":1e309,…} answered 500 on 13 routes, anonymous ones included.
TEST_F(EdgeTest, JsonNumbersBeyondDoubleRangeAnswer400OnEveryRoute) {
    auto s = MakeService();
    auto r = Send(*s,
                  testing::MakeRequest("POST", "/api/v1/adoption-requests",
                                       R"({"practice_id":1e309,"from":{"region":"72"},"contact_name":"x"})"),
                  "192.0.2.1");
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(r.body.find("practice_id"), std::string::npos) << r.body;
    EXPECT_EQ(Send(*s, testing::MakeRequest("POST", "/api/v1/session", "1e309"), "192.0.2.1").status, 400);
    const std::string admin = Session("admin");
    std::size_t walked = 0;
    for (const auto& route : s->router().routes()) {
        if (route.method == "GET" || route.method == "DELETE") continue;
        std::string path = route.pattern;
        for (auto b = path.find('{'); b != std::string::npos; b = path.find('{'))
            path.replace(b, path.find('}', b) - b + 1, route.pattern.find("regions") != std::string::npos ? "72" : "1");
        for (const std::string& body : {std::string(R"({"practice_id":1e309,"value":-1e400})"), std::string("1e309")}) {
            auto resp = Send(
                *s,
                testing::MakeRequest(route.method, path, body,
                                     {{"cookie", std::string(kSessionCookie) + "=" + admin}, {"if-match", "\"1\""}}),
                "192.0.2.2");
            EXPECT_LT(resp.status, 500) << route.method << " " << path << " " << resp.body;
            ++walked;
        }
    }
    EXPECT_GT(walked, 20u);
}

// Finding 4: a planted orientir_csrf cookie with the same value in the form passed.
TEST_F(EdgeTest, CsrfTokenIsBoundToTheSession) {
    auto s = MakeService();
    const std::string victim = Session("editor");
    auto post = [&](const std::string& cookie, const std::string& token, std::map<std::string, std::string> h = {}) {
        h["content-type"] = "application/x-www-form-urlencoded";
        h["cookie"] = cookie;
        // Past the CSRF check the JSON route answers 415 (a form is not JSON); refused, 403.
        return Send(*s, testing::MakeRequest("POST", "/api/v1/adoption-requests", "_csrf=" + token, h), "192.0.2.3");
    };
    const std::string nonce = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const std::string session_cookie = std::string(kSessionCookie) + "=" + victim;
    // The attack: a planted nonce cookie and the same value in the form.
    EXPECT_EQ(post(session_cookie + "; orientir_csrf=" + nonce, nonce).status, 403);
    // A token made for no session (what an attacker can get) does not pass with the victim's session.
    EXPECT_EQ(post(session_cookie + "; orientir_csrf=" + nonce, CsrfTokenFor(nonce, "")).status, 403);
    // A token of another session does not pass either.
    EXPECT_EQ(post(session_cookie + "; orientir_csrf=" + nonce, CsrfTokenFor(nonce, Session("admin"))).status, 403);
    // The page's own token does.
    EXPECT_EQ(post(session_cookie + "; orientir_csrf=" + nonce, CsrfTokenFor(nonce, victim)).status, 415);
    // From another site: refused even with a good token.
    EXPECT_EQ(post(session_cookie + "; orientir_csrf=" + nonce, CsrfTokenFor(nonce, victim),
                   {{"origin", "https://evil.example"}, {"host", "orientir.example.ru"}})
                  .status,
              403);
    EXPECT_EQ(post(session_cookie + "; orientir_csrf=" + nonce, CsrfTokenFor(nonce, victim),
                   {{"sec-fetch-site", "cross-site"}})
                  .status,
              403);
    EXPECT_EQ(post(session_cookie + "; orientir_csrf=" + nonce, CsrfTokenFor(nonce, victim),
                   {{"origin", "https://orientir.example.ru"}, {"host", "orientir.example.ru"}})
                  .status,
              415);
}

TEST_F(EdgeTest, CookiesAreSecureWithHostPrefixOverHttpsBehindATrustedProxy) {
    AddressSet trusted;
    ASSERT_TRUE(trusted.Add("10.0.0.1").ok());
    auto cookie_for = [&](const std::string& peer) {
        Request r = testing::MakeRequest("GET", "/", "", {{"x-forwarded-proto", "https"}});
        r.remote_addr = peer;
        ResolveClient(r, trusted);
        (void)CsrfToken(r);
        Response resp;
        ApplyCsrfCookie(r, resp);
        return resp.HeaderValue("Set-Cookie");
    };
    auto https = cookie_for("10.0.0.1");
    EXPECT_EQ(https.rfind("__Host-orientir_csrf=", 0), 0u) << https;
    EXPECT_NE(https.find("; Secure"), std::string::npos);
    EXPECT_NE(https.find("Path=/"), std::string::npos);
    auto spoofed = cookie_for("203.0.113.5");  // X-Forwarded-Proto from a non-proxy is not believed
    EXPECT_EQ(spoofed.rfind("orientir_csrf=", 0), 0u) << spoofed;
    EXPECT_EQ(spoofed.find("Secure"), std::string::npos);

    // The session cookie follows the same rule.
    auto s = MakeService();
    auto login = [&](const std::string& peer) {
        return Send(*s,
                    testing::MakeRequest("POST", "/api/v1/session", LoginBody("admin", "correct horse battery"),
                                         {{"x-forwarded-proto", "https"}}),
                    peer)
            .HeaderValue("Set-Cookie");
    };
    EXPECT_NE(login("10.0.0.1").find("; Secure"), std::string::npos);
    EXPECT_EQ(login("203.0.113.6").find("Secure"), std::string::npos);
}

// Finding 7: javascript: URLs were stored as websites and evidence links.
TEST_F(EdgeTest, JavascriptUrlsAreRefusedAsWebsitesAndEvidence) {
    auto s = MakeService();
    const std::string cookie = std::string(kSessionCookie) + "=" + Session("admin");
    auto org =
        Send(*s,
             testing::MakeRequest("POST", "/api/v1/organisations",
                                  R"J({"name":"Центр","kind":"ngo","region":"72","website":"javascript:alert(1)"})J",
                                  {{"cookie", cookie}}),
             "192.0.2.4");
    EXPECT_EQ(org.status, 400) << org.body;
    EXPECT_NE(org.body.find("website"), std::string::npos) << org.body;
    auto adoption = Send(
        *s,
        testing::MakeRequest(
            "POST", "/api/v1/adoptions",
            R"({"practice_id":)" + std::to_string(practice_) +
                R"J(,"adopter":{"region":"72"},"channel":"press","evidence":[{"url":"javascript:alert(document.cookie)","title":"x"}]})J",
            {{"cookie", cookie}}),
        "192.0.2.4");
    EXPECT_EQ(adoption.status, 400) << adoption.body;
    EXPECT_NE(adoption.body.find("evidence[0].url"), std::string::npos) << adoption.body;
}

// A store that cannot take the write now (another process holds SQLite's write lock beyond the busy
// timeout) answers 503 with Retry-After naming the store, never a 500; once the lock is gone the same
// request succeeds. The PostgreSQL side (retries outlasted, server down) is in postgres_behaviour_pgtest.
TEST(StoreBusyTest, AWriteThatCannotTakeTheLockAnswers503AndSucceedsLater) {
    auto dir = fs::temp_directory_path() / ("orientir-busy-test-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    storage::SqliteOptions o;
    o.path = (dir / "store.db").string();
    o.busy_timeout_ms = 50;
    app::AppOptions ao{dir.string(), ORIENTIR_SOURCE_DATA_DIR, {}};
    ao.auth.ops_limit = crypto_pwhash_OPSLIMIT_MIN;
    ao.auth.mem_limit = crypto_pwhash_MEMLIMIT_MIN;
    {
        app::App app(std::move(storage::OpenSqliteStore(o)).value(), ao);
        auth::User u;
        u.login = "admin";
        u.role = "admin";
        ASSERT_TRUE(app.auth().CreateUser(u, "correct horse battery").ok());
        Service service(app, ServiceOptions{ORIENTIR_SOURCE_DATA_DIR, false, false});
        service.RegisterCoreRoutes();
        auto sign_in = [&] {
            auto r = testing::MakeRequest("POST", "/api/v1/session",
                                          R"({"login":"admin","password":"correct horse battery"})");
            r.remote_addr = "192.0.2.10";
            return service.Handle(r);
        };

        sqlite3* other = nullptr;
        ASSERT_EQ(sqlite3_open(o.path.c_str(), &other), SQLITE_OK);
        ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
        Response busy = sign_in();
        EXPECT_EQ(busy.status, 503) << busy.body;
        EXPECT_EQ(busy.HeaderValue("Retry-After"), "1");
        EXPECT_NE(busy.body.find("store_busy"), std::string::npos) << busy.body;
        EXPECT_EQ(busy.body.find("internal"), std::string::npos) << busy.body;
        ASSERT_EQ(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(other);

        EXPECT_EQ(sign_in().status, 200);
    }
    fs::remove_all(dir);
}

}  // namespace
}  // namespace orientir::http
