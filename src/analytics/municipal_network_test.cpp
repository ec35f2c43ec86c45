#include "analytics/municipal_network.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "analytics/test_fixture.hpp"

namespace orientir::analytics {
namespace {

using domain::AdoptionStage;
using domain::Channel;

// The fixture plus `n` practices that start in municipality 500 (Сургут, region 86) on 2019-01-01 and reach
// municipality 600 (Тобольск, region 72) half a year later; the first `recorded` of those adoptions name a
// real channel (borrowed from the origin), the others are unexplained.
SnapshotBuilder WithMunicipalCascades(int n, int recorded) {
    auto b = testing::FixtureBuilder();
    domain::Municipality surgut;
    surgut.meta.id = 500;
    surgut.region = "86";
    surgut.name = "Сургут";
    b.Upsert(surgut);
    for (int i = 0; i < n; ++i) {
        const domain::Id id = 100 + i;
        auto p = testing::MakePractice(id, "Практика " + std::to_string(i), "volunteering", "86", "2019-01-01");
        p.origin.municipality_id = 500;
        b.Upsert(p);
        b.Upsert(testing::MakeAdoption(1000 + id, id, "72", 600, i < recorded ? Channel::kPersonnel : Channel::kOther,
                                       AdoptionStage::kPilot, i % 2 ? "2019-07-01" : "2019-08-01"));
    }
    return b;
}

TEST(MunicipalNetwork, CascadesUseMunicipalitiesAndCountTheRest) {
    auto s = testing::Fixture();
    auto mc = BuildMunicipalCascades(*s);
    // P2: origin 100 (86), A13 200 (89), A14 300 (72); P1: A15 400 (45); P4: A16 301 (72). The rest name no
    // municipality: origins of P1, P3, P4, P6 and adoptions A10, A11, A12, A17. The draft P5 is left out.
    ASSERT_EQ(mc.municipalities, (std::vector<Id>{100, 200, 300, 301, 400}));
    EXPECT_EQ(mc.placed, 5u);
    EXPECT_EQ(mc.unplaced, 8u);
    ASSERT_EQ(mc.cascades.size(), 3u);
    std::size_t events = 0;
    for (const auto& c : mc.cascades) events += c.nodes.size();
    EXPECT_EQ(events, 5u);
    // No municipality rows are loaded: each node takes the region of the event that named it.
    EXPECT_EQ(mc.node_region[0], s->RegionIndex("86"));
    EXPECT_EQ(mc.node_region[3], s->RegionIndex("72"));
}

TEST(MunicipalNetwork, TooLittleDataSaysWhyInsteadOfAnEmptyGraph) {
    auto s = testing::Fixture();
    auto n = InferMunicipal(*s, {.level = NetworkLevel::kMunicipality});
    EXPECT_FALSE(n->enough_data);
    EXPECT_EQ(n->usable_cascades, 1u);
    EXPECT_TRUE(n->net.edges.empty());
    auto j = MunicipalNetworkJson(*s, *n, 100);
    EXPECT_EQ(j["level"], "municipality");
    EXPECT_FALSE(j["enough_data"].get<bool>());
    EXPECT_TRUE(j["edges"].empty());
    const auto reason = j["reason"].get<std::string>();
    EXPECT_NE(reason.find("муниципалитет указан в 5 из 13"), std::string::npos) << reason;
    EXPECT_NE(reason.find("не меньше 10"), std::string::npos) << reason;
    EXPECT_NE(j["reason_en"].get<std::string>().find("5 of 13"), std::string::npos);
}

TEST(MunicipalNetwork, InfersEdgesBetweenMunicipalitiesLabelledAsInferred) {
    auto s = WithMunicipalCascades(12, 4).Build();
    auto n = InferRegional(*s, {.level = NetworkLevel::kMunicipality});
    ASSERT_TRUE(n->enough_data);
    EXPECT_EQ(n->usable_cascades, 13u);  // the twelve and the fixture's P2
    ASSERT_GE(n->reported_edges, 1u);
    auto j = MunicipalNetworkJson(*s, *n, 100);
    EXPECT_TRUE(j["enough_data"].get<bool>());
    EXPECT_FALSE(j.contains("reason"));
    const auto& e = j["edges"][0];
    EXPECT_EQ(e["kind"], "inferred");
    EXPECT_EQ(e["from"]["id"], 500);
    EXPECT_EQ(e["from"]["name"], "Сургут");  // a loaded municipality is named
    EXPECT_EQ(e["from"]["region"]["code"], "86");
    EXPECT_EQ(e["to"]["id"], 600);
    EXPECT_EQ(e["to"]["name"], "муниципалитет № 600");
    EXPECT_EQ(e["to"]["region"]["code"], "72");
    EXPECT_FALSE(e["same_region"].get<bool>());
    EXPECT_EQ(e["recorded_adoptions"], 4);  // the adoptions with a channel, borrowed from the origin
    EXPECT_LT(e["p_value"].get<double>(), 0.1);
    // Edges never carry a municipality into itself, and the regional network is untouched by the level.
    for (const auto& x : j["edges"]) EXPECT_NE(x["from"]["id"], x["to"]["id"]);
    EXPECT_EQ(InferRegional(*s)->municipalities.size(), 0u);
}

TEST(MunicipalNetwork, DomainFilterKeepsOnlyItsPractices) {
    auto s = WithMunicipalCascades(12, 0).Build();
    auto culture = InferMunicipal(*s, {.level = NetworkLevel::kMunicipality, .domain = s->DomainIndex("culture")});
    // Only P2 is a culture practice: one cascade, too little.
    EXPECT_EQ(culture->cascades, 1u);
    EXPECT_FALSE(culture->enough_data);
}

// A practice adopted in more municipalities than the cap keeps its earliest ones and counts the rest.
TEST(MunicipalNetwork, VeryWideCascadesKeepTheirEarliestMunicipalities) {
    auto b = testing::FixtureBuilder();
    auto p = testing::MakePractice(900, "Широкая практика", "volunteering", "86", "2015-01-01");
    p.origin.municipality_id = 5000;
    b.Upsert(p);
    const int n = static_cast<int>(kMaxMunicipalCascade) + 5;
    for (int i = 0; i < n; ++i)  // one a day from 2016-01-01, the last ones latest
        b.Upsert(testing::MakeAdoption(10000 + i, 900, "72", 6000 + i, Channel::kOther, AdoptionStage::kPilot,
                                       DateOf(DayOf(std::string("2016-01-01")) + i)));
    auto s = b.Build();
    auto mc = BuildMunicipalCascades(*s);
    EXPECT_EQ(mc.capped, 6u);  // the origin and n adoptions, kMaxMunicipalCascade kept
    std::size_t widest = 0;
    for (const auto& c : mc.cascades) widest = std::max(widest, c.nodes.size());
    EXPECT_EQ(widest, kMaxMunicipalCascade);
    const auto& ids = mc.municipalities;
    EXPECT_TRUE(std::binary_search(ids.begin(), ids.end(), Id{5000}));  // the origin, earliest
    EXPECT_TRUE(std::binary_search(ids.begin(), ids.end(), Id{6000 + kMaxMunicipalCascade - 2}));
    EXPECT_FALSE(std::binary_search(ids.begin(), ids.end(), Id{6000 + kMaxMunicipalCascade - 1}));
}

}  // namespace
}  // namespace orientir::analytics
