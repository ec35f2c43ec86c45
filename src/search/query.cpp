#include "search/query.hpp"

#include <algorithm>

namespace orientir::search::detail {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

Xapian::Query AnyTerm(const TermSet& terms) {
    if (terms.size() == 1) return Xapian::Query(terms.front());
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// A phrase of word places, each any of its terms (Xapian accepts OR subqueries of terms in phrases).
Xapian::Query PhraseQuery(const std::vector<TermSet>& words) {
    if (words.size() == 1) return AnyTerm(words.front());
    std::vector<Xapian::Query> parts;
    for (const auto& w : words) parts.push_back(AnyTerm(w));
    return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                         static_cast<Xapian::termcount>(words.size()));
}

struct RunWord {
    Word w;
    std::size_t byte_start, byte_end;
};

void FlushRun(std::vector<RunWord>& run, const Thesaurus& th, ParsedQuery& pq) {
    std::vector<std::string> stems;
    stems.reserve(run.size());
    for (const auto& r : run) stems.push_back(r.w.stem);
    std::vector<Alternative> alts;
    for (std::size_t i = 0; i < run.size();) {
        std::size_t n = th.Match(stems, i, alts);
        bool all_stop = n > 0;
        for (std::size_t k = i; k < i + n; ++k) all_stop = all_stop && th.IsStop(run[k].w.folded);
        if (n > 0 && !all_stop) {
            Concept c;
            c.alts = std::move(alts);
            // The words as typed, with their dictionary forms, in place of their bare stems.
            c.alts.front().words.clear();
            for (std::size_t k = i; k < i + n; ++k) c.alts.front().words.push_back(WordTerms(run[k].w));
            c.byte_start = run[i].byte_start;
            c.byte_end = run[i + n - 1].byte_end;
            pq.concepts.push_back(std::move(c));
            i += n;
            continue;
        }
        if (th.IsStop(run[i].w.folded)) {
            ++pq.stop_words;
            ++i;
            continue;
        }
        Concept c;
        c.alts.push_back(Alternative{{WordTerms(run[i].w)}, {}});
        c.single_word = true;
        c.folded = run[i].w.folded;
        c.byte_start = run[i].byte_start;
        c.byte_end = run[i].byte_end;
        pq.concepts.push_back(std::move(c));
        ++i;
    }
    run.clear();
}

std::vector<TermSet> Words(std::string_view text, const Thesaurus& th) {
    std::vector<TermSet> out;
    for (const auto& w : th.Analyze(text)) out.push_back(WordTerms(w));
    return out;
}

}  // namespace

std::string StripControl(std::string_view s) {
    std::string out(s);
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto c = static_cast<unsigned char>(out[i]);
        if (c < 0x20 || c == 0x7F) out[i] = ' ';
        // C1 controls U+0080..U+009F are encoded as C2 80..C2 9F.
        if (c == 0xC2 && i + 1 < out.size()) {
            auto d = static_cast<unsigned char>(out[i + 1]);
            if (d >= 0x80 && d <= 0x9F) out[i] = out[i + 1] = ' ';
        }
    }
    return out;
}

ParsedQuery ParseQuery(std::string_view q, const Thesaurus& th) {
    ParsedQuery pq;
    std::vector<RunWord> run;
    std::size_t i = 0, n = q.size();
    while (i < n) {
        char c = q[i];
        bool at_word_start = i == 0 || IsSpace(q[i - 1]);
        if (c == '"' || (c == '-' && at_word_start && i + 1 < n && q[i + 1] == '"')) {
            bool negated = c == '-';
            if (negated) ++i;
            std::size_t close = q.find('"', i + 1);
            std::size_t end = close == std::string_view::npos ? n : close;
            auto words = Words(q.substr(i + 1, end - i - 1), th);
            FlushRun(run, th, pq);
            if (!words.empty()) (negated ? pq.excluded : pq.phrases).push_back(std::move(words));
            i = end == n ? n : end + 1;
            continue;
        }
        if (IsSpace(c)) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < n && !IsSpace(q[j]) && q[j] != '"') ++j;
        std::string_view chunk = q.substr(i, j - i);
        if (chunk.size() > 1 && chunk[0] == '-') {
            auto words = Words(chunk.substr(1), th);
            if (!words.empty()) pq.excluded.push_back(std::move(words));
        } else {
            auto words = th.Analyze(chunk);
            auto offsets = CodePointByteOffsets(chunk);
            for (auto& w : words) {
                std::size_t bs = i + offsets[static_cast<std::size_t>(w.start)];
                std::size_t be = i + offsets[static_cast<std::size_t>(w.end)];
                run.push_back(RunWord{std::move(w), bs, be});
            }
        }
        i = j;
    }
    FlushRun(run, th, pq);
    return pq;
}

