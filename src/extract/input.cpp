#include "extract/input.hpp"

#include <cctype>
#include <cstdint>
#include <unordered_map>

#include "common/strings.hpp"
#include "text/normalize.hpp"

namespace orientir::extract {

namespace {

std::string Lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

const std::unordered_map<std::string, std::uint32_t>& Entities() {
    static const std::unordered_map<std::string, std::uint32_t> kMap = {
        {"amp", '&'},       {"lt", '<'},       {"gt", '>'},        {"quot", '"'},      {"apos", '\''},
        {"nbsp", 0xA0},     {"laquo", 0xAB},   {"raquo", 0xBB},    {"mdash", 0x2014},  {"ndash", 0x2013},
        {"hellip", 0x2026}, {"bdquo", 0x201E}, {"ldquo", 0x201C},  {"rdquo", 0x201D},  {"lsquo", 0x2018},
        {"rsquo", 0x2019},  {"sbquo", 0x201A}, {"numero", 0x2116}, {"copy", 0xA9},     {"reg", 0xAE},
        {"deg", 0xB0},      {"middot", 0xB7},  {"shy", 0xAD},      {"thinsp", 0x2009}, {"ensp", 0x2002},
        {"emsp", 0x2003},   {"times", 0xD7},   {"euro", 0x20AC},   {"bull", 0x2022},   {"minus", 0x2212},
        {"trade", 0x2122},  {"sect", 0xA7}};
    return kMap;
}

bool IsBlockTag(const std::string& name) {
    static const char* kBlocks[] = {"p",       "div",     "br",     "li",     "ul",         "ol",    "h1",
                                    "h2",      "h3",      "h4",     "h5",     "h6",         "tr",    "table",
                                    "section", "article", "header", "footer", "blockquote", "title", "hr"};
    for (const char* b : kBlocks)
        if (name == b) return true;
    return false;
}

// The markup at html[i] == '<': a comment, a script, style or noscript element with its content, or a
// tag (a block tag leaves a line break in `out`). Returns where the text goes on; npos when no «>» closes it.
std::size_t SkipTag(std::string_view html, std::size_t i, std::string& out) {
    std::size_t close = html.find('>', i);
    if (close == std::string_view::npos) return close;
    std::string_view tag = html.substr(i + 1, close - i - 1);
    if (tag.rfind("!--", 0) == 0) {  // comment
        std::size_t end = html.find("-->", i);
        return end == std::string_view::npos ? html.size() : end + 3;
    }
    std::size_t n = !tag.empty() && tag[0] == '/' ? 1 : 0;
    std::size_t name_end = n;
    while (name_end < tag.size() && std::isalnum(static_cast<unsigned char>(tag[name_end]))) ++name_end;
    std::string name = Lower(tag.substr(n, name_end - n));
    if (n == 0 && (name == "script" || name == "style" || name == "noscript")) {
        std::size_t end = Lower(html.substr(close)).find("</" + name);
        std::size_t from = end == std::string::npos ? html.size() : close + end;
        std::size_t gt = html.find('>', from);
        return gt == std::string_view::npos ? html.size() : gt + 1;
    }
    if (IsBlockTag(name)) out += '\n';
    return close + 1;
}

// The character reference at html[i] == '&' («&laquo;», «&#171;», «&#xAB;») appended to `out` (a soft
// hyphen is dropped); returns the position after it, or i when it is no reference.
std::size_t DecodeEntity(std::string_view html, std::size_t i, std::string& out) {
    std::size_t semi = html.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) return i;
    std::string_view ent = html.substr(i + 1, semi - i - 1);
    std::uint32_t cp = 0;
    if (!ent.empty() && ent[0] == '#') {
        bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
        std::string digits(ent.substr(hex ? 2 : 1));
        if (digits.empty()) return i;
        try {
            cp = static_cast<std::uint32_t>(std::stoul(digits, nullptr, hex ? 16 : 10));
        } catch (...) {
            return i;
        }
    } else if (auto it = Entities().find(std::string(ent)); it != Entities().end()) {
        cp = it->second;
    } else {
        return i;
    }
    if (cp != 0xAD) AppendUtf8(out, cp);
    return semi + 1;
}

// Collapses runs of spaces and blank lines left by the markup.
std::string CollapseSpace(const std::string& out) {
    std::string clean;
    clean.reserve(out.size());
    int newlines = 0;
    bool space = false;
    for (char ch : out) {
        if (ch == '\r') continue;
        if (ch == '\n') {
            ++newlines;
            space = false;
            continue;
        }
        if (ch == ' ' || ch == '\t') {
            space = true;
            continue;
        }
        if (newlines > 0) {
            if (!clean.empty()) clean += '\n';
        } else if (space && !clean.empty()) {
            clean += ' ';
        }
        newlines = 0;
        space = false;
        clean += ch;
    }
    return clean;
}

}  // namespace

bool LooksLikeHtml(std::string_view s) {
    std::string head = Lower(s.substr(0, 4096));
    for (const char* tag :
         {"<html", "<body", "<p>", "<p ", "<div", "<br", "<span", "<a href", "</p>", "<!doctype", "<h1", "<li>"})
        if (head.find(tag) != std::string::npos) return true;
    return false;
}

std::string HtmlToText(std::string_view html) {
    std::string out;
    out.reserve(html.size());
    std::size_t i = 0;
    while (i < html.size()) {
        if (html[i] == '<') {
            std::size_t next = SkipTag(html, i, out);
            if (next == std::string_view::npos) break;  // an unclosed «<» ends the text
            i = next;
            continue;
        }
        if (html[i] == '&') {
            if (std::size_t next = DecodeEntity(html, i, out); next != i) {
                i = next;
                continue;
            }
        }
        out += html[i++];
    }
    return CollapseSpace(out);
}

Result<std::string> PrepareText(std::string_view raw, InputFormat format, const InputLimits& limits) {
    if (raw.size() > limits.max_bytes) {
        return Error{ErrorCode::kPayloadTooLarge,
                     "text is " + std::to_string(raw.size()) + " bytes; the limit is " +
                         std::to_string(limits.max_bytes) + " bytes",
                     "text", "too_long"};
    }
    if (LooksBinary(raw))
        return Error::Invalid("text", "binary",
                              "text holds NUL or control bytes: this looks like a binary file, not an article");
    auto utf8 = ToUtf8(raw);
    if (!utf8) return Error::Invalid("text", "encoding", "text is neither UTF-8 nor Windows-1251");
    std::string s = std::move(*utf8);
    if (format == InputFormat::kHtml || (format == InputFormat::kAuto && LooksLikeHtml(s))) s = HtmlToText(s);
    if (Trim(s).empty()) return Error::Invalid("text", "empty", "text is empty");
    auto chars = static_cast<std::size_t>(text::CodePointLength(s));
    if (chars > limits.max_chars) {
        return Error{ErrorCode::kPayloadTooLarge,
                     "text is " + std::to_string(chars) + " characters; the limit is " +
                         std::to_string(limits.max_chars) + " characters",
                     "text", "too_long"};
    }
    return s;
}

}  // namespace orientir::extract
