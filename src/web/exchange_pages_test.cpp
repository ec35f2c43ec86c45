// Pages of issue 16 part B: the «Источник» line of external records (linked only to http(s) origins,
// no edit button), the freshness badges and the one-click confirmation (CSRF form), /freshness and
// /federation for curators only.
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "app/importer.hpp"
#include "common/log.hpp"
#include "exchange/federation.hpp"
#include "feeds/feeds.hpp"
#include "http/csrf.hpp"
#include "http/service.hpp"
#include "http/test_env.hpp"
#include "web/pages.hpp"

namespace orientir::web {
namespace {

namespace fs = std::filesystem;

class ExchangePagesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        log::SetLevel(log::Level::kWarn);
        env_ = std::make_unique<http::testing::TestEnv>("exchange-pages-test", http::testing::TestEnvOptions{});
        app_ = env_->app.get();
        service_ = env_->service.get();
        RegisterPages(*service_);
        service_->SetActorResolver([](const http::Request& r) {
            return r.Header("x-test-actor") == "system" ? app::Actor::System() : app::Actor::Anonymous();
        });
    }
    static void TearDownTestSuite() { env_.reset(); }
    static http::Response Get(const std::string& target, bool staff = false) {
        http::Request r;
        r.method = "GET";
        r.target = target;
        auto q = target.find('?');
        r.path = target.substr(0, q);
        if (q != std::string::npos) r.query = http::ParseQueryString(target.substr(q + 1));
        if (staff) r.headers["x-test-actor"] = "system";
        return service_->Handle(r);
    }
    static http::Response Post(const std::string& path, bool staff) {
        http::Request r;
        r.method = "POST";
        r.target = r.path = path;
        r.headers["content-type"] = "application/x-www-form-urlencoded";
        r.headers["cookie"] = std::string("orientir_csrf=") + kToken;
        r.body = "_csrf=" + http::CsrfTokenFor(kToken, "");
        if (staff) r.headers["x-test-actor"] = "system";
        return service_->Handle(r);
    }
    static domain::Id NewPractice(std::optional<domain::External> ext, std::optional<std::string> confirmed) {
        domain::Practice p;
        p.title = "Практика для страниц обмена";
        p.summary = "Кратко";
        p.domains = {"volunteering"};
        p.origin.region = "86";
        p.state = domain::ModerationState::kPublished;
        p.external = std::move(ext);
        p.last_confirmed_at = std::move(confirmed);
        auto c = app_->Create(app::Actor::System(), p);
        EXPECT_TRUE(c.ok()) << c.error().message;
        return c.ok() ? c->meta.id : 0;
    }
    static constexpr const char* kToken = "testtokentesttokentest";
    static inline std::unique_ptr<http::testing::TestEnv> env_;
    static inline app::App* app_ = nullptr;
    static inline http::Service* service_ = nullptr;
};

bool Has(const http::Response& r, const std::string& s) { return r.body.find(s) != std::string::npos; }

TEST_F(ExchangePagesTest, ExternalPracticeNamesItsSourceAndOffersNoEdit) {
    domain::Id id = NewPractice(domain::External{"alpha", "https://alpha.example/practices/5", 5, 1, "", false}, {});
    const std::string path = "/practices/" + std::to_string(id);
    auto r = Get(path, true);
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(Has(r, "Источник: установка")) << r.body;
    EXPECT_TRUE(Has(r, "<strong>alpha</strong>"));
    EXPECT_TRUE(Has(r, "href=\"https://alpha.example/practices/5\""));
    EXPECT_FALSE(Has(r, path + "/edit")) << "external records are edited at their origin";
    EXPECT_FALSE(Has(r, path + "/confirm")) << "and confirmed there";
    auto en = Get(path + "?lang=en");
    EXPECT_TRUE(Has(en, "Source: installation"));

    domain::Id evil = NewPractice(domain::External{"beta", "javascript:alert(1)", 6, 1, "", false}, {});
    auto e = Get("/practices/" + std::to_string(evil));
    ASSERT_EQ(e.status, 200);
    EXPECT_FALSE(Has(e, "href=\"javascript:")) << "a peer's URI is linked only when it is http(s)";
}

TEST_F(ExchangePagesTest, StaleRecordsAreMarkedAndConfirmedInOneClick) {
    domain::Id id = NewPractice(std::nullopt, std::string("2020-01-15"));
    const std::string path = "/practices/" + std::to_string(id);
    auto r = Get(path, true);
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(Has(r, "data-freshness=\"needs_confirmation\""));
    EXPECT_TRUE(Has(r, "action=\"" + path + "/confirm\""));
    EXPECT_TRUE(Has(Get("/practices?domain=volunteering"), "data-freshness=\"needs_confirmation\"")) << "in lists";
    EXPECT_FALSE(Has(Get(path), "action=\"" + path + "/confirm\"")) << "not offered to anonymous visitors";
    EXPECT_NE(Post(path + "/confirm", false).status, 303) << "anonymous visitors cannot confirm";
    EXPECT_EQ(Post(path + "/confirm", true).status, 303);
    EXPECT_FALSE(Has(Get(path, true), "data-freshness=")) << "confirmed today";

    domain::Adoption a;
    a.practice_id = id;
    a.adopter.region = "72";
    a.channel = domain::Channel::kDirectContact;
    a.stage_history = {{domain::AdoptionStage::kPilot, "2020-01-20", ""}};
    a.last_confirmed_at = "2020-02-01";
    auto ca = app_->Create(app::Actor::System(), a);
    ASSERT_TRUE(ca.ok()) << ca.error().message;
    auto ap = Get("/adoptions/" + std::to_string(ca->meta.id));
    EXPECT_TRUE(Has(ap, "data-freshness=\"maybe_discontinued\"")) << "a flag on the page";
    EXPECT_TRUE(Has(ap, "прекращено?"));
}

TEST_F(ExchangePagesTest, CuratorPagesAreForCurators) {
    auto f = Get("/freshness", true);
    ASSERT_EQ(f.status, 200);
    EXPECT_TRUE(Has(f, "id=\"stale-by-region\""));
    EXPECT_TRUE(Has(f, "id=\"stale-by-domain\""));
    EXPECT_NE(Get("/freshness").status, 200);
    auto fed = Get("/federation", true);
    ASSERT_EQ(fed.status, 200);
    EXPECT_TRUE(Has(fed, "name=\"url\""));
    EXPECT_NE(Get("/federation").status, 200);
}

}  // namespace
}  // namespace orientir::web
