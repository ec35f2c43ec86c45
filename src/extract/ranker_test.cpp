// The adoption ranker (adoption_ranker.hpp): its model format, its candidates and its decision, with
// hand-made models so that each assertion follows from the weights written here, not from a training run.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "extract/adoption_finder.hpp"
#include "extract/adoption_ranker.hpp"
#include "extract/doc.hpp"
#include "extract/test_reference.hpp"

namespace orientir::extract::detail {

namespace {

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

Doc Analysed(const std::string& text) {
    Doc d;
    Analyse(testing::ReferenceExtractor().gazetteer(), text, d, nullptr);
    return d;
}

const char* kBorrowing =
    "Кострома присмотрелась к дворам\n\nВ Костроме появятся советы дворов. Идею привезли из Альметьевска, где "
    "такие советы работают с 2021 года. Опыт изучали также в Казани.\n";

}  // namespace

TEST(RankModel, ParsesBiasThresholdAndWeightsAndIgnoresOtherLines) {
    auto m = RankModel::Parse("@bias\t-1\n@threshold\t0.6\nA:head\t2\nnot a weight line\nS:p1=из\t0.5\n");
    EXPECT_DOUBLE_EQ(m.threshold(), 0.6);
    EXPECT_NEAR(m.Probability({}), Sigmoid(-1), 1e-12);
    EXPECT_NEAR(m.Probability({"A:head"}), Sigmoid(1), 1e-12);
    EXPECT_NEAR(m.Probability({"A:head", "S:p1=из", "unknown"}), Sigmoid(1.5), 1e-12);
    EXPECT_EQ(m.weights_.size(), 2u);
}

TEST(RankModel, AnEmptyModelNeverDecides) {
    auto m = RankModel::Parse("");
    EXPECT_TRUE(m.empty());
    EXPECT_GT(m.threshold(), 1.0);  // no probability passes it
}

TEST(RankModel, TheModelIsCompiledIn) {
    const RankModel* m = RankModel::Embedded();
    ASSERT_NE(m, nullptr) << "src/extract/model/adoption-ranker.tsv was not embedded";
    EXPECT_GT(m->threshold(), 0.0);
    EXPECT_LT(m->threshold(), 1.0);
    EXPECT_GT(m->weights_.size(), 100u);
}

TEST(AdoptionCandidates, ATextWithoutAnyCueHasNone) {
    auto d = Analysed("В Костроме и Казани прошёл снегопад\n\nВ Альметьевске тоже выпал снег.\n");
    EXPECT_TRUE(AdoptionCandidates(d).empty());
}

TEST(AdoptionCandidates, EveryOrderedPairOfDistinctPartiesOnce) {
    auto d = Analysed(kBorrowing);
    auto cands = AdoptionCandidates(d);
    ASSERT_EQ(cands.size(), 6u);  // Кострома, Альметьевск, Казань: 3 × 2 ordered pairs
    for (const auto& c : cands) {
        EXPECT_NE(d.mentions[c.adopter].normal, d.mentions[c.source].normal);
        EXPECT_FALSE(c.features.empty());
        EXPECT_LT(c.sentence, d.sents.size());
    }
}

TEST(RankedAdoption, ProposesTheBestPairAboveTheThresholdOnly) {
    auto d = Analysed(kBorrowing);
    // the adopter is named in the headline, the source follows «из»
    auto m = RankModel::Parse("@bias\t-4\n@threshold\t0.5\nA:head\t3\nS:p1=из\t3\n");
    Fact f;
    ASSERT_TRUE(RankedAdoption(d, m, false, f));
    ASSERT_TRUE(f.adopter && f.source);
    EXPECT_EQ(d.mentions[*f.adopter].normal, "Кострома");
    EXPECT_EQ(d.mentions[*f.source].normal, "Альметьевск");
    EXPECT_EQ(f.kind, FactKind::kAdoption);
    EXPECT_LT(f.confidence, 0.75);  // a guess from the whole article ranks below the rules' facts
    EXPECT_FALSE(f.evidence.text.empty());
    EXPECT_NE(f.why.find("модел"), std::string::npos) << "the curator is told a model chose the parties";
    // «Идею привезли из Альметьевска»: the evidence only points at the practice; the lede names it
    EXPECT_NE(f.practice_text, "идея");
    EXPECT_TRUE(f.practice_text.empty() || !adoption::GenericPhrase(f.practice_text)) << f.practice_text;

    auto strict = RankModel::Parse("@bias\t-4\n@threshold\t0.99\nA:head\t3\nS:p1=из\t3\n");
    EXPECT_FALSE(RankedAdoption(d, strict, false, f));
}

TEST(RankedAdoption, TheRulesFactsAreNeverJoinedByAGuess) {
    // the rules read «по примеру X» — the fallback stays silent, whatever the model says
    const std::string text = "По примеру Чувашии в Мордовии открыли центры поддержки добровольцев.\n";
    auto g = LoadReferenceGazetteer(ORIENTIR_SOURCE_DATA_DIR, /*include_demo=*/false);
    ASSERT_TRUE(g.ok());
    ExtractorOptions without;
    without.ranker = false;
    auto a = Extractor(*g).Extract(text);
    auto b = Extractor(*g, without).Extract(text);
    ASSERT_FALSE(b.facts.empty());
    ASSERT_EQ(a.facts.size(), b.facts.size());
    for (std::size_t i = 0; i < a.facts.size(); ++i) EXPECT_EQ(a.facts[i].adopter, b.facts[i].adopter);
}

}  // namespace orientir::extract::detail
