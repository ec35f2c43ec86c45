#pragma once
// Snippets: a window of the text holding the most distinct query words, HTML-escaped, with the
// matched words wrapped in <mark>…</mark>. Private to the search module.
//
// What is marked comes from the index itself (the positions at which the query's terms occur in the
// document), so a snippet highlights exactly what matched — other word forms, dictionary lemmas,
// synonyms — without analysing the text again.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "search/analysis.hpp"

namespace orientir::search::detail {

// A stretch of a snippet source text: it starts at byte `byte` and its first word has position `pos`
// (the indexer gives every word of a field the next position; see ForEachWord).
struct SnippetSegment {
    std::uint32_t byte = 0;
    std::uint32_t pos = 0;
};

// Separates fields in a snippet source text; shown as « · » unless the field before ends a sentence.
inline constexpr char kSnippetFieldSep = '\x1e';

// A matched word: its position and its group (query concept); sorted by position.
using Mark = std::pair<std::uint32_t, int>;

// Up to `max_words` words of `text` around the window with the most distinct groups (then the most
// marks); the start of the text when nothing is marked.
std::string MakeSnippet(std::string_view text, const std::vector<SnippetSegment>& segments,
                        const std::vector<Mark>& marks, std::size_t max_words = 30);

// The whole text escaped, with the words for which `marked` is true wrapped in <mark>.
std::string MarkWords(std::string_view text, const std::function<bool(const Word&)>& marked,
                      const WordSet* keep = nullptr);

}  // namespace orientir::search::detail
