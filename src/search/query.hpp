#pragma once
// The query language: words (each expanded by the thesaurus; all must match), "phrases" in quotes
// (an unclosed quote runs to the end), -word and -"phrase" exclusions. Stop words outside phrases
// are dropped. Everything else (punctuation, SQL, HTML) is just text between words. Private.

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "search/analysis.hpp"

namespace orientir::search::detail {

struct Concept {
    std::vector<Alternative> alts;             // any of them satisfies the concept
    bool single_word = false;                  // a plain word the thesaurus did not know (spelling candidate)
    std::string folded;                        // that word, folded
    std::size_t byte_start = 0, byte_end = 0;  // its place in the query text
};

struct ParsedQuery {
    std::vector<Concept> concepts;              // all required (or any, when relaxed)
    std::vector<std::vector<TermSet>> phrases;  // quoted, required
    std::vector<std::vector<TermSet>> excluded;
    std::size_t stop_words = 0;  // dropped stop words

    bool HasPositive() const { return !concepts.empty() || !phrases.empty(); }
    bool Empty() const { return !HasPositive() && excluded.empty(); }
    // Text terms worth highlighting in snippets, each with its group (the concept or phrase it
    // belongs to: a window with more groups is a better snippet), sorted by term, unique.
    std::vector<std::pair<std::string, int>> HighlightTerms() const;
};

ParsedQuery ParseQuery(std::string_view q, const Thesaurus& thesaurus);
// Drops terms the index does not hold (a word place keeps at least its stem) and the typed-words
// alternatives a concept term covers, so the matcher reads no empty or redundant posting lists.
ParsedQuery Prune(const ParsedQuery& pq, const std::function<bool(const std::string&)>& exists);
// Requires every concept (relaxed: any). Without positive parts, matches everything not excluded.
Xapian::Query BuildQuery(const ParsedQuery& pq, bool relaxed);

// Replaces control characters by spaces (tab/newline included): queries are one line.
std::string StripControl(std::string_view s);

}  // namespace orientir::search::detail
