// Freshness everywhere issue 16 asks (docs/web.md, «Freshness»): the list and single-record API items
// carry {state, confirmed_at, due}; the analytics pages (a region's benchmark: «что есть у них», the
// recommendations; the region's adoptions) mark stale records instead of hiding them, in Russian and
// in English. A fake clock moves the demo data's confirmation dates into the past.
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "app/freshness.hpp"
#include "app/importer.hpp"
#include "common/json.hpp"
#include "feeds/feeds.hpp"
#include "http/service.hpp"
#include "http/test_env.hpp"
#include "web/pages.hpp"

namespace orientir::web {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t k20260301 = 1772323200000;  // demo practices confirmed 2025-10-01 are fresh
constexpr std::int64_t k20270401 = 1806537600000;  // every demo record needs confirmation
constexpr std::int64_t k20280401 = 1838160000000;  // active adoptions are «прекращено?»

class FreshnessPagesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        env_ = std::make_unique<http::testing::TestEnv>(
            "freshness-pages-test",
            http::testing::TestEnvOptions{.demo = true, .analytics = true, .api_cache = false, .clock = &clock_});
        app_ = env_->app.get();
        service_ = env_->service.get();
        RegisterPages(*service_);
    }
    static void TearDownTestSuite() { env_.reset(); }
    void SetUp() override { clock_.Set(k20260301); }

    static http::Response Get(const std::string& target) {
        http::Request r;
        r.method = "GET";
        r.target = target;
        auto q = target.find('?');
        r.path = target.substr(0, q);
        if (q != std::string::npos) r.query = http::ParseQueryString(target.substr(q + 1));
        return service_->Handle(r);
    }
    static Json GetJson(const std::string& target) {
        auto r = Get(target);
        EXPECT_EQ(r.status, 200) << target << ": " << r.body;
        return Json::parse(r.body, nullptr, false);
    }
    // The part of a page between an element's id and the end of its section.
    static std::string Section(const std::string& body, const std::string& id) {
        auto at = body.find("id=\"" + id + "\"");
        if (at == std::string::npos) return "";
        return body.substr(at, body.find("</section>", at) - at);
    }
    static int Count(const std::string& s, const std::string& what) {
        int n = 0;
        for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
        return n;
    }

    static inline FakeClock clock_{k20260301};
    static inline std::unique_ptr<http::testing::TestEnv> env_;
    static inline app::App* app_ = nullptr;
    static inline http::Service* service_ = nullptr;
};

// "YYYY-MM-DD" one year later (the default period; none of the demo dates is 29 February).
std::string NextYear(const std::string& date) {
    return std::to_string(std::stoi(date.substr(0, 4)) + 1) + date.substr(4);
}

TEST_F(FreshnessPagesTest, ListAndRecordApiItemsCarryStateConfirmationAndDueDate) {
    Json list = GetJson("/api/v1/practices?limit=100");
    ASSERT_TRUE(list.is_object());
    ASSERT_FALSE(list["items"].empty());
    int stale = 0, fresh = 0;
    for (const auto& p : list["items"]) {
        ASSERT_TRUE(p.contains("freshness")) << p.dump();
        const auto& f = p["freshness"];
        std::string confirmed = p.contains("last_confirmed_at") && p["last_confirmed_at"].is_string()
                                    ? p["last_confirmed_at"].get<std::string>()
                                    : p["updated_at"].get<std::string>().substr(0, 10);
        EXPECT_EQ(f["confirmed_at"], confirmed);
        EXPECT_EQ(f["due"], NextYear(confirmed));
        // Today is 2026-03-01: due on or before it means stale.
        std::string expected = NextYear(confirmed) <= "2026-03-01" ? "needs_confirmation" : "fresh";
        EXPECT_EQ(f["state"], expected) << p.dump();
        (expected == "fresh" ? fresh : stale) += 1;
    }
    EXPECT_GT(fresh, 0);
    EXPECT_GT(stale, 0) << "the demo data holds practices confirmed in 2022–2024";

    auto id = std::to_string(list["items"][0]["id"].get<std::int64_t>());
    Json one = GetJson("/api/v1/practices/" + id);
    EXPECT_EQ(one["freshness"], list["items"][0]["freshness"]) << "the single record says the same";

    Json ads = GetJson("/api/v1/adoptions?limit=20");
    ASSERT_FALSE(ads["items"].empty());
    const auto& a = ads["items"][0];
    ASSERT_TRUE(a.contains("freshness"));
    EXPECT_EQ(a["freshness"]["state"], "fresh") << "imported today";
    EXPECT_EQ(a["freshness"]["due"], "2027-03-01");
    EXPECT_EQ(a["freshness"]["discontinued_on"], "2028-03-01");
    clock_.Set(k20280401);
    Json later = GetJson("/api/v1/adoptions/" + std::to_string(a["id"].get<std::int64_t>()));
    std::string expected = a["stage"] == "discontinued" ? "fresh" : "maybe_discontinued";
    EXPECT_EQ(later["freshness"]["state"], expected);
}

