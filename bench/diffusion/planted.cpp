// Source attribution on a generator with planted ground truth (bench/diffusion/planted.hpp).
#include "diffusion/planted.hpp"        // bench/diffusion/planted.hpp
#include "diffusion/planted_world.hpp"  // bench/diffusion/planted_world.hpp

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <map>
#include <queue>
#include <random>
#include <set>
#include <sstream>
#include <unordered_map>

#include "analytics/attribution.hpp"
#include "analytics/generator.hpp"
#include "analytics/inferred_network.hpp"
#include "analytics/weight_fit.hpp"
#include "common/json.hpp"
#include "domain/codec.hpp"

namespace orientir::analytics::bench {

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

struct Scores {
    std::size_t n = 0, no_candidate = 0;
    double top1 = 0, top3 = 0;      // expected hits (ties shared)
    double exact1 = 0, exact3 = 0;  // the same when the source's organisation (or none) is named too
    double log_lik = 0, brier = 0;
    // Calibration of the top-1 probability in 10 bins.
    std::vector<double> bin_p = std::vector<double>(10, 0), bin_hit = std::vector<double>(10, 0);
    std::vector<std::size_t> bin_n = std::vector<std::size_t>(10, 0);
};

// Evaluates on the first `max_n` hidden adoptions by id (all when 0).
Scores Evaluate(const PlantedData& d, const RegionalInference* net, const AttributionWeights& w,
                std::size_t max_n = 0) {
    Scores s;
    const auto& snap = *d.snapshot;
    std::vector<std::pair<Id, int>> items(d.truth.begin(), d.truth.end());
    std::sort(items.begin(), items.end());
    if (max_n && items.size() > max_n) items.resize(max_n);
    for (const auto& [id, truth] : items) {
        auto it = snap.adoption_by_id.find(id);
        if (it == snap.adoption_by_id.end()) continue;
        auto ls = LikelySourcesAt(snap, net, it->second, 1000, w);
        ++s.n;
        if (ls.candidates.empty()) {
            ++s.no_candidate;
            continue;
        }
        // Ties in score are counted fairly: with `equal` candidates tied with the truth and `better` above
        // them, top-k is credited (k − better) / equal (0..1), whatever order the ties were listed in.
        double p_truth = 1e-6, truth_score = 0;
        bool found = false, exact = false;
        auto org = d.truth_organisation.find(id);
        const Id truth_org = org == d.truth_organisation.end() ? 0 : org->second;
        for (const auto& c : ls.candidates)
            if (c.region == truth) {
                found = true;
                exact = c.organisation == truth_org;
                truth_score = c.score;
                p_truth = std::max(p_truth, c.probability);
            }
        double hit1 = 0, hit3 = 0;
        if (found) {
            double better = 0, equal = 0;
            for (const auto& c : ls.candidates) {
                if (c.score > truth_score) ++better;
                if (c.score == truth_score) ++equal;
            }
            hit1 = std::clamp((1 - better) / equal, 0.0, 1.0);
            hit3 = std::clamp((3 - better) / equal, 0.0, 1.0);
        }
        s.top1 += hit1;
        s.top3 += hit3;
        s.exact1 += exact ? hit1 : 0;
        s.exact3 += exact ? hit3 : 0;
        s.log_lik += std::log(p_truth);
        double p1 = ls.candidates[0].probability;
        s.brier += (p1 - hit1) * (p1 - hit1);
        auto bin = static_cast<std::size_t>(std::min(9.0, std::floor(p1 * 10)));
        s.bin_p[bin] += p1;
        s.bin_hit[bin] += hit1;
        ++s.bin_n[bin];
    }
    return s;
}

double Ece(const Scores& s) {
    double e = 0;
    for (std::size_t b = 0; b < 10; ++b)
        if (s.bin_n[b]) e += std::fabs(s.bin_p[b] - s.bin_hit[b]) / static_cast<double>(s.n - s.no_candidate);
    return e;
}

// Coordinate search of the evidence weights, maximising the mean log-probability of the true source.
AttributionWeights Fit(const PlantedData& d, const RegionalInference* net) {
    AttributionWeights w;
    const std::size_t n = 3000;
    double best = Evaluate(d, net, w, n).log_lik;
    const double grid[] = {0, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4, 5, 6};
    for (int round = 0; round < 2; ++round)
        for (double AttributionWeights::*field :
             {&AttributionWeights::network, &AttributionWeights::career, &AttributionWeights::peers,
              &AttributionWeights::district, &AttributionWeights::origin, &AttributionWeights::timing,
              &AttributionWeights::text}) {
            for (double g : grid) {
                AttributionWeights c = w;
                c.*field = g;
                double v = Evaluate(d, net, c, n).log_lik;
                if (v > best) {
                    best = v;
                    w = c;
                }
            }
        }
    return w;
}

void Report(std::ostream& out, const char* label, const Scores& s) {
    std::size_t n = s.n;
    out << std::left << std::setw(28) << label << " top-1 " << std::setw(8) << Pct(s.top1, n) << " top-3 "
        << std::setw(8) << Pct(s.top3, n) << " mean log p(true) " << std::fixed << std::setprecision(3)
        << s.log_lik / static_cast<double>(n) << "  Brier(top-1) " << s.brier / static_cast<double>(n) << "  ECE "
        << Ece(s) << "\n";
}

// The same with the share of sources named exactly: the organisation when the source was one, else the region.
void ReportExact(std::ostream& out, const char* label, const Scores& s) {
    Report(out, label, s);
    out << "    named exactly: top-1 " << Pct(s.exact1, s.n) << ", top-3 " << Pct(s.exact3, s.n) << "\n";
}

// Organisations as candidates (--organisations): the planted world with organisations, ranked with regions only,
// with organisation candidates but no organisation-specific career evidence, with the default weights, and with
// the organisation-career weight chosen on the second data set (grid, mean log-probability of the true source).
void ReportOrganisations(const PlantedData& train, const PlantedData& test, const RegionalInference* net_train,
                         const RegionalInference* net, std::ostream& out) {
    std::size_t holders = 0;
    for (const auto& [id, org] : test.truth_organisation) holders += org != 0;
    out << "\norganisations as candidates: " << test.snapshot->organisations.size() << " organisations; " << holders
        << " of " << test.hidden << " hidden sources were an organisation; " << test.via_organisation_career
        << " adoptions came through an official of the source organisation\n";
    AttributionWeights regions_only;
    regions_only.organisations = false;
    AttributionWeights no_org_career;
    no_org_career.org_career = 0;
    ReportExact(out, "regions only", Evaluate(test, net, regions_only));
    ReportExact(out, "+ organisations, no org career", Evaluate(test, net, no_org_career));
    ReportExact(out, "+ organisations (defaults)", Evaluate(test, net, AttributionWeights{}));
    AttributionWeights best;
    double best_ll = -1e300;
    for (double g : {0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0}) {
        AttributionWeights w;
        w.org_career = g;
        double ll = Evaluate(train, net_train, w, 3000).log_lik;
        if (ll > best_ll) best_ll = ll, best = w;
    }
    out << "organisation-career weight fitted on seed + 1: " << std::setprecision(2) << best.org_career << "\n";
    ReportExact(out, "+ organisations (fitted)", Evaluate(test, net, best));
}

// Weights learned from simulated curators' confirmations (the true source of a hidden adoption), as the
// server learns them (LearnWeights: L2 toward the defaults, λ = 1, at least 30 usable labels), and — to show
// what the labels alone carry — the same fit pulled toward timing-only weights instead of the defaults. The
// hidden adoptions of the test data are split in two by a seeded shuffle: labels come from the first half,
// accuracy is measured on 5,000 of the second, so no label is scored on itself.
void ReportRejections(const PlantedData& test, const RegionalInference* net, const std::vector<Id>& label_ids,
                      const PlantedData& held, std::size_t eval_n, std::ostream& out);

void ReportLearnedWeights(const PlantedData& test, const RegionalInference* net, std::uint64_t seed,
                          std::ostream& out) {
    std::vector<Id> ids;
    for (const auto& kv : test.truth) ids.push_back(kv.first);
    std::sort(ids.begin(), ids.end());
    std::mt19937_64 rng(seed + 7);
    std::shuffle(ids.begin(), ids.end(), rng);
    const std::size_t half = ids.size() / 2, eval_n = 5000;
    PlantedData held = test;
    held.truth.clear();
    for (std::size_t k = half; k < ids.size(); ++k) held.truth[ids[k]] = test.truth.at(ids[k]);
    out << "\nweights learned from simulated curators' confirmations (labels from one half of the hidden adoptions, "
        << "accuracy on " << std::min(eval_n, held.truth.size()) << " of the other half):\n";
    Report(out, "defaults", Evaluate(held, net, AttributionWeights{}, eval_n));
    Report(out, "timing only", Evaluate(held, net, AttributionWeights::TimingOnly(), eval_n));
    auto show = [&](const AttributionWeights& w) {
        const auto v = AsVector(w);
        out << "    weights";
        for (std::size_t k = 0; k < kSignalCount; ++k)
            out << " " << kSignalNames[k] << " " << std::setprecision(2) << std::fixed << v[k];
        out << "\n";
    };
    for (std::size_t n : {10, 30, 100, 300, 3000}) {
        std::vector<ConfirmedSource> labels;
        for (std::size_t k = 0; k < n && k < half; ++k) labels.push_back({ids[k], test.truth.at(ids[k])});
        auto lw = LearnWeights(*test.snapshot, net, labels);
        std::string label = "learned, " + std::to_string(n) + " labels" + (lw.learned ? "" : " (defaults)");
        Report(out, label.c_str(), Evaluate(held, net, lw.weights, eval_n));
        out << "    usable " << lw.usable << ";";
        show(lw.weights);
        if (n < 30) continue;
        std::vector<LabelledChoice> choices;
        for (const auto& l : labels)
            if (auto c = ChoiceFor(*test.snapshot, net, test.snapshot->adoption_by_id.at(l.adoption), l.region))
                choices.push_back(std::move(*c));
        auto fit = FitWeights(choices, AttributionWeights::TimingOnly());
        label = "from timing only, " + std::to_string(n);
        Report(out, label.c_str(), Evaluate(held, net, fit.weights, eval_n));
        show(fit.weights);
    }
    ReportRejections(test, net, std::vector<Id>(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(half)), held,
                     eval_n, out);
}

// Curators simulated as they work: shown the top three under the defaults, they confirm the true source when it
// is among them and otherwise reject the three.
struct Decisions {
    std::vector<ConfirmedSource> confirmed;
    std::vector<RejectedSources> rejected;
};

Decisions SimulateDecisions(const PlantedData& d, const RegionalInference* net, const std::vector<Id>& ids) {
    Decisions out;
    const auto& snap = *d.snapshot;
    for (Id id : ids) {
        const int truth = d.truth.at(id);
        auto org = d.truth_organisation.find(id);
        const Id truth_org = org == d.truth_organisation.end() ? 0 : org->second;
        auto ls = LikelySourcesAt(snap, net, snap.adoption_by_id.at(id), 3, AttributionWeights{});
        bool shown = false;
        for (const auto& c : ls.candidates) shown = shown || (c.region == truth && c.organisation == truth_org);
        if (shown) {
            out.confirmed.push_back({id, truth, truth_org});
            continue;
        }
        RejectedSources r{id, {}};
        for (const auto& c : ls.candidates) r.candidates.emplace_back(c.region, c.organisation);
        if (!r.candidates.empty()) out.rejected.push_back(std::move(r));
    }
    return out;
}

// Rejections in the fit: the same simulated curators' decisions learned with and without their rejections,
// starting from the defaults (the server's rule) and from timing alone (what the labels carry on their own).
void ReportRejections(const PlantedData& test, const RegionalInference* net, const std::vector<Id>& label_ids,
                      const PlantedData& held, std::size_t eval_n, std::ostream& out) {
    out << "\nrejections in the fit (curators shown the top three under the defaults confirm the truth when shown, "
           "else reject the three):\n";
    for (std::size_t n : {100, 300, 3000}) {
        std::vector<Id> ids(label_ids.begin(),
                            label_ids.begin() + static_cast<std::ptrdiff_t>(std::min(n, label_ids.size())));
        auto dec = SimulateDecisions(test, net, ids);
        out << "  " << n << " decisions: " << dec.confirmed.size() << " confirmed, " << dec.rejected.size()
            << " rejected\n";
        auto conf = LearnWeights(*test.snapshot, net, dec.confirmed);
        auto both = LearnWeights(*test.snapshot, net, dec.confirmed, dec.rejected);
        Report(out, "  confirmations only", Evaluate(held, net, conf.weights, eval_n));
        Report(out, "  + rejections", Evaluate(held, net, both.weights, eval_n));
        out << "    usable " << both.usable << " + " << both.usable_rejections << " rejections; career "
            << std::setprecision(2) << conf.weights.career << " → " << both.weights.career << ", network "
            << conf.weights.network << " → " << both.weights.network << ", origin " << conf.weights.origin << " → "
            << both.weights.origin << "\n";
        std::vector<LabelledChoice> c_only, c_both;
        for (const auto& l : dec.confirmed)
            if (auto c = ChoiceFor(*test.snapshot, net, test.snapshot->adoption_by_id.at(l.adoption), l.region,
                                   l.organisation))
                c_only.push_back(std::move(*c));
        c_both = c_only;
        for (const auto& r : dec.rejected)
            if (auto c = RejectionFor(*test.snapshot, net, test.snapshot->adoption_by_id.at(r.adoption), r.candidates))
                c_both.push_back(std::move(*c));
        Report(out, "  from timing, confirmations",
               Evaluate(held, net, FitWeights(c_only, AttributionWeights::TimingOnly()).weights, eval_n));
        Report(out, "  from timing, + rejections",
               Evaluate(held, net, FitWeights(c_both, AttributionWeights::TimingOnly()).weights, eval_n));
    }
}

}  // namespace

