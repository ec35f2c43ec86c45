#pragma once
// A learned reading of a whole article's borrowing (internal to src/extract). The rules of adoption*.cpp
// each recognise one construction and miss the many others the press uses; when they find no adoption in
// an article that speaks of taking something up, every pair of distinct places or organisations it names is
// a candidate (adopter, source), described by what the text says around each (the cue words the rules read,
// the words beside the mentions, where they stand, how often they recur) and scored by a logistic model
// trained on the hand-checked batches (extract_rank; docs/extraction.md «The ranker»). The best pair is
// proposed when its probability passes the model's threshold.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/doc.hpp"

namespace orientir::extract::detail {

struct RankCandidate {
    std::size_t adopter = 0;   // mention index standing for the adopter
    std::size_t source = 0;    // mention index standing for the source
    std::size_t sentence = 0;  // the sentence that best evidences the pair
    std::vector<std::string> features;
};

// The candidate pairs of a document; empty when no sentence has a cue of borrowing or introducing.
std::vector<RankCandidate> AdoptionCandidates(const Doc& d);

class RankModel {
public:
    // Lines «name<TAB>weight»; the names «@bias» and «@threshold» are the intercept and the decision threshold.
    static RankModel Parse(std::string_view text);
    static const RankModel* Embedded();  // the model compiled into the library, nullptr when there is none

    double Probability(const std::vector<std::string>& features) const;
    double threshold() const { return threshold_; }
    bool empty() const { return weights_.empty(); }

    std::unordered_map<std::string, double> weights_;
    double bias_ = 0;
    double threshold_ = 1.1;  // never, unless the model says otherwise
};

// The best candidate of `d` if the model accepts it (FindAdoptions' fallback), as a fact; false when none.
bool RankedAdoption(const Doc& d, const RankModel& model, bool personnel, Fact& out);

}  // namespace orientir::extract::detail
