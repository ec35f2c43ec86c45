#include "analytics/seeding.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <queue>
#include <random>

#include "analytics/views.hpp"

namespace orientir::analytics {

namespace {

double Draw(TransmissionModel m, const std::vector<double>& p, std::mt19937_64& rng) {
    std::uniform_real_distribution<double> u(std::numeric_limits<double>::min(), 1.0);
    switch (m) {
        case TransmissionModel::kExponential:
            return -std::log(u(rng)) / p[0];
        case TransmissionModel::kRayleigh:
            return p[0] * std::sqrt(-2 * std::log(u(rng)));
        case TransmissionModel::kLogNormal: {
            std::normal_distribution<double> z(0, 1);
            return std::exp(p[0] + p[1] * z(rng));
        }
    }
    return 1;
}

// Live-edge samples in CSR form: for sample l, node u: targets and delays.
struct Samples {
    std::size_t n = 0, L = 0;
    std::vector<std::uint32_t> offset;  // [(l * n + u)] .. +1
    std::vector<std::uint16_t> to;
    std::vector<float> delay;
};

// Regions that hold the practice: its origin and every adopter with an active adoption.
std::vector<bool> Holders(const Snapshot& s, int p) {
    std::vector<bool> holder(s.R(), false);
    const auto& pr = s.practices[static_cast<std::size_t>(p)];
    if (pr.origin_region >= 0) holder[static_cast<std::size_t>(pr.origin_region)] = true;
    for (auto k = s.by_practice_offsets[static_cast<std::size_t>(p)];
         k < s.by_practice_offsets[static_cast<std::size_t>(p) + 1]; ++k) {
        const auto& a = s.adoptions[s.by_practice[k]];
        if (a.adopter_region >= 0 && IsActive(a.stage)) holder[static_cast<std::size_t>(a.adopter_region)] = true;
    }
    return holder;
}

// Edge probabilities (cascades where the edge is the child's parent / cascades of the parent), then
// `samples` live-edge samples with delays drawn from the inferred model.
Samples DrawSamples(const RegionalInference& net, std::size_t R, const SeedingOptions& o) {
    struct E {
        int from, to;
        double prob;
    };
    std::vector<E> edges;
    for (std::size_t i = 0; i < net.reported_edges; ++i) {
        const auto& e = net.net.edges[i];
        int nu = net.net.node_cascades.empty() ? 0 : net.net.node_cascades[static_cast<std::size_t>(e.from)];
        double prob = nu > 0 ? std::min(1.0, static_cast<double>(e.final_cascades) / nu) : 0.0;
        if (prob > 0) edges.push_back({e.from, e.to, prob});
    }
    std::sort(edges.begin(), edges.end(), [](const E& a, const E& b) { return a.from < b.from; });
    Samples smp;
    smp.n = R;
    smp.L = static_cast<std::size_t>(std::max(1, o.samples));
    smp.offset.assign(smp.L * R + 1, 0);
    std::mt19937_64 rng(o.random_seed);
    std::uniform_real_distribution<double> u01(0, 1);
    const auto& params = net.net.params;
    for (std::size_t l = 0; l < smp.L; ++l) {
        std::size_t k = 0;
        for (std::size_t node = 0; node < R; ++node) {
            smp.offset[l * R + node] = static_cast<std::uint32_t>(smp.to.size());
            for (; k < edges.size() && static_cast<std::size_t>(edges[k].from) == node; ++k) {
                if (u01(rng) >= edges[k].prob) continue;
                smp.to.push_back(static_cast<std::uint16_t>(edges[k].to));
                smp.delay.push_back(static_cast<float>(Draw(net.options.model, params, rng)));
            }
        }
    }
    smp.offset[smp.L * R] = static_cast<std::uint32_t>(smp.to.size());
    return smp;
}

// reach(sources): the mean over samples of the regions reached within the horizon from the holders and
// `extra`, and its standard error.
class Reach {
public:
    Reach(const Samples& smp, const std::vector<int>& holders, double horizon)
        : smp_(smp), holders_(holders), T_(static_cast<float>(horizon)), dist_(smp.n) {}

