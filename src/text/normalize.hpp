#pragma once
// Russian text normalisation shared by search and extraction. All offsets are in Unicode code
// points of the input (UTF-8) text.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace orientir::text {

// Lower-cases (full Unicode case folding) and folds ё→е, Ё→Е; also normalises dashes and
// no-break spaces. Returns UTF-8.
std::string Fold(std::string_view utf8);

// The text with its first letter in upper case («сетка для пластика» → «Сетка для пластика»), the rest as written.
std::string UpperFirst(std::string_view utf8);

struct Token {
    std::string text;        // as written
    std::string folded;      // Fold(text)
    std::int32_t start = 0;  // code point offset
    std::int32_t end = 0;    // exclusive
    bool is_word = false;    // letters/digits (not punctuation or space)
};

// Splits into words and punctuation with ICU's word break iterator; spaces are dropped.
std::vector<Token> Tokenize(std::string_view utf8);

// Number of code points in UTF-8 text.
std::int32_t CodePointLength(std::string_view utf8);
// Substring by code point offsets.
std::string SubstrCodePoints(std::string_view utf8, std::int32_t start, std::int32_t end);

}  // namespace orientir::text
