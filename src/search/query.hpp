#pragma once
// The query language: words (each expanded by the thesaurus; all must match), "phrases" in quotes
// (an unclosed quote runs to the end), -word and -"phrase" exclusions. Stop words outside phrases
// are dropped. Everything else (punctuation, SQL, HTML) is just text between words. Private.

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "search/analysis.hpp"

namespace orientir::search::detail {

struct Concept {
    std::vector<Alternative> alts;  // any of them satisfies the concept
    bool single_word = false;       // a plain word the thesaurus did not know (spelling candidate)
    std::string folded;             // that word, folded
    std::size_t byte_start = 0, byte_end = 0;  // its place in the query text
};

struct ParsedQuery {
    std::vector<Concept> concepts;                  // all required (or any, when relaxed)
    std::vector<std::vector<std::string>> phrases;  // quoted, required
    std::vector<std::vector<std::string>> excluded;
    std::size_t stop_words = 0;  // dropped stop words

    bool HasPositive() const { return !concepts.empty() || !phrases.empty(); }
    bool Empty() const { return !HasPositive() && excluded.empty(); }
    // Stems worth highlighting in snippets.
    std::vector<std::string> HighlightStems() const;
};

ParsedQuery ParseQuery(std::string_view q, const Thesaurus& thesaurus);
// Requires every concept (relaxed: any). Without positive parts, matches everything not excluded.
Xapian::Query BuildQuery(const ParsedQuery& pq, bool relaxed);

// Replaces control characters by spaces (tab/newline included): queries are one line.
std::string StripControl(std::string_view s);

}  // namespace orientir::search::detail
