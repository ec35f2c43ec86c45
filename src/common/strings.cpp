#include "common/strings.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>

namespace orientir {

std::string_view Trim(std::string_view s) {
    const char* ws = " \t\r\n\v\f";
    auto b = s.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    auto e = s.find_last_not_of(ws);
    return s.substr(b, e - b + 1);
}

std::vector<std::string> Split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        auto p = s.find(sep, start);
        out.emplace_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
        if (p == std::string_view::npos) break;
        start = p + 1;
    }
    return out;
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) out += sep;
        out += parts[i];
    }
    return out;
}

std::optional<std::int64_t> ParseInt(std::string_view s) {
    s = Trim(s);
    if (s.empty()) return std::nullopt;
    std::int64_t v = 0;
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

std::optional<double> ParseDouble(std::string_view s) {
    s = Trim(s);
    std::string t;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == ' ') continue;
        // U+00A0 and U+202F (no-break spaces) as thousands separators.
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
            ++i;
            continue;
        }
        if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            static_cast<unsigned char>(s[i + 2]) == 0xAF) {
            i += 2;
            continue;
        }
        t += (c == ',') ? '.' : static_cast<char>(c);
    }
    if (t.empty()) return std::nullopt;
    double v = 0;
    auto r = std::from_chars(t.data(), t.data() + t.size(), v);
    if (r.ec != std::errc() || r.ptr != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::string Utf8Prefix(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return std::string(s);
    std::size_t n = max_bytes;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // s[n] starts the cut character
    return std::string(s.substr(0, n));
}

std::string ShortenUtf8(std::string_view s, std::size_t max_bytes) {
    static constexpr std::string_view kEllipsis = "\u2026";
    if (s.size() <= max_bytes) return std::string(s);
    if (max_bytes < kEllipsis.size()) return Utf8Prefix(s, max_bytes);
    return Utf8Prefix(s, max_bytes - kEllipsis.size()) + std::string(kEllipsis);
}

bool IsValidUtf8(std::string_view s) {
    std::size_t i = 0, n = s.size();
    while (i < n) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        std::uint32_t cp;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else
            return false;
        if (i + len > n) return false;
        for (std::size_t k = 1; k < len; ++k) {
            unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

namespace {
// Windows-1251 0x80..0xBF to Unicode; 0xC0..0xFF are А..я (U+0410..U+044F).
constexpr std::array<std::uint16_t, 64> kCp1251High = {
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A,
    0x040C, 0x040B, 0x040F, 0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFD, 0x2122,
    0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, 0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6,
    0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407, 0x00B0, 0x00B1, 0x0406, 0x0456,
    0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457};

void AppendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80)
        out += static_cast<char>(cp);
    else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}
}  // namespace

std::string Cp1251ToUtf8(std::string_view s) {
    std::string out;
    out.reserve(s.size() * 2);
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (c < 0x80)
            out += ch;
        else if (c < 0xC0)
            AppendUtf8(out, kCp1251High[c - 0x80]);
        else
            AppendUtf8(out, 0x0410 + (c - 0xC0));
    }
    return out;
}

std::optional<std::string> ToUtf8(std::string_view s) {
    if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
    if (IsValidUtf8(s)) return std::string(s);
    // Plausible Windows-1251: most high bytes are Cyrillic letters (0xC0-0xFF, ё/Ё, №, quotes, dashes).
    std::size_t high = 0, letters = 0;
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (c >= 0x80) {
            ++high;
            if (c >= 0xC0 || c == 0xA8 || c == 0xB8 || c == 0xB9 || c == 0xAB || c == 0xBB || c == 0x96 || c == 0x97 ||
                c == 0xA0 || c == 0x93 || c == 0x94)
                ++letters;
        }
    }
    if (high > 0 && letters * 10 >= high * 9) return Cp1251ToUtf8(s);
    return std::nullopt;
}

namespace {
// KOI8-R 0x80..0xBF (box drawing, a few symbols, ё/Ё) and 0xC0..0xFF (юабцдефгхийклмнопярстужвьызшэщчъ
// and the capitals in the same order).
constexpr std::array<std::uint16_t, 64> kKoi8High = {
    0x2500, 0x2502, 0x250C, 0x2510, 0x2514, 0x2518, 0x251C, 0x2524, 0x252C, 0x2534, 0x253C, 0x2580, 0x2584,
    0x2588, 0x258C, 0x2590, 0x2591, 0x2592, 0x2593, 0x2320, 0x25A0, 0x2219, 0x221A, 0x2248, 0x2264, 0x2265,
    0x00A0, 0x2321, 0x00B0, 0x00B2, 0x00B7, 0x00F7, 0x2550, 0x2551, 0x2552, 0x0451, 0x2553, 0x2554, 0x2555,
    0x2556, 0x2557, 0x2558, 0x2559, 0x255A, 0x255B, 0x255C, 0x255D, 0x255E, 0x255F, 0x2560, 0x2561, 0x0401,
    0x2562, 0x2563, 0x2564, 0x2565, 0x2566, 0x2567, 0x2568, 0x2569, 0x256A, 0x256B, 0x256C, 0x00A9};
constexpr std::array<std::uint16_t, 32> kKoi8Letters = {0x044E, 0x0430, 0x0431, 0x0446, 0x0434, 0x0435, 0x0444, 0x0433,
                                                        0x0445, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E,
                                                        0x043F, 0x044F, 0x0440, 0x0441, 0x0442, 0x0443, 0x0436, 0x0432,
                                                        0x044C, 0x044B, 0x0437, 0x0448, 0x044D, 0x0449, 0x0447, 0x044A};
}  // namespace

