#include "analytics/text_index.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "text/normalize.hpp"

namespace orientir::analytics {

namespace {

// Decodes one UTF-8 code point at s[i]; advances i. Invalid bytes decode as U+FFFD.
char32_t Next(std::string_view s, std::size_t& i) {
    auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k)
        c = (c << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    i += static_cast<std::size_t>(len);
    return c;
}

void Append(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

bool IsWordChar(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'0' && c <= U'9') || (c >= 0x430 && c <= 0x44F) || c == 0x451;
}

bool IsVowelLike(char32_t c) {
    switch (c) {
        case U'а':
        case U'е':
        case U'и':
        case U'о':
        case U'у':
        case U'ы':
        case U'э':
        case U'ю':
        case U'я':
        case U'й':
        case U'ь':
        case U'ъ':
            return true;
        default:
            return false;
    }
}

const std::unordered_set<std::string>& StopStems() {
    static const std::unordered_set<std::string> kStop = {
        "для", "как", "что", "это", "эт",    "при",  "или",   "его",  "все",  "вс",   "так",  "чем",
        "где", "над", "под", "без", "через", "такж", "котор", "the",  "and",  "for",  "with", "его",
        "их",  "она", "они", "был", "был",   "быт",  "может", "межд", "посл", "долж", "также"};
    return kStop;
}

std::string StemOf(const std::vector<char32_t>& word) {
    std::size_t len = std::min<std::size_t>(word.size(), 6);
    while (len > 3 && IsVowelLike(word[len - 1])) --len;
    std::string out;
    for (std::size_t k = 0; k < len; ++k) Append(out, word[k]);
    return out;
}

}  // namespace

std::vector<std::string> TextIndex::Terms(std::string_view raw) {
    std::string folded = text::Fold(raw);
    std::vector<std::string> out;
    std::vector<char32_t> word;
    auto flush = [&] {
        if (word.size() >= 3) {
            std::string stem = StemOf(word);
            if (!StopStems().count(stem)) out.push_back(std::move(stem));
        }
        word.clear();
    };
    std::size_t i = 0;
    while (i < folded.size()) {
        char32_t c = Next(folded, i);
        if (IsWordChar(c)) {
            word.push_back(c);
        } else {
            flush();
        }
    }
    flush();
    return out;
}

TextIndex TextIndex::Build(const std::vector<std::string>& titles, const std::vector<std::string>& summaries) {
    TextIndex ix;
    const std::size_t n = titles.size();
    // Pass 1: term counts per document.
    std::vector<std::vector<std::pair<std::int32_t, float>>> tf(n);
    std::vector<std::uint32_t> df;
    for (std::size_t d = 0; d < n; ++d) {
        std::unordered_map<std::int32_t, float> counts;
        auto add = [&](std::string_view t, float w) {
            for (auto& term : Terms(t)) {
                auto [it, inserted] =
                    ix.vocab_.try_emplace(std::move(term), static_cast<std::int32_t>(ix.vocab_.size()));
                if (inserted) df.push_back(0);
                counts[it->second] += w;
            }
        };
        add(titles[d], 2.0F);
        if (d < summaries.size()) add(summaries[d], 1.0F);
        tf[d].assign(counts.begin(), counts.end());
        std::sort(tf[d].begin(), tf[d].end());
        for (auto& [t, c] : tf[d]) ++df[static_cast<std::size_t>(t)];
    }
    ix.idf_.resize(df.size());
    for (std::size_t t = 0; t < df.size(); ++t)
        ix.idf_[t] = static_cast<float>(std::log((1.0 + static_cast<double>(n)) / (1.0 + df[t])) + 1.0);
    ix.max_df_ = std::max<std::uint32_t>(50, static_cast<std::uint32_t>(n / 5));
    // Pass 2: unit-length tf-idf vectors and postings.
    ix.doc_offsets_.assign(n + 1, 0);
    std::vector<std::uint32_t> post_count(df.size() + 1, 0);
    for (std::size_t d = 0; d < n; ++d) {
        double norm = 0;
        for (auto& [t, c] : tf[d]) {
            c = static_cast<float>((1.0 + std::log(static_cast<double>(c))) * ix.idf_[static_cast<std::size_t>(t)]);
            norm += static_cast<double>(c) * c;
        }
        norm = std::sqrt(norm);
        for (auto& [t, c] : tf[d]) {
            c = norm > 0 ? static_cast<float>(c / norm) : 0.0F;
            ix.doc_terms_.push_back(t);
            ix.doc_weights_.push_back(c);
            ++post_count[static_cast<std::size_t>(t) + 1];
        }
        ix.doc_offsets_[d + 1] = static_cast<std::uint32_t>(ix.doc_terms_.size());
    }
    for (std::size_t t = 1; t < post_count.size(); ++t) post_count[t] += post_count[t - 1];
    ix.post_offsets_ = post_count;
    ix.post_docs_.resize(ix.doc_terms_.size());
    ix.post_weights_.resize(ix.doc_terms_.size());
    std::vector<std::uint32_t> fill(post_count.begin(), post_count.end() - 1);
    for (std::size_t d = 0; d < n; ++d) {
        for (std::uint32_t k = ix.doc_offsets_[d]; k < ix.doc_offsets_[d + 1]; ++k) {
            auto t = static_cast<std::size_t>(ix.doc_terms_[k]);
            ix.post_docs_[fill[t]] = static_cast<std::int32_t>(d);
            ix.post_weights_[fill[t]] = ix.doc_weights_[k];
            ++fill[t];
        }
    }
    return ix;
}

double TextIndex::Similarity(std::string_view a, std::string_view b) const {
    const double n = static_cast<double>(docs());
    auto vectorise = [&](std::string_view text) {
        std::unordered_map<std::string, double> v;
        for (auto& term : Terms(text)) v[term] += 1.0;
        double norm = 0;
        for (auto it = v.begin(); it != v.end();) {
            double df = 0;
            if (auto k = vocab_.find(it->first); k != vocab_.end()) {
                auto t = static_cast<std::size_t>(k->second);
                df = post_offsets_[t + 1] - post_offsets_[t];
            }
            if (df > max_df_) {
                it = v.erase(it);
                continue;
            }
            it->second = (1.0 + std::log(it->second)) * (std::log((1.0 + n) / (1.0 + df)) + 1.0);
            norm += it->second * it->second;
            ++it;
        }
        norm = std::sqrt(norm);
        for (auto& [t, w] : v) w = norm > 0 ? w / norm : 0;
        return v;
    };
    auto x = vectorise(a), y = vectorise(b);
    if (x.size() > y.size()) std::swap(x, y);
    double dot = 0;
    for (const auto& [t, w] : x)
        if (auto it = y.find(t); it != y.end()) dot += w * it->second;
    // Rounded so float noise cannot reorder equal scores between runs or machines.
    return std::round(std::min(1.0, dot) * 1e4) / 1e4;
}

TextIndex::Vec TextIndex::Vectorise(std::string_view title, std::string_view summary) const {
    std::unordered_map<std::int32_t, float> counts;
    for (auto& term : Terms(title))
        if (auto it = vocab_.find(term); it != vocab_.end()) counts[it->second] += 2.0F;
    for (auto& term : Terms(summary))
        if (auto it = vocab_.find(term); it != vocab_.end()) counts[it->second] += 1.0F;
    Vec v(counts.begin(), counts.end());
    std::sort(v.begin(), v.end());
    double norm = 0;
    for (auto& [t, c] : v) {
        c = static_cast<float>((1.0 + std::log(static_cast<double>(c))) * idf_[static_cast<std::size_t>(t)]);
        norm += static_cast<double>(c) * c;
    }
    norm = std::sqrt(norm);
    for (auto& [t, c] : v) c = norm > 0 ? static_cast<float>(c / norm) : 0.0F;
    return v;
}

std::vector<TextIndex::Hit> TextIndex::Search(const Vec& q, int self, std::size_t n, double min_score) const {
    std::unordered_map<std::int32_t, float> acc;
    for (auto& [t, w] : q) {
        auto b = post_offsets_[static_cast<std::size_t>(t)], e = post_offsets_[static_cast<std::size_t>(t) + 1];
        if (e - b > max_df_) continue;
        for (auto k = b; k < e; ++k) acc[post_docs_[k]] += w * post_weights_[k];
    }
    std::vector<Hit> hits;
    for (auto& [d, s] : acc) {
        if (d == self) continue;
        double score = std::min(1.0, static_cast<double>(s));
        // Round so that float noise cannot reorder equal scores between runs or machines.
        score = std::round(score * 1e4) / 1e4;
        if (score >= min_score) hits.push_back({d, score});
    }
    std::sort(hits.begin(), hits.end(),
              [](const Hit& a, const Hit& b) { return a.score != b.score ? a.score > b.score : a.doc < b.doc; });
    if (hits.size() > n) hits.resize(n);
    return hits;
}

std::vector<TextIndex::Hit> TextIndex::SimilarTo(int doc, std::size_t n, double min_score) const {
    if (doc < 0 || static_cast<std::size_t>(doc) >= docs()) return {};
    Vec q;
    for (auto k = doc_offsets_[static_cast<std::size_t>(doc)]; k < doc_offsets_[static_cast<std::size_t>(doc) + 1]; ++k)
        q.emplace_back(doc_terms_[k], doc_weights_[k]);
    return Search(q, doc, n, min_score);
}

std::vector<TextIndex::Hit> TextIndex::Query(std::string_view title, std::string_view summary, std::size_t n,
                                             double min_score) const {
    return Search(Vectorise(title, summary), -1, n, min_score);
}

std::size_t TextIndex::MemoryBytes() const {
    std::size_t b = 0;
    for (auto& [k, v] : vocab_) b += k.capacity() + 48;
    b += idf_.capacity() * 4 + doc_offsets_.capacity() * 4 + doc_terms_.capacity() * 4 + doc_weights_.capacity() * 4;
    b += post_offsets_.capacity() * 4 + post_docs_.capacity() * 4 + post_weights_.capacity() * 4;
    return b;
}

}  // namespace orientir::analytics
