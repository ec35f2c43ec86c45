#pragma once
// Validation and conversion of article input at the edge: bytes of unknown encoding, plain text or
// HTML → UTF-8 plain text that the Extractor reads. Offsets of mentions refer to the returned text,
// which is what the caller stores as the article body.

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.hpp"

namespace orientir::extract {

enum class InputFormat { kAuto, kPlain, kHtml };

struct InputLimits {
    std::size_t max_bytes = 1 << 20;  // raw input; larger is rejected with kPayloadTooLarge naming the limit
    std::size_t max_chars = 200000;   // code points after conversion
};

// Raw bytes → UTF-8 plain text. UTF-8 (with or without BOM) is kept; Windows-1251 is detected and
// converted. HTML (kHtml, or kAuto when the text looks like markup) loses its tags, scripts and styles,
// keeps paragraph breaks, and has its entities decoded. Errors (field "text"):
//   rule "empty"     — nothing but whitespace (also after stripping HTML);
//   rule "too_long"  — kPayloadTooLarge, the message names the limit;
//   rule "binary"    — NUL or control bytes: not a text;
//   rule "encoding"  — neither UTF-8 nor plausible Windows-1251.
Result<std::string> PrepareText(std::string_view raw, InputFormat format = InputFormat::kAuto,
                                const InputLimits& limits = {});

// Strips tags and decodes entities («&laquo;», «&#171;», «&#xAB;», «&nbsp;»); block elements (p, div,
// br, li, h1-h6, tr) become line breaks. The input must be UTF-8.
std::string HtmlToText(std::string_view html);

// True when the text looks like HTML markup (has tags such as <p>, <div>, <br>, <html>).
bool LooksLikeHtml(std::string_view s);

}  // namespace orientir::extract
