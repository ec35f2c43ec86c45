// Organisations as candidate sources (issue 17, session 7): a holder that names an organisation is ranked as
// that organisation; an official who worked in it and then in the adopter's region is evidence for it alone.
#include <gtest/gtest.h>

#include "analytics/attribution.hpp"
#include "analytics/test_fixture.hpp"
#include "analytics/weight_fit.hpp"

namespace orientir::analytics {
namespace {

using domain::AdoptionStage;
using domain::Channel;

std::string Code(const Snapshot& s, int r) { return r < 0 ? "" : s.regions[static_cast<std::size_t>(r)].code; }

domain::Organisation MakeOrganisation(domain::Id id, std::string region, std::string name, std::string short_name) {
    domain::Organisation o;
    o.meta.id = id;
    o.region = std::move(region);
    o.name = std::move(name);
    o.short_name = std::move(short_name);
    return o;
}

// The fixture plus A20 (P1 adopted by 72 on 2022-01-01, no source, «другое»). P1's origin is now the Yugra
// resource centre (500); 66 had P1 through the «Опора» corps (501, A11, 2021-06-01) and through A21 naming no
// organisation (2021-09-01); 89 through A10 naming none. Соколов worked in «Опора» (66) and moved to 72 in
// 2021-03: evidence for «Опора» and, at the region level, for every holder in 66.
SnapshotBuilder WithOrganisations() {
    auto b = testing::FixtureBuilder();
    b.Upsert(MakeOrganisation(500, "86", "Ресурсный центр поддержки добровольчества Югры", "РЦ добровольчества Югры"));
    b.Upsert(MakeOrganisation(501, "66", "Добровольческий корпус «Опора»", "Корпус «Опора»"));
    auto p1 = testing::MakePractice(1, "Организация добровольческой деятельности в муниципалитетах", "volunteering",
                                    "86", "2019-01-01", true);
    p1.origin.organisation_id = 500;
    b.Upsert(p1);
    auto a11 = testing::MakeAdoption(11, 1, "66", 0, Channel::kConference, AdoptionStage::kPilot, "2021-06-01", 10);
    a11.adopter.organisation_id = 501;
    b.Upsert(a11);
    b.Upsert(testing::MakeAdoption(21, 1, "66", 0, Channel::kPress, AdoptionStage::kPilot, "2021-09-01"));
    b.Upsert(testing::MakeAdoption(20, 1, "72", 0, Channel::kOther, AdoptionStage::kPilot, "2022-01-01"));
    testing::AddCareerMove(b, 2, "Соколов", "Андрей", {10, "руководитель штаба", "66", 501, "2015-01-01", ""},
                           {11, "заместитель губернатора", "72", std::nullopt, "2021-03-01", ""});
    return b;
}

AttributionWeights TimingAndCareers() {
    AttributionWeights w = AttributionWeights::TimingOnly();
    w.career = 3;
    w.org_career = 1.5;
    return w;
}

TEST(OrganisationCandidates, SnapshotKeepsOrganisationsAndTheirMoves) {
    auto s = WithOrganisations().Build();
    ASSERT_EQ(s->organisations.size(), 2u);
    ASSERT_NE(s->Organisation(501), nullptr);
    EXPECT_EQ(Code(*s, s->Organisation(501)->region), "66");
    EXPECT_EQ(s->Organisation(999), nullptr);
    EXPECT_EQ(s->adoptions[static_cast<std::size_t>(s->adoption_by_id.at(11))].organisation, 501);
    EXPECT_EQ(s->practices[static_cast<std::size_t>(s->PracticeIndex(1))].origin_organisation, 500);
    // The fixture's Иванов (72 → 86, no organisation) has no organisation move; Соколов has one, from 501.
    ASSERT_EQ(s->organisation_moves.size(), 1u);
    EXPECT_EQ(s->organisation_moves[0].from_organisation, 501);
    EXPECT_EQ(Code(*s, s->organisation_moves[0].from_region), "66");
    EXPECT_EQ(Code(*s, s->organisation_moves[0].to_region), "72");
    EXPECT_EQ(s->moves.size(), 2u);  // the region moves are unchanged: one per person
}

TEST(OrganisationCandidates, TheOrganisationAnOfficialCameFromOutranksItsRegionsOtherHolder) {
    auto s = WithOrganisations().Build();
    auto r = LikelySourcesFor(*s, nullptr, 20, 10, TimingAndCareers());
    ASSERT_TRUE(r.ok());
    // «Опора» (66), 66 itself (A21), 89, the resource centre (86, origin).
    ASSERT_EQ(r->candidates_total, 4u);
    const auto& top = r->candidates[0];
    EXPECT_EQ(top.organisation, 501);
    EXPECT_EQ(Code(*s, top.region), "66");
    EXPECT_EQ(top.adoption, 11);
    ASSERT_NE(top.org_move, nullptr);
    ASSERT_GE(top.reasons.size(), 2u);
    EXPECT_EQ(top.reasons[0], "организация: Добровольческий корпус «Опора» (регион «Свердловская область»)");
    EXPECT_NE(top.reasons[1].find("Соколов Андрей работал(а) в организации «Корпус «Опора»»"), std::string::npos)
        << top.reasons[1];
    // 66's record without an organisation is nearer in time and has the region-level move, not the organisation's.
    const auto& second = r->candidates[1];
    EXPECT_EQ(second.organisation, 0);
    EXPECT_EQ(Code(*s, second.region), "66");
    EXPECT_NE(second.move, nullptr);
    EXPECT_EQ(second.org_move, nullptr);
    EXPECT_NEAR(top.score - second.score, 1.5 - (top.lead_days - second.lead_days) / 365.25, 1e-9);
    // The origin is named as the owner organisation.
    const auto& origin = r->candidates[3];
    EXPECT_EQ(origin.organisation, 500);
    EXPECT_TRUE(origin.origin);
    EXPECT_EQ(origin.adoption, 0);
    EXPECT_NE(origin.reasons.back().find("организация-автор практики; «РЦ добровольчества Югры» внедрил(а)"),
              std::string::npos)
        << origin.reasons.back();
}

TEST(OrganisationCandidates, RegionsOnlyWhenSwitchedOff) {
    auto s = WithOrganisations().Build();
    auto w = TimingAndCareers();
    w.organisations = false;
    auto r = LikelySourcesFor(*s, nullptr, 20, 10, w);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->candidates_total, 3u);  // 66, 89, 86
    for (const auto& c : r->candidates) {
        EXPECT_EQ(c.organisation, 0);
        EXPECT_EQ(c.org_move, nullptr);
    }
    EXPECT_EQ(Code(*s, r->candidates[0].region), "66");
    EXPECT_EQ(r->candidates[0].adoption, 11);  // the region's earliest holder
}

TEST(OrganisationCandidates, AdoptionWhoseRegionsHaveNoOrganisationsRanksRegionsAsBefore) {
    auto b = testing::FixtureBuilder();
    b.Upsert(testing::MakeAdoption(20, 1, "72", 0, Channel::kOther, AdoptionStage::kPilot, "2022-01-01"));
    auto s = b.Build();
    AttributionWeights on = TimingAndCareers(), off = on;
    off.organisations = false;
    auto with = LikelySourcesFor(*s, nullptr, 20, 10, on);
    auto without = LikelySourcesFor(*s, nullptr, 20, 10, off);
    ASSERT_TRUE(with.ok() && without.ok());
    ASSERT_EQ(with->candidates.size(), without->candidates.size());
    for (std::size_t i = 0; i < with->candidates.size(); ++i) {
        EXPECT_EQ(with->candidates[i].organisation, 0);
        EXPECT_EQ(with->candidates[i].region, without->candidates[i].region);
        EXPECT_DOUBLE_EQ(with->candidates[i].score, without->candidates[i].score);
        EXPECT_EQ(with->candidates[i].reasons, without->candidates[i].reasons);
    }
}

TEST(OrganisationCandidates, FindCandidateByRegionFallsBackToItsBestOrganisation) {
    auto s = WithOrganisations().Build();
    auto r = LikelySourcesFor(*s, nullptr, 20, 10, TimingAndCareers());
    ASSERT_TRUE(r.ok());
    const auto& c = r->candidates;
    int r66 = s->RegionIndex("66"), r86 = s->RegionIndex("86");
    EXPECT_EQ(c[static_cast<std::size_t>(FindCandidate(c, r66, 0))].organisation, 0);  // the region-level record
    EXPECT_EQ(c[static_cast<std::size_t>(FindCandidate(c, r66, 501))].organisation, 501);
    EXPECT_EQ(c[static_cast<std::size_t>(FindCandidate(c, r86, 0))].organisation, 500);  // only organisations in 86
    EXPECT_EQ(FindCandidate(c, r86, 501), -1);                                           // 501 is in 66
    EXPECT_EQ(FindCandidate(c, s->RegionIndex("45"), 0), -1);
    // A label naming the organisation picks it as the chosen candidate of the weight fit.
    auto choice = ChoiceFor(*s, nullptr, s->adoption_by_id.at(20), r66, 501);
    ASSERT_TRUE(choice.has_value());
    EXPECT_EQ(choice->candidates[choice->chosen][7], 1.0);  // org_career
}

TEST(OrganisationCandidates, JsonNamesTheKindAndTheOrganisation) {
    auto s = WithOrganisations().Build();
    auto r = LikelySourcesFor(*s, nullptr, 20, 10, TimingAndCareers());
    ASSERT_TRUE(r.ok());
    auto j = LikelySourcesJson(*s, *r);
    const auto& top = j["candidates"][0];
    EXPECT_EQ(top["kind"], "organisation");
    EXPECT_EQ(top["organisation"]["id"], 501);
    EXPECT_EQ(top["organisation"]["short_name"], "Корпус «Опора»");
    EXPECT_EQ(top["region"]["code"], "66");
    EXPECT_EQ(top["adoption_id"], 11);
    EXPECT_EQ(top["evidence"]["organisation_career_move"], true);
    EXPECT_EQ(top["evidence"]["person"], "Соколов Андрей");
    const auto& second = j["candidates"][1];
    EXPECT_EQ(second["kind"], "region");
    EXPECT_TRUE(second["organisation"].is_null());
    EXPECT_EQ(second["evidence"]["organisation_career_move"], false);
}

}  // namespace
}  // namespace orientir::analytics
