#include "analytics/netinf.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <queue>
#include <unordered_map>

namespace orientir::analytics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kPi = 3.14159265358979323846;

// The density itself (not its log), so that log(w · f) is computed the same way for every edge and
// equal delays give bit-identical scores (ties are then decided by node order, not by rounding).
double Density(TransmissionModel m, const std::vector<double>& p, double x) {
    switch (m) {
        case TransmissionModel::kExponential:
            return x < 0 ? 0.0 : p[0] * std::exp(-p[0] * x);
        case TransmissionModel::kRayleigh:
            return x < 0 ? 0.0 : (x / (p[0] * p[0])) * std::exp(-(x * x) / (2 * p[0] * p[0]));
        case TransmissionModel::kLogNormal: {
            if (x <= 0) return 0.0;
            double z = std::log(x) - p[0];
            return 1 / (x * p[1] * std::sqrt(2 * kPi)) * std::exp(-(z * z) / (2 * p[1] * p[1]));
        }
    }
    return 0.0;
}

// Φ(x) by Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7), the approximation NetworkInference uses.
double NormalCdf(double x) {
    const double a1 = 0.254829592, a2 = -0.284496736, a3 = 1.421413741, a4 = -1.453152027, a5 = 1.061405429,
                 p = 0.3275911;
    int sign = x < 0 ? -1 : 1;
    x = std::fabs(x) / std::sqrt(2.0);
    double t = 1.0 / (1.0 + p * x);
    double y = 1.0 - (((((a5 * t + a4) * t) + a3) * t + a2) * t + a1) * t * std::exp(-x * x);
    return 0.5 * (1.0 + sign * y);
}

