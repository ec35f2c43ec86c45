#include "search/snippet.hpp"

#include <algorithm>
#include <set>

#include "common/strings.hpp"

namespace orientir::search::detail {

namespace {

// Renders text[from_cp, to_cp) with the words flagged in `hit` marked.
std::string Render(std::string_view text, const std::vector<std::size_t>& off, const std::vector<Word>& words,
                   const std::vector<bool>& hit, std::size_t first, std::size_t last, std::int32_t from_cp,
                   std::int32_t to_cp) {
    std::string out;
    std::int32_t cur = from_cp;
    auto piece = [&](std::int32_t a, std::int32_t b) {
        return text.substr(off[static_cast<std::size_t>(a)], off[static_cast<std::size_t>(b)] - off[static_cast<std::size_t>(a)]);
    };
    for (std::size_t i = first; i < last; ++i) {
        if (!hit[i]) continue;
        out += EscapeHtml(piece(cur, words[i].start));
        out += "<mark>";
        out += EscapeHtml(piece(words[i].start, words[i].end));
        out += "</mark>";
        cur = words[i].end;
    }
    out += EscapeHtml(piece(cur, to_cp));
    return out;
}

std::string Collapse(std::string s) {
    // Newlines and runs of spaces read badly in a one-line snippet.
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (char c : s) {
        bool sp = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (sp) {
            if (!space && !out.empty()) out += ' ';
        } else {
            out += c;
        }
        space = sp;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace

std::string MakeSnippet(std::string_view text, const std::vector<std::string>& stems, std::size_t max_words,
                        const WordSet* keep) {
    auto words = Analyze(text, keep);
    if (words.empty()) return EscapeHtml(Collapse(std::string(text.substr(0, std::min<std::size_t>(text.size(), 300)))));
    auto off = CodePointByteOffsets(text);
    std::vector<bool> hit(words.size());
    for (std::size_t i = 0; i < words.size(); ++i) hit[i] = std::binary_search(stems.begin(), stems.end(), words[i].stem);

    // Window of max_words words with the most distinct matched stems (then the most matches).
    std::size_t best = 0, best_distinct = 0, best_total = 0;
    std::size_t n = words.size(), w = std::min(max_words, n);
    for (std::size_t s = 0; s + w <= n; ++s) {
        if (!hit[s] && s > 0) continue;  // windows start at a match (or at the text start)
        std::set<std::string_view> distinct;
        std::size_t total = 0;
        for (std::size_t i = s; i < s + w; ++i)
            if (hit[i]) {
                distinct.insert(words[i].stem);
                ++total;
            }
        if (distinct.size() > best_distinct || (distinct.size() == best_distinct && total > best_total)) {
            best = s;
            best_distinct = distinct.size();
            best_total = total;
        }
    }
    // Start a few words before the first match for context.
    std::size_t first = best;
    if (best_distinct > 0) first = best >= 3 ? best - 3 : 0;
    std::size_t last = std::min(n, first + w);
    std::int32_t from_cp = first == 0 ? 0 : words[first].start;
    std::int32_t to_cp = last == n ? static_cast<std::int32_t>(off.size() - 1) : words[last - 1].end;
    std::string out;
    if (first > 0) out += "… ";
    out += Collapse(Render(text, off, words, hit, first, last, from_cp, to_cp));
    if (last < n) out += " …";
    return out;
}

std::string MarkWords(std::string_view text, const std::function<bool(const Word&)>& marked, const WordSet* keep) {
    auto words = Analyze(text, keep);
    auto off = CodePointByteOffsets(text);
    std::vector<bool> hit(words.size());
    for (std::size_t i = 0; i < words.size(); ++i) hit[i] = marked(words[i]);
    return Render(text, off, words, hit, 0, words.size(), 0, static_cast<std::int32_t>(off.size() - 1));
}

}  // namespace orientir::search::detail
