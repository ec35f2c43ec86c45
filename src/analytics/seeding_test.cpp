#include "analytics/seeding.hpp"

#include <gtest/gtest.h>

#include "analytics/test_fixture.hpp"

namespace orientir::analytics {
namespace {

// A hand-made inferred network over the fixture's regions (indexes by code: 45=0, 66=1, 72=2, 86=3, 89=4).
RegionalInference Net(const Snapshot& s, std::vector<std::pair<int, int>> edges, int final_cascades, double lambda) {
    RegionalInference n;
    n.R = s.R();
    n.options.model = TransmissionModel::kExponential;
    n.net.params = {lambda};
    n.net.node_cascades.assign(n.R, 10);
    n.edge_at.assign(n.R * n.R, -1);
    for (auto [from, to] : edges) {
        InferredEdge e;
        e.from = from;
        e.to = to;
        e.final_cascades = final_cascades;
        n.edge_at[static_cast<std::size_t>(from) * n.R + static_cast<std::size_t>(to)] =
            static_cast<std::int32_t>(n.net.edges.size());
        n.net.edges.push_back(e);
    }
    n.reported_edges = n.net.edges.size();
    return n;
}

TEST(Seeding, CertainEdgesGiveExactReachAndTheHubIsChosen) {
    auto s = testing::Fixture();
    ASSERT_EQ(s->regions[2].code, "72");
    // P3 is held by 89 (origin) and 86; 72 reaches 45 and 66 for sure and fast.
    auto net = Net(*s, {{2, 0}, {2, 1}}, 10, 1000);
    SeedingOptions o;
    o.seeds = 2;
    auto r = Seeding(*s, net, 3, o);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->holders.size(), 2u);
    EXPECT_DOUBLE_EQ(r->baseline, 2.0);
    ASSERT_EQ(r->seeds.size(), 2u);
    EXPECT_EQ(r->seeds[0].region, 2);
    EXPECT_DOUBLE_EQ(r->seeds[0].gain, 3.0);
    EXPECT_DOUBLE_EQ(r->seeds[0].reach, 5.0);
    EXPECT_DOUBLE_EQ(r->seeds[0].reach_se, 0.0);
    EXPECT_DOUBLE_EQ(r->seeds[1].gain, 0.0);  // everything is reached already
    EXPECT_FALSE(Seeding(*s, net, 999, o).ok());
}

TEST(Seeding, ProbabilitiesAndTheHorizonShapeTheExpectedGain) {
    auto s = testing::Fixture();
    // 72 → 45 transmits in half of the cascades: seeding 72 gains 1 + 0.5 on average.
    auto net = Net(*s, {{2, 0}}, 5, 1000);
    SeedingOptions o;
    o.seeds = 1;
    o.samples = 4000;
    auto r = Seeding(*s, net, 3, o);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->seeds.size(), 1u);
    EXPECT_EQ(r->seeds[0].region, 2);
    EXPECT_NEAR(r->seeds[0].gain, 1.5, 0.05);
    // A slow edge (mean delay 10 years) rarely arrives within 0.1 year: P(delay ≤ 0.1) = 1 − e^(−0.01) ≈ 1 %.
    auto slow = Net(*s, {{2, 0}}, 10, 0.1);
    o.horizon_years = 0.1;
    auto r2 = Seeding(*s, slow, 3, o);
    ASSERT_TRUE(r2.ok());
    EXPECT_NEAR(r2->seeds[0].gain, 1.01, 0.01);
}

}  // namespace
}  // namespace orientir::analytics
