#pragma once
// Russian analysis shared by the indexer and the query side, so both produce the same terms:
// ICU word tokens (text::Tokenize), case and ё folding (text::Fold), Snowball Russian stems.
// Plus the thesaurus: synonym groups, region names/aliases/adjectives and domain words, loaded
// from data files and matched on stem sequences. Private to the search module.

#include <cstdint>
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
    std::string stem;    // Snowball stem of `folded`
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

// Byte offset of each code point of `utf8`, plus a final entry = utf8.size().
std::vector<std::size_t> CodePointByteOffsets(std::string_view utf8);

struct Label {
    std::string ru, en;
};

// One way to say a concept: a stem sequence (a phrase when longer than one) or a boolean term.
struct Alternative {
    std::vector<std::string> stems;
    std::string boolean_term;  // e.g. "R86" (origin region), "Dvolunteering" (domain); empty otherwise
};

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
    // with every way to say it (the matched words themselves first).
    std::size_t Match(const std::vector<std::string>& stems, std::size_t i, std::vector<Alternative>& alts) const;

    // Reference lookups for documents and facet labels.
    std::string DistrictOfRegion(const std::string& region) const;
    const Label* RegionLabel(const std::string& code) const;
    const Label* DistrictLabel(const std::string& code) const;
    const Label* DomainLabel(const std::string& code) const;
    // Name and aliases of a region (indexed with the region's documents).
    const std::vector<std::string>& RegionNames(const std::string& code) const;

private:
    struct Group {
        std::vector<std::vector<std::string>> phrases;
        std::vector<std::string> boolean_terms;
        bool expand = true;  // false: matched words only (+ boolean terms), not the other phrases
    };
    struct Entry {
        std::vector<std::string> stems;
        std::size_t group;
    };
    void AddGroup(const std::vector<std::string>& phrases, std::vector<std::string> boolean_terms, bool expand);

    std::vector<Group> groups_;
    std::unordered_map<std::string, std::vector<Entry>> by_first_;
    std::unordered_set<std::string> stop_;
    WordSet abbreviations_;
    std::unordered_map<std::string, std::string> region_district_;
    std::unordered_map<std::string, Label> region_labels_, district_labels_, domain_labels_;
    std::unordered_map<std::string, std::vector<std::string>> region_names_;
};

}  // namespace orientir::search::detail
