#pragma once
// Signal weights of the likely sources learned from curators' labels (issue 17). The attribution's score
// is log-linear, score = Σ w_k · f_k over the signals (timing log f(Δt), inferred edge, career move, peer,
// same district, origin, text similarity), and the probabilities are a softmax over the candidates — a
// conditional logit. A confirmed source is one observed choice among the candidates, so the weights are
// fitted by maximum likelihood with an L2 penalty pulling them toward the defaults:
//
//   maximise Σ_labels log p(confirmed candidate | w) − λ/2 · ‖w − w_default‖²
//
// by Newton's method (7 parameters; the objective is concave, the Hessian −Σ Cov_p(f) − λI is negative
// definite), with step halving when a step does not improve the objective. λ = 1: with few labels the
// weights stay near the defaults, with many the data decide.
//
// Used only when at least kMinLabelsForLearnedWeights confirmations can be scored (their adoption and the
// confirmed region are still a candidate in the current snapshot); else the defaults. Rejections name only
// what the source was not and are not used by the fit (they count in the accuracy report).

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "analytics/attribution.hpp"

namespace orientir::analytics {

inline constexpr std::size_t kSignalCount = 7;
inline constexpr std::size_t kMinLabelsForLearnedWeights = 30;
inline constexpr double kWeightL2 = 1.0;

using SignalVector = std::array<double, kSignalCount>;
// "timing", "network", "career", "peers", "district", "origin", "text" — the order of SignalVector.
extern const std::array<std::string_view, kSignalCount> kSignalNames;
SignalVector AsVector(const AttributionWeights& w);
AttributionWeights FromVector(const SignalVector& v);
// The signal values a candidate was scored on (the candidate must come from weights with no zero).
SignalVector SignalsOf(const SourceCandidate& c);

// One labelled decision: the signals of every candidate and which one was the source.
struct LabelledChoice {
    std::vector<SignalVector> candidates;
    std::size_t chosen = 0;
};
// The choice for adoption row `index` whose source was `true_region`; nullopt when that region is not a
// candidate (or there is only one candidate: a single candidate says nothing about the weights).
std::optional<LabelledChoice> ChoiceFor(const Snapshot& s, const RegionalInference* net, int index, int true_region);

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
};

// The weights in use and where they come from.
struct LearnedWeights {
    AttributionWeights weights;  // learned, or the defaults
    bool learned = false;
    std::size_t confirmations = 0;  // confirmed labels seen
    std::size_t usable = 0;         // of them, scored (still a candidate, more than one candidate)
    std::size_t threshold = kMinLabelsForLearnedWeights;
    WeightFit fit;  // when learned
};
LearnedWeights LearnWeights(const Snapshot& s, const RegionalInference* net,
                            const std::vector<ConfirmedSource>& labels);
// {"source": "learned"|"default", "threshold", "confirmations", "usable", "weights": {name: value}} and the
// Russian line curators read, «веса сигналов: …» (`summary`, `summary_en`).
OrderedJson LearnedWeightsJson(const LearnedWeights& w);

// Keeps the weights for one snapshot and one generation of labels (Invalidate after a decision). Thread-safe.
class LearnedWeightsCache {
public:
    template <class Load>  // Load: () → std::vector<ConfirmedSource>
    std::shared_ptr<const LearnedWeights> Get(const std::shared_ptr<const Snapshot>& s, const RegionalInference* net,
                                              Load&& load) {
        std::lock_guard<std::mutex> lock(mu_);
        if (result_ && for_ == s.get() && !alive_.expired() && generation_ == result_generation_) return result_;
        result_ = std::make_shared<const LearnedWeights>(LearnWeights(*s, net, load()));
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
