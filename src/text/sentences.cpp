#include "text/sentences.hpp"

#include <algorithm>
#include <string>
#include <unordered_set>

namespace orientir::text {

namespace {

// Code point offsets of '\n' in the text.
std::vector<std::int32_t> LineBreaks(std::string_view s) {
    std::vector<std::int32_t> out;
    std::int32_t cp = 0;
    for (char c : s) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            if (c == '\n') out.push_back(cp);
            ++cp;
        }
    }
    return out;
}

bool IsUpperStart(const Token& t) {
    if (t.text.empty()) return false;
    auto c0 = static_cast<unsigned char>(t.text[0]);
    if (c0 >= 'A' && c0 <= 'Z') return true;
    if (c0 >= '0' && c0 <= '9') return true;
    if (t.text.size() >= 2) {
        auto c1 = static_cast<unsigned char>(t.text[1]);
        if (c0 == 0xD0 && ((c1 >= 0x90 && c1 <= 0xAF) || c1 == 0x81)) return true;  // А-Я, Ё
    }
    // Quotes and dashes that open a sentence or a direct speech.
    static const std::unordered_set<std::string> kOpeners = {"«", "\"", "„", "“", "-", "—", "–", "(", "["};
    return kOpeners.count(t.text) > 0;
}

bool IsAbbreviation(const Token& t) {
    static const std::unordered_set<std::string> kAbbr = {
        "г",   "гг",    "ул",  "им", "т",    "д",    "пр",   "стр", "см",  "тыс", "млн", "млрд",
        "руб", "коп",   "н",   "э",  "ст",   "проф", "акад", "доц", "пос", "с",   "обл", "р",
        "пер", "просп", "наб", "кв", "корп", "ок",   "св",   "род", "ген", "зам", "нач", "тел",
        "mr",  "dr",    "st",  "вв", "др",   "пп",   "п",    "ч",   "к",   "мин", "сек"};
    if (!t.is_word) return false;
    if (kAbbr.count(t.folded)) return true;
    // A single capital letter is an initial: «И. И. Петров»; a single digit is not («школа № 4. Проект …»).
    auto c0 = static_cast<unsigned char>(t.text[0]);
    return t.end - t.start == 1 && IsUpperStart(t) && !(c0 >= '0' && c0 <= '9');
}

// Does a closing «»» follow within four words, before any other stop?
bool ClosesSoon(const std::vector<Token>& tokens, std::size_t from) {
    for (std::size_t k = from; k < tokens.size() && k < from + 5; ++k) {
        const std::string& x = tokens[k].text;
        if (x == "»") return true;
        if (x == "." || x == "!" || x == "?" || x == "«") return false;
    }
    return false;
}

}  // namespace

std::vector<Sentence> SplitSentences(std::string_view utf8, const std::vector<Token>& tokens) {
    std::vector<Sentence> out;
    if (tokens.empty()) return out;
    std::vector<std::int32_t> breaks = LineBreaks(utf8);
    std::size_t bi = 0;
    std::size_t first = 0;
    int quote_depth = 0;
    auto close = [&](std::size_t end_token) {
        if (end_token <= first) return;
        out.push_back(Sentence{tokens[first].start, tokens[end_token - 1].end, first, end_token});
        first = end_token;
    };
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        const Token& t = tokens[i];
        const Token& next = tokens[i + 1];
        while (bi < breaks.size() && breaks[bi] < t.end) ++bi;
        bool newline = bi < breaks.size() && breaks[bi] < next.start;
        if (newline) {
            close(i + 1);
            continue;
        }
        if (t.is_word) continue;
        if (t.text == "«") ++quote_depth;
        if (t.text == "»" && quote_depth > 0) --quote_depth;
        bool terminal =
            t.text == "." || t.text == "!" || t.text == "?" || t.text == "…" || t.text == "?!" || t.text == "!?";
        if (!terminal) continue;
        // Closing quotes or brackets right after the stop belong to this sentence.
        std::size_t end = i + 1;
        while (end < tokens.size() &&
               (tokens[end].text == "»" || tokens[end].text == "\"" || tokens[end].text == ")" ||
                tokens[end].text == "“" || tokens[end].text == "." || tokens[end].text == "!" ||
                tokens[end].text == "?") &&
               tokens[end].start == tokens[end - 1].end) {
            ++end;
        }
        if (end >= tokens.size()) break;
        if (!IsUpperStart(tokens[end])) continue;
        // «Госуслуги. Решаем вместе»: a stop inside a short quoted name, the quote closing a few words on
        if (quote_depth > 0 && end == i + 1 && ClosesSoon(tokens, end)) continue;
        if (t.text == "." && i > 0 && tokens[i - 1].end == t.start && IsAbbreviation(tokens[i - 1])) continue;
        close(end);
        i = end - 1;
    }
    close(tokens.size());
    return out;
}

}  // namespace orientir::text
