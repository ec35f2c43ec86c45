#pragma once
// Sentence splitting for Russian news. Works on the tokens of Tokenize() so that sentences, tokens
// and mentions share code point offsets.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "text/normalize.hpp"

namespace orientir::text {

struct Sentence {
    std::int32_t start = 0;  // code point offset of the first token
    std::int32_t end = 0;    // exclusive, end of the last token
    std::size_t first_token = 0;
    std::size_t end_token = 0;  // exclusive
};

// Splits `tokens` (from Tokenize(utf8)) into sentences. A sentence ends at «.», «!», «?», «…» followed
// by a capital letter, digit, quote or dash — unless the dot closes an initial («И. Петров») or a
// common abbreviation («г.», «ул.», «т. д.», «им.») — and at every line break (headlines, paragraphs
// and list items in news carry no final stop). Every token belongs to exactly one sentence.
std::vector<Sentence> SplitSentences(std::string_view utf8, const std::vector<Token>& tokens);

}  // namespace orientir::text
