#include "analytics/region_network.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "analytics/test_fixture.hpp"

namespace orientir::analytics {
namespace {

std::string Code(const Snapshot& s, int r) { return s.regions[static_cast<std::size_t>(r)].code; }
std::size_t Ch(domain::Channel c) { return static_cast<std::size_t>(c); }

// Label boxes (kLabelWidth × kLabelHeight around each position) must not overlap.
void ExpectNoOverlap(const Snapshot& s, const std::vector<NodePosition>& ps) {
    for (std::size_t i = 0; i < ps.size(); ++i)
        for (std::size_t j = i + 1; j < ps.size(); ++j) {
            bool apart = std::fabs(ps[i].x - ps[j].x) >= kLabelWidth || std::fabs(ps[i].y - ps[j].y) >= kLabelHeight;
            EXPECT_TRUE(apart) << Code(s, ps[i].region) << " and " << Code(s, ps[j].region);
        }
}

// The fixture's inter-regional adoptions touching Yugra (86): borrowed from 72 (2020, personnel) and 89
// (2022, personnel); borrowed by 89 twice (2020 competence centre, 2021 direct contact), 72 (2022 press)
// and 45 (2023 personnel).
TEST(RegionNetwork, PartnersBothWaysByChannelAndYear) {
    auto s = testing::Fixture();
    auto n = RegionNetwork(*s, s->RegionIndex("86"), {});
    ASSERT_TRUE(n.ok()) << n.error().message;
    EXPECT_EQ(n->borrowed_from, 2);
    EXPECT_EQ(n->borrowed_by, 4);
    ASSERT_EQ(n->partners.size(), 3u);
    EXPECT_EQ(Code(*s, n->partners[0].region), "89");  // 3 both ways
    EXPECT_EQ(n->partners[0].borrowed_from, 1);
    EXPECT_EQ(n->partners[0].borrowed_by, 2);
    EXPECT_EQ(Code(*s, n->partners[1].region), "72");  // 2, before 45 (1)
    EXPECT_EQ(Code(*s, n->partners[2].region), "45");
    EXPECT_EQ(n->partners[2].borrowed_from, 0);
    EXPECT_EQ(n->from_channels[Ch(domain::Channel::kPersonnel)], 2);
    EXPECT_EQ(n->by_channels[Ch(domain::Channel::kPress)], 1);
    EXPECT_EQ(n->by_channels[Ch(domain::Channel::kPersonnel)], 1);
    ASSERT_EQ(n->years.size(), 4u);  // 2020..2023, consecutive
    EXPECT_EQ(n->years[0].year, 2020);
    EXPECT_EQ(n->years[0].borrowed_from, 1);
    EXPECT_EQ(n->years[0].borrowed_by, 1);
    EXPECT_EQ(n->years[1].borrowed_from, 0);
    EXPECT_EQ(n->years[3].year, 2023);
    EXPECT_EQ(n->years[3].borrowed_by, 1);
    // Totals agree with the whole network's edges into and out of 86.
    auto all = Network(*s, {});
    ASSERT_TRUE(all.ok());
    int in = 0, out = 0;
    for (const auto& e : all->edges) {
        if (Code(*s, e.target) == "86") in += e.weight;
        if (Code(*s, e.source) == "86") out += e.weight;
    }
    EXPECT_EQ(in, n->borrowed_from);
    EXPECT_EQ(out, n->borrowed_by);
}

TEST(RegionNetwork, FiltersAndErrors) {
    auto s = testing::Fixture();
    auto period = RegionNetwork(*s, s->RegionIndex("86"), {"", "2022", ""});
    ASSERT_TRUE(period.ok());
    EXPECT_EQ(period->borrowed_from, 1);  // 89 in 2022
    EXPECT_EQ(period->borrowed_by, 2);    // 72 in 2022, 45 in 2023
    auto intra = RegionNetwork(*s, s->RegionIndex("72"), {});
    ASSERT_TRUE(intra.ok());
    EXPECT_EQ(intra->intra_regional, 1);
    EXPECT_EQ(RegionNetwork(*s, -1, {}).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(RegionNetwork(*s, 0, {"nope", "", ""}).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(RegionNetwork(*s, 0, {"", "20x", ""}).error().code, ErrorCode::kInvalidArgument);
}

TEST(RegionNetwork, LayoutIsStableAndLabelsDoNotOverlap) {
    auto s = testing::Fixture();
    auto n = RegionNetwork(*s, s->RegionIndex("86"), {});
    ASSERT_TRUE(n.ok());
    auto a = EgoLayout(*n), b = EgoLayout(*n);
    ASSERT_EQ(a.size(), 6u);  // 86; 89 and 72 as sources (left); 89, 72 and 45 as adopters (right)
    for (std::size_t k = 0; k < a.size(); ++k) {
        EXPECT_EQ(a[k].region, b[k].region);
        EXPECT_EQ(a[k].x, b[k].x);
        EXPECT_EQ(a[k].y, b[k].y);
    }
    EXPECT_EQ(Code(*s, a[0].region), "86");
    EXPECT_EQ(a[0].x, 0);
    ExpectNoOverlap(*s, a);
    int yamal = 0;
    for (const auto& p : a) {
        if (Code(*s, p.region) == "45") {
            EXPECT_GT(p.x, 0);  // only borrowed from 86: right only
        }
        if (Code(*s, p.region) == "89") yamal += p.side;  // both ways: once left, once right
        EXPECT_EQ(p.side < 0, p.x < 0);
    }
    EXPECT_EQ(yamal, 0);
    std::vector<int> everyone;
    for (std::size_t r = 0; r < s->R(); ++r) everyone.push_back(static_cast<int>(r));
    ExpectNoOverlap(*s, TileLayout(*s, everyone));
    auto j = RegionNetworkJson(*s, *n);
    EXPECT_EQ(j["region"]["code"], "86");
    EXPECT_EQ(j["nodes"].size(), 6u);
    EXPECT_EQ(j["nodes"][0]["role"], "focus");
    EXPECT_EQ(j["edges"].size(), 5u);  // 89 both ways (2 edges), 72 both ways (2), 45 (1)
    EXPECT_EQ(j["partners"][0]["channels_by"]["competence_centre"]["count"], 1);
}

}  // namespace
}  // namespace orientir::analytics
