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

// A region's own network by any key the router resolves (here, without an App, the code itself); an
// unknown key is a 404 problem, a bad period 400; the whole network carries tile positions.
TEST_F(AnalyticsApiTest, RegionNetworkByKey) {
    auto r = Get("/api/v1/network?region=86");
    ASSERT_EQ(r.status, 200) << r.body;
    auto j = Body(r);
    EXPECT_EQ(j["region"]["code"], "86");
    EXPECT_EQ(j["borrowed_from"], 2);
    EXPECT_EQ(j["borrowed_by"], 4);
    EXPECT_EQ(j["partners"][0]["region"]["code"], "89");
    EXPECT_EQ(j["nodes"][0]["region"]["code"], "86");
    EXPECT_TRUE(j["nodes"][0]["x"].is_number());
    EXPECT_EQ(Body(Get("/api/v1/network?region=86"))["nodes"], j["nodes"]);  // same data, same picture
    auto missing = Get("/api/v1/network?region=RU-ZZZ");
    EXPECT_EQ(missing.status, 404);
    EXPECT_NE(missing.content_type.find("problem+json"), std::string::npos);
    EXPECT_EQ(Get("/api/v1/network?region=86&from=bad").status, 400);
    auto all = Body(Get("/api/v1/network"));
    for (const auto& n : all["nodes"]) EXPECT_TRUE(n["y"].is_number()) << n.dump();
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

// The municipal view: the fixture names a municipality in 5 of 13 dated events and only one practice has two
// municipalities, so the answer says there is too little data, and why, instead of an empty graph; a level
// that does not exist is a 400 naming `level`.
TEST_F(AnalyticsApiTest, MunicipalInferredNetworkSaysWhenThereIsTooLittleData) {
    auto r = Get("/api/v1/network/inferred?level=municipality");
    ASSERT_EQ(r.status, 200) << r.body;
    auto j = Body(r);
    EXPECT_EQ(j["kind"], "inferred");
    EXPECT_EQ(j["level"], "municipality");
    EXPECT_FALSE(j["enough_data"].get<bool>());
    EXPECT_EQ(j["events_with_municipality"], 5);
    EXPECT_EQ(j["usable_cascades"], 1);
    EXPECT_TRUE(j["edges"].empty());
    EXPECT_NE(j["reason"].get<std::string>().find("Мало данных"), std::string::npos);
    EXPECT_EQ(Body(Get("/api/v1/network/inferred?level=region"))["level"], "region");
    for (const char* bad : {"level=district", "level=MUNICIPALITY", "level=municipality&model=gamma"}) {
        auto e = Get(std::string("/api/v1/network/inferred?") + bad);
        EXPECT_EQ(e.status, 400) << bad;
        EXPECT_EQ(Body(e)["field"], std::string(bad).find("model") != std::string::npos ? "model" : "level") << bad;
    }
}

TEST_F(AnalyticsApiTest, InferredNetworkLikelySourcesAndSeeding) {
    auto n = Get("/api/v1/network/inferred");
    ASSERT_EQ(n.status, 200) << n.body;
    auto j = Body(n);
    EXPECT_EQ(j["kind"], "inferred");
    EXPECT_EQ(j["model"], "exponential");
    EXPECT_EQ(j["cascades"], 5);  // P1, P2, P3, P4, P6 (P5 is a draft)
    for (const auto& e : j["edges"]) EXPECT_EQ(e["kind"], "inferred");
    auto custom = Body(Get("/api/v1/network/inferred?model=rayleigh&params=2&p=0.5&edges=3"));
    EXPECT_EQ(custom["model"], "rayleigh");
    EXPECT_EQ(custom["params"][0], 2.0);
    EXPECT_EQ(Get("/api/v1/network/inferred?model=gamma").status, 400);
    EXPECT_EQ(Get("/api/v1/network/inferred?params=1,2").status, 400);
    EXPECT_EQ(Get("/api/v1/network/inferred?p=2").status, 400);
    EXPECT_EQ(Get("/api/v1/network/inferred?domain=nope").status, 404);

    // A16 (P4 in 72, channel «другое», no source): its candidate is 86 (2020-05-01, before 2021-09-01);
    // the origin 72 is its own region and not a candidate.
    auto ls = Get("/api/v1/adoptions/16/likely-sources");
    ASSERT_EQ(ls.status, 200) << ls.body;
    auto l = Body(ls);
    EXPECT_TRUE(l["unexplained"].get<bool>());
    ASSERT_EQ(l["candidates"].size(), 1u);
    EXPECT_EQ(l["candidates"][0]["region"]["code"], "86");
    EXPECT_EQ(l["candidates"][0]["probability"], 1.0);
    EXPECT_FALSE(l["candidates"][0]["reason"].get<std::string>().empty());
    // Each candidate says whether it is a region or an organisation (the fixture names no organisation).
    EXPECT_EQ(l["candidates"][0]["kind"], "region");
    EXPECT_TRUE(l["candidates"][0]["organisation"].is_null());
    EXPECT_EQ(l["candidates"][0]["evidence"]["organisation_career_move"], false);
    EXPECT_EQ(Body(Get("/api/v1/adoptions/11/likely-sources"))["recorded_source"]["code"], "89");
    EXPECT_EQ(Get("/api/v1/adoptions/999/likely-sources").status, 404);
    EXPECT_EQ(Get("/api/v1/adoptions/x/likely-sources").status, 400);
    EXPECT_EQ(Get("/api/v1/adoptions/16/likely-sources?signals=magic").status, 400);

    auto sd = Get("/api/v1/practices/1/seeding?seeds=2&horizon=5");
    ASSERT_EQ(sd.status, 200) << sd.body;
    auto sj = Body(sd);
    EXPECT_EQ(sj["kind"], "inferred");
    EXPECT_EQ(sj["holders"].size(), 4u);  // 86 (origin), 89, 66, 45
    EXPECT_EQ(sj["seeds"].size(), 1u);    // only 72 is left
    EXPECT_EQ(sj["seeds"][0]["region"]["code"], "72");
    EXPECT_EQ(Get("/api/v1/practices/404/seeding").status, 404);
    EXPECT_EQ(Get("/api/v1/practices/1/seeding?seeds=0").status, 400);

    auto st = Get("/api/v1/analytics/stages?by=channel");
    ASSERT_EQ(st.status, 200) << st.body;
    auto stj = Body(st);
    EXPECT_EQ(stj["all"]["adoptions"], 8);
    EXPECT_EQ(stj["all"]["discontinued_share"], 0.125);
    EXPECT_EQ(stj["groups"][0]["key"], "personnel");
    EXPECT_EQ(Get("/api/v1/analytics/stages?by=colour").status, 400);
}

}  // namespace
}  // namespace orientir::http
