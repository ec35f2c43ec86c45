#include "analytics/attribution.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "analytics/inferred_network.hpp"
#include "analytics/test_fixture.hpp"

namespace orientir::analytics {
namespace {

using domain::AdoptionStage;
using domain::Channel;

std::string Code(const Snapshot& s, int r) { return r < 0 ? "" : s.regions[static_cast<std::size_t>(r)].code; }

std::string Joined(const std::vector<std::string>& v) {
    std::string out;
    for (auto& x : v) out += x + "; ";
    return out;
}

// The fixture plus A20: practice P1 adopted by 72 on 2022-01-01 with no source and channel «другое».
// P1 was in 86 (origin, 2019-01-01), 89 (2020-03-01), 66 (2021-06-01) before; 45 adopted later.
SnapshotBuilder WithUnexplained() {
    auto b = testing::FixtureBuilder();
    b.Upsert(testing::MakeAdoption(20, 1, "72", 0, Channel::kOther, AdoptionStage::kPilot, "2022-01-01"));
    return b;
}

TEST(InferredNetwork, CascadesRollUpToRegionsAndSkipDrafts) {
    auto s = WithUnexplained().Build();
    auto cs = RegionalCascades(*s);
    // P1: 86, 89, 66, 45, 72; P2: 86, 89, 72; P3: 89, 86; P4: 72 (origin; its own adoption later counts once),
    // 86; P6: 45. The draft P5 is left out.
    ASSERT_EQ(cs.size(), 5u);
    std::size_t events = 0;
    for (auto& c : cs) events += c.nodes.size();
    EXPECT_EQ(events, 13u);
    const auto& p4 = cs[3];
    ASSERT_EQ(p4.nodes.size(), 2u);
    EXPECT_EQ(Code(*s, p4.nodes[0]), "72");
    EXPECT_NEAR(p4.times[0], DayOf(std::string("2020-01-01")) / 365.25, 1e-9);
}

TEST(InferredNetwork, CacheFollowsTheSnapshot) {
    auto s1 = WithUnexplained().Build();
    InferenceCache cache({}, /*background=*/false);
    auto a = cache.Get(s1);
    EXPECT_EQ(a.get(), cache.Get(s1).get());
    auto b = WithUnexplained();
    b.Upsert(testing::MakeAdoption(21, 2, "45", 0, Channel::kOther, AdoptionStage::kPilot, "2023-05-01"));
    auto s2 = b.Build();
    auto c = cache.Get(s2);
    EXPECT_NE(a.get(), c.get());
    EXPECT_EQ(c->events, a->events + 1);
}

TEST(InferredNetwork, CacheServesTheOlderResultWhileRecomputingInTheBackground) {
    std::shared_ptr<const Snapshot> s1 = WithUnexplained().Build();
    InferenceCache cache;
    auto a = cache.Get(s1);  // first: synchronous
    auto b = WithUnexplained();
    b.Upsert(testing::MakeAdoption(21, 2, "45", 0, Channel::kOther, AdoptionStage::kPilot, "2023-05-01"));
    std::shared_ptr<const Snapshot> s2 = b.Build();
    auto stale = cache.Get(s2);
    cache.Wait();
    auto fresh = cache.Get(s2);
    EXPECT_EQ(fresh->events, a->events + 1);
    EXPECT_EQ(fresh.get(), cache.Get(s2).get());
    EXPECT_TRUE(stale.get() == a.get() || stale.get() == fresh.get());  // the older result unless it raced ahead
}

TEST(LikelySources, TimingOnlyRanksByDelayUnderTheExponential) {
    auto s = WithUnexplained().Build();
    auto r = LikelySourcesFor(*s, nullptr, 20, 3, AttributionWeights::TimingOnly());
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->unexplained);
    EXPECT_EQ(r->candidates_total, 3u);
    ASSERT_EQ(r->candidates.size(), 3u);
    // λ = 1 per year: score = −Δt in years; nearest first: 66, 89, 86.
    EXPECT_EQ(Code(*s, r->candidates[0].region), "66");
    EXPECT_EQ(Code(*s, r->candidates[1].region), "89");
    EXPECT_EQ(Code(*s, r->candidates[2].region), "86");
    EXPECT_EQ(r->candidates[0].adoption, 11);
    EXPECT_TRUE(r->candidates[2].origin);
    EXPECT_EQ(r->candidates[2].adoption, 0);
    double d66 = (DayOf(std::string("2022-01-01")) - DayOf(std::string("2021-06-01"))) / 365.25;
    double d89 = (DayOf(std::string("2022-01-01")) - DayOf(std::string("2020-03-01"))) / 365.25;
    double d86 = (DayOf(std::string("2022-01-01")) - DayOf(std::string("2019-01-01"))) / 365.25;
    double z = std::exp(-d66) + std::exp(-d89) + std::exp(-d86);
    EXPECT_NEAR(r->candidates[0].probability, std::exp(-d66) / z, 1e-9);
    EXPECT_NEAR(r->candidates[2].probability, std::exp(-d86) / z, 1e-9);
    // Timing only: the reasons name the timing and nothing that was not weighed.
    ASSERT_EQ(r->candidates[0].reasons.size(), 1u);
    EXPECT_NE(r->candidates[0].reasons[0].find("на 7 месяцев раньше"), std::string::npos)
        << r->candidates[0].reasons[0];
}

TEST(LikelySources, CareerMoveOutweighsTimingAndIsNamedInTheReasons) {
    auto b = WithUnexplained();
    const testing::Post from{10, "министр", "89", std::nullopt, "2015-01-01", ""};
    testing::Post to{11, "заместитель губернатора", "72", std::nullopt, "2021-03-01", ""};
    testing::AddCareerMove(b, 2, "Соколов", "Андрей", from, to);
    auto s = b.Build();
    AttributionWeights w = AttributionWeights::TimingOnly();
    w.career = 3;  // 89: −1.84 + 3 beats 66: −0.58
    auto r = LikelySourcesFor(*s, nullptr, 20, 3, w);
    ASSERT_TRUE(r.ok());
    ASSERT_FALSE(r->candidates.empty());
    EXPECT_EQ(Code(*s, r->candidates[0].region), "89");
    ASSERT_NE(r->candidates[0].move, nullptr);
    EXPECT_NE(r->candidates[0].reasons[0].find("кадровая связь"), std::string::npos);
    EXPECT_NE(r->candidates[0].reasons[0].find("2021 г."), std::string::npos);
    // Timing only still prefers the nearest in time.
    auto t = LikelySourcesFor(*s, nullptr, 20, 3, AttributionWeights::TimingOnly());
    EXPECT_EQ(Code(*s, t->candidates[0].region), "66");
    // A move after the adoption started is not evidence.
    auto b2 = WithUnexplained();
    to.from = "2022-06-01";
    testing::AddCareerMove(b2, 2, "Соколов", "Андрей", from, to);
    auto s2 = b2.Build();
    auto late = LikelySourcesFor(*s2, nullptr, 20, 3, w);
    for (auto& c : late->candidates) EXPECT_EQ(c.move, nullptr);
}

TEST(LikelySources, RecordedSourceUnknownAdoptionAndNoCandidates) {
    auto s = WithUnexplained().Build();
    auto rec = LikelySourcesFor(*s, nullptr, 11, 3);
    ASSERT_TRUE(rec.ok());
    EXPECT_FALSE(rec->unexplained);
    EXPECT_EQ(Code(*s, rec->recorded_source), "89");
    EXPECT_FALSE(LikelySourcesFor(*s, nullptr, 999, 3).ok());
    // A10 (89, 2020-03-01) of P1: only the origin 86 came before.
    auto first = LikelySourcesFor(*s, nullptr, 10, 3);
    ASSERT_EQ(first->candidates.size(), 1u);
    EXPECT_EQ(Code(*s, first->candidates[0].region), "86");
    EXPECT_NEAR(first->candidates[0].probability, 1.0, 1e-12);
}

TEST(LikelySources, DefaultWeightsPreferTheOriginOtherEvidenceEqual) {
    auto s = WithUnexplained().Build();
    auto r = LikelySourcesFor(*s, nullptr, 20, 3);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(Code(*s, r->candidates[0].region), "86");
    EXPECT_NE(Joined(r->candidates[0].reasons).find("регион-автор практики"), std::string::npos);
}

TEST(LikelySources, InferredEdgeAddsEvidenceAndJsonLabelsItInferred) {
    auto s = WithUnexplained().Build();
    RegionalInferenceOptions o;
    o.p_value_cutoff = 0;
    o.max_edges = 50;
    o.params = {1.0};
    auto net = InferRegional(*s, o);
    ASSERT_GT(net->reported_edges, 0u);
    auto r = LikelySourcesFor(*s, net.get(), 20, 3);
    ASSERT_TRUE(r.ok());
    bool any_edge = false;
    for (auto& c : r->candidates) any_edge = any_edge || c.inferred_edge;
    EXPECT_TRUE(any_edge);
    auto j = LikelySourcesJson(*s, *r);
    EXPECT_EQ(j["kind"], "inferred");
    EXPECT_EQ(j["candidates"].size(), 3u);
    EXPECT_FALSE(j["candidates"][0]["reason"].get<std::string>().empty());
    auto nj = InferredNetworkJson(*s, *net, 5);
    EXPECT_EQ(nj["edges"].size(), 5u);
    EXPECT_EQ(nj["edges"][0]["kind"], "inferred");
}

}  // namespace
}  // namespace orientir::analytics

