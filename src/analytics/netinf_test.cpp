#include "analytics/netinf.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

namespace orientir::analytics {
namespace {

Cascade C(std::vector<int> nodes, std::vector<double> times) { return Cascade{std::move(nodes), std::move(times)}; }

NetInfOptions Exp(double lambda, int edges) {
    NetInfOptions o;
    o.params = {lambda};
    o.max_edges = edges;
    return o;
}

// log(0.5 / 1e-10): what moving a node from the background to a chosen edge with the same delay gains.
const double kGain = std::log(0.5 / 1e-10);

TEST(NetInf, ImprovementIsTheSumOfPerCascadeGains) {
    // A=0, B=1, C=2. A → B in two cascades, B → C in one.
    std::vector<Cascade> cs = {C({0, 1}, {0, 1}), C({1, 0}, {2, 0}), C({1, 2}, {0, 1})};
    auto r = InferNetwork(3, cs, Exp(1.0, 2));
    ASSERT_EQ(r.edges.size(), 2u);
    EXPECT_EQ(r.possible_edges, 2u);
    EXPECT_EQ(r.edges[0].from, 0);
    EXPECT_EQ(r.edges[0].to, 1);
    EXPECT_NEAR(r.edges[0].improvement, 2 * kGain, 1e-9);
    EXPECT_EQ(r.edges[0].cascades, 2);
    EXPECT_EQ(r.edges[1].from, 1);
    EXPECT_EQ(r.edges[1].to, 2);
    EXPECT_NEAR(r.edges[1].improvement, kGain, 1e-9);
    // Final log-likelihood: every non-root through a chosen edge, log(0.5 · e^-dt).
    EXPECT_NEAR(r.log_likelihood, 3 * std::log(0.5) - 1 - 2 - 1, 1e-9);
}

TEST(NetInf, VuongPValueByHand) {
    // Three cascades, the first edge improves two of them by kGain; penalty 1/3 per cascade.
    std::vector<Cascade> cs = {C({0, 1}, {0, 1}), C({1, 0}, {2, 0}), C({1, 2}, {0, 1})};
    auto r = InferNetwork(3, cs, Exp(1.0, 1));
    ASSERT_EQ(r.edges.size(), 1u);
    double pen = static_cast<double>(1.0F / 3.0F);
    std::vector<double> d = {kGain - pen, kGain - pen, -pen};
    double m = (d[0] + d[1] + d[2]) / 3;
    double sd = std::sqrt(((d[0] - m) * (d[0] - m) + (d[1] - m) * (d[1] - m) + (d[2] - m) * (d[2] - m)) / 2);
    double z = (d[0] + d[1] + d[2]) / (sd * std::sqrt(3.0));
    double p = 1 - 0.5 * std::erfc(-z / std::sqrt(2.0));
    EXPECT_NEAR(r.edges[0].p_value, p, 2e-7);  // Abramowitz–Stegun is within 1.5e-7 of Φ
}

TEST(NetInf, VuongFromChangesEqualsTheFullComputation) {
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> u(-5, 40);
    for (int trial = 0; trial < 20; ++trial) {
        std::size_t n = 50 + static_cast<std::size_t>(trial) * 37;
        std::vector<double> before(n), after(n), changes;
        for (std::size_t i = 0; i < n; ++i) {
            before[i] = -u(rng);
            after[i] = before[i];
            if (rng() % 5 == 0) {
                after[i] += u(rng) + 5;
                changes.push_back(after[i] - before[i]);
            }
        }
        EXPECT_NEAR(VuongPValueOfChanges(n, changes), VuongPValue(before, after), 1e-9) << n;
    }
    EXPECT_EQ(VuongPValueOfChanges(10, {}), 1.0);  // nothing changed: z = −∞
}

TEST(NetInf, CompetingParentsTiesAndLazyReevaluation) {
    // One cascade A(0) B(1) C(3). C's background parent is B (closer). A→B and B→C both gain kGain: the
    // tie goes to the larger (child, parent), B→C. Then A→B. A→C would now lower C's score (e^-3 < e^-2
    // through B), so its stale gain kGain − 1 is re-evaluated to 0 and it comes last.
    std::vector<Cascade> cs = {C({2, 0, 1}, {3, 0, 1})};
    auto r = InferNetwork(3, cs, Exp(1.0, 3));
    ASSERT_EQ(r.edges.size(), 3u);
    EXPECT_EQ(r.possible_edges, 3u);
    EXPECT_EQ(r.edges[0].from, 1);
    EXPECT_EQ(r.edges[0].to, 2);
    EXPECT_NEAR(r.edges[0].improvement, kGain, 1e-9);
    EXPECT_EQ(r.edges[1].from, 0);
    EXPECT_EQ(r.edges[1].to, 1);
    EXPECT_EQ(r.edges[2].from, 0);
    EXPECT_EQ(r.edges[2].to, 2);
    EXPECT_DOUBLE_EQ(r.edges[2].improvement, 0.0);
    EXPECT_EQ(r.edges[2].cascades, 0);
    EXPECT_EQ(r.edges[0].final_cascades, 1);
    EXPECT_EQ(r.edges[2].final_cascades, 0);
    EXPECT_EQ(r.node_cascades[0], 1);
    EXPECT_GE(r.evaluations, 4u);  // the stale A→C was recomputed
}

TEST(NetInf, TiedTimesAreNeverParentAndChild) {
    std::vector<Cascade> cs = {C({0, 1, 2}, {5, 5, 6})};
    auto r = InferNetwork(3, cs, Exp(1.0, 10));
    EXPECT_EQ(r.possible_edges, 2u);  // 0→2 and 1→2 only
    ASSERT_EQ(r.edges.size(), 2u);
    for (auto& e : r.edges) EXPECT_EQ(e.to, 2);
}

TEST(NetInf, CutoffStopsAtTheFirstInsignificantEdgeAndReportsIt) {
    // 0 → 1 in 30 of 40 cascades; 2 → 3 only once: the second edge is not significant.
    std::vector<Cascade> cs;
    for (int i = 0; i < 30; ++i) cs.push_back(C({0, 1}, {0, 1}));
    for (int i = 0; i < 9; ++i) cs.push_back(C({4}, {0}));
    cs.push_back(C({2, 3}, {0, 2}));
    NetInfOptions o;
    o.params = {1.0};
    o.p_value_cutoff = 0.1;
    auto r = InferNetwork(5, cs, o);
    ASSERT_EQ(r.edges.size(), 2u);
    EXPECT_LT(r.edges[0].p_value, 1e-6);
    EXPECT_GE(r.edges[1].p_value, 0.1);
    EXPECT_EQ(r.edges[1].from, 2);
}

TEST(NetInf, InitialParamsFromTheData) {
    std::vector<Cascade> cs = {C({0, 1, 2}, {0, 1, 3})};
    // Delays to the first event {1, 3} (mean 2), between consecutive events {1, 2} (mean 1.5).
    auto p = InitialParams(TransmissionModel::kExponential, cs);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NEAR(p[0], (0.5 + 1 / 1.5) / 2, 1e-12);
    auto ln = InitialParams(TransmissionModel::kLogNormal, cs);
    ASSERT_EQ(ln.size(), 2u);
    EXPECT_NEAR(ln[0], std::log(3.0) / 2, 1e-12);
    EXPECT_NEAR(ln[1], std::sqrt(2 * std::pow(std::log(3.0) / 2, 2)), 1e-12);
    auto ra = InitialParams(TransmissionModel::kRayleigh, cs);
    ASSERT_EQ(ra.size(), 1u);
    EXPECT_GT(ra[0], 0);
}

TEST(NetInf, LogDensityMatchesTheDensities) {
    EXPECT_NEAR(LogDensity(TransmissionModel::kExponential, {0.5}, 2), std::log(0.5 * std::exp(-1.0)), 1e-12);
    EXPECT_NEAR(LogDensity(TransmissionModel::kRayleigh, {2}, 1), std::log(1.0 / 4 * std::exp(-1.0 / 8)), 1e-12);
    double pi = std::acos(-1.0);
    EXPECT_NEAR(LogDensity(TransmissionModel::kLogNormal, {0, 1}, std::exp(1.0)),
                std::log(1 / (std::exp(1.0) * std::sqrt(2 * pi)) * std::exp(-0.5)), 1e-12);
    EXPECT_EQ(LogDensity(TransmissionModel::kLogNormal, {0, 1}, 0), -std::numeric_limits<double>::infinity());
}

// The lazy greedy must choose exactly what the plain greedy (every improvement recomputed at every step,
// ties to the larger (child, parent)) chooses.
TEST(NetInf, LazyEqualsPlainGreedyOnRandomCascades) {
    for (auto model : {TransmissionModel::kExponential, TransmissionModel::kRayleigh, TransmissionModel::kLogNormal}) {
        std::mt19937 rng(7);
        const int N = 12;
        std::vector<Cascade> cs;
        for (int c = 0; c < 60; ++c) {
            Cascade x;
            for (int v = 0; v < N; ++v)
                if (rng() % 3 == 0) {
                    x.nodes.push_back(v);
                    x.times.push_back(static_cast<double>(rng() % 8));  // integer times: many ties
                }
            cs.push_back(x);
        }
        NetInfOptions o;
        o.model = model;
        o.max_edges = 40;
        auto r = InferNetwork(N, cs, o);
        ASSERT_EQ(r.edges.size(), 40u);

        // Plain greedy.
        auto p = r.params;
        std::vector<std::vector<double>> score(cs.size());
        auto w = [&](double dt, double weight) { return EdgeLogWeight(model, p, weight, dt); };
        for (std::size_t c = 0; c < cs.size(); ++c) {
            score[c].assign(cs[c].nodes.size(), std::numeric_limits<double>::quiet_NaN());
            for (std::size_t i = 0; i < cs[c].nodes.size(); ++i)
                for (std::size_t j = 0; j < cs[c].nodes.size(); ++j)
                    if (cs[c].times[j] < cs[c].times[i]) {
                        double s = w(cs[c].times[i] - cs[c].times[j], 1e-10);
                        if (std::isnan(score[c][i]) || s > score[c][i]) score[c][i] = s;
                    }
        }
        std::vector<bool> used(N * N, false);
        for (std::size_t k = 0; k < 40; ++k) {
            double best = -1;
            int bu = -1, bv = -1;
            for (int v = 0; v < N; ++v)
                for (int u = 0; u < N; ++u) {
                    if (u == v || used[static_cast<std::size_t>(v * N + u)]) continue;
                    bool possible = false;
                    double gain = 0;
                    for (std::size_t c = 0; c < cs.size(); ++c) {
                        int iu = -1, iv = -1;
                        for (std::size_t i = 0; i < cs[c].nodes.size(); ++i) {
                            if (cs[c].nodes[i] == u) iu = static_cast<int>(i);
                            if (cs[c].nodes[i] == v) iv = static_cast<int>(i);
                        }
                        if (iu < 0 || iv < 0) continue;
                        double tu = cs[c].times[static_cast<std::size_t>(iu)];
                        double tv = cs[c].times[static_cast<std::size_t>(iv)];
                        if (!(tu < tv)) continue;
                        possible = true;
                        double s = w(tv - tu, 0.5);
                        double cur = score[c][static_cast<std::size_t>(iv)];
                        if (s > cur) gain += s - cur;
                    }
                    if (possible && gain >= best) {  // later (v, u) wins ties
                        best = gain;
                        bu = u;
                        bv = v;
                    }
                }
            ASSERT_GE(bu, 0);
            EXPECT_EQ(r.edges[k].from, bu) << "edge " << k << " model " << ModelName(model);
            EXPECT_EQ(r.edges[k].to, bv) << "edge " << k << " model " << ModelName(model);
            EXPECT_EQ(r.edges[k].improvement, best);
            used[static_cast<std::size_t>(bv * N + bu)] = true;
            for (std::size_t c = 0; c < cs.size(); ++c) {
                int iu = -1, iv = -1;
                for (std::size_t i = 0; i < cs[c].nodes.size(); ++i) {
                    if (cs[c].nodes[i] == bu) iu = static_cast<int>(i);
                    if (cs[c].nodes[i] == bv) iv = static_cast<int>(i);
                }
                if (iu < 0 || iv < 0) continue;
                double tu = cs[c].times[static_cast<std::size_t>(iu)];
                double tv = cs[c].times[static_cast<std::size_t>(iv)];
                if (!(tu < tv)) continue;
                double s = w(tv - tu, 0.5);
                auto& cur = score[c][static_cast<std::size_t>(iv)];
                if (s > cur) cur = s;
            }
        }
    }
}

}  // namespace
}  // namespace orientir::analytics
