#pragma once
// A small TF-IDF index over practice titles and summaries, for "similar practices" and the probable-
// duplicate warning on submission. Terms are folded words (ё→е, lower case) cut to a crude stem: at
// most six letters with trailing vowels dropped («школа», «школы» → «школ»; «волонтёрский»,
// «волонтёров» → «волонт»). Title terms count twice. Scores are cosine similarities in 0..1.
//
// Immutable after Build; safe for concurrent reads.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace orientir::analytics {

class TextIndex {
public:
    struct Hit {
        int doc = 0;
        double score = 0;
    };

    // Terms of one text, in order of appearance (repeats kept).
    static std::vector<std::string> Terms(std::string_view text);

    static TextIndex Build(const std::vector<std::string>& titles, const std::vector<std::string>& summaries);

    // Documents most similar to document `doc` (itself excluded): score >= min_score, best first,
    // ties by document index; at most n.
    std::vector<Hit> SimilarTo(int doc, std::size_t n, double min_score) const;
    // The same for a text not in the index (a practice being submitted).
    std::vector<Hit> Query(std::string_view title, std::string_view summary, std::size_t n, double min_score) const;

    // TF-IDF cosine (0..1) of two free texts (an adopter's notes against a candidate's passport or notes):
    // terms take the index's idf, terms it has never seen the idf of a term in no document; terms in more
    // than max_df documents are too common and left out. 0 when either text has no term.
    double Similarity(std::string_view a, std::string_view b) const;

    std::size_t docs() const { return doc_offsets_.empty() ? 0 : doc_offsets_.size() - 1; }
    std::size_t terms() const { return idf_.size(); }
    std::size_t MemoryBytes() const;

private:
    using Vec = std::vector<std::pair<std::int32_t, float>>;  // (term, weight), unit length
    Vec Vectorise(std::string_view title, std::string_view summary) const;
    std::vector<Hit> Search(const Vec& q, int self, std::size_t n, double min_score) const;

    std::unordered_map<std::string, std::int32_t> vocab_;
    std::vector<float> idf_;
    std::vector<std::uint32_t> doc_offsets_;
    std::vector<std::int32_t> doc_terms_;
    std::vector<float> doc_weights_;
    std::vector<std::uint32_t> post_offsets_;
    std::vector<std::int32_t> post_docs_;
    std::vector<float> post_weights_;
    std::uint32_t max_df_ = 0;  // terms in more documents are too common to matter and are skipped
};

}  // namespace orientir::analytics
