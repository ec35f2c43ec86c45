#pragma once
// Byte-level string helpers shared by every module. Only src/text looks inside characters.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace orientir {

std::string_view Trim(std::string_view s);
std::vector<std::string> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
std::optional<std::int64_t> ParseInt(std::string_view s);
std::optional<double> ParseDouble(std::string_view s);  // accepts "1,5" and "1 234,5" as Russian spreadsheets write

bool IsValidUtf8(std::string_view s);
// At most `max_bytes` bytes of UTF-8 text, never ending inside a character.
std::string Utf8Prefix(std::string_view s, std::size_t max_bytes);
// `s` when it fits in `max_bytes`, else its UTF-8 prefix with "…" appended, the whole within max_bytes.
std::string ShortenUtf8(std::string_view s, std::size_t max_bytes);
// Windows-1251 → UTF-8 (every byte maps; undefined 0x98 becomes U+FFFD).
std::string Cp1251ToUtf8(std::string_view s);
// Input text of unknown encoding: valid UTF-8 is returned as is (without a BOM); otherwise it is read
// as Windows-1251 when that is plausible (mostly Cyrillic letters), else nullopt.
std::optional<std::string> ToUtf8(std::string_view s);
// KOI8-R → UTF-8.
std::string Koi8rToUtf8(std::string_view s);
// Text of unknown encoding for imports: UTF-8 (BOM dropped) as is; 8-bit Cyrillic is read as
// Windows-1251 or KOI8-R, whichever makes ordinary Russian text (mostly lower-case letters); when the
// two cannot be told apart (e.g. only capitals) or the bytes are neither, an error says so and asks for
// UTF-8. `encoding` (optional) receives "utf-8", "windows-1251" or "koi8-r".
struct DecodeError {
    std::string message;
};
std::optional<std::string> DecodeCyrillicText(std::string_view s, DecodeError& error, std::string* encoding = nullptr);
// True when the text holds control characters other than tab, CR, LF, or NUL bytes: binary junk.
bool LooksBinary(std::string_view s);

std::string EscapeHtml(std::string_view s);
std::string UrlDecode(std::string_view s, bool plus_as_space = true);
std::string UrlEncode(std::string_view s);

// RFC 4180 CSV. The delimiter (',' or ';' or tab) is detected from the header line unless given.
// Lines end with LF, CRLF or a lone CR. A NUL byte, or a header naming one column twice
// (case-insensitively), is an error naming the line and column.
struct CsvTable {
    char delimiter = ',';
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> row_lines;  // 1-based line number of each row in the file, for error messages
};
struct CsvError {
    std::size_t line;
    std::string message;
};
// Parses UTF-8 text (convert first with ToUtf8). Returns CsvError for an unterminated quote.
bool ParseCsv(std::string_view text, CsvTable& out, CsvError& error, char delimiter = 0);

}  // namespace orientir
