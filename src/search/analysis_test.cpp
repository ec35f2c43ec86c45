#include <gtest/gtest.h>

#include "search/analysis.hpp"
#include "search/query.hpp"
#include "search/snippet.hpp"

namespace orientir::search::detail {
namespace {

const Thesaurus& Th() {
    static const Thesaurus* t = [] {
        auto r = Thesaurus::Load(ORIENTIR_SOURCE_DATA_DIR);
        EXPECT_TRUE(r.ok());
        return r.ok() ? new Thesaurus(std::move(r.value())) : new Thesaurus();
    }();
    return *t;
}

bool HasAlt(const Concept& c, const std::vector<std::string>& stems) {
    for (const auto& a : c.alts)
        if (a.stems == stems) return true;
    return false;
}
bool HasBool(const Concept& c, const std::string& term) {
    for (const auto& a : c.alts)
        if (a.boolean_term == term) return true;
    return false;
}

TEST(Analysis, FoldsCaseAndYoAndStemsInflectedForms) {
    auto w = Analyze("Волонтёрство ВОЛОНТЕРСТВА");
    ASSERT_EQ(w.size(), 2u);
    EXPECT_EQ(w[0].folded, "волонтерство");
    EXPECT_EQ(w[0].stem, w[1].stem);
    EXPECT_EQ(Analyze("Югре")[0].stem, Analyze("Югра")[0].stem);
    EXPECT_EQ(Analyze("художественному образованию")[1].stem, Analyze("художественное образование")[1].stem);
}

TEST(QueryParse, DropsStopWordsAndExpandsRegionAliases) {
    auto pq = ParseQuery("волонтерство в Югре", Th());
    ASSERT_EQ(pq.concepts.size(), 2u);
    EXPECT_EQ(pq.stop_words, 1u);
    EXPECT_TRUE(HasAlt(pq.concepts[0], {Analyze("добровольческий")[0].stem}));
    EXPECT_TRUE(HasBool(pq.concepts[0], "Dvolunteering"));
    std::vector<std::string> hmao;
    for (auto& w : Analyze("Ханты-Мансийский автономный округ")) hmao.push_back(w.stem);
    EXPECT_TRUE(HasAlt(pq.concepts[1], hmao));
    EXPECT_TRUE(HasBool(pq.concepts[1], "R86"));
}

TEST(QueryParse, MatchesLongestMultiwordAlias) {
    auto pq = ParseQuery("Ханты-Мансийском автономном округе", Th());
    ASSERT_EQ(pq.concepts.size(), 1u);
    EXPECT_TRUE(HasBool(pq.concepts[0], "R86"));
}

TEST(QueryParse, RegionAdjectiveMeansRegion) {
    auto pq = ParseQuery("тюменский опыт", Th());
    ASSERT_EQ(pq.concepts.size(), 2u);
    EXPECT_TRUE(HasBool(pq.concepts[0], "R72"));
}

TEST(QueryParse, AbbreviationsExpand) {
    std::vector<std::string> krt;
    for (auto& w : Analyze("комплексное развитие территорий")) krt.push_back(w.stem);
    auto pq = ParseQuery("КРТ", Th());
    ASSERT_EQ(pq.concepts.size(), 1u);
    EXPECT_TRUE(HasAlt(pq.concepts[0], krt));
}

TEST(QueryParse, PhrasesAndExclusions) {
    auto pq = ParseQuery("школа \"художественное образование\" -музыка -\"детский сад\"", Th());
    EXPECT_EQ(pq.phrases.size(), 1u);
    EXPECT_EQ(pq.phrases[0].size(), 2u);
    EXPECT_EQ(pq.excluded.size(), 2u);
}

TEST(QueryParse, UnbalancedQuoteRunsToTheEnd) {
    auto pq = ParseQuery("\"добровольческой деятельности", Th());
    ASSERT_EQ(pq.phrases.size(), 1u);
    EXPECT_EQ(pq.phrases[0].size(), 2u);
    EXPECT_TRUE(ParseQuery("\"", Th()).Empty());
    EXPECT_TRUE(ParseQuery("\"\"\"", Th()).Empty());
}

TEST(QueryParse, OnlyStopWordsIsEmpty) {
    auto pq = ParseQuery("и в на", Th());
    EXPECT_TRUE(pq.Empty());
    EXPECT_EQ(pq.stop_words, 3u);
}

TEST(QueryParse, SqlAndHtmlAreJustWords) {
    auto pq = ParseQuery("'; DROP TABLE practices; -- <script>alert(1)</script>", Th());
    EXPECT_FALSE(pq.Empty());
    Xapian::Query q = BuildQuery(pq, false);
    EXPECT_FALSE(q.empty());
}

TEST(QueryParse, ControlCharactersBecomeSpaces) {
    EXPECT_EQ(StripControl(std::string("a\x01" "b\n\tc", 6)), "a b  c");
    EXPECT_EQ(StripControl("x\xC2\x85y"), "x  y");
}

TEST(Snippet, MarksMatchedWordsAndEscapesTheRest) {
    std::vector<std::string> stems{Analyze("добровольческой")[0].stem};
    auto s = MakeSnippet("Организация <b>добровольческой</b> деятельности & помощь", stems);
    EXPECT_NE(s.find("<mark>добровольческой</mark>"), std::string::npos) << s;
    EXPECT_NE(s.find("&lt;b&gt;"), std::string::npos) << s;
    EXPECT_NE(s.find("&amp;"), std::string::npos) << s;
    EXPECT_EQ(s.find("<b>"), std::string::npos) << s;
}

TEST(Snippet, PicksTheWindowWithTheMatches) {
    std::string text;
    for (int i = 0; i < 100; ++i) text += "слово ";
    text += "волонтеры Югры ";
    for (int i = 0; i < 100; ++i) text += "текст ";
    std::vector<std::string> stems{Analyze("волонтеры")[0].stem, Analyze("Югра")[0].stem};
    std::sort(stems.begin(), stems.end());
    auto s = MakeSnippet(text, stems, 20);
    EXPECT_NE(s.find("<mark>волонтеры</mark> <mark>Югры</mark>"), std::string::npos) << s;
    EXPECT_EQ(s.rfind("… ", 0), 0u) << s;
}

}  // namespace
}  // namespace orientir::search::detail
