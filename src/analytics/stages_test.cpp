#include "analytics/stages.hpp"

#include <gtest/gtest.h>

#include "analytics/test_fixture.hpp"

namespace orientir::analytics {
namespace {

using domain::AdoptionStage;
using domain::Channel;

domain::Adoption With(domain::Adoption a, std::vector<std::pair<AdoptionStage, std::string>> history) {
    a.stage_history.clear();
    for (auto& [st, at] : history) a.stage_history.push_back({st, at, ""});
    return a;
}

// The fixture with two full histories: A10 interest 2020-03-01 → study 2020-04-01 (31 days) → pilot
// 2020-06-01 (61) → implemented 2021-01-01 (214); A11 interest 2021-06-01 → pilot 2021-08-01. The other
// fixture adoptions have interest and their stage on the same day. Plus an official who moved from 89
// to 86 on 2021-02-01.
SnapshotBuilder Builder() {
    auto b = testing::FixtureBuilder();
    b.Upsert(With(
        testing::MakeAdoption(10, 1, "89", 0, Channel::kCompetenceCentre, AdoptionStage::kImplemented, "2020-03-01"),
        {{AdoptionStage::kInterest, "2020-03-01"},
         {AdoptionStage::kStudy, "2020-04-01"},
         {AdoptionStage::kPilot, "2020-06-01"},
         {AdoptionStage::kImplemented, "2021-01-01"}}));
    b.Upsert(With(testing::MakeAdoption(11, 1, "66", 0, Channel::kConference, AdoptionStage::kPilot, "2021-06-01", 10),
                  {{AdoptionStage::kInterest, "2021-06-01"}, {AdoptionStage::kPilot, "2021-08-01"}}));
    testing::AddCareerMove(b, 2, "Петров", "", {10, "министр", "89", std::nullopt, "2015-01-01", ""},
                           {11, "министр", "86", std::nullopt, "2021-02-01", ""});
    return b;
}

TEST(Stages, StepTimesConversionsAndDiscontinuation) {
    auto s = Builder().Build();
    auto r = Stages(*s, "channel");
    ASSERT_TRUE(r.ok());
    const auto& all = r->all;
    EXPECT_EQ(all.adoptions, 8u);
    ASSERT_EQ(all.steps.size(), 4u);
    EXPECT_EQ(all.steps[0].n, 2u);  // A10 (31 days), A12 (study on its first day: 0)
    EXPECT_DOUBLE_EQ(all.steps[0].median_days, 15.5);
    EXPECT_EQ(all.steps[1].n, 1u);
    EXPECT_DOUBLE_EQ(all.steps[1].median_days, 61);
    EXPECT_EQ(all.steps[2].n, 1u);
    EXPECT_DOUBLE_EQ(all.steps[2].median_days, 214);
    EXPECT_EQ(all.steps[3].n, 0u);
    EXPECT_EQ(all.reached_pilot, 3u);  // A10, A11, A17
    EXPECT_EQ(all.pilot_to_implemented, 1u);
    EXPECT_EQ(all.reached_implemented, 3u);  // A10, A13, A16
    EXPECT_EQ(all.implemented_to_scaled, 0u);
    EXPECT_EQ(all.discontinued, 1u);  // A14
    ASSERT_FALSE(r->groups.empty());
    EXPECT_EQ(r->groups[0].key, "personnel");  // A12, A15, A17: the largest group
    EXPECT_EQ(r->groups[0].adoptions, 3u);
    EXPECT_FALSE(Stages(*s, "colour").ok());
    auto j = ToJson(*s, *r);
    EXPECT_EQ(j["all"]["pilot_to_implemented"], 0.333);
}

TEST(Stages, PersonnelEffectCountsTheOriginRegionsPracticesAdoptedWithinTwoYears) {
    auto s = Builder().Build();
    auto r = Stages(*s, "");
    ASSERT_TRUE(r.ok());
    const auto& p = r->personnel;
    EXPECT_EQ(p.moves_total, 2u);  // 72 → 86 (2019-06-01), 89 → 86 (2021-02-01)
    EXPECT_EQ(p.moves_used, 2u);
    // 89 had P3 (origin 2021-01-01), P1 and P2 before the second move; 86 already had P1 and P2 (origin) and
    // took P3 on 2022-01-10, 343 days after. 72 had nothing before the first move.
    EXPECT_EQ(p.after_available, 1u);
    EXPECT_EQ(p.after_adopted, 1u);
    EXPECT_DOUBLE_EQ(p.Rate(), 1.0);
    // Baseline regions for 86: 45 and 66 (no official came from them); neither had a published practice
    // before either move (66's P5 is a draft).
    EXPECT_EQ(p.baseline_available, 0u);
}

}  // namespace
}  // namespace orientir::analytics
