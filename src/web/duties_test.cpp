// Issue 14: who may do the curators' work is decided in `app` (App::Allows and the use cases), not by
// the pages. The pages map the App's refusal to 401/403 and hide links as a convenience only; the use
// cases behind them refuse a regional editor on their own, as when the page code is bypassed.
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "app/articles.hpp"
#include "app/importer.hpp"
#include "common/log.hpp"
#include "exchange/federation.hpp"
#include "feeds/feeds.hpp"
#include "http/service.hpp"
#include "http/test_env.hpp"
#include "web/pages.hpp"

namespace orientir::web {
namespace {

namespace fs = std::filesystem;

app::Actor Editor() { return app::Actor{app::Role::kRegionalEditor, 7, "editor72", {"72"}, {}}; }
app::Actor Curator() { return app::Actor{app::Role::kCurator, 8, "curator", {}, {}}; }
app::Actor Admin() { return app::Actor{app::Role::kAdmin, 9, "admin", {}, {}}; }

constexpr app::Duty kDuties[] = {app::Duty::kModerate,    app::Duty::kReviewNews,          app::Duty::kReadAudit,
                                 app::Duty::kManageFeeds, app::Duty::kFollowInstallations, app::Duty::kPlanSeeding};

class DutiesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        log::SetLevel(log::Level::kWarn);
        env_ = std::make_unique<http::testing::TestEnv>("duties-test", http::testing::TestEnvOptions{});
        app_ = env_->app.get();
        service_ = env_->service.get();
        RegisterPages(*service_);
        service_->SetActorResolver([](const http::Request& r) {
            std::string who = r.Header("x-test-actor");
            if (who == "curator") return Curator();
            if (who == "editor") return Editor();
            return app::Actor::Anonymous();
        });
    }
    static void TearDownTestSuite() { env_.reset(); }
    static http::Response Get(const std::string& path, const std::string& who) {
        http::Request r;
        r.method = "GET";
        r.target = r.path = path;
        if (!who.empty()) r.headers["x-test-actor"] = who;
        return service_->Handle(r);
    }
    static inline std::unique_ptr<http::testing::TestEnv> env_;
    static inline app::App* app_ = nullptr;
    static inline http::Service* service_ = nullptr;
};

TEST_F(DutiesTest, TheAppDecidesEveryDutyByRole) {
    for (auto duty : kDuties) {
        auto anonymous = app_->Allows(app::Actor::Anonymous(), duty);
        ASSERT_FALSE(anonymous.ok());
        EXPECT_EQ(anonymous.error().code, ErrorCode::kUnauthenticated);
        auto editor = app_->Allows(Editor(), duty);
        ASSERT_FALSE(editor.ok());
        EXPECT_EQ(editor.error().code, ErrorCode::kForbidden);
        EXPECT_TRUE(app_->Allows(Curator(), duty).ok());
        EXPECT_TRUE(app_->Allows(Admin(), duty).ok());
    }
}

// The use cases behind the curators' pages, called as a regional editor without any page in between.
TEST_F(DutiesTest, UseCasesRefuseARegionalEditorWithoutThePage) {
    auto audit = app_->ListAudit(Editor(), app::AuditQuery{});
    ASSERT_FALSE(audit.ok());
    EXPECT_EQ(audit.error().code, ErrorCode::kForbidden);
    EXPECT_TRUE(app_->ListAudit(Curator(), app::AuditQuery{}).ok());

    auto facts = app_->articles().ListFacts(Editor(), app::FactQuery{});
    ASSERT_FALSE(facts.ok());
    EXPECT_EQ(facts.error().code, ErrorCode::kForbidden);
    app::ArticleInput article;
    article.body = "Тюменская область перенимает опыт Югры.";
    auto submitted = app_->articles().Submit(Editor(), article);
    ASSERT_FALSE(submitted.ok());
    EXPECT_EQ(submitted.error().code, ErrorCode::kForbidden);

    feeds::FeedInput feed;
    feed.url = "https://example.org/rss";
    feed.title = "Новости";
    feed.region = "72";
    feed.interval_minutes = 60;
    auto registered = feeds::ServiceFor(*app_).Register(Editor(), feed);
    ASSERT_FALSE(registered.ok());
    EXPECT_EQ(registered.error().code, ErrorCode::kForbidden);

    auto peer = exchange::ServiceFor(*app_).AddPeer(Editor(), "https://example.org", 15);
    ASSERT_FALSE(peer.ok());
    EXPECT_EQ(peer.error().code, ErrorCode::kForbidden);
}

// The pages only map the App's answer: 401 for anonymous visitors, 403 for a regional editor, the page
// for a curator; the navigation shows the curators' links only to those the App allows.
TEST_F(DutiesTest, PagesMapTheAppsRefusal) {
    for (const char* path : {"/moderation", "/audit", "/review", "/feeds", "/federation"}) {
        EXPECT_EQ(Get(path, "").status, 401) << path;
        EXPECT_EQ(Get(path, "editor").status, 403) << path;
        EXPECT_EQ(Get(path, "curator").status, 200) << path;
    }
    auto editor_home = Get("/", "editor");
    ASSERT_EQ(editor_home.status, 200);
    EXPECT_EQ(editor_home.body.find("href=\"/audit\""), std::string::npos);
    EXPECT_EQ(editor_home.body.find("href=\"/review\""), std::string::npos);
    auto curator_home = Get("/", "curator");
    ASSERT_EQ(curator_home.status, 200);
    EXPECT_NE(curator_home.body.find("href=\"/audit\""), std::string::npos);
    EXPECT_NE(curator_home.body.find("href=\"/moderation\""), std::string::npos);
}

}  // namespace
}  // namespace orientir::web
