// The adoption ranker (adoption_ranker.hpp): its model format, its candidates and its decision, with
// hand-made models so that each assertion follows from the weights written here, not from a training run.
#include <gtest/gtest.h>

#include <algorithm>
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

TEST(RankModel, ParsesWhereAPairJoinsTheRulesFacts) {
    EXPECT_GT(RankModel::Parse("@threshold\t0.3\n").beside(), 1.0);  // never, unless the model says
    EXPECT_DOUBLE_EQ(RankModel::Parse("@threshold\t0.3\n@beside\t0.7\n").beside(), 0.7);
}

TEST(RankedBeside, AConfidentPairOfOtherPartiesJoinsTheRulesFactsAndNoOtherDoes) {
    auto d = Analysed(kBorrowing);
    auto cands = AdoptionCandidates(d);
    auto pair = [&](const std::string& a, const std::string& s) {
        for (const auto& c : cands)
            if (d.mentions[c.adopter].normal == a && d.mentions[c.source].normal == s) return c;
        ADD_FAILURE() << a << " <- " << s << " is no candidate";
        return RankCandidate{};
    };
    // the rules found «Кострома <- Казань»
    Fact rule;
    rule.kind = FactKind::kAdoption;
    rule.adopter = pair("Кострома", "Казань").adopter;
    rule.source = pair("Кострома", "Казань").source;
    rule.adopter_region = pair("Кострома", "Казань").adopter_region;
    rule.source_region = pair("Кострома", "Казань").source_region;
    EXPECT_TRUE(SameParties(d.mentions, rule, pair("Кострома", "Казань")));
    EXPECT_FALSE(SameParties(d.mentions, rule, pair("Кострома", "Альметьевск")));
    EXPECT_FALSE(SameParties(d.mentions, rule, pair("Казань", "Кострома")));  // the direction counts
    const std::vector<Fact> facts = {rule};

    // the model is sure of «Кострома <- Альметьевск»: it joins them, with its own why
    auto sure = RankModel::Parse("@bias\t-4\n@threshold\t0.5\n@beside\t0.7\n@choice\t1\nA:head\t4\nS:p1=из\t6\n");
    Fact f;
    ASSERT_TRUE(RankedBeside(d, sure, false, facts, 0, f));
    EXPECT_EQ(d.mentions[*f.adopter].normal, "Кострома");
    EXPECT_EQ(d.mentions[*f.source].normal, "Альметьевск");
    EXPECT_NE(f.why.find("рядом с тем, что нашли правила"), std::string::npos) << f.why;
    // not above its «beside» probability
    auto unsure = RankModel::Parse("@bias\t-4\n@threshold\t0.5\n@beside\t0.99\n@choice\t1\nA:head\t4\nS:p1=из\t6\n");
    EXPECT_FALSE(RankedBeside(d, unsure, false, facts, 0, f));
    // nor when the rules hold a fact between the same parties
    Fact same = rule;
    same.source = pair("Кострома", "Альметьевск").source;
    same.source_region = pair("Кострома", "Альметьевск").source_region;
    EXPECT_FALSE(RankedBeside(d, sure, false, {same}, 0, f));
    // a model that never says «beside» never joins
    auto never = RankModel::Parse("@bias\t-4\n@threshold\t0.5\n@choice\t1\nA:head\t4\nS:p1=из\t6\n");
    EXPECT_FALSE(RankedBeside(d, never, false, facts, 0, f));
}

TEST(AdoptionCandidates, TheSignatureOfAFirstPersonPostIsAnAdopter) {
    // a district head's post: the district is named only under it
    const char* post =
        "Штабы в каждом селе\n\nДрузья, на прошлой неделе побывал в соседнем Прикамье. Там при каждом доме "
        "культуры работает добровольческий штаб.\n\nХотим попробовать так же у нас и перенять этот опыт.\n\n"
        "Игорь Прозоров, глава Воткинского района\n";
    auto d = Analysed(post);
    bool district_adopts = false;
    for (const auto& c : AdoptionCandidates(d))
        district_adopts =
            district_adopts || (d.mentions[c.adopter].normal.find("Воткинск") != std::string::npos &&
                                std::find(c.features.begin(), c.features.end(), "A:signature") != c.features.end());
    EXPECT_TRUE(district_adopts);
    // the same text in the third person: the signature is no adopter
    std::string third = post;
    third.replace(third.find("Хотим попробовать так же у нас"), std::string("Хотим попробовать так же у нас").size(),
                  "Район хочет попробовать так же");
    auto d3 = Analysed(third);
    for (const auto& c : AdoptionCandidates(d3))
        EXPECT_EQ(d3.mentions[c.adopter].normal.find("Воткинск"), std::string::npos)
            << d3.mentions[c.adopter].normal << " <- " << d3.mentions[c.source].normal;
}

TEST(RankedAdoption, TheRulesFactsAreJoinedOnlyByAConfidentPairOfOtherParties) {
    // the rules read «по примеру X»: the model's best pair is the same parties, so nothing joins them
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

namespace orientir::extract::detail {

// The head noun of a body's name: nouns in «-ние» are no adjectives, legal forms and adjectives are skipped.
TEST(OrganisationHead, IsTheFirstNounNotAnAdjectiveNorALegalForm) {
    EXPECT_EQ(OrganisationHead("управление жилищно-коммунального хозяйства мэрии Череповца"),
              OrganisationHead("управление"));
    EXPECT_EQ(OrganisationHead("ГБУЗ «Городская клиническая больница № 1»"), OrganisationHead("больница"));
    EXPECT_EQ(OrganisationHead("Чемальский районный краеведческий музей"), OrganisationHead("музей"));
    EXPECT_EQ(OrganisationHead("МБУ ДО «Детская школа искусств № 1»"), OrganisationHead("школа"));
}

}  // namespace orientir::extract::detail