std::string Pct(double k, std::size_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%", n ? 100.0 * k / static_cast<double>(n) : 0.0);
    return buf;
}

int RunPlanted(const PlantedOptions& a, std::ostream& out) {
    auto t0 = Clock::now();
    auto train = Plant(a, a.seed + 1);
    auto test = Plant(a, a.seed);
    out << "planted ground truth: " << test.snapshot->R() << " regions, " << a.practices << " practices, "
        << test.adoptions << " adoptions, " << test.hidden << " with the source hidden (" << test.via_network
        << " learnt over the hidden network, " << test.via_career << " through an official's move, "
        << test.via_background << " directly from the origin); " << test.true_edges
        << " hidden network edges; generated in " << std::fixed << std::setprecision(0) << Ms(t0, Clock::now()) << " ms"
        << std::endl;
    RegionalInferenceOptions ro;
    ro.model = a.model;
    auto t1 = Clock::now();
    auto net_train = InferRegional(*train.snapshot, ro);
    auto net = InferRegional(*test.snapshot, ro);
    out << "inferred network: " << net->reported_edges << " edges with p < 0.1 (" << net->net.possible_edges
        << " possible), params";
    for (double v : net->net.params) out << " " << std::setprecision(3) << v;
    out << ", " << std::setprecision(0) << net->ms << " ms\n";
    (void)t1;
    // How many inferred edges are true edges of the hidden network (network edges or career channels)?
    {
        std::set<std::pair<int, int>> truth_edges;
        // Recover from the truth of the test set: every (source, adopter) pair seen is an edge used.
        for (const auto& [id, src] : test.truth) {
            auto it = test.snapshot->adoption_by_id.find(id);
            if (it == test.snapshot->adoption_by_id.end()) continue;
            truth_edges.insert({src, test.snapshot->adoptions[static_cast<std::size_t>(it->second)].adopter_region});
        }
        std::size_t hit = 0;
        for (std::size_t i = 0; i < net->reported_edges; ++i)
            hit += truth_edges.count({net->net.edges[i].from, net->net.edges[i].to});
        out << "inferred edges that carried at least one hidden adoption: " << hit << " of " << net->reported_edges
            << "\n";
    }
    AttributionWeights network_only = AttributionWeights::TimingOnly();
    network_only.network = AttributionWeights{}.network;
    auto fitted = Fit(train, net_train.get());
    out << std::setprecision(2) << "weights fitted on a second generated data set (seed " << a.seed + 1 << "): timing "
        << fitted.timing << ", network " << fitted.network << ", career " << fitted.career << ", peers " << fitted.peers
        << ", district " << fitted.district << ", origin " << fitted.origin << ", text " << fitted.text << "\n\n";
    out << "evaluated on seed " << a.seed << " (" << test.hidden << " adoptions with the source hidden):\n";
    AttributionWeights text_only = AttributionWeights::TimingOnly();
    text_only.text = AttributionWeights{}.text;
    AttributionWeights no_text;
    no_text.text = 0;
    Report(out, "timing only", Evaluate(test, net.get(), AttributionWeights::TimingOnly()));
    Report(out, "timing + text similarity", Evaluate(test, net.get(), text_only));
    Report(out, "timing + inferred network", Evaluate(test, net.get(), network_only));
    Report(out, "all signals but text", Evaluate(test, net.get(), no_text));
    Report(out, "all signals (defaults)", Evaluate(test, net.get(), AttributionWeights{}));
    auto all = Evaluate(test, net.get(), fitted);
    Report(out, "all signals (fitted)", all);
    out << "\ncalibration of the top-1 probability (all signals, fitted):\n  bin   n     mean p  accuracy\n";
    for (std::size_t b = 0; b < 10; ++b) {
        if (!all.bin_n[b]) continue;
        out << "  " << std::setprecision(1) << b / 10.0 << "  " << std::setw(5) << all.bin_n[b] << " "
            << std::setprecision(3) << all.bin_p[b] / static_cast<double>(all.bin_n[b]) << "   "
            << all.bin_hit[b] / static_cast<double>(all.bin_n[b]) << "\n";
    }
    if (a.organisations) ReportOrganisations(train, test, net_train.get(), net.get(), out);
    ReportLearnedWeights(test, net.get(), a.seed, out);
    return 0;
}

}  // namespace orientir::analytics::bench
