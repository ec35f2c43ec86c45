#include <gtest/gtest.h>

#include <algorithm>

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

// An alternative whose word places start with these stems (each place may add dictionary forms).
bool HasAlt(const Concept& c, const std::vector<std::string>& stems) {
    for (const auto& a : c.alts) {
        if (a.words.size() != stems.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < stems.size(); ++i) same = same && a.words[i].front() == stems[i];
        if (same) return true;
    }
    return false;
}
// Synonyms meet through concept terms: the term the indexer puts on `text` (read as one whole phrase)
// is among the concept's alternatives.
bool IndexedAsConcept(const Concept& c, const std::string& text) {
    std::vector<std::string> stems, terms;
    for (auto& w : Th().Analyze(text)) stems.push_back(w.stem);
    if (stems.empty() || Th().ConceptsAt(stems, 0, terms) != stems.size()) return false;
    for (const auto& t : terms)
        if (HasAlt(c, {t})) return true;
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
    EXPECT_TRUE(IndexedAsConcept(pq.concepts[0], "добровольческий"));
    EXPECT_TRUE(IndexedAsConcept(pq.concepts[0], "добровольческой деятельности"));
    EXPECT_TRUE(HasBool(pq.concepts[0], "Dvolunteering"));
    EXPECT_TRUE(IndexedAsConcept(pq.concepts[1], "Ханты-Мансийском автономном округе"));
    EXPECT_TRUE(HasBool(pq.concepts[1], "R86"));
    EXPECT_FALSE(IndexedAsConcept(pq.concepts[1], "добровольчество"));
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
    auto pq = ParseQuery("КРТ", Th());
    ASSERT_EQ(pq.concepts.size(), 1u);
    EXPECT_TRUE(IndexedAsConcept(pq.concepts[0], "комплексного развития территорий"));
    EXPECT_TRUE(IndexedAsConcept(pq.concepts[0], "КРТ"));
}

TEST(QueryParse, PruneDropsAbsentTermsAndWordsAConceptTermCovers) {
    auto pq = ParseQuery("волонтерство посёлок", Th());
    ASSERT_EQ(pq.concepts.size(), 2u);
    ASSERT_GT(pq.concepts[1].alts.front().words.front().size(), 1u);  // stem + dictionary forms
    auto pruned = Prune(pq, [](const std::string& t) { return t.rfind(kLemmaPrefix, 0) != 0; });
    // No lemma term exists: the word place keeps the terms that do.
    for (const auto& t : pruned.concepts[1].alts.front().words.front()) EXPECT_NE(t.rfind(kLemmaPrefix, 0), 0u) << t;
    // «волонтерство» as typed is covered by its concept term and goes; the concept term stays.
    EXPECT_FALSE(HasAlt(pruned.concepts[0], {Analyze("волонтерство")[0].stem}));
    EXPECT_TRUE(IndexedAsConcept(pruned.concepts[0], "добровольчество"));
    // Nothing exists: each word place keeps its stem, so the query still asks for the word.
    auto none = Prune(pq, [](const std::string&) { return false; });
    EXPECT_EQ(none.concepts[1].alts.front().words.front(), TermSet{Analyze("посёлок")[0].stem});
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
    EXPECT_EQ(StripControl(std::string("a\x01"
                                       "b\n\tc",
                                       6)),
              "a b  c");
    EXPECT_EQ(StripControl("x\xC2\x85y"), "x  y");
}

// Snippets mark words by position: segment k's first word has position segments[k].pos.
TEST(Snippet, MarksMatchedWordsAndEscapesTheRest) {
    // Words: Организация(10) b(11) добровольческой(12) b(13) деятельности(14) помощь(15)
    auto s = MakeSnippet("Организация <b>добровольческой</b> деятельности & помощь", {{0, 10}}, {{12, 0}});
    EXPECT_NE(s.find("<mark>добровольческой</mark>"), std::string::npos) << s;
    EXPECT_NE(s.find("&lt;b&gt;"), std::string::npos) << s;
    EXPECT_NE(s.find("&amp;"), std::string::npos) << s;
    EXPECT_EQ(s.find("<b>"), std::string::npos) << s;
    EXPECT_EQ(s.find("<mark>Организация"), std::string::npos) << s;
}

TEST(Snippet, PicksTheWindowWithTheMatches) {
    std::string text;
    for (int i = 0; i < 100; ++i) text += "слово ";
    text += "волонтеры Югры ";
    for (int i = 0; i < 100; ++i) text += "текст ";
    // Positions from 1: «волонтеры» is word 101, «Югры» 102; two groups.
    auto s = MakeSnippet(text, {{0, 1}}, {{101, 0}, {102, 1}}, 20);
    EXPECT_NE(s.find("<mark>волонтеры</mark> <mark>Югры</mark>"), std::string::npos) << s;
    EXPECT_EQ(s.rfind("… ", 0), 0u) << s;
}

TEST(Snippet, SegmentsRestartPositionsAndCollapseNewlines) {
    // Two fields in one source: the second starts at byte 13 («второе») with position 50.
    std::string text = "первое\nвторое поле";
    auto s = MakeSnippet(text, {{0, 1}, {13, 50}}, {{1, 0}, {51, 1}});
    EXPECT_EQ(s, "<mark>первое</mark> второе <mark>поле</mark>");
    // Fields are separated by kSnippetFieldSep: « · » unless the first ends a sentence.
    std::string fields =
        std::string("координатор программ") + kSnippetFieldSep + "директор. " + kSnippetFieldSep + "Стаж";
    EXPECT_EQ(MakeSnippet(fields, {{0, 1}}, {}), "координатор программ · директор. Стаж");
    // Nothing marked: the start of the text.
    EXPECT_EQ(MakeSnippet(text, {{0, 1}, {13, 50}}, {}), "первое второе поле");
}

TEST(Query, WordTermsAddDictionaryLemmasWhereStemsDiffer) {
    // Snowball: «посёлка» → «поселк», «посёлок» → «поселок»; the dictionary joins them.
    auto a = WordTerms(Analyze("посёлка")[0]);
    auto b = WordTerms(Analyze("посёлок")[0]);
    ASSERT_NE(a.front(), b.front());
    EXPECT_NE(std::find(a.begin(), a.end(), std::string(kLemmaPrefix) + "поселок"), a.end());
    EXPECT_NE(std::find(a.begin(), a.end(), b.front()), a.end());
    EXPECT_NE(std::find(b.begin(), b.end(), std::string(kLemmaPrefix) + "поселок"), b.end());
    // Abbreviations are kept as they are.
    auto k = WordTerms(Th().Analyze("КРТ")[0]);
    EXPECT_EQ(k.size(), 1u);
}

}  // namespace
}  // namespace orientir::search::detail
