#pragma once
// The one fixture of the HTTP and web tests (tests only): a throw-away App on a SQLite store in a
// temporary directory with the reference data (and the demo data when asked), and a Service with the
// core routes. Users sign in through the real sign-in (SignIn) and requests go out as them (Call). The
// services that attach to an App (feeds, federation, the open-data cache) are released before the App
// goes; the directory is removed. Passwords are hashed with libsodium's minimum cost (tests only).
//
//     static inline std::unique_ptr<http::testing::TestEnv> env_;
//     env_ = std::make_unique<http::testing::TestEnv>("io-pages", http::testing::TestEnvOptions{.demo = true});
//     web::RegisterPages(*env_->service);

#include <sodium.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/importer.hpp"
#include "exchange/federation.hpp"
#include "feeds/feeds.hpp"
#include "http/api/auth_api.hpp"
#include "http/service.hpp"
#include "http/test_util.hpp"
#include "io/opendata_cache.hpp"

namespace orientir::http::testing {

struct TestEnvOptions {
    bool demo = false;             // the demo records, not only the reference data
    bool analytics = false;        // start the analytics snapshot (synchronously)
    bool search = false;           // open the full-text index (synchronously)
    bool api_cache = true;         // the anonymous API cache (off when a test moves the clock)
    const Clock* clock = nullptr;  // default: the system clock
    // Make the Service later (StartService), after the test has added records and started analytics:
    // the core routes register the analytics routes only when the snapshot is running.
    bool defer_service = false;
};

class TestEnv {
public:
    explicit TestEnv(const std::string& name, TestEnvOptions o = {}) {
        dir = std::filesystem::temp_directory_path() / ("orientir-" + name + "-" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        storage::SqliteOptions so;
        so.path = (dir / "store.db").string();
        app::AppOptions ao{dir.string(), ORIENTIR_SOURCE_DATA_DIR};
        ao.auth.ops_limit = crypto_pwhash_OPSLIMIT_MIN;
        ao.auth.mem_limit = crypto_pwhash_MEMLIMIT_MIN;
        app = std::make_unique<app::App>(std::move(storage::OpenSqliteStore(so)).value(), ao,
                                         o.clock ? *o.clock : SystemClock::Instance());
        Check(app::EnsureReferenceData(*app, ORIENTIR_SOURCE_DATA_DIR));
        if (o.demo) Check(app::EnsureDemoData(*app, ORIENTIR_SOURCE_DATA_DIR));
        if (o.analytics) Check(app->StartAnalytics(false));
        if (o.search) Check(app->StartSearch(false));
        api_cache_ = o.api_cache;
        if (!o.defer_service) StartService();
    }
    // The Service with the core routes (once).
    void StartService() {
        service = std::make_unique<Service>(*app, ServiceOptions{ORIENTIR_SOURCE_DATA_DIR, false, api_cache_});
        service->RegisterCoreRoutes();
    }
    ~TestEnv() {
        service.reset();
        feeds::ReleaseService(*app);
        exchange::ReleaseService(*app);
        io::ReleaseOpenDataCache(*app);
        app.reset();
        std::filesystem::remove_all(dir);
    }
    TestEnv(const TestEnv&) = delete;
    TestEnv& operator=(const TestEnv&) = delete;

    // Creates a user (role "admin", "curator", "regional_editor", "organisation_editor"; its scope) and
    // signs them in: Call(login, …) then carries their session cookie.
    void SignIn(const std::string& login, const std::string& role, std::vector<std::string> regions = {},
                std::vector<std::int64_t> organisations = {}) {
        auth::User user;
        user.login = login;
        user.role = role;
        user.regions = std::move(regions);
        user.organisations = std::move(organisations);
        Check(app->auth().CreateUser(user, "password-" + login));
        auto s = app->auth().Login(login, "password-" + login, "127.0.0.1");
        Check(s);
        cookies[login] = s->session_token;
    }
    // A request from 127.0.0.1 as `who`: a login signed in by SignIn, or "anonymous".
    Response Call(const std::string& who, const std::string& method, const std::string& target,
                  const std::string& body = "", std::map<std::string, std::string> headers = {}) {
        Request r = MakeRequest(method, target, body, std::move(headers));
        r.remote_addr = "127.0.0.1";
        if (who != "anonymous") r.headers["cookie"] = std::string(kSessionCookie) + "=" + cookies.at(who);
        return service->Handle(r);
    }

    std::filesystem::path dir;
    std::unique_ptr<app::App> app;
    std::unique_ptr<Service> service;
    std::map<std::string, std::string> cookies;  // login → session token (SignIn)

private:
    bool api_cache_ = true;
    template <class R>
    static void Check(const R& r) {
        if (!r.ok()) throw std::runtime_error("test environment: " + r.error().message);
    }
};

}  // namespace orientir::http::testing
