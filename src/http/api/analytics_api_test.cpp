// The analytics routes on a hand-made snapshot, through the router, without sockets.

#include <gtest/gtest.h>

#include "analytics/test_fixture.hpp"
#include "common/strings.hpp"
#include "http/api/analytics_api.hpp"

namespace orientir::http {
namespace {

class AnalyticsApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        holder_.Set(analytics::testing::Fixture());
        RegisterAnalyticsRoutes(router_, holder_, clock_);
    }
    Response Get(const std::string& target) {
        Request req;
        req.method = "GET";
        req.target = target;
        auto q = target.find('?');
        req.path = target.substr(0, q);
        if (q != std::string::npos) req.query = ParseQueryString(target.substr(q + 1));
        return router_.Dispatch(req);
    }
    Json Body(const Response& r) { return Json::parse(r.body); }

    analytics::SnapshotHolder holder_;
    FakeClock clock_{1717200000000};  // 2024-06-01
    Router router_;
};

TEST_F(AnalyticsApiTest, BenchmarkShowsTheGapToYugraAndItsPractices) {
    auto r = Get("/api/v1/regions/72/benchmark?domain=volunteering&leader=86");
    ASSERT_EQ(r.status, 200) << r.body;
    auto j = Body(r);
    EXPECT_EQ(j["target"]["region"]["code"], "86");
    EXPECT_EQ(j["indicators"][0]["code"], "vol_share");
    EXPECT_EQ(j["indicators"][0]["gap"], 10.0);
    EXPECT_EQ(j["composite"]["rank"], 3);
    EXPECT_EQ(j["target_practices_lacking"][0]["practice"]["id"], 1);
    EXPECT_EQ(Get("/api/v1/regions/72/benchmark").status, 400);
    EXPECT_EQ(Get("/api/v1/regions/99/benchmark?domain=volunteering").status, 404);
}

TEST_F(AnalyticsApiTest, RecommendationsCarryReasons) {
    auto r = Get("/api/v1/regions/72/recommendations");
    ASSERT_EQ(r.status, 200) << r.body;
    auto j = Body(r);
    EXPECT_EQ(j["items"][0]["practice"]["id"], 1);
    EXPECT_NE(j["items"][0]["reason"].get<std::string>().find("результаты подтверждены"), std::string::npos);
    EXPECT_EQ(Get("/api/v1/regions/72/recommendations?municipality=x").status, 400);
    EXPECT_EQ(Get("/api/v1/regions/72/recommendations?limit=1000").status, 400);
}

TEST_F(AnalyticsApiTest, PracticeSimilarSpreadAndDuplicates) {
    EXPECT_EQ(Body(Get("/api/v1/practices/1/similar"))["items"][0]["practice"]["id"], 6);
    EXPECT_EQ(Get("/api/v1/practices/404/similar").status, 404);
    auto sp = Body(Get("/api/v1/practices/1/spread"));
    EXPECT_EQ(sp["adoptions"].size(), 3u);
    EXPECT_EQ(sp["years"][0]["year"], 2019);
    auto d = Get("/api/v1/analytics/duplicates?title=" +
                 orientir::UrlEncode("Организация добровольческой деятельности в муниципалитетах"));
    ASSERT_EQ(d.status, 200);
    EXPECT_FALSE(Body(d)["items"].empty());
    EXPECT_EQ(Get("/api/v1/analytics/duplicates").status, 400);
}

TEST_F(AnalyticsApiTest, NetworkAndCareers) {
    auto n = Body(Get("/api/v1/network?domain=volunteering"));
    EXPECT_EQ(n["adoptions"], 5);
    EXPECT_EQ(n["nodes"][0]["region"]["code"], "86");
    EXPECT_EQ(Get("/api/v1/network?from=bad").status, 400);
    auto c = Body(Get("/api/v1/network/careers?years=5"));
    EXPECT_EQ(c["links"][0]["adoptions"][0]["adoption_id"], 17);
}

}  // namespace
}  // namespace orientir::http