std::vector<std::pair<std::string, int>> ParsedQuery::HighlightTerms() const {
    std::vector<std::pair<std::string, int>> out;
    int group = 0;
    for (const auto& c : concepts) {
        for (const auto& a : c.alts)
            for (const auto& w : a.words)
                for (const auto& t : w) out.emplace_back(t, group);
        ++group;
    }
    for (const auto& p : phrases) {
        for (const auto& w : p)
            for (const auto& t : w) out.emplace_back(t, group);
        ++group;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
              out.end());
    return out;
}

ParsedQuery Prune(const ParsedQuery& pq, const std::function<bool(const std::string&)>& exists) {
    auto prune_set = [&](TermSet& set) {
        TermSet kept;
        for (auto& t : set)
            if (exists(t)) kept.push_back(std::move(t));
        if (kept.empty()) kept.push_back(std::move(set.front()));
        set = std::move(kept);
    };
    ParsedQuery out = pq;
    for (auto& c : out.concepts) {
        std::vector<Alternative> alts;
        for (auto& a : c.alts) {
            for (auto& w : a.words) prune_set(w);
            bool only_stems =
                std::all_of(a.words.begin(), a.words.end(), [](const TermSet& w) { return w.size() == 1; });
            if (a.covered && only_stems) continue;
            bool dup = std::any_of(alts.begin(), alts.end(), [&](const Alternative& x) {
                return x.words == a.words && x.boolean_term == a.boolean_term;
            });
            if (!dup) alts.push_back(std::move(a));
        }
        c.alts = std::move(alts);
    }
    for (auto* list : {&out.phrases, &out.excluded})
        for (auto& p : *list)
            for (auto& w : p) prune_set(w);
    return out;
}

Xapian::Query BuildQuery(const ParsedQuery& pq, bool relaxed) {
    std::vector<Xapian::Query> parts;
    for (const auto& c : pq.concepts) {
        std::vector<Xapian::Query> alts;
        for (const auto& a : c.alts) {
            if (!a.boolean_term.empty()) {
                alts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(a.boolean_term), 0.0);
            } else if (!a.words.empty()) {
                alts.push_back(PhraseQuery(a.words));
            }
        }
        if (alts.size() == 1) {
            parts.push_back(alts.front());
        } else if (!alts.empty()) {
            parts.emplace_back(Xapian::Query::OP_OR, alts.begin(), alts.end());
        }
    }
    for (const auto& p : pq.phrases) parts.push_back(PhraseQuery(p));
    // Not Xapian::Query::MatchAll: copying that shared static from several threads races on its
    // non-atomic reference count (crashes under concurrent searches). An empty term matches all.
    Xapian::Query positive{std::string()};
    if (!parts.empty())
        positive = Xapian::Query(relaxed ? Xapian::Query::OP_OR : Xapian::Query::OP_AND, parts.begin(), parts.end());
    if (pq.excluded.empty()) return positive;
    std::vector<Xapian::Query> ex;
    for (const auto& e : pq.excluded) ex.push_back(PhraseQuery(e));
    return Xapian::Query(Xapian::Query::OP_AND_NOT, positive,
                         Xapian::Query(Xapian::Query::OP_OR, ex.begin(), ex.end()));
}

}  // namespace orientir::search::detail