TEST_F(FreshnessPagesTest, StaleRecordsAreMarkedNotHiddenOnTheRegionsAnalytics) {
    const std::string page = "/regions/72?domain=volunteering&leader=86";
    auto before = Get(page);
    ASSERT_EQ(before.status, 200);
    std::string lack = Section(before.body, "lacking");
    int cards = Count(lack, "class=\"card\"");
    ASSERT_GT(cards, 0) << "Yugra has practices Tyumen lacks";
    // Each card is marked exactly when its practice is stale by the one rule (app::FreshnessOf).
    for (auto at = lack.find("<li class=\"card\">"); at != std::string::npos;
         at = lack.find("<li class=\"card\">", at + 1)) {
        auto card = lack.substr(at, lack.find("</li>", at) - at);
        auto href = card.find("/practices/");
        ASSERT_NE(href, std::string::npos);
        domain::Id id = std::stoll(card.substr(href + 11));
        auto p = app_->Get<domain::Practice>(app::Actor::System(), id);
        ASSERT_TRUE(p.ok());
        bool stale = app::FreshnessOf(*app_, p.value()) != app::Freshness::kFresh;
        EXPECT_EQ(card.find("data-freshness=\"needs_confirmation\"") != std::string::npos, stale) << card;
    }

    clock_.Set(k20270401);
    auto after = Get(page);
    ASSERT_EQ(after.status, 200);
    lack = Section(after.body, "lacking");
    EXPECT_EQ(Count(lack, "class=\"card\""), cards) << "stale practices stay listed";
    EXPECT_EQ(Count(lack, "data-freshness=\"needs_confirmation\""), cards);
    EXPECT_NE(lack.find("требует подтверждения"), std::string::npos);
    std::string recs = Section(after.body, "recommendations");
    EXPECT_EQ(Count(recs, "data-freshness=\"needs_confirmation\""), Count(recs, "class=\"title\""));
    EXPECT_NE(after.body.find("<h2 id=\"h-adopt\">"), std::string::npos);
    EXPECT_NE(Section(after.body, "h-adopt").find("data-freshness=\"needs_confirmation\""), std::string::npos)
        << "the region's adoptions";

    auto en = Get(page + "&lang=en");
    ASSERT_EQ(en.status, 200);
    std::string lack_en = Section(en.body, "lacking");
    EXPECT_EQ(Count(lack_en, ">needs confirmation</span>"), cards);
    EXPECT_EQ(lack_en.find("требует подтверждения"), std::string::npos);

    clock_.Set(k20280401);
    auto much_later = Get(page + "&lang=en");
    EXPECT_NE(Section(much_later.body, "h-adopt").find(">discontinued?</span>"), std::string::npos);
}

}  // namespace
}  // namespace orientir::web
