#pragma once
// Russian analysis shared by the indexer and the query side, so both produce the same terms:
// ICU word tokens (text::Tokenize), case and ё folding (text::Fold), Snowball Russian stems.
// Plus the thesaurus: synonym groups, region names/aliases/adjectives and domain words, loaded
// from data files and matched on stem sequences. Private to the search module.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/result.hpp"

namespace orientir::search::detail {

// Kinds returned by searches: practice, organisation, person, region, municipality.
const std::vector<std::string>& SearchableKindsList();

struct Word {
    std::string folded;  // case and ё folded form
    std::string stem;    // Snowball stem of `folded` (an abbreviation: `folded` itself)
    bool abbreviation = false;
    std::int32_t start = 0;  // code point offsets in the analysed text
    std::int32_t end = 0;
};

// Snowball Russian stem of a folded word. Thread-safe (one stemmer per thread).
std::string StemFolded(const std::string& folded);
// Words (letters/digits) of a UTF-8 text with stems. Abbreviations are not stemmed (Snowball turns
// «ИИ» into «и» and «НАО» into «на»): a word written in capitals of up to 6 letters, or one whose
// folded form is in `keep` (abbreviations known to the thesaurus, typed in lower case), keeps its
// folded form as its stem.
using WordSet = std::unordered_set<std::string>;
std::vector<Word> Analyze(std::string_view utf8, const WordSet* keep = nullptr);

// The word boundaries of Analyze, without folding or stemming: calls fn(byte_start, byte_end) for
// each word in order. Snippets rely on it: the n-th word here is the n-th position the indexer gave.
void ForEachWord(std::string_view utf8, const std::function<void(std::size_t, std::size_t)>& fn);

// Where Snowball fails (fleeting vowels: «посёлок»/«посёлка», «кружок»/«кружков»; alternations),
// the dictionary (hunspell-ru) knows the normal form. For a folded word: its normal forms (folded),
// most likely first; the word itself when the dictionary does not know it; empty for words shorter
// than three letters or not Cyrillic. Cached per thread: the reference stays valid until the next call
// on the same thread. The indexer adds the term kLemmaPrefix + lemma where the lemma's stem differs
// from the word's stem; a query word expands to its stem OR kLemmaPrefix + each lemma OR each
// lemma's stem, so every form meets every other.
inline constexpr const char* kLemmaPrefix = "L";
const std::vector<std::string>& Lemmas(const std::string& folded);

// Byte offset of each code point of `utf8`, plus a final entry = utf8.size().
std::vector<std::size_t> CodePointByteOffsets(std::string_view utf8);

struct Label {
    std::string ru, en;
};

// The terms any of which may stand at one word's place: its stem, and where the dictionary helps,
// kLemmaPrefix + its normal forms and their stems (see Lemmas). The stem comes first.
using TermSet = std::vector<std::string>;
TermSet WordTerms(const Word& w);

// One way to say a concept: a sequence of word places (a phrase when longer than one) or a boolean term.
struct Alternative {
    std::vector<TermSet> words;
    std::string boolean_term;  // e.g. "R86" (origin region), "Dvolunteering" (domain); empty otherwise
    // The words as typed where a concept term (below) of the same concept also stands: every document
    // holding these stems holds the concept term, so the alternative only adds dictionary forms.
    bool covered = false;
};

// Concept terms: where the text says any phrase of a synonym group, the indexer adds the group's
// term (kConceptPrefix + group number) at the positions of the phrase's words, so a query for the
// group reads one posting list instead of an OR of phrases. The numbers follow the data files: an
// index remembers the thesaurus fingerprint it was built with and is rebuilt when it changes.
inline constexpr const char* kConceptPrefix = "C";

class Thesaurus {
public:
    // Reads data_dir/search/synonyms.json, data_dir/search/stopwords.txt, data_dir/reference/{regions,
    // domains,federal_districts}.json. Missing optional files are tolerated; malformed ones are errors.
    static Result<Thesaurus> Load(const std::string& data_dir);

    bool IsStop(const std::string& folded) const { return stop_.count(folded) > 0; }
    // Abbreviations of the data files (folded), kept unstemmed by Analyze.
    const WordSet* Abbreviations() const { return &abbreviations_; }
    std::vector<Word> Analyze(std::string_view utf8) const { return detail::Analyze(utf8, &abbreviations_); }

    // Longest thesaurus phrase starting at stems[i]; returns its length (0: none) and fills `alts`
    // with every way to say it (the matched stems themselves first, which the caller may widen).
    std::size_t Match(const std::vector<std::string>& stems, std::size_t i, std::vector<Alternative>& alts) const;
    // Indexing side: the length of the longest synonym-group phrase starting at stems[i] (0: none)
    // and the concept terms of the groups it belongs to.
    std::size_t ConceptsAt(const std::vector<std::string>& stems, std::size_t i, std::vector<std::string>& terms) const;
    // Changes whenever the groups change (their phrases, order or kind).
    const std::string& Fingerprint() const { return fingerprint_; }

    // Reference lookups for documents and facet labels.
    std::string DistrictOfRegion(const std::string& region) const;
    const Label* RegionLabel(const std::string& code) const;
    const Label* DistrictLabel(const std::string& code) const;
    const Label* DomainLabel(const std::string& code) const;
    // Name and aliases of a region (indexed with the region's documents).
    const std::vector<std::string>& RegionNames(const std::string& code) const;

private:
    struct Group {
        std::vector<std::vector<std::string>> phrases;  // stems
        std::vector<std::string> boolean_terms;
        bool expand = true;  // false: matched words only (+ boolean terms), not the other phrases
    };
    struct Entry {
        std::vector<std::string> stems;
        std::size_t group;
    };
    void AddGroup(const std::vector<std::string>& phrases, std::vector<std::string> boolean_terms, bool expand);

    // Longest match at stems[i]: its length and the groups holding it.
    std::size_t Longest(const std::vector<std::string>& stems, std::size_t i, std::vector<std::size_t>& groups) const;

    std::vector<Group> groups_;
    std::string fingerprint_;
    std::unordered_map<std::string, std::vector<Entry>> by_first_;
    std::unordered_set<std::string> stop_;
    WordSet abbreviations_;
    std::unordered_map<std::string, std::string> region_district_;
    std::unordered_map<std::string, Label> region_labels_, district_labels_, domain_labels_;
    std::unordered_map<std::string, std::vector<std::string>> region_names_;
};

}  // namespace orientir::search::detail
