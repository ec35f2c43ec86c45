#pragma once
// A learned reading of a whole article's borrowing (internal to src/extract). The rules of adoption*.cpp
// each recognise one construction and miss the many others the press uses; when they find no adoption in
// an article that speaks of taking something up, every pair of distinct places or organisations it names is
// a candidate (adopter, source), described by what the text says around each (the cue words the rules read,
// the words beside the mentions, where they stand, how often they recur) and scored by a logistic model
// trained on the hand-checked batches (extract_rank; docs/extraction.md «The ranker»). The best pair is
// proposed when its probability passes the model's threshold.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "extract/doc.hpp"

namespace orientir::extract::detail {

struct RankCandidate {
    std::size_t adopter = 0;                    // mention index standing for the adopter
    std::size_t source = 0;                     // mention index standing for the source
    std::size_t sentence = 0;                   // the sentence that best evidences the pair
    std::string adopter_region, source_region;  // region codes, as Fact holds them
    std::vector<std::string> features;
};

// The candidate pairs of a document; empty when no sentence has a cue of borrowing or introducing.
std::vector<RankCandidate> AdoptionCandidates(const Doc& d);

class RankModel {
public:
    // Lines «name<TAB>weight»; the names «@bias» and «@threshold» are the intercept and the decision threshold.
    static RankModel Parse(std::string_view text);
    static const RankModel* Embedded();  // the model compiled into the library, nullptr when there is none

    // A candidate's own probability (a model trained per candidate), or its share of the document's choice.
    double Probability(const std::vector<std::string>& features) const;
    // The document's best candidate and its probability: per candidate, or — a model trained as a choice
    // («@choice») — exp(s) / (1 + Σ exp(s_j)) over the document's candidates and «none of them».
    std::pair<std::optional<std::size_t>, double> Choose(const std::vector<RankCandidate>& cands) const;
    double threshold() const { return threshold_; }
    // Where the rules found facts: the model's best pair is proposed beside them (when they hold no fact
    // between the same parties) only above this probability («@beside»; never when the model does not say).
    double beside() const { return beside_; }
    // A practice chooser's margin («@margin»): another phrase replaces the rules' only when its score is higher by
    // this much (practice_chooser.hpp); 0 when the model does not say.
    double margin() const { return margin_; }
    // The model's score of a candidate (the logit of Probability).
    double Score(const std::vector<std::string>& features) const;
    bool empty() const { return weights_.empty(); }

    std::unordered_map<std::string, double> weights_;
    double bias_ = 0;
    double threshold_ = 1.1;  // never, unless the model says otherwise
    double beside_ = 1.1;
    double margin_ = 0;
    bool choice_ = false;  // trained as a choice among a document's candidates
};

// The best candidate of `d` if the model accepts it (FindAdoptions' fallback), as a fact; false when none.
bool RankedAdoption(const Doc& d, const RankModel& model, bool personnel, Fact& out);

// The best candidate of `d` as a fact beside the rules' facts[from…]: only above the model's `beside()`
// probability and when none of those facts is between the same parties; false otherwise.
bool RankedBeside(const Doc& d, const RankModel& model, bool personnel, const std::vector<Fact>& facts,
                  std::size_t from, Fact& out);

// Do the fact and the candidate name the same adopter and source: the same normal form, or a region and a
// place or body in it? (`mentions` are those both index.)
bool SameParties(const std::vector<Mention>& mentions, const Fact& fact, const RankCandidate& c);

// The ranker's whole part after the rules' facts[from…], on one reading of the article: the fallback where
// they found no adoption, else the missing adopters and the pair beside them (FindAdoptions calls this).
void RankerPass(const Doc& d, const RankModel& model, bool personnel, std::vector<Fact>& facts, std::size_t from);

// The rules' facts from index `from` on that name a source but no adopter («Мы не стесняемся учиться у
// красноярцев»: who «мы» are is said elsewhere) get the adopter the model ranks best with that source.
void CompleteAdopters(const Doc& d, const RankModel& model, std::vector<Fact>& facts, std::size_t from);

}  // namespace orientir::extract::detail
