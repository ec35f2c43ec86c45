#include "analytics/benchmark.hpp"

#include <gtest/gtest.h>

#include "analytics/test_fixture.hpp"
#include "analytics/views.hpp"

namespace orientir::analytics {
namespace {

std::string Code(const Snapshot& s, int r) { return s.regions[static_cast<std::size_t>(r)].code; }

TEST(Benchmark, TyumenAgainstYugraInVolunteering) {
    auto s = testing::Fixture();
    auto b = Benchmark(*s, "72", "volunteering", {});
    ASSERT_TRUE(b.ok()) << b.error().message;
    EXPECT_EQ(Code(*s, b->target), "86");  // the best region other than itself
    EXPECT_EQ(b->target_kind, "leader");
    EXPECT_EQ(b->composite_rank, 3);
    EXPECT_EQ(b->composite_ranked, 5);
    EXPECT_NEAR(*b->composite, 29.1667, 1e-4);
    EXPECT_DOUBLE_EQ(*b->target_composite, 100.0);
    ASSERT_EQ(b->indicators.size(), 2u);
    const auto& vol = b->indicators[0];  // vol_share: 10 vs 20
    EXPECT_EQ(s->indicators[static_cast<std::size_t>(vol.indicator)].code, "vol_share");
    EXPECT_EQ(vol.ref_year, 2023);
    EXPECT_EQ(vol.rank, 4);
    EXPECT_DOUBLE_EQ(*vol.gap, 10.0);
    EXPECT_DOUBLE_EQ(*vol.shortfall, 10.0);
    EXPECT_DOUBLE_EQ(*vol.shortfall_pct, 100.0);
    EXPECT_EQ(Code(*s, vol.best_region), "86");
    ASSERT_EQ(vol.trend.size(), 2u);  // 2022: 8, 2023: 10
    EXPECT_DOUBLE_EQ(*vol.slope, 2.0);
    EXPECT_EQ(vol.target_trend.size(), 2u);
    const auto& wait = b->indicators[1];  // wait_days (lower is better): 30 vs 10
    EXPECT_DOUBLE_EQ(*wait.gap, -20.0);
    EXPECT_DOUBLE_EQ(*wait.shortfall, 20.0);
    EXPECT_NEAR(*wait.shortfall_pct, 66.6667, 1e-4);
    EXPECT_FALSE(wait.slope.has_value());
    ASSERT_EQ(b->leaders.size(), 5u);
    EXPECT_EQ(Code(*s, b->leaders[0].region), "86");
    EXPECT_EQ(b->peers.size(), 4u);
}

TEST(Benchmark, ChosenPeerAndLeaderItself) {
    auto s = testing::Fixture();
    auto b = Benchmark(*s, "72", "volunteering", {"66", 3, 2});
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->target_kind, "chosen");
    EXPECT_DOUBLE_EQ(*b->indicators[0].shortfall, 2.0);    // 12 - 10
    EXPECT_DOUBLE_EQ(*b->indicators[1].shortfall, -10.0);  // 66 waits 40 days: the region is ahead
    EXPECT_EQ(b->leaders.size(), 3u);
    EXPECT_EQ(b->peers.size(), 2u);
    auto top = Benchmark(*s, "86", "volunteering", {});
    ASSERT_TRUE(top.ok());
    EXPECT_EQ(Code(*s, top->target), "89");  // the leader compares with the runner-up
    EXPECT_EQ(top->composite_rank, 1);
}

TEST(Benchmark, RejectsUnknownRegionDomainAndTarget) {
    auto s = testing::Fixture();
    EXPECT_EQ(Benchmark(*s, "99", "volunteering").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(Benchmark(*s, "72", "space").error().code, ErrorCode::kNotFound);
    auto bad = Benchmark(*s, "72", "volunteering", {"77"});
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().field, "leader");
}

TEST(Benchmark, IsStableAcrossBuilds) {
    auto a = testing::Fixture(), b = testing::Fixture();
    EXPECT_EQ(ToJson(*a, *Benchmark(*a, "72", "volunteering")).dump(),
              ToJson(*b, *Benchmark(*b, "72", "volunteering")).dump());
}

TEST(WhatTheyHave, YugraPracticesTyumenLacks) {
    auto s = testing::Fixture();
    auto r = WhatTheyHave(*s, "72", {"86"}, "volunteering");
    ASSERT_TRUE(r.ok());
    // P1 (originated in 86) before P3 (86 only studies it); P4 is Tyumen's own.
    ASSERT_EQ(r->size(), 2u);
    EXPECT_EQ(s->practices[static_cast<std::size_t>((*r)[0].practice)].id, 1);
    EXPECT_TRUE((*r)[0].holders[0].origin);
    EXPECT_EQ(s->practices[static_cast<std::size_t>((*r)[1].practice)].id, 3);
    EXPECT_EQ((*r)[1].holders[0].stage, domain::AdoptionStage::kStudy);
    EXPECT_EQ((*r)[1].holders[0].adoption_id, 12);
    // All domains: P2 counts as lacking because Tyumen's adoption was discontinued.
    auto all = WhatTheyHave(*s, "72", {"86", "89"}, "");
    ASSERT_TRUE(all.ok());
    std::vector<Id> ids;
    for (auto& l : *all) ids.push_back(s->practices[static_cast<std::size_t>(l.practice)].id);
    // P1: 86 origin + 89 implemented; P2: 86 origin + 89 implemented (depth 1.9 each) → by id; P3: 89 + 86 study.
    EXPECT_EQ(ids, (std::vector<Id>{1, 2, 3}));
}

TEST(WhatTheyHave, ExcludesDraftsAndValidatesInput) {
    auto s = testing::Fixture();
    auto r = WhatTheyHave(*s, "72", {"66"}, "");
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->size(), 1u);  // P1 (pilot in 66); P5 is a draft
    EXPECT_EQ(s->practices[static_cast<std::size_t>((*r)[0].practice)].id, 1);
    EXPECT_FALSE(WhatTheyHave(*s, "72", {"00"}, "").ok());
}

}  // namespace
}  // namespace orientir::analytics
