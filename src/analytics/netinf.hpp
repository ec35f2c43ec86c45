#pragma once
// Latent diffusion network inference: NetInf (Gomez-Rodriguez, Leskovec, Krause, KDD 2010) with the
// conventions of the R package NetworkInference (Desmarais, Harden, Boehmke 2015; Linder & Desmarais),
// written from the papers and the package's documented behaviour (docs/analytics.md, «Inferred network»).
//
// Input: cascades, each a set of (node, time). Within a cascade a node can only have been "infected" by a
// node with a strictly earlier time. Every node that has a possible parent carries a score, the log-weight
// of its best parent: log(ε·f(Δt)) for the best earlier node when no chosen edge explains it (ε = 1e-10, the
// background), log(β·f(Δt)) (β = 0.5) through a chosen edge. f is the transmission density (exponential,
// Rayleigh or log-normal). Edges are added greedily: the edge u → v with the largest improvement
// Σ_cascades max(0, log(β·f(t_v − t_u)) − score_v); its cascades then take u as v's parent. Because
// scores only grow, an edge's improvement only shrinks (the objective is submodular) and only the
// edges into the last chosen child change, so improvements are kept in a max-heap and re-evaluated
// lazily (CELF): a popped entry computed before its child last changed is recomputed and pushed back.
//
// Each chosen edge has its improvement and the p-value of a Vuong-style test comparing the per-cascade
// log-likelihoods with and without it (one-sided, normal approximation, a penalty of 1/n per cascade).
// Inference stops after `max_edges` edges or, with a cut-off, at the first edge whose p-value is ≥ the
// cut-off (that edge is reported too, as the package does). Ties in improvement go to the edge with the
// largest (child, parent) node index, again as the package does, so node numbering matters for ties.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace orientir::analytics {

enum class TransmissionModel { kExponential, kRayleigh, kLogNormal };
std::string_view ModelName(TransmissionModel m);
// "exponential", "rayleigh", "log-normal" (also "lognormal"); false when unknown.
bool ParseModel(std::string_view name, TransmissionModel& out);

struct Cascade {
    std::vector<int> nodes;     // node indexes, 0..node_count-1, each at most once
    std::vector<double> times;  // parallel to nodes, any order (sorted stably by time internally)
};

struct NetInfOptions {
    TransmissionModel model = TransmissionModel::kExponential;
    // Exponential: {λ}; Rayleigh: {α}; log-normal: {μ, σ}. Empty: initialised from the data
    // (InitialParams).
    std::vector<double> params;
    int max_edges = 0;          // > 0: stop after this many edges
    double p_value_cutoff = 0;  // > 0: stop at the first edge with p ≥ cut-off (it is reported)
    double beta = 0.5;          // weight of a transmission along a chosen edge
    double epsilon = 1e-10;     // weight of the background ("no chosen edge explains it")
    bool keep_trees = false;    // fill NetInfResult::parent
};

struct InferredEdge {
    int from = -1;  // parent (source)
    int to = -1;    // child (adopter)
    double improvement = 0;
    double p_value = 1;
    int cascades = 0;        // cascades in which the edge became the child's parent when it was added
    int final_cascades = 0;  // cascades in which it is the child's parent at the end
};

struct NetInfResult {
    std::vector<InferredEdge> edges;  // in the order chosen
    std::vector<double> params;       // the parameters used
    std::size_t possible_edges = 0;   // node pairs (u, v) with u strictly before v in some cascade
    std::size_t incidences = 0;       // (edge, cascade) pairs
    std::size_t evaluations = 0;      // edge improvements computed (initial + lazy re-evaluations)
    double log_likelihood = 0;        // Σ tree scores at the end
    std::vector<int> node_cascades;   // per node, the cascades it appears in
    // With keep_trees: for each cascade, its nodes ordered by time (stable) and each one's parent node
    // (-1: none, i.e. a root or explained by the background only) and whether the parent came through
    // a chosen edge.
    struct Tree {
        std::vector<int> nodes;
        std::vector<double> times;
        std::vector<int> parent;
        std::vector<double> score;  // NaN for roots
        std::vector<bool> via_edge;
    };
    std::vector<Tree> trees;
    double ms = 0;
};

// The transmission density's log, log f(dt); -inf outside the support.
double LogDensity(TransmissionModel m, const std::vector<double>& params, double dt);
// log(w · f(dt)), the score of a parent at delay dt with weight w (β or ε); computed from the density
// itself so that equal delays give bit-identical scores.
double EdgeLogWeight(TransmissionModel m, const std::vector<double>& params, double w, double dt);
// Parameters initialised from the data as NetworkInference does: from the delays to the cascade's
// first event ("max") and between consecutive events ("min"). Exponential: the mean of 1/mean(max) and
// 1/mean(min); Rayleigh: the mean of the two bias-corrected MLEs of α; log-normal: μ and σ of the
// log-delays to the first event (zero delays left out).
std::vector<double> InitialParams(TransmissionModel m, const std::vector<Cascade>& cascades);

// One-sided Vuong-style test of `after` (k+1 edges) against `before` (k edges), per-cascade
// log-likelihoods: z = Σ(after − 1/n − before) / (sd · √n), p = 1 − Φ(z) (Φ by Abramowitz–Stegun 7.1.26,
// as in the package). 1 when undefined.
double VuongPValue(const std::vector<double>& before, const std::vector<double>& after);
// The same from the changes alone: n cascades, `changes` = after − before of those that changed (the
// others changed by 0). O(changes) instead of O(n); equal to VuongPValue up to rounding.
double VuongPValueOfChanges(std::size_t n, const std::vector<double>& changes);

NetInfResult InferNetwork(int node_count, const std::vector<Cascade>& cascades, const NetInfOptions& options);

}  // namespace orientir::analytics
