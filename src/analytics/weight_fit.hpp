#pragma once
// Signal weights of the likely sources learned from curators' labels (issue 17). The attribution's score
// is log-linear, score = Σ w_k · f_k over the signals (timing log f(Δt), inferred edge, career move, peer,
// same district, origin, text similarity, a move from the candidate organisation), and the probabilities are a softmax
// over the candidates — a conditional logit. A confirmed source is one observed choice among the candidates, so the
// weights are fitted by maximum likelihood with an L2 penalty pulling them toward the defaults:
//
//   maximise Σ_labels log p(confirmed candidate | w) − λ/2 · ‖w − w_default‖²
//
// by Newton's method (8 parameters; the objective is concave, the Hessian −Σ Cov_p(f) − λI is negative
// definite), with step halving when a step does not improve the objective. λ = 1: with few labels the
// weights stay near the defaults, with many the data decide.
//
// Rejections (session 7): a curator who rejects the candidates shown says the source is none of them. Its
// likelihood is P(source ∉ S | w) = 1 − Σ_{i∈S} p_i over the rejected set S, so each rejected candidate is a
// negative example for its own signal vector: the gradient, E_{not S}[f] − E_all[f], lowers the weights of
// the signals the rejected candidates have more of than the remaining ones. A rejection is usable when at
// least one rejected candidate is still a candidate and at least one candidate was not rejected. This term is
// not concave; the Newton matrix used for it is Cov_all(f) (positive semi-definite, the confirmation's
// part of the curvature), with step halving, so every step still increases the objective.
//
// Used only when at least kMinLabelsForLearnedWeights decisions (confirmations and rejections) can be scored
// (their adoption and the candidates are still in the current snapshot); else the defaults.

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "analytics/attribution.hpp"

namespace orientir::analytics {

inline constexpr std::size_t kSignalCount = 8;
inline constexpr std::size_t kMinLabelsForLearnedWeights = 30;
inline constexpr double kWeightL2 = 1.0;

using SignalVector = std::array<double, kSignalCount>;
// "timing", "network", "career", "peers", "district", "origin", "text", "org_career" — the order of SignalVector.
extern const std::array<std::string_view, kSignalCount> kSignalNames;
SignalVector AsVector(const AttributionWeights& w);
AttributionWeights FromVector(const SignalVector& v);
// The signal values a candidate was scored on (the candidate must come from weights with no zero).
SignalVector SignalsOf(const SourceCandidate& c);

// One labelled decision: the signals of every candidate and which one was the source — or, for a rejection,
// which candidates the source was not (`rejected` non-empty; `chosen` unused).
struct LabelledChoice {
    std::vector<SignalVector> candidates;
    std::size_t chosen = 0;
    std::vector<std::size_t> rejected;
};
// The choice for adoption row `index` whose source was `true_region` (and `true_organisation`, 0 for the region:
// FindCandidate); nullopt when it is not a candidate (or there is only one candidate: a single candidate says
// nothing about the weights).
std::optional<LabelledChoice> ChoiceFor(const Snapshot& s, const RegionalInference* net, int index, int true_region,
                                        Id true_organisation = 0);

// A rejection of the candidates (region index, organisation) shown for an adoption.
struct RejectedSources {
    Id adoption = 0;
    std::vector<std::pair<int, Id>> candidates;
};
// The rejection as a labelled decision; nullopt when none of the rejected is still a candidate or every
// candidate was rejected (nothing left to prefer).
std::optional<LabelledChoice> RejectionFor(const Snapshot& s, const RegionalInference* net, int index,
                                           const std::vector<std::pair<int, Id>>& rejected);

struct WeightFit {
    AttributionWeights weights;
    std::size_t choices = 0;
    int iterations = 0;
    bool converged = false;
    double log_likelihood = 0;  // of the choices at the fitted weights (without the penalty)
};
WeightFit FitWeights(const std::vector<LabelledChoice>& choices, const AttributionWeights& prior = {},
                     double l2 = kWeightL2);

// A confirmed source: the adoption and the region (snapshot index) the curator confirmed.
struct ConfirmedSource {
    Id adoption = 0;
    int region = -1;
    Id organisation = 0;  // 0: the region (or its best-ranked organisation when it has no region-level candidate)
};

// The weights in use and where they come from.
struct LearnedWeights {
    AttributionWeights weights;  // learned, or the defaults
    bool learned = false;
    std::size_t confirmations = 0;  // confirmed labels seen
    std::size_t usable = 0;         // of them, scored (still a candidate, more than one candidate)
    std::size_t rejections = 0;     // rejected labels seen
    std::size_t usable_rejections = 0;
    std::size_t threshold = kMinLabelsForLearnedWeights;
    WeightFit fit;  // when learned
};
LearnedWeights LearnWeights(const Snapshot& s, const RegionalInference* net, const std::vector<ConfirmedSource>& labels,
                            const std::vector<RejectedSources>& rejections = {});
// {"source": "learned"|"default", "threshold", "confirmations", "usable", "weights": {name: value}} and the
// Russian line curators read, «веса сигналов: …» (`summary`, `summary_en`).
OrderedJson LearnedWeightsJson(const LearnedWeights& w);

// Keeps the weights for one snapshot and one generation of labels (Invalidate after a decision). Thread-safe.
class LearnedWeightsCache {
public:
    template <class Load>  // Load: () → std::pair<std::vector<ConfirmedSource>, std::vector<RejectedSources>>
    std::shared_ptr<const LearnedWeights> Get(const std::shared_ptr<const Snapshot>& s, const RegionalInference* net,
                                              Load&& load) {
        std::lock_guard<std::mutex> lock(mu_);
        if (result_ && for_ == s.get() && !alive_.expired() && generation_ == result_generation_) return result_;
        auto [confirmed, rejected] = load();
        result_ = std::make_shared<const LearnedWeights>(LearnWeights(*s, net, confirmed, rejected));
        for_ = s.get();
        alive_ = s;
        result_generation_ = generation_;
        return result_;
    }
    void Invalidate() {
        std::lock_guard<std::mutex> lock(mu_);
        ++generation_;
    }

private:
    std::mutex mu_;
    const Snapshot* for_ = nullptr;
    std::weak_ptr<const Snapshot> alive_;
    std::shared_ptr<const LearnedWeights> result_;
    std::uint64_t generation_ = 0, result_generation_ = 0;
};

}  // namespace orientir::analytics