    double operator()(const std::vector<int>& extra, double& se) {
        double sum = 0, sum2 = 0;
        for (std::size_t l = 0; l < smp_.L; ++l) {
            const int reached = Sample(l, extra);
            sum += reached;
            sum2 += static_cast<double>(reached) * reached;
        }
        double n = static_cast<double>(smp_.L), mean = sum / n;
        se = smp_.L > 1 ? std::sqrt(std::max(0.0, (sum2 / n - mean * mean)) / (n - 1)) : 0;
        ++evaluations;
        return mean;
    }
    std::size_t evaluations = 0;

private:
    // Regions reached in sample l: earliest arrival (Dijkstra) from the starts, within the horizon.
    int Sample(std::size_t l, const std::vector<int>& extra) {
        const std::size_t R = smp_.n;
        std::fill(dist_.begin(), dist_.end(), std::numeric_limits<float>::infinity());
        heap_.clear();
        auto start = [&](std::size_t r) {
            if (dist_[r] > 0) {
                dist_[r] = 0;
                heap_.push_back({0.0F, static_cast<std::uint32_t>(r)});
            }
        };
        for (int h : holders_) start(static_cast<std::size_t>(h));
        for (int x : extra) start(static_cast<std::size_t>(x));
        std::make_heap(heap_.begin(), heap_.end(), std::greater<>());
        int reached = 0;
        while (!heap_.empty()) {
            std::pop_heap(heap_.begin(), heap_.end(), std::greater<>());
            auto [d, v] = heap_.back();
            heap_.pop_back();
            if (d > dist_[v]) continue;
            ++reached;
            for (auto k = smp_.offset[l * R + v]; k < smp_.offset[l * R + v + 1]; ++k) {
                float nd = d + smp_.delay[k];
                if (nd <= T_ && nd < dist_[smp_.to[k]]) {
                    dist_[smp_.to[k]] = nd;
                    heap_.push_back({nd, smp_.to[k]});
                    std::push_heap(heap_.begin(), heap_.end(), std::greater<>());
                }
            }
        }
        return reached;
    }

    const Samples& smp_;
    const std::vector<int>& holders_;
    float T_;
    std::vector<float> dist_;
    std::vector<std::pair<float, std::uint32_t>> heap_;
};

// CELF: upper bounds of the marginal gains in a max-heap; ties by region code (index order).
void ChooseSeeds(Reach& reach, const std::vector<bool>& holder, const SeedingOptions& o, SeedingResult& out) {
    struct Cand {
        double gain;
        int region;
        int round;
        bool operator<(const Cand& x) const { return gain != x.gain ? gain < x.gain : region > x.region; }
    };
    std::priority_queue<Cand> pq;
    std::vector<int> chosen;
    double se = 0, current = out.baseline;
    for (std::size_t r = 0; r < holder.size(); ++r) {
        if (holder[r]) continue;
        std::vector<int> one = {static_cast<int>(r)};
        pq.push({reach(one, se) - current, static_cast<int>(r), 0});
    }
    int round = 0;
    while (static_cast<int>(chosen.size()) < o.seeds && !pq.empty()) {
        Cand c = pq.top();
        pq.pop();
        if (c.round != round) {
            auto trial = chosen;
            trial.push_back(c.region);
            c.gain = reach(trial, se) - current;
            c.round = round;
            pq.push(c);
            continue;
        }
        chosen.push_back(c.region);
        double r = reach(chosen, se);
        out.seeds.push_back({c.region, r - current, r, se});
        current = r;
        ++round;
    }
}

}  // namespace

Result<SeedingResult> Seeding(const Snapshot& s, const RegionalInference& net, Id practice_id,
                              const SeedingOptions& o) {
    auto started = std::chrono::steady_clock::now();
    int p = s.PracticeIndex(practice_id);
    if (p < 0) return Error::NotFound("practice " + std::to_string(practice_id) + " not found");
    SeedingResult out;
    out.practice = p;
    const auto holder = Holders(s, p);
    for (std::size_t r = 0; r < holder.size(); ++r)
        if (holder[r]) out.holders.push_back(static_cast<int>(r));
    const Samples smp = DrawSamples(net, s.R(), o);
    Reach reach(smp, out.holders, o.horizon_years);
    double se = 0;
    out.baseline = reach({}, se);
    out.baseline_se = se;
    ChooseSeeds(reach, holder, o, out);
    out.evaluations = reach.evaluations;
    out.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return out;
}

OrderedJson SeedingJson(const Snapshot& s, const SeedingResult& r, const SeedingOptions& o) {
    OrderedJson holders = OrderedJson::array();
    for (int h : r.holders) holders.push_back(RegionJson(s, h));
    OrderedJson seeds = OrderedJson::array();
    for (const auto& c : r.seeds)
        seeds.push_back({{"region", RegionJson(s, c.region)},
                         {"expected_gain", std::round(c.gain * 100) / 100},
                         {"expected_reach", std::round(c.reach * 100) / 100},
                         {"standard_error", std::round(c.reach_se * 1000) / 1000}});
    return {{"practice", PracticeBriefJson(s, r.practice)},
            {"kind", "inferred"},
            {"method",
             "CELF greedy influence maximisation on the inferred network (independent cascades with "
             "delays); within (1 - 1/e) of the best set of this size for the sampled objective"},
            {"horizon_years", o.horizon_years},
            {"samples", o.samples},
            {"holders", holders},
            {"expected_reach_without_seeds", std::round(r.baseline * 100) / 100},
            {"standard_error", std::round(r.baseline_se * 1000) / 1000},
            {"seeds", seeds},
            {"evaluations", r.evaluations},
            {"computed_ms", std::round(r.ms * 10) / 10}};
}

}  // namespace orientir::analytics