std::string Koi8rToUtf8(std::string_view s) {
    std::string out;
    out.reserve(s.size() * 2);
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (c < 0x80)
            out += ch;
        else if (c < 0xC0)
            AppendUtf8(out, kKoi8High[c - 0x80]);
        else if (c < 0xE0)
            AppendUtf8(out, kKoi8Letters[c - 0xC0]);
        else
            AppendUtf8(out, kKoi8Letters[c - 0xE0] - 0x20);  // the capital
    }
    return out;
}

namespace {
// How Russian a reading of 8-bit bytes looks: letter frequencies (log) and case inversions inside words
// ("рОССТАТ" is what a wrong reading of "Росстат" gives).
struct Reading {
    double log_freq = 0;
    std::size_t letters = 0, inversions = 0, other_high = 0;
};

// Frequencies of а..я (ё counted as е) in Russian text.
constexpr std::array<double, 32> kRuFreq = {.0801, .0159, .0454, .0170, .0298, .0845, .0094, .0165, .0735, .0121, .0349,
                                            .0440, .0321, .0670, .1097, .0281, .0473, .0547, .0626, .0262, .0026, .0097,
                                            .0048, .0144, .0073, .0036, .0004, .0190, .0174, .0032, .0064, .0201};

// `letter` maps a high byte to (index in а..я, upper) or -1 for a non-letter.
template <class LetterFn>
Reading Read(std::string_view s, LetterFn letter) {
    Reading r;
    bool prev_lower = false;
    for (char ch : s) {
        auto c = static_cast<unsigned char>(ch);
        if (c < 0x80) {
            prev_lower = false;
            continue;
        }
        bool upper = false;
        int idx = letter(c, &upper);
        if (idx < 0) {
            ++r.other_high;
            prev_lower = false;
            continue;
        }
        ++r.letters;
        r.log_freq += std::log(kRuFreq[static_cast<std::size_t>(idx)]);
        if (upper && prev_lower) ++r.inversions;
        prev_lower = !upper;
    }
    return r;
}
}  // namespace

std::optional<std::string> DecodeCyrillicText(std::string_view s, DecodeError& error, std::string* encoding) {
    if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
    if (IsValidUtf8(s)) {
        if (encoding) *encoding = "utf-8";
        return std::string(s);
    }
    // Both encodings put the letters in 0xC0..0xFF, in different orders and with the cases swapped
    // (Windows-1251: А..Я then а..я; KOI8-R: ю,а,б,ц… then Ю,А,Б,Ц…). The reading with the more
    // Russian letter frequencies and fewer case inversions inside words wins; too close is refused.
    Reading cp = Read(s, [](unsigned char c, bool* upper) -> int {
        if (c == 0xA8 || c == 0xB8) {
            *upper = c == 0xA8;
            return 5;  // ё as е
        }
        if (c < 0xC0) return -1;
        *upper = c < 0xE0;
        return (c - 0xC0) % 32;
    });
    Reading koi = Read(s, [](unsigned char c, bool* upper) -> int {
        if (c == 0xA3 || c == 0xB3) {
            *upper = c == 0xB3;
            return 5;
        }
        if (c < 0xC0) return -1;
        *upper = c >= 0xE0;
        return static_cast<int>(kKoi8Letters[static_cast<std::size_t>((c - 0xC0) % 32)]) - 0x0430;
    });
    auto plausible = [](const Reading& r) { return r.letters > 0 && r.letters * 10 >= (r.letters + r.other_high) * 8; };
    auto score = [](const Reading& r) {
        return (r.log_freq - 3.0 * static_cast<double>(r.inversions)) / static_cast<double>(r.letters);
    };
    const bool cp_ok = plausible(cp), koi_ok = plausible(koi);
    const double margin = 0.25;  // per letter
    if (cp_ok && (!koi_ok || score(cp) > score(koi) + margin)) {
        if (encoding) *encoding = "windows-1251";
        return Cp1251ToUtf8(s);
    }
    if (koi_ok && (!cp_ok || score(koi) > score(cp) + margin)) {
        if (encoding) *encoding = "koi8-r";
        return Koi8rToUtf8(s);
    }
    error.message = cp_ok || koi_ok ? "the text is 8-bit Cyrillic but it cannot be told whether it is Windows-1251 "
                                      "or KOI8-R (too little text to tell); save the file as UTF-8"
                                    : "the file is neither UTF-8, Windows-1251 nor KOI8-R text; save it as UTF-8";
    return std::nullopt;
}