double Mean(const std::vector<double>& v) {
    if (v.empty()) return kNaN;
    return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double SampleSd(const std::vector<double>& v) {
    if (v.size() < 2) return kNaN;
    double m = Mean(v), ss = 0;
    for (double x : v) ss += (x - m) * (x - m);
    return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

}  // namespace

std::string_view ModelName(TransmissionModel m) {
    switch (m) {
        case TransmissionModel::kExponential:
            return "exponential";
        case TransmissionModel::kRayleigh:
            return "rayleigh";
        case TransmissionModel::kLogNormal:
            return "log-normal";
    }
    return "exponential";
}

bool ParseModel(std::string_view name, TransmissionModel& out) {
    if (name == "exponential" || name == "exp") {
        out = TransmissionModel::kExponential;
    } else if (name == "rayleigh") {
        out = TransmissionModel::kRayleigh;
    } else if (name == "log-normal" || name == "lognormal") {
        out = TransmissionModel::kLogNormal;
    } else {
        return false;
    }
    return true;
}

// Falls back to log-space when the density underflows.
double EdgeLogWeight(TransmissionModel m, const std::vector<double>& p, double w, double dt) {
    double y = Density(m, p, dt);
    if (y > 0 && std::isfinite(y)) return std::log(w * y);
    return std::log(w) + LogDensity(m, p, dt);
}

double LogDensity(TransmissionModel m, const std::vector<double>& p, double x) {
    switch (m) {
        case TransmissionModel::kExponential:
            return x < 0 ? -kInf : std::log(p[0]) - p[0] * x;
        case TransmissionModel::kRayleigh:
            return x <= 0 ? -kInf : std::log(x) - 2 * std::log(p[0]) - (x * x) / (2 * p[0] * p[0]);
        case TransmissionModel::kLogNormal: {
            if (x <= 0) return -kInf;
            double z = std::log(x) - p[0];
            return -std::log(x * p[1] * std::sqrt(2 * kPi)) - (z * z) / (2 * p[1] * p[1]);
        }
    }
    return -kInf;
}

std::vector<double> InitialParams(TransmissionModel m, const std::vector<Cascade>& cascades) {
    std::vector<double> to_first, to_previous;
    std::vector<double> t;
    for (const auto& c : cascades) {
        t = c.times;
        std::sort(t.begin(), t.end());
        for (std::size_t i = 1; i < t.size(); ++i) {
            to_first.push_back(t[i] - t[0]);
            to_previous.push_back(t[i] - t[i - 1]);
        }
    }
    switch (m) {
        case TransmissionModel::kExponential: {
            double lo = 1 / Mean(to_first), hi = 1 / Mean(to_previous);
            if (!std::isfinite(lo) || lo <= 0) lo = 1;
            if (!std::isfinite(hi) || hi <= 0) hi = lo;
            return {(lo + hi) / 2};
        }
        case TransmissionModel::kRayleigh: {
            // MLE α = sqrt(Σx² / 2N), times the small-sample correction Γ(N)·√N / Γ(N + ½).
            auto alpha = [](const std::vector<double>& x) {
                double n = static_cast<double>(x.size()), ss = 0;
                for (double v : x) ss += v * v;
                double adj = std::exp(std::lgamma(n) + std::log(std::sqrt(n)) - std::lgamma(n + 0.5));
                return std::sqrt(ss / (2 * n)) * adj;
            };
            if (to_first.empty()) return {1};
            double a = (alpha(to_first) + alpha(to_previous)) / 2;
            return {a > 0 && std::isfinite(a) ? a : 1};
        }
        case TransmissionModel::kLogNormal: {
            std::vector<double> logs;
            for (double x : to_first)
                if (x > 0) logs.push_back(std::log(x));
            double mu = Mean(logs), sigma = SampleSd(logs);
            if (!std::isfinite(mu)) mu = 0;
            if (!std::isfinite(sigma) || sigma <= 0) sigma = 1;
            return {mu, sigma};
        }
    }
    return {1};
}

double VuongPValue(const std::vector<double>& before, const std::vector<double>& after) {
    std::size_t n = std::min(before.size(), after.size());
    if (n < 2) return 1;
    double penalty = static_cast<double>(1.0F / static_cast<float>(n));
    std::vector<double> d(n);
    for (std::size_t i = 0; i < n; ++i) d[i] = after[i] - penalty - before[i];
    double sum = std::accumulate(d.begin(), d.end(), 0.0);
    double sd = SampleSd(d);
    double z = 0;
    if (sd > 0 && std::isfinite(sd)) {
        z = sum / (sd * std::sqrt(static_cast<double>(n)));
    } else if (sum > 0) {
        z = kInf;
    } else if (sum < 0) {
        z = -kInf;
    } else {
        return 1;
    }
    double p = 1 - NormalCdf(z);
    return std::isfinite(p) ? p : 1;
}

double VuongPValueOfChanges(std::size_t n, const std::vector<double>& changes) {
    if (n < 2) return 1;
    const double penalty = static_cast<double>(1.0F / static_cast<float>(n));
    const auto k = static_cast<double>(changes.size());
    const double rest = static_cast<double>(n) - k;  // cascades whose log-likelihood did not change: d = −penalty
    double sum = -penalty * rest;
    for (double c : changes) sum += c - penalty;
    const double mean = sum / static_cast<double>(n);
    double ss = rest * (-penalty - mean) * (-penalty - mean);
    for (double c : changes) ss += (c - penalty - mean) * (c - penalty - mean);
    double sd = std::sqrt(ss / static_cast<double>(n - 1));
    double z = 0;
    if (sd > 0 && std::isfinite(sd)) {
        z = sum / (sd * std::sqrt(static_cast<double>(n)));
    } else if (sum > 0) {
        z = kInf;
    } else if (sum < 0) {
        z = -kInf;
    } else {
        return 1;
    }
    double p = 1 - NormalCdf(z);
    return std::isfinite(p) ? p : 1;
}

namespace {

// One run of InferNetwork, split by phase: flatten the cascades, the initial trees at the background weight,
// the index of possible edges with their incidences, the lazy greedy, and the result's per-edge counts.
class NetInfRun {
public:
    NetInfRun(std::size_t n_nodes, const NetInfOptions& options, const std::vector<double>& params)
        : n_nodes_(n_nodes), options_(options), params_(params), dense_(n_nodes <= 4096) {}

    // Each cascade ordered by time (stable: ties keep their input order), all in one array.
    void Flatten(const std::vector<Cascade>& cascades) {
        C_ = cascades.size();
        offset_.assign(C_ + 1, 0);
        for (std::size_t c = 0; c < C_; ++c)
            offset_[c + 1] =
                offset_[c] + static_cast<std::uint32_t>(std::min(cascades[c].nodes.size(), cascades[c].times.size()));
        S_ = offset_[C_];
        node_.resize(S_);
        time_.resize(S_);
        score_.assign(S_, kNaN);
        parent_.assign(S_, -1);
        via_.assign(S_, 0);
        cascade_of_.resize(S_);
        std::vector<std::uint32_t> order;
        for (std::size_t c = 0; c < C_; ++c) {
            const auto& cs = cascades[c];
            std::size_t k = offset_[c + 1] - offset_[c];
            order.resize(k);
            std::iota(order.begin(), order.end(), 0U);
            std::stable_sort(order.begin(), order.end(),
                             [&](std::uint32_t a, std::uint32_t b) { return cs.times[a] < cs.times[b]; });
            for (std::size_t i = 0; i < k; ++i) {
                node_[offset_[c] + i] = cs.nodes[order[i]];
                time_[offset_[c] + i] = cs.times[order[i]];
                cascade_of_[offset_[c] + i] = static_cast<std::uint32_t>(c);
            }
        }
    }

    // Initial trees: each node's best earlier node at the background weight ε.
    void InitialTrees() {
        tree_.assign(C_, 0.0);
        for (std::size_t c = 0; c < C_; ++c) {
            for (std::uint32_t i = offset_[c]; i < offset_[c + 1]; ++i) {
                double best = -kInf;
                int best_parent = -1;
                for (std::uint32_t j = offset_[c]; j < i && time_[j] < time_[i]; ++j) {
                    double s = EdgeLogWeight(options_.model, params_, options_.epsilon, time_[i] - time_[j]);
                    if (s > best) {
                        best = s;
                        best_parent = node_[j];
                    }
                }
                if (best_parent >= 0) {
                    score_[i] = best;
                    parent_[i] = best_parent;
                    tree_[c] += best;
                }
            }
        }
    }

    // Possible edges (child, parent) and their incidences, in cascade order.
    void IndexEdges(NetInfResult& out) {
        if (dense_) dense_id_.assign(n_nodes_ * n_nodes_, -1);
        std::vector<std::uint32_t> e_count;
        ForEachPair([&](std::uint32_t, std::uint32_t, std::size_t e) {
            if (e >= e_count.size()) e_count.resize(e + 1, 0);
            ++e_count[e];
        });
        const std::size_t E = e_child_.size();
        out.possible_edges = E;
        e_begin_.assign(E + 1, 0);
        for (std::size_t e = 0; e < E; ++e) e_begin_[e + 1] = e_begin_[e] + e_count[e];
        out.incidences = e_begin_[E];
        inc_slot_.resize(out.incidences);
        inc_score_.resize(out.incidences);
        std::vector<std::uint64_t> cursor(e_begin_.begin(), e_begin_.end() - 1);
        ForEachPair([&](std::uint32_t i, std::uint32_t j, std::size_t e) {
            auto at = cursor[e]++;
            inc_slot_[at] = j;
            inc_score_[at] = EdgeLogWeight(options_.model, params_, options_.beta, time_[j] - time_[i]);
        });
    }

    // Lazy greedy: a max-heap of (improvement, child, parent); an entry is current when its stamp equals
    // its child's stamp (bumped whenever an edge into that child is chosen).
    void Greedy(NetInfResult& out) {
        struct Entry {
            double gain;
            int child, parent;
            std::uint32_t edge, stamp;
            bool operator<(const Entry& o) const {
                if (gain != o.gain) return gain < o.gain;
                if (child != o.child) return child < o.child;
                return parent < o.parent;
            }
        };
        const std::size_t E = e_child_.size();
        std::vector<std::uint32_t> stamp(n_nodes_, 0);
        std::vector<Entry> heap_storage;
        heap_storage.reserve(E);
        for (std::size_t e = 0; e < E; ++e)
            heap_storage.push_back({Improvement(e), e_child_[e], e_parent_[e], static_cast<std::uint32_t>(e), 0});
        out.evaluations = E;
        std::priority_queue<Entry> heap(std::less<Entry>(), std::move(heap_storage));
        std::size_t limit = options_.max_edges > 0 ? static_cast<std::size_t>(options_.max_edges) : E;
        while (out.edges.size() < limit && !heap.empty()) {
            Entry top = heap.top();
            heap.pop();
            auto child = static_cast<std::size_t>(top.child);
            if (top.stamp != stamp[child]) {
                top.gain = Improvement(top.edge);
                top.stamp = stamp[child];
                ++out.evaluations;
                heap.push(top);
                continue;
            }
            out.edges.push_back(Choose(top.edge, top.parent, top.child, top.gain));
            ++stamp[child];
            if (options_.p_value_cutoff > 0 && out.edges.back().p_value >= options_.p_value_cutoff) break;
        }
    }

    // Log-likelihood, cascades per node, final per-edge counts and (optionally) the trees.
    void Finish(NetInfResult& out) const {
        out.log_likelihood = std::accumulate(tree_.begin(), tree_.end(), 0.0);
        out.node_cascades.assign(n_nodes_, 0);
        for (std::size_t i = 0; i < S_; ++i)
            if (Valid(node_[i])) ++out.node_cascades[static_cast<std::size_t>(node_[i])];
        std::unordered_map<std::uint64_t, std::size_t> chosen;
        for (std::size_t k = 0; k < out.edges.size(); ++k) chosen[Key(out.edges[k].to, out.edges[k].from)] = k;
        for (std::size_t i = 0; i < S_; ++i)
            if (via_[i]) {
                auto it = chosen.find(Key(node_[i], parent_[i]));
                if (it != chosen.end()) ++out.edges[it->second].final_cascades;
            }
        if (!options_.keep_trees) return;
        out.trees.resize(C_);
        for (std::size_t c = 0; c < C_; ++c) {
            auto& t = out.trees[c];
            for (std::uint32_t i = offset_[c]; i < offset_[c + 1]; ++i) {
                t.nodes.push_back(node_[i]);
                t.times.push_back(time_[i]);
                t.parent.push_back(via_[i] ? parent_[i] : -1);
                t.score.push_back(score_[i]);
                t.via_edge.push_back(via_[i] != 0);
            }
        }
    }

private:
    bool Valid(int v) const { return v >= 0 && static_cast<std::size_t>(v) < n_nodes_; }
    std::uint64_t Key(int child, int par) const {
        return static_cast<std::uint64_t>(static_cast<std::uint32_t>(child)) * n_nodes_ +
               static_cast<std::uint32_t>(par);
    }
    std::size_t EdgeId(int child, int par) {
        auto add = [&] {
            e_child_.push_back(child);
            e_parent_.push_back(par);
        };
        if (dense_) {
            auto& slot = dense_id_[Key(child, par)];
            if (slot < 0) {
                slot = static_cast<std::int32_t>(e_child_.size());
                add();
            }
            return static_cast<std::size_t>(slot);
        }
        auto [it, fresh] = sparse_id_.try_emplace(Key(child, par), static_cast<std::int32_t>(e_child_.size()));
        if (fresh) add();
        return static_cast<std::size_t>(it->second);
    }
    // fn(i, j, edge) for every ordered pair of a cascade where i precedes j in time: a possible edge i → j.
    template <class Fn>
    void ForEachPair(Fn fn) {
        for (std::size_t c = 0; c < C_; ++c)
            for (std::uint32_t i = offset_[c]; i < offset_[c + 1]; ++i)
                for (std::uint32_t j = i + 1; j < offset_[c + 1]; ++j)
                    if (time_[i] < time_[j] && Valid(node_[i]) && Valid(node_[j]) && node_[i] != node_[j])
                        fn(i, j, EdgeId(node_[j], node_[i]));
    }
    double Improvement(std::size_t e) const {
        double sum = 0;
        for (auto k = e_begin_[e]; k < e_begin_[e + 1]; ++k) {
            double cur = score_[inc_slot_[k]];
            if (inc_score_[k] > cur) sum += inc_score_[k] - cur;
        }
        return sum;
    }
    // Adds edge e to the network: the incidences it improves take it as parent; the changed trees give the
    // edge's Vuong p-value.
    InferredEdge Choose(std::uint32_t e, int parent, int child, double gain) {
        InferredEdge edge{parent, child, gain, 1, 0};
        touched_.clear();
        for (auto k = e_begin_[e]; k < e_begin_[e + 1]; ++k) {
            auto s = inc_slot_[k];
            if (inc_score_[k] > score_[s]) {
                score_[s] = inc_score_[k];
                parent_[s] = parent;
                via_[s] = 1;
                touched_.push_back(cascade_of_[s]);
                ++edge.cascades;
            }
        }
        deltas_.clear();
        for (auto c : touched_) {
            double sum = 0;
            for (std::uint32_t i = offset_[c]; i < offset_[c + 1]; ++i)
                if (!std::isnan(score_[i])) sum += score_[i];
            deltas_.push_back(sum - tree_[c]);
            tree_[c] = sum;
        }
        edge.p_value = VuongPValueOfChanges(C_, deltas_);
        return edge;
    }

    const std::size_t n_nodes_;
    const NetInfOptions& options_;
    const std::vector<double>& params_;
    const bool dense_;
    std::size_t C_ = 0, S_ = 0;
    std::vector<std::uint32_t> offset_, cascade_of_;
    std::vector<int> node_, parent_;
    std::vector<double> time_, score_, tree_;
    std::vector<std::uint8_t> via_;
    std::vector<std::int32_t> dense_id_;
    std::unordered_map<std::uint64_t, std::int32_t> sparse_id_;
    std::vector<int> e_child_, e_parent_;
    std::vector<std::uint64_t> e_begin_;
    std::vector<std::uint32_t> inc_slot_, touched_;
    std::vector<double> inc_score_, deltas_;
};

}  // namespace

NetInfResult InferNetwork(int node_count, const std::vector<Cascade>& cascades, const NetInfOptions& options) {
    auto started = std::chrono::steady_clock::now();
    NetInfResult out;
    out.params = options.params.empty() ? InitialParams(options.model, cascades) : options.params;
    if (node_count <= 0) return out;
    NetInfRun run(static_cast<std::size_t>(node_count), options, out.params);
    run.Flatten(cascades);
    run.InitialTrees();
    run.IndexEdges(out);
    run.Greedy(out);
    run.Finish(out);
    out.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return out;
}

}  // namespace orientir::analytics
