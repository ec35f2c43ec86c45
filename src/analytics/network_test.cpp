#include "analytics/network.hpp"

#include <gtest/gtest.h>

#include <numeric>

#include "analytics/test_fixture.hpp"
#include "analytics/views.hpp"

namespace orientir::analytics {
namespace {

std::string Code(const Snapshot& s, int r) { return s.regions[static_cast<std::size_t>(r)].code; }

const NetworkNode* Node(const Snapshot& s, const NetworkResult& n, const char* code) {
    for (auto& x : n.nodes)
        if (Code(s, x.region) == code) return &x;
    return nullptr;
}

TEST(Network, EdgesRolesChannelsAndMedianDelay) {
    auto s = testing::Fixture();
    auto n = Network(*s, {});
    ASSERT_TRUE(n.ok()) << n.error().message;
    EXPECT_EQ(n->adoptions, 7);
    EXPECT_EQ(n->intra_regional, 1);  // A16 inside 72
    ASSERT_EQ(n->edges.size(), 6u);
    EXPECT_EQ(Code(*s, n->edges[0].source), "86");  // 86 → 89 twice (P1, P2)
    EXPECT_EQ(Code(*s, n->edges[0].target), "89");
    EXPECT_EQ(n->edges[0].weight, 2);
    // The remaining weight-1 edges by source then target code: 72→86, 86→45, 86→72, 89→66, 89→86.
    EXPECT_EQ(Code(*s, n->edges[1].source) + ">" + Code(*s, n->edges[1].target), "72>86");
    EXPECT_EQ(Code(*s, n->edges[5].source) + ">" + Code(*s, n->edges[5].target), "89>86");
    EXPECT_EQ(Node(*s, *n, "86")->role, Role::kSource);  // out 4, in 2
    EXPECT_EQ(Node(*s, *n, "89")->role, Role::kHub);     // out 2, in 2
    EXPECT_EQ(Node(*s, *n, "66")->role, Role::kAdopter);
    EXPECT_EQ(Node(*s, *n, "86")->out_weight, 4);
    EXPECT_EQ(Node(*s, *n, "86")->out_degree, 3);
    EXPECT_EQ(Code(*s, n->nodes[0].region), "86");  // most influential
    double total = 0;
    for (auto& x : n->nodes) total += x.influence;
    EXPECT_NEAR(total, 1.0, 1e-4);
    EXPECT_EQ(n->channels[static_cast<std::size_t>(domain::Channel::kPersonnel)], 3);
    EXPECT_EQ(n->channels[static_cast<std::size_t>(domain::Channel::kPress)], 1);
    // Days from origin: 121, 374, 425, 853, 882, 1249, 1461 → 853.
    ASSERT_TRUE(n->median_days.has_value());
    EXPECT_DOUBLE_EQ(*n->median_days, 853.0);
    EXPECT_EQ(n->timed, 7);
    auto j = ToJson(*s, *n);
    EXPECT_EQ(j["channels"]["personnel"]["count"], 3);
    EXPECT_EQ(j["nodes"][0]["role"], "source");
}

TEST(Network, FiltersByDomainAndPeriod) {
    auto s = testing::Fixture();
    auto vol = Network(*s, {"volunteering", "", ""});
    ASSERT_TRUE(vol.ok());
    EXPECT_EQ(vol->adoptions, 5);  // without P2's two adoptions
    auto period = Network(*s, {"", "2021", "2022"});
    ASSERT_TRUE(period.ok());
    EXPECT_EQ(period->adoptions, 4);  // A11, A12, A13, A14
    EXPECT_EQ(period->intra_regional, 1);
    // Even count: 374, 853, 882, 1249 → (853 + 882) / 2.
    EXPECT_DOUBLE_EQ(*period->median_days, 867.5);
    auto days = Network(*s, {"", "2021-06-01", "2021-06-01"});
    EXPECT_EQ(days->adoptions, 1);
    EXPECT_EQ(Network(*s, {"", "20x1", ""}).error().field, "from");
    EXPECT_EQ(Network(*s, {"", "2023", "2021"}).error().field, "to");
    EXPECT_EQ(Network(*s, {"space", "", ""}).error().code, ErrorCode::kNotFound);
}

TEST(Spread, ByYearWithGenerations) {
    auto s = testing::Fixture();
    auto sp = Spread(*s, 1);
    ASSERT_TRUE(sp.ok());
    std::vector<Id> ids;
    for (int a : sp->adoptions) ids.push_back(s->adoptions[static_cast<std::size_t>(a)].id);
    EXPECT_EQ(ids, (std::vector<Id>{10, 11, 15}));
    EXPECT_EQ(sp->generation, (std::vector<int>{1, 2, 1}));
    ASSERT_EQ(sp->years.size(), 5u);  // 2019 (origin) .. 2023
    EXPECT_EQ(sp->years[0].year, 2019);
    EXPECT_EQ(sp->years[0].regions, 0);
    EXPECT_EQ(sp->years[1].regions, 1);
    EXPECT_EQ(sp->years[2].regions, 2);
    EXPECT_EQ(sp->years[3].adoptions, 0);
    EXPECT_EQ(sp->years[4].regions, 3);
    EXPECT_EQ(sp->years[4].municipalities, 1);
    EXPECT_EQ(Spread(*s, 999).error().code, ErrorCode::kNotFound);
}

TEST(CareerOverlay, AdoptionsThatFollowedAMove) {
    auto s = testing::Fixture();
    auto c = CareerOverlay(*s, 5);
    EXPECT_EQ(c.moves, 1);
    ASSERT_EQ(c.links.size(), 1u);
    ASSERT_EQ(c.links[0].adoptions.size(), 1u);
    EXPECT_EQ(s->adoptions[static_cast<std::size_t>(c.links[0].adoptions[0])].id, 17);  // 72 → 86, 2020-05-01
    EXPECT_TRUE(CareerOverlay(*s, 0).links.empty());
    EXPECT_EQ(CareerOverlay(*s, 0, {}, true).links.size(), 1u);
    EXPECT_TRUE(CareerOverlay(*s, 5, "culture").links.empty());
    auto j = ToJson(*s, c);
    EXPECT_EQ(j["links"][0]["to"]["code"], "86");
}

}  // namespace
}  // namespace orientir::analytics