namespace orientir::analytics {
namespace {

// Text similarity: the adopter's notes against each candidate's (the origin's passport, else the candidate
// adoption's notes). The candidate whose notes share the adopter's particular words gains w × cosine and
// the reason «сходство описания 0,…»; with the weight at zero nothing changes.
TEST(LikelySources, TextSimilarityRaisesTheCandidateWithTheSameNotes) {
    auto b = WithUnexplained();
    auto with_notes = [](domain::Adoption a, const char* notes) {
        a.adaptation_notes = notes;
        return a;
    };
    b.Upsert(with_notes(testing::MakeAdoption(20, 1, "72", 0, Channel::kOther, AdoptionStage::kPilot, "2022-01-01"),
                        "Штабы открыты при колледжах, координаторы — преподаватели, вахтовые смены по субботам"));
    b.Upsert(
        with_notes(testing::MakeAdoption(11, 1, "66", 0, Channel::kConference, AdoptionStage::kPilot, "2021-06-01", 10),
                   "Координаторы — преподаватели колледжей; вахтовые смены штабов по субботам"));
    b.Upsert(with_notes(
        testing::MakeAdoption(10, 1, "89", 0, Channel::kCompetenceCentre, AdoptionStage::kImplemented, "2020-03-01"),
        "Региональный стандарт принят с упором на сельские районы"));
    auto s = b.Build();
    EXPECT_NE(s->AdoptionText(s->adoption_by_id.at(11)).find("вахтовые"), std::string_view::npos);

    AttributionWeights off;
    off.text = 0;
    AttributionWeights on = off;
    on.text = 3;
    auto base = LikelySourcesFor(*s, nullptr, 20, 3, off);
    auto text = LikelySourcesFor(*s, nullptr, 20, 3, on);
    ASSERT_TRUE(base.ok() && text.ok());
    auto find = [&](const LikelySources& l, const char* code) -> const SourceCandidate* {
        for (const auto& c : l.candidates)
            if (Code(*s, c.region) == code) return &c;
        return nullptr;
    };
    const auto *b66 = find(*base, "66"), *t66 = find(*text, "66"), *t89 = find(*text, "89");
    ASSERT_TRUE(b66 && t66 && t89);
    EXPECT_EQ(b66->text_similarity, 0.0);
    EXPECT_GT(t66->text_similarity, 0.3);
    EXPECT_LT(t89->text_similarity, t66->text_similarity);
    EXPECT_NEAR(t66->score - b66->score, 3 * t66->text_similarity, 1e-9);
    EXPECT_GT(t66->probability, b66->probability);
    bool named = false;
    for (const auto& r : t66->reasons) named = named || r.rfind("сходство описания 0,", 0) == 0;
    EXPECT_TRUE(named) << Joined(t66->reasons);
    // Timing only never weighs the text.
    auto timing = LikelySourcesFor(*s, nullptr, 20, 3, AttributionWeights::TimingOnly());
    for (const auto& c : timing->candidates) EXPECT_EQ(c.text_similarity, 0.0);
}

}  // namespace
}  // namespace orientir::analytics
