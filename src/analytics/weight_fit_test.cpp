#include "analytics/weight_fit.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "analytics/test_fixture.hpp"

namespace orientir::analytics {
namespace {

// Choices drawn from the conditional logit itself with known weights: binary evidence, a text similarity in
// 0..1 and a timing term in −4..0, five candidates each.
std::vector<LabelledChoice> Simulated(const SignalVector& truth, std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<LabelledChoice> out;
    for (std::size_t i = 0; i < n; ++i) {
        LabelledChoice c;
        std::vector<double> p;
        double z = 0;
        for (int k = 0; k < 5; ++k) {
            SignalVector f{-4 * u(rng),
                           u(rng) < 0.3 ? 1.0 : 0.0,
                           u(rng) < 0.2 ? 1.0 : 0.0,
                           u(rng) < 0.3 ? 1.0 : 0.0,
                           u(rng) < 0.4 ? 1.0 : 0.0,
                           k == 0 ? 1.0 : 0.0,
                           u(rng),
                           u(rng) < 0.15 ? 1.0 : 0.0};
            double e = 0;
            for (std::size_t m = 0; m < kSignalCount; ++m) e += truth[m] * f[m];
            p.push_back(std::exp(e));
            z += p.back();
            c.candidates.push_back(f);
        }
        double r = u(rng) * z;
        for (c.chosen = 0; c.chosen + 1 < p.size() && r > p[c.chosen]; ++c.chosen) r -= p[c.chosen];
        out.push_back(std::move(c));
    }
    return out;
}

TEST(WeightFit, RecoversTheWeightsTheChoicesWereDrawnWith) {
    const SignalVector truth = {0.8, 2.0, 1.5, 0.5, -0.5, 1.0, 3.0, 1.2};
    auto choices = Simulated(truth, 4000, 7);
    auto fit = FitWeights(choices, AttributionWeights{}, 0.01);
    EXPECT_TRUE(fit.converged);
    const auto w = AsVector(fit.weights);
    for (std::size_t k = 0; k < kSignalCount; ++k) EXPECT_NEAR(w[k], truth[k], 0.35) << kSignalNames[k];
    // The fit is at least as likely as the defaults and as the truth (it maximises the likelihood).
    auto at = [&](const SignalVector& v) { return FitWeights(choices, FromVector(v), 1e9).log_likelihood; };
    EXPECT_GE(fit.log_likelihood, at(AsVector(AttributionWeights{})));
    EXPECT_GE(fit.log_likelihood + 1e-6, at(truth));
}

TEST(WeightFit, TheL2PenaltyKeepsFewLabelsNearTheDefaults) {
    const SignalVector truth = {0.8, 2.0, 1.5, 0.5, -0.5, 1.0, 3.0, 1.2};
    auto few = Simulated(truth, 10, 3);
    const auto d = AsVector(AttributionWeights{});
    const auto strong = AsVector(FitWeights(few, AttributionWeights{}, 1e6).weights);
    for (std::size_t k = 0; k < kSignalCount; ++k) EXPECT_NEAR(strong[k], d[k], 1e-3) << kSignalNames[k];
    const auto weak = AsVector(FitWeights(few, AttributionWeights{}, 1).weights);
    double moved = 0;
    for (std::size_t k = 0; k < kSignalCount; ++k) moved += std::fabs(weak[k] - d[k]);
    EXPECT_GT(moved, 1e-3);
}

// Fewer usable confirmations than the threshold: the defaults, said so.
TEST(WeightFit, BelowTheThresholdTheDefaultsAreUsed) {
    auto b = testing::FixtureBuilder();
    b.Upsert(
        testing::MakeAdoption(20, 1, "72", 0, domain::Channel::kOther, domain::AdoptionStage::kPilot, "2022-01-01"));
    auto s = b.Build();
    // A20's candidates are 86, 89 and 66; the curator confirmed 89. A16 has a single candidate (not usable).
    auto lw = LearnWeights(*s, nullptr, {{20, s->RegionIndex("89")}, {16, s->RegionIndex("86")}, {999, 0}});
    EXPECT_FALSE(lw.learned);
    EXPECT_EQ(lw.confirmations, 3u);
    EXPECT_EQ(lw.usable, 1u);
    EXPECT_EQ(AsVector(lw.weights), AsVector(AttributionWeights{}));
    auto c = ChoiceFor(*s, nullptr, s->adoption_by_id.at(20), s->RegionIndex("89"));
    ASSERT_TRUE(c.has_value());
    ASSERT_EQ(c->candidates.size(), 3u);
    EXPECT_LT(c->chosen, 3u);
    for (const auto& f : c->candidates) EXPECT_TRUE(std::isfinite(f[0]));  // the timing term
    // The origin 86 is the one candidate with the origin signal.
    int origins = 0;
    for (const auto& f : c->candidates) origins += f[5] == 1.0;
    EXPECT_EQ(origins, 1);
    auto j = LearnedWeightsJson(lw);
    EXPECT_EQ(j["source"], "default");
    EXPECT_EQ(j["weights"]["network"], 4.0);
    EXPECT_NE(j["summary"].get<std::string>().find("веса сигналов: время 0,25; выведенная связь 4,00"),
              std::string::npos)
        << j["summary"];
    EXPECT_NE(j["summary"].get<std::string>().find("нужно 30"), std::string::npos);
}

// Rejections are negative examples: curators who reject every candidate with a career move (the source was
// none of them) lower the career weight; added to confirmations, they pull it below the confirmations' fit.
TEST(WeightFit, RejectionsLowerTheWeightOfWhatTheRejectedCandidatesShare) {
    const SignalVector truth = {0.8, 2.0, 1.5, 0.5, -0.5, 1.0, 3.0, 1.2};
    auto confirmations = Simulated(truth, 400, 11);
    std::vector<LabelledChoice> rejections;
    for (auto c : Simulated(truth, 400, 12)) {
        c.rejected.clear();
        for (std::size_t i = 0; i < c.candidates.size(); ++i)
            if (c.candidates[i][2] == 1.0) c.rejected.push_back(i);  // the career-move candidates
        if (!c.rejected.empty() && c.rejected.size() < c.candidates.size()) rejections.push_back(std::move(c));
    }
    ASSERT_GT(rejections.size(), 100u);
    const double prior_career = AttributionWeights{}.career;
    auto only_rejections = FitWeights(rejections);
    EXPECT_LT(only_rejections.weights.career, prior_career - 0.5);
    // Other signals the rejected candidates do not share more than the rest move far less.
    EXPECT_LT(std::fabs(only_rejections.weights.district - AttributionWeights{}.district),
              prior_career - only_rejections.weights.career);
    auto confirmed = FitWeights(confirmations);
    auto both_sets = confirmations;
    both_sets.insert(both_sets.end(), rejections.begin(), rejections.end());
    auto both = FitWeights(both_sets);
    EXPECT_LT(both.weights.career, confirmed.weights.career - 0.3);
    // Each fit is at least as likely as where it started (the defaults).
    auto at_prior = FitWeights(both_sets, AttributionWeights{}, 1e9);
    EXPECT_GE(both.log_likelihood, at_prior.log_likelihood);
}

TEST(WeightFit, RejectionForMapsTheShownCandidates) {
    auto b = testing::FixtureBuilder();
    b.Upsert(
        testing::MakeAdoption(20, 1, "72", 0, domain::Channel::kOther, domain::AdoptionStage::kPilot, "2022-01-01"));
    auto s = b.Build();
    const int a20 = s->adoption_by_id.at(20), r86 = s->RegionIndex("86"), r89 = s->RegionIndex("89"),
              r66 = s->RegionIndex("66"), r45 = s->RegionIndex("45");
    auto two = RejectionFor(*s, nullptr, a20, {{r86, 0}, {r89, 0}});
    ASSERT_TRUE(two.has_value());
    EXPECT_EQ(two->candidates.size(), 3u);
    EXPECT_EQ(two->rejected.size(), 2u);
    EXPECT_FALSE(RejectionFor(*s, nullptr, a20, {{r86, 0}, {r89, 0}, {r66, 0}}).has_value());  // nothing left
    EXPECT_FALSE(RejectionFor(*s, nullptr, a20, {{r45, 0}}).has_value());   // 45 adopted later: not a candidate
    EXPECT_FALSE(RejectionFor(*s, nullptr, a20, {{r86, 77}}).has_value());  // no such organisation candidate
    // Rejections count toward the threshold and are reported.
    auto lw = LearnWeights(*s, nullptr, {{20, r89}}, {{20, {{r86, 0}, {r89, 0}}}, {999, {{r86, 0}}}});
    EXPECT_EQ(lw.rejections, 2u);
    EXPECT_EQ(lw.usable_rejections, 1u);
    EXPECT_FALSE(lw.learned);
    EXPECT_EQ(LearnedWeightsJson(lw)["usable_rejections"], 1);
}

}  // namespace
}  // namespace orientir::analytics
