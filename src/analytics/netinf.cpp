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

NetInfResult InferNetwork(int node_count, const std::vector<Cascade>& cascades, const NetInfOptions& options) {
    auto started = std::chrono::steady_clock::now();
    NetInfResult out;
    out.params = options.params.empty() ? InitialParams(options.model, cascades) : options.params;
    const auto model = options.model;
    const auto& params = out.params;
    if (node_count <= 0) return out;
    const auto n_nodes = static_cast<std::size_t>(node_count);

    // Flatten the cascades, each ordered by time (stable: ties keep their input order).
    const std::size_t C = cascades.size();
    std::vector<std::uint32_t> offset(C + 1, 0);
    for (std::size_t c = 0; c < C; ++c)
        offset[c + 1] =
            offset[c] + static_cast<std::uint32_t>(std::min(cascades[c].nodes.size(), cascades[c].times.size()));
    const std::size_t S = offset[C];
    std::vector<int> node(S);
    std::vector<double> time(S), score(S, kNaN);
    std::vector<int> parent(S, -1);
    std::vector<std::uint8_t> via(S, 0);
    std::vector<std::uint32_t> cascade_of(S);
    {
        std::vector<std::uint32_t> order;
        for (std::size_t c = 0; c < C; ++c) {
            const auto& cs = cascades[c];
            std::size_t k = offset[c + 1] - offset[c];
            order.resize(k);
            std::iota(order.begin(), order.end(), 0U);
            std::stable_sort(order.begin(), order.end(),
                             [&](std::uint32_t a, std::uint32_t b) { return cs.times[a] < cs.times[b]; });
            for (std::size_t i = 0; i < k; ++i) {
                node[offset[c] + i] = cs.nodes[order[i]];
                time[offset[c] + i] = cs.times[order[i]];
                cascade_of[offset[c] + i] = static_cast<std::uint32_t>(c);
            }
        }
    }
    // Initial trees: each node's best earlier node at the background weight ε.
    std::vector<double> tree(C, 0.0);
    for (std::size_t c = 0; c < C; ++c) {
        for (std::uint32_t i = offset[c]; i < offset[c + 1]; ++i) {
            double best = -kInf;
            int best_parent = -1;
            for (std::uint32_t j = offset[c]; j < i && time[j] < time[i]; ++j) {
                double s = EdgeLogWeight(model, params, options.epsilon, time[i] - time[j]);
                if (s > best) {
                    best = s;
                    best_parent = node[j];
                }
            }
            if (best_parent >= 0) {
                score[i] = best;
                parent[i] = best_parent;
                tree[c] += best;
            }
        }
    }

    // Possible edges (child, parent) and their incidences, in cascade order.
    const bool dense = n_nodes <= 4096;
    std::vector<std::int32_t> dense_id(dense ? n_nodes * n_nodes : 0, -1);
    std::unordered_map<std::uint64_t, std::int32_t> sparse_id;
    auto key = [&](int child, int par) {
        return static_cast<std::uint64_t>(static_cast<std::uint32_t>(child)) * n_nodes +
               static_cast<std::uint32_t>(par);
    };
    std::vector<int> e_child, e_parent;
    std::vector<std::uint32_t> e_count;
    auto edge_id = [&](int child, int par) -> std::int32_t {
        if (dense) {
            auto& slot = dense_id[key(child, par)];
            if (slot < 0) {
                slot = static_cast<std::int32_t>(e_child.size());
                e_child.push_back(child);
                e_parent.push_back(par);
                e_count.push_back(0);
            }
            return slot;
        }
        auto [it, fresh] = sparse_id.try_emplace(key(child, par), static_cast<std::int32_t>(e_child.size()));
        if (fresh) {
            e_child.push_back(child);
            e_parent.push_back(par);
            e_count.push_back(0);
        }
        return it->second;
    };
    auto valid = [&](int v) { return v >= 0 && static_cast<std::size_t>(v) < n_nodes; };
    for (std::size_t c = 0; c < C; ++c)
        for (std::uint32_t i = offset[c]; i < offset[c + 1]; ++i)
            for (std::uint32_t j = i + 1; j < offset[c + 1]; ++j)
                if (time[i] < time[j] && valid(node[i]) && valid(node[j]) && node[i] != node[j])
                    ++e_count[static_cast<std::size_t>(edge_id(node[j], node[i]))];
    const std::size_t E = e_child.size();
    out.possible_edges = E;
    std::vector<std::uint64_t> e_begin(E + 1, 0);
    for (std::size_t e = 0; e < E; ++e) e_begin[e + 1] = e_begin[e] + e_count[e];
    out.incidences = e_begin[E];
    std::vector<std::uint32_t> inc_slot(out.incidences);
    std::vector<double> inc_score(out.incidences);
    {
        std::vector<std::uint64_t> cursor(e_begin.begin(), e_begin.end() - 1);
        for (std::size_t c = 0; c < C; ++c)
            for (std::uint32_t i = offset[c]; i < offset[c + 1]; ++i)
                for (std::uint32_t j = i + 1; j < offset[c + 1]; ++j) {
                    if (!(time[i] < time[j] && valid(node[i]) && valid(node[j]) && node[i] != node[j])) continue;
                    auto e = static_cast<std::size_t>(edge_id(node[j], node[i]));
                    auto at = cursor[e]++;
                    inc_slot[at] = j;
                    inc_score[at] = EdgeLogWeight(model, params, options.beta, time[j] - time[i]);
                }
    }
    auto improvement = [&](std::size_t e) {
        double sum = 0;
        for (auto k = e_begin[e]; k < e_begin[e + 1]; ++k) {
            double cur = score[inc_slot[k]];
            if (inc_score[k] > cur) sum += inc_score[k] - cur;
        }
        return sum;
    };

    // Lazy greedy: a max-heap of (improvement, child, parent); an entry is current when its stamp equals
    // its child's stamp (bumped whenever an edge into that child is chosen).
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
    std::vector<std::uint32_t> stamp(n_nodes, 0);
    std::vector<Entry> heap_storage;
    heap_storage.reserve(E);
    for (std::size_t e = 0; e < E; ++e)
        heap_storage.push_back({improvement(e), e_child[e], e_parent[e], static_cast<std::uint32_t>(e), 0});
    out.evaluations = E;
    std::priority_queue<Entry> heap(std::less<Entry>(), std::move(heap_storage));

    std::size_t limit = options.max_edges > 0 ? static_cast<std::size_t>(options.max_edges) : E;
    std::vector<double> deltas;
    std::vector<std::uint32_t> touched;
    while (out.edges.size() < limit && !heap.empty()) {
        Entry top = heap.top();
        heap.pop();
        auto child = static_cast<std::size_t>(top.child);
        if (top.stamp != stamp[child]) {
            top.gain = improvement(top.edge);
            top.stamp = stamp[child];
            ++out.evaluations;
            heap.push(top);
            continue;
        }
        InferredEdge edge{top.parent, top.child, top.gain, 1, 0};
        touched.clear();
        for (auto k = e_begin[top.edge]; k < e_begin[top.edge + 1]; ++k) {
            auto s = inc_slot[k];
            if (inc_score[k] > score[s]) {
                score[s] = inc_score[k];
                parent[s] = top.parent;
                via[s] = 1;
                touched.push_back(cascade_of[s]);
                ++edge.cascades;
            }
        }
        deltas.clear();
        for (auto c : touched) {
            double sum = 0;
            for (std::uint32_t i = offset[c]; i < offset[c + 1]; ++i)
                if (!std::isnan(score[i])) sum += score[i];
            deltas.push_back(sum - tree[c]);
            tree[c] = sum;
        }
        edge.p_value = VuongPValueOfChanges(C, deltas);
        out.edges.push_back(edge);
        ++stamp[child];
        if (options.p_value_cutoff > 0 && edge.p_value >= options.p_value_cutoff) break;
    }
    out.log_likelihood = std::accumulate(tree.begin(), tree.end(), 0.0);
    out.node_cascades.assign(n_nodes, 0);
    for (std::size_t i = 0; i < S; ++i)
        if (valid(node[i])) ++out.node_cascades[static_cast<std::size_t>(node[i])];
    {
        std::unordered_map<std::uint64_t, std::size_t> chosen;
        for (std::size_t k = 0; k < out.edges.size(); ++k) chosen[key(out.edges[k].to, out.edges[k].from)] = k;
        for (std::size_t i = 0; i < S; ++i)
            if (via[i]) {
                auto it = chosen.find(key(node[i], parent[i]));
                if (it != chosen.end()) ++out.edges[it->second].final_cascades;
            }
    }
    if (options.keep_trees) {
        out.trees.resize(C);
        for (std::size_t c = 0; c < C; ++c) {
            auto& t = out.trees[c];
            for (std::uint32_t i = offset[c]; i < offset[c + 1]; ++i) {
                t.nodes.push_back(node[i]);
                t.times.push_back(time[i]);
                t.parent.push_back(via[i] ? parent[i] : -1);
                t.score.push_back(score[i]);
                t.via_edge.push_back(via[i] != 0);
            }
        }
    }
    out.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return out;
}

}  // namespace orientir::analytics
