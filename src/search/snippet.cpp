#include "search/snippet.hpp"

#include <algorithm>

#include "common/strings.hpp"

namespace orientir::search::detail {

namespace {

struct SnippetWord {
    std::size_t begin, end;  // bytes in the text
    int group;               // -1: not marked
};

// Escapes text[from, to) with the marked words of words[first, last) wrapped in <mark>; whitespace
// runs become one space and a field separator « · » (or a space after the end of a sentence).
std::string Render(std::string_view text, const std::vector<SnippetWord>& words, std::size_t first, std::size_t last,
                   std::size_t from, std::size_t to) {
    std::string raw, piece;
    auto plain = [&](std::size_t a, std::size_t b) {
        piece.clear();
        bool space = !raw.empty() && raw.back() == ' ';
        for (std::size_t i = a; i < b; ++i) {
            char c = text[i];
            if (c == kSnippetFieldSep) {
                while (!piece.empty() && piece.back() == ' ') piece.pop_back();
                if (piece.empty())
                    while (!raw.empty() && raw.back() == ' ') raw.pop_back();
                char prev = !piece.empty() ? piece.back() : !raw.empty() ? raw.back() : '.';
                bool sentence_end = prev == '.' || prev == '!' || prev == '?' || prev == ';' || prev == ':';
                if (!piece.empty() || !raw.empty()) piece += sentence_end ? " " : " · ";
                space = true;
                continue;
            }
            bool sp = c == ' ' || c == '\n' || c == '\r' || c == '\t';
            if (sp && !space && !(raw.empty() && piece.empty())) piece += ' ';
            if (!sp) piece += c;
            space = sp;
        }
        raw += EscapeHtml(piece);
    };
    std::size_t cur = from;
    for (std::size_t i = first; i < last; ++i) {
        if (words[i].group < 0) continue;
        plain(cur, words[i].begin);
        raw += "<mark>";
        plain(words[i].begin, words[i].end);
        raw += "</mark>";
        cur = words[i].end;
    }
    plain(cur, to);
    while (!raw.empty() && raw.back() == ' ') raw.pop_back();
    return raw;
}

}  // namespace

std::string MakeSnippet(std::string_view text, const std::vector<SnippetSegment>& segments,
                        const std::vector<Mark>& marks, std::size_t max_words) {
    std::vector<SnippetWord> words;
    words.reserve(text.size() / 6);
    for (std::size_t k = 0; k < segments.size(); ++k) {
        std::size_t begin = std::min<std::size_t>(segments[k].byte, text.size());
        std::size_t end =
            k + 1 < segments.size() ? std::min<std::size_t>(segments[k + 1].byte, text.size()) : text.size();
        if (end < begin) continue;
        std::uint32_t pos = segments[k].pos;
        ForEachWord(text.substr(begin, end - begin), [&](std::size_t b, std::size_t e) {
            auto it = std::lower_bound(marks.begin(), marks.end(), Mark{pos, -1});
            int group = it != marks.end() && it->first == pos ? it->second : -1;
            words.push_back(SnippetWord{begin + b, begin + e, group});
            ++pos;
        });
    }
    if (words.empty()) {
        std::vector<SnippetWord> none;
        std::size_t cut = std::min<std::size_t>(text.size(), 300);
        while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        return Render(text, none, 0, 0, 0, cut);
    }

    // Window of max_words words with the most distinct groups (then the most marks).
    std::size_t n = words.size(), w = std::min(max_words, n);
    std::size_t best = 0, best_distinct = 0, best_total = 0;
    bool best_at_end = false;
    std::vector<int> seen;
    for (std::size_t s = 0; s < n; ++s) {
        if (words[s].group < 0 && s > 0) continue;  // windows start at a match (or at the text start)
        std::size_t start = std::min(s, n - w);     // a match near the end: the window ends with the text
        seen.clear();
        std::size_t total = 0;
        for (std::size_t i = start; i < start + w; ++i)
            if (words[i].group >= 0) {
                if (std::find(seen.begin(), seen.end(), words[i].group) == seen.end()) seen.push_back(words[i].group);
                ++total;
            }
        if (seen.size() > best_distinct || (seen.size() == best_distinct && total > best_total)) {
            best = start;
            best_at_end = start != s;
            best_distinct = seen.size();
            best_total = total;
        }
    }
    // Start a few words before the first match for context (unless the window already ends the text).
    std::size_t first = best;
    if (best_distinct > 0 && !best_at_end) first = best >= 3 ? best - 3 : 0;
    std::size_t last = std::min(n, first + w);
    std::size_t from = first == 0 ? 0 : words[first].begin;
    std::size_t to = last == n ? text.size() : words[last - 1].end;
    std::string out;
    if (first > 0) out += "… ";
    out += Render(text, words, first, last, from, to);
    if (last < n) out += " …";
    return out;
}

std::string MarkWords(std::string_view text, const std::function<bool(const Word&)>& marked, const WordSet* keep) {
    auto words = Analyze(text, keep);
    auto off = CodePointByteOffsets(text);
    std::vector<SnippetWord> sw;
    sw.reserve(words.size());
    for (const auto& w : words)
        sw.push_back(SnippetWord{off[static_cast<std::size_t>(w.start)], off[static_cast<std::size_t>(w.end)],
                                 marked(w) ? 0 : -1});
    return Render(text, sw, 0, sw.size(), 0, text.size());
}

}  // namespace orientir::search::detail
