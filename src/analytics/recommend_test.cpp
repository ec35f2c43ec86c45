#include "analytics/recommend.hpp"

#include <gtest/gtest.h>

#include "analytics/russian.hpp"
#include "analytics/test_fixture.hpp"

namespace orientir::analytics {
namespace {

Id PracticeId(const Snapshot& s, int p) { return s.practices[static_cast<std::size_t>(p)].id; }

RecommendOptions At(std::string date) {
    RecommendOptions o;
    o.today = DayOf(date);
    return o;
}

TEST(Recommend, ScoresAndReasonsForTyumen) {
    auto s = testing::Fixture();
    auto r = Recommend(*s, "72", At("2024-06-01"));
    ASSERT_TRUE(r.ok()) << r.error().message;
    std::vector<Id> ids;
    for (auto& x : *r) ids.push_back(PracticeId(*s, x.practice));
    // P4 is Tyumen's own, P5 a draft; P2 counts (Tyumen discontinued it).
    ASSERT_EQ(ids, (std::vector<Id>{1, 2, 3, 6}));
    const auto& p1 = (*r)[0];
    // Peers are the 4 other regions: 86 origin 1.0 + 89 implemented 0.9 + 66 pilot 0.5 + 45 interest 0.1.
    EXPECT_DOUBLE_EQ(p1.parts.peers, 2.5 / 4);
    EXPECT_NEAR(p1.parts.reach, std::log1p(3.0) / std::log1p(4.0), 1e-12);
    EXPECT_DOUBLE_EQ(p1.parts.evidence, 1.0);
    EXPECT_DOUBLE_EQ(p1.parts.leader, 1.0);
    EXPECT_DOUBLE_EQ(p1.parts.proximity, 1.0);  // the governor worked in both regions
    EXPECT_DOUBLE_EQ(p1.parts.freshness, 1.0);  // confirmed 2024-03-01
    EXPECT_DOUBLE_EQ(p1.score, 0.8361);
    EXPECT_EQ(p1.peer_adopters.size(), 4u);
    EXPECT_NE(p1.reason.find("внедрили 4 из 4 похожих регионов, включая "), std::string::npos) << p1.reason;
    EXPECT_NE(p1.reason.find("результаты подтверждены"), std::string::npos);
    EXPECT_NE(p1.reason.find("кадровая связь с регионом-источником: 1 человек работал в обоих регионах"),
              std::string::npos);
    EXPECT_NE(p1.reason.find("уже распространилась в 3 региона"), std::string::npos);
    // The same facts in English, one phrase for each Russian one, in the same order.
    EXPECT_EQ(p1.reasons_en.size(), p1.reasons.size());
    EXPECT_NE(p1.reason_en.find("adopted by 4 of 4 similar regions, including "), std::string::npos) << p1.reason_en;
    EXPECT_NE(p1.reason_en.find("personnel link with the source region: 1 person has worked in both regions"),
              std::string::npos)
        << p1.reason_en;
    EXPECT_NE(p1.reason_en.find("already spread to 3 regions"), std::string::npos);
    for (const auto& rec : *r) EXPECT_EQ(rec.reasons_en.size(), rec.reasons.size()) << rec.reason_en;
    // P2: 86 origin + 89 implemented = 1.9/4; reach log 2/log 5; leader (86 leads culture); person link; stale.
    EXPECT_DOUBLE_EQ((*r)[1].score, 0.4831);
    EXPECT_DOUBLE_EQ((*r)[2].score, 0.2681);
    EXPECT_DOUBLE_EQ((*r)[3].score, 0.2);
}

TEST(Recommend, DomainFilterLimitAndErrors) {
    auto s = testing::Fixture();
    auto o = At("2024-06-01");
    o.domain = "culture";
    auto r = Recommend(*s, "72", o);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->size(), 1u);
    EXPECT_EQ(PracticeId(*s, (*r)[0].practice), 2);
    o.domain.clear();
    o.limit = 2;
    auto limited = Recommend(*s, "72", o);
    ASSERT_TRUE(limited.ok());
    EXPECT_EQ(limited.value().size(), 2u);
    EXPECT_EQ(Recommend(*s, "00").error().code, ErrorCode::kNotFound);
    o.domain = "nope";
    EXPECT_EQ(Recommend(*s, "72", o).error().code, ErrorCode::kNotFound);
}

TEST(Recommend, MunicipalitySeesWhatItsRegionAlreadyHas) {
    auto s = testing::Fixture();
    auto o = At("2024-06-01");
    o.municipality = 999;
    auto r = Recommend(*s, "72", o);
    ASSERT_TRUE(r.ok());
    const Recommendation* p4 = nullptr;
    for (auto& x : *r)
        if (PracticeId(*s, x.practice) == 4) p4 = &x;
    ASSERT_NE(p4, nullptr);
    EXPECT_DOUBLE_EQ(p4->parts.proximity, 1.0);
    EXPECT_NE(p4->reason.find("уже внедрена в регионе (2 случая)"), std::string::npos) << p4->reason;
    // The municipality that implemented it does not get it recommended.
    o.municipality = 301;
    auto other = Recommend(*s, "72", o);
    ASSERT_TRUE(other.ok());
    for (auto& x : other.value()) EXPECT_NE(PracticeId(*s, x.practice), 4);
}

TEST(Recommend, SameDataSameRanking) {
    auto a = testing::Fixture(), b = testing::Fixture();
    auto ra = Recommend(*a, "89", At("2024-06-01")), rb = Recommend(*b, "89", At("2024-06-01"));
    ASSERT_TRUE(ra.ok() && rb.ok());
    ASSERT_EQ(ra->size(), rb->size());
    for (std::size_t k = 0; k < ra->size(); ++k) {
        EXPECT_EQ((*ra)[k].practice, (*rb)[k].practice);
        EXPECT_EQ((*ra)[k].reason, (*rb)[k].reason);
    }
}

TEST(SimilarPractices, FindsTheNearDuplicate) {
    auto s = testing::Fixture();
    auto r = SimilarPractices(*s, 1, 5);
    ASSERT_TRUE(r.ok());
    ASSERT_FALSE(r->empty());
    EXPECT_EQ(PracticeId(*s, (*r)[0].practice), 6);
    EXPECT_GT((*r)[0].score, 0.5);
    for (auto& x : *r) EXPECT_NE(PracticeId(*s, x.practice), 5);  // drafts are not shown
    EXPECT_EQ(SimilarPractices(*s, 404).error().code, ErrorCode::kNotFound);
}

TEST(SimilarPractices, WarnsAboutProbableDuplicatesOnSubmission) {
    auto s = testing::Fixture();
    // The same passport submitted again: P1 first; the title alone also flags the look-alike P6.
    auto d =
        ProbableDuplicates(*s, "Организация добровольческой деятельности в муниципалитетах",
                           "Ресурсный центр координирует волонтёров и обучает организаторов в каждом муниципалитете");
    ASSERT_FALSE(d.empty());
    EXPECT_EQ(PracticeId(*s, d[0].practice), 1);
    auto by_title = ProbableDuplicates(*s, "Организация добровольческой деятельности в муниципалитетах", "");
    ASSERT_EQ(by_title.size(), 2u);
    EXPECT_EQ(PracticeId(*s, by_title[0].practice) + PracticeId(*s, by_title[1].practice), 7);
    EXPECT_GE(d[0].score, kDuplicateThreshold);
    EXPECT_TRUE(ProbableDuplicates(*s, "Цифровая платформа обращений граждан", "").empty());
}

TEST(TextIndex, CrudeStemsFoldCaseAndEndings) {
    EXPECT_EQ(TextIndex::Terms("Школа, школы; ШКОЛЕ"), (std::vector<std::string>{"школ", "школ", "школ"}));
    EXPECT_EQ(TextIndex::Terms("Волонтёрский волонтеров"), (std::vector<std::string>{"волонт", "волонт"}));
    EXPECT_EQ(TextIndex::Terms("в и для КРТ"), (std::vector<std::string>{"крт"}));
}

TEST(Russian, AccusativeAndPlurals) {
    EXPECT_EQ(ru::Accusative("Югра"), "Югру");
    EXPECT_EQ(ru::Accusative("Северная Осетия"), "Северную Осетию");
    EXPECT_EQ(ru::Accusative("Тюменская область"), "Тюменскую область");
    EXPECT_EQ(ru::Accusative("Алтайский край"), "Алтайский край");
    EXPECT_EQ(ru::Plural(1, "регион", "региона", "регионов"), "регион");
    EXPECT_EQ(ru::Plural(3, "регион", "региона", "регионов"), "региона");
    EXPECT_EQ(ru::Plural(11, "регион", "региона", "регионов"), "регионов");
    EXPECT_EQ(ru::Plural(21, "регион", "региона", "регионов"), "регион");
    RegionRow tyumen{"72", "Тюменская область", "Тюменская", "ural", {}, {}, {}, false};
    EXPECT_EQ(ru::DisplayName(tyumen), "Тюменская область");
}

}  // namespace
}  // namespace orientir::analytics