bool LooksBinary(std::string_view s) {
    std::size_t bad = 0;
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (c == 0) return true;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++bad;
    }
    return bad * 100 > s.size() || bad > 64;
}

std::string EscapeHtml(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string UrlDecode(std::string_view s, bool plus_as_space) {
    std::string out;
    out.reserve(s.size());
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            int h = hex(s[i + 1]);
            int l = hex(s[i + 2]);
            if (h >= 0 && l >= 0) {
                out += static_cast<char>(h * 16 + l);
                i += 2;
                continue;
            }
        }
        out += (plus_as_space && s[i] == '+') ? ' ' : s[i];
    }
    return out;
}

std::string UrlEncode(std::string_view s) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

namespace {

// The delimiter of a CSV text by its first line: the most frequent of ',', ';' and tab outside quotes.
char GuessCsvDelimiter(std::string_view text) {
    std::string_view first = text.substr(0, text.find('\n'));
    std::size_t commas = 0, semis = 0, tabs = 0;
    bool q = false;
    for (char c : first) {
        if (c == '"') q = !q;
        if (q) continue;
        commas += c == ',';
        semis += c == ';';
        tabs += c == '\t';
    }
    if (tabs > commas && tabs > semis) return '\t';
    return semis > commas ? ';' : ',';
}

// A column named twice in the header (ignoring case and surrounding blanks), as an error on `line`.
std::optional<CsvError> DuplicateCsvColumn(const std::vector<std::string>& header, std::size_t line) {
    std::map<std::string, std::size_t> seen;
    for (std::size_t k = 0; k < header.size(); ++k) {
        std::string name(Trim(header[k]));
        std::string folded = name;
        for (auto& ch : folded) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        auto [it, fresh] = seen.emplace(folded, k);
        if (!fresh && !folded.empty()) {
            return CsvError{line, "the column «" + name + "» appears twice (columns " + std::to_string(it->second + 1) +
                                      " and " + std::to_string(k + 1) + ")"};
        }
    }
    return std::nullopt;
}

CsvError NulByteError(const CsvTable& out, std::size_t col, std::size_t line) {
    std::string name =
        !out.header.empty() && col < out.header.size() ? " («" + std::string(Trim(out.header[col])) + "»)" : "";
    return {line, "column " + std::to_string(col + 1) + name + ": a NUL byte; the file is not plain text"};
}

// One character inside a quoted field: a doubled quote is a quote, a lone one ends the quoting.
void QuotedChar(std::string_view text, std::size_t& i, std::string& field, bool& in_quotes, std::size_t& line) {
    char c = text[i];
    if (c != '"') {
        if (c == '\n') ++line;
        field += c;
    } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
    } else {
        in_quotes = false;
    }
}

}  // namespace

bool ParseCsv(std::string_view text, CsvTable& out, CsvError& error, char delimiter) {
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (delimiter == 0) delimiter = GuessCsvDelimiter(text);
    out = CsvTable{};
    out.delimiter = delimiter;
    std::vector<std::string> row;
    std::string field;
    bool in_quotes = false, row_has_content = false;
    std::size_t line = 1, row_line = 1;
    auto end_row = [&]() {
        row.push_back(std::move(field));
        field.clear();
        bool empty = row.size() == 1 && Trim(row[0]).empty();
        if (!empty) {
            if (out.header.empty())
                out.header = std::move(row);
            else {
                out.rows.push_back(std::move(row));
                out.row_lines.push_back(row_line);
            }
        }
        row = {};
        row_has_content = false;
    };
    // Once the header is read: no column named twice.
    bool header_checked = false;
    auto header_done = [&](std::size_t header_line) {
        if (header_checked || out.header.empty()) return false;
        header_checked = true;
        auto dup = DuplicateCsvColumn(out.header, header_line);
        if (dup) error = *dup;
        return dup.has_value();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (!row_has_content) {
            row_line = line;
            row_has_content = true;
        }
        if (c == '\0') {
            error = NulByteError(out, row.size(), line);
            return false;
        }
        if (in_quotes) {
            QuotedChar(text, i, field, in_quotes, line);
            continue;
        }
        if (c == '"' && Trim(field).empty()) {
            field.clear();
            in_quotes = true;
        } else if (c == delimiter) {
            row.push_back(std::move(field));
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;  // CRLF: the LF ends the row
        } else if (c == '\n' || c == '\r') {
            end_row();  // LF, or a lone CR (old Mac line endings)
            ++line;
            if (header_done(line - 1)) return false;
        } else {
            field += c;
        }
    }
    if (in_quotes) {
        error = {row_line, "unterminated quoted field starting on line " + std::to_string(row_line)};
        return false;
    }
    if (row_has_content) end_row();
    if (header_done(line)) return false;
    for (auto& h : out.header) h = std::string(Trim(h));
    return true;
}

}  // namespace orientir
