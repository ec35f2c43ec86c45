#pragma once
// Snippets: a window of the text holding the most distinct query words, HTML-escaped, with the
// matched words wrapped in <mark>…</mark>. Private to the search module.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "search/analysis.hpp"

namespace orientir::search::detail {

// `stems` sorted and unique. Without matches, the start of the text. `max_words` words at most.
std::string MakeSnippet(std::string_view text, const std::vector<std::string>& stems, std::size_t max_words = 30,
                        const WordSet* keep = nullptr);

// The whole text escaped, with the words for which `marked` is true wrapped in <mark>.
std::string MarkWords(std::string_view text, const std::function<bool(const Word&)>& marked, const WordSet* keep = nullptr);

}  // namespace orientir::search::detail
