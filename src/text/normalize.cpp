#include "text/normalize.hpp"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>

namespace orientir::text {

namespace {

icu::UnicodeString FoldU(const icu::UnicodeString& in) {
    icu::UnicodeString s(in);
    s.foldCase();
    icu::UnicodeString out;
    for (int32_t i = 0; i < s.length();) {
        UChar32 c = s.char32At(i);
        i += U16_LENGTH(c);
        switch (c) {
            case 0x0451:
                c = 0x0435;
                break;  // ё → е
            case 0x00A0:
            case 0x202F:
            case 0x2007:
                c = 0x20;
                break;
            case 0x2010:
            case 0x2011:
            case 0x2012:
            case 0x2013:
            case 0x2014:
            case 0x2015:
                c = '-';
                break;
            default:
                break;
        }
        out.append(c);
    }
    return out;
}

}  // namespace

namespace {

// Fold for the common case — ASCII and basic Cyrillic (U+0400–U+045F) only — without ICU: the same
// result as FoldU (lower case, ё → е) at a fraction of the cost; false when anything else occurs.
bool FoldFast(std::string_view in, std::string& out) {
    out.clear();
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        auto c = static_cast<unsigned char>(in[i]);
        if (c < 0x80) {
            out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
            continue;
        }
        if ((c != 0xD0 && c != 0xD1) || i + 1 >= in.size()) return false;
        auto d = static_cast<unsigned char>(in[i + 1]);
        if ((d & 0xC0) != 0x80) return false;
        std::uint32_t u = ((c & 0x1Fu) << 6) | (d & 0x3Fu);
        if (u > 0x045F) return false;
        if (u >= 0x0410 && u <= 0x042F)
            u += 0x20;  // А–Я → а–я
        else if (u <= 0x040F)
            u += 0x50;                // Ѐ–Џ → ѐ–џ
        if (u == 0x0451) u = 0x0435;  // ё → е
        out += static_cast<char>(0xC0 | (u >> 6));
        out += static_cast<char>(0x80 | (u & 0x3F));
        ++i;
    }
    return true;
}

}  // namespace

std::string Fold(std::string_view utf8) {
    std::string fast;
    if (FoldFast(utf8, fast)) return fast;
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    std::string out;
    FoldU(u).toUTF8String(out);
    return out;
}

std::string UpperFirst(std::string_view utf8) {
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    if (u.isEmpty()) return std::string(utf8);
    const int32_t first = u.moveIndex32(0, 1);  // one code point, not one UTF-16 unit
    icu::UnicodeString head = u.tempSubString(0, first);
    head.toUpper(icu::Locale("ru"));
    std::string out;
    (head + u.tempSubString(first)).toUTF8String(out);
    return out;
}

std::vector<Token> Tokenize(std::string_view utf8) {
    std::vector<Token> out;
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createWordInstance(icu::Locale("ru"), status));
    if (U_FAILURE(status)) return out;
    bi->setText(u);
    int32_t start = bi->first();
    // Map UTF-16 offsets to code point offsets incrementally.
    int32_t cp_pos = 0, u16_pos = 0;
    auto to_cp = [&](int32_t target) {
        cp_pos += u.countChar32(u16_pos, target - u16_pos);
        u16_pos = target;
        return cp_pos;
    };
    for (int32_t end = bi->next(); end != icu::BreakIterator::DONE; start = end, end = bi->next()) {
        icu::UnicodeString piece = u.tempSubStringBetween(start, end);
        bool word = false, space = true;
        for (int32_t i = 0; i < piece.length();) {
            UChar32 c = piece.char32At(i);
            i += U16_LENGTH(c);
            if (!u_isUWhiteSpace(c)) space = false;
            if (u_isalnum(c)) word = true;
        }
        int32_t s_cp = to_cp(start);
        int32_t e_cp = to_cp(end);
        if (space) continue;
        Token t;
        piece.toUTF8String(t.text);
        FoldU(piece).toUTF8String(t.folded);
        t.start = s_cp;
        t.end = e_cp;
        t.is_word = word;
        out.push_back(std::move(t));
    }
    return out;
}

std::int32_t CodePointLength(std::string_view s) {
    std::int32_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

std::string SubstrCodePoints(std::string_view s, std::int32_t start, std::int32_t end) {
    std::size_t i = 0, b = std::string_view::npos, e = s.size();
    std::int32_t cp = 0;
    for (; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (cp == start) b = i;
            if (cp == end) {
                e = i;
                break;
            }
            ++cp;
        }
    }
    if (b == std::string_view::npos) return {};
    return std::string(s.substr(b, e - b));
}

}  // namespace orientir::text
