// Source attribution on a generator with planted ground truth (bench/diffusion/planted.hpp).
#include "diffusion/planted.hpp"  // bench/diffusion/planted.hpp

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

std::string DateAt(double years) { return DateOf(static_cast<std::int32_t>(std::floor(years * 365.25))); }

std::vector<domain::Region> Regions(const std::string& path) {
    std::vector<domain::Region> out = analytics::bench::ReadRegionsJson(path);
    if (!out.empty()) return out;
    std::mt19937_64 rng(1);
    std::uniform_real_distribution<double> u(0, 1);
    for (int k = 1; k <= 89; ++k) {
        domain::Region r;
        r.meta.id = k;
        r.code = (k < 10 ? "0" : "") + std::to_string(k);
        r.name = "Регион " + r.code;
        r.short_name = r.name;
        r.district = "D" + std::to_string(k % 8);
        r.population = static_cast<std::int64_t>(std::pow(10.0, 5.0 + 2.0 * u(rng)));
        r.area_km2 = std::pow(10.0, 3.0 + 3.0 * u(rng));
        r.urban_share = 0.4 + 0.55 * u(rng);
        out.push_back(std::move(r));
    }
    return out;
}

// `n` made-up Russian-looking words (consonant-vowel syllables), distinct in their first five letters so
// the text index's crude stems keep them apart.
std::vector<std::string> WordPool(std::mt19937_64& rng, std::size_t n) {
    static const char* kC[] = {"б", "в", "г", "д", "з", "к", "л", "м", "н", "п", "р", "с", "т", "ф", "х", "ш"};
    static const char* kV[] = {"а", "о", "у", "и", "е"};
    std::set<std::string> stems;
    std::vector<std::string> out;
    while (out.size() < n) {
        std::string w, stem;
        for (int k = 0; k < 4; ++k) {
            w += kC[rng() % 16];
            if (k < 3) stem = w;
            w += kV[rng() % 5];
        }
        if (stems.insert(stem).second) out.push_back(w);
    }
    return out;
}

struct PlantedData {
    std::shared_ptr<const Snapshot> snapshot;
    std::unordered_map<Id, int> truth;  // hidden adoption id → true source region (index in snapshot)
    std::size_t adoptions = 0, hidden = 0, via_career = 0, via_network = 0, via_background = 0;
    std::size_t true_edges = 0;
};

// The hidden network: out-edges of each region (kind 0 network, 1 career, 2 background).
struct HiddenEdge {
    int to;
    double prob, mean, from_time;
    int kind;
};
using HiddenNetwork = std::vector<std::vector<HiddenEdge>>;

// Each region learns from 2 regions of its federal district and 1 other (p = 0.25, mean delay 1 year).
void PlantNetwork(const std::vector<domain::Region>& regions, std::mt19937_64& rng, HiddenNetwork& net,
                  PlantedData& out) {
    const int R = static_cast<int>(regions.size());
    std::map<std::string, std::vector<int>> by_district;
    for (int r = 0; r < R; ++r) by_district[regions[static_cast<std::size_t>(r)].district].push_back(r);
    for (int v = 0; v < R; ++v) {
        const auto& same = by_district[regions[static_cast<std::size_t>(v)].district];
        std::vector<int> teachers;
        for (int k = 0; k < 4 && teachers.size() < 2 && same.size() > 1; ++k) {
            int t = same[rng() % same.size()];
            if (t != v && std::find(teachers.begin(), teachers.end(), t) == teachers.end()) teachers.push_back(t);
        }
        while (teachers.size() < 3) {
            int t = static_cast<int>(rng() % static_cast<std::uint64_t>(R));
            if (t != v && std::find(teachers.begin(), teachers.end(), t) == teachers.end()) teachers.push_back(t);
        }
        for (int t : teachers) net[static_cast<std::size_t>(t)].push_back({v, 0.25, 1.0, -1e9, 0});
        out.true_edges += teachers.size();
    }
}

// Officials: 600 moves; one in four opens a channel from the move on (p = 0.4, mean delay 0.7 years).
void PlantOfficials(const std::vector<domain::Region>& regions, std::mt19937_64& rng, SnapshotBuilder& b,
                    HiddenNetwork& net) {
    std::uniform_real_distribution<double> u(0, 1);
    const auto R = static_cast<std::uint64_t>(regions.size());
    domain::Id pos_id = 1;
    for (int k = 0; k < 600; ++k) {
        int from = static_cast<int>(rng() % R);
        int to = static_cast<int>(rng() % R);
        if (from == to) continue;
        double when = 2008 - 1970 + 14 * u(rng);  // years since 1970
        domain::Person person;
        person.meta.id = k + 1;
        person.last_name = "Чиновник";
        person.first_name = std::to_string(k + 1);
        b.Upsert(person);
        domain::Position p1;
        p1.meta.id = pos_id++;
        p1.person_id = person.meta.id;
        p1.title = "министр";
        p1.region = regions[static_cast<std::size_t>(from)].code;
        p1.from = DateAt(when - 3);
        b.Upsert(p1);
        domain::Position p2 = p1;
        p2.meta.id = pos_id++;
        p2.title = "заместитель губернатора";
        p2.region = regions[static_cast<std::size_t>(to)].code;
        p2.from = DateAt(when);
        b.Upsert(p2);
        if (k % 4 == 0) net[static_cast<std::size_t>(from)].push_back({to, 0.4, 0.7, when, 1});
    }
}

// What the practices' cascades share: the regions, the hidden network, the word pool and each region's
// current words, and the next adoption id.
struct World {
    const std::vector<domain::Region>& regions;
    const HiddenNetwork& net;
    std::vector<std::string> pool;
    std::vector<std::vector<int>> words;
    domain::Id adoption_id = 1;
    std::string Write(const std::vector<int>& ws) const {
        std::string text;
        for (int w : ws) text += (text.empty() ? "" : " ") + pool[static_cast<std::size_t>(w)];
        return text;
    }
};

// The state of one practice's cascade (per region: time reached, parent, kind of edge, adoption id).
struct Cascading {
    std::vector<double> t;
    std::vector<int> parent, kind;
    std::vector<domain::Id> adoption_of;
    std::vector<bool> done;
};

// Region `uu` adopts practice `pr` at time `tu` from its parent; 60 % lose their source.
void PlantAdoption(World& w, Cascading& c, const domain::Practice& pr, int origin, int uu, double tu,
                   std::mt19937_64& rng, SnapshotBuilder& b, PlantedData& out) {
    static const domain::Channel kNetworkChannels[] = {domain::Channel::kConference, domain::Channel::kDirectContact,
                                                       domain::Channel::kCompetenceCentre};
    std::uniform_real_distribution<double> u(0, 1);
    const auto us = static_cast<std::size_t>(uu);
    domain::Adoption ad;
    ad.meta.id = w.adoption_id++;
    ad.practice_id = pr.meta.id;
    ad.adopter.region = w.regions[us].code;
    ad.adopter.municipality_id = static_cast<domain::Id>(uu) * 1000 + 1;
    int src = c.parent[us];
    w.words[us] = w.words[static_cast<std::size_t>(src)];
    for (auto& x : w.words[us])
        if (u(rng) < 0.4) x = static_cast<int>(rng() % w.pool.size());
    if (u(rng) < 0.5) ad.adaptation_notes = w.Write(w.words[us]);
    bool hide = u(rng) < 0.6;
    if (!hide) {
        if (src != origin) ad.source_adoption_id = c.adoption_of[static_cast<std::size_t>(src)];
        ad.channel = c.kind[us] == 1   ? domain::Channel::kPersonnel
                     : c.kind[us] == 2 ? domain::Channel::kFederalProgramme
                                       : kNetworkChannels[rng() % 3];
    } else {
        ad.channel = domain::Channel::kOther;
        out.truth[ad.meta.id] = src;
        ++out.hidden;
        (c.kind[us] == 1 ? out.via_career : c.kind[us] == 2 ? out.via_background : out.via_network)++;
    }
    ad.stage_history.push_back({domain::AdoptionStage::kImplemented, DateAt(tu), ""});
    c.adoption_of[us] = ad.meta.id;
    b.Upsert(ad);
    ++out.adoptions;
}

// One practice: its origin and passport, then the cascade over the hidden network (earliest arrival first)
// until 10 years or 2026; the origin also reaches any region directly (p = 0.03, mean 3 years).
void PlantPractice(World& w, Cascading& c, int p, std::mt19937_64& rng, SnapshotBuilder& b, PlantedData& out) {
    std::uniform_real_distribution<double> u(0, 1);
    auto exp_draw = [&](double mean) { return -mean * std::log(1 - u(rng)); };
    const int R = static_cast<int>(w.regions.size());
    int origin = static_cast<int>(std::pow(u(rng), 1.5) * R);
    auto& own = w.words[static_cast<std::size_t>(origin)];
    own.clear();
    for (int k = 0; k < 8; ++k) own.push_back(static_cast<int>(rng() % w.pool.size()));
    double t0 = 2010 - 1970 + 11 * u(rng);
    double horizon = std::min(t0 + 10, 2026.0 - 1970);
    domain::Practice pr;
    pr.meta.id = p + 1;
    pr.title = "Практика " + std::to_string(p + 1);
    pr.summary = "Описание практики: " + w.Write(own);
    pr.origin.region = w.regions[static_cast<std::size_t>(origin)].code;
    pr.domains = {"volunteering"};
    pr.period.from = DateAt(t0);
    pr.state = domain::ModerationState::kPublished;
    b.Upsert(pr);
    std::fill(c.t.begin(), c.t.end(), 1e18);
    std::fill(c.done.begin(), c.done.end(), false);
    std::fill(c.parent.begin(), c.parent.end(), -1);
    using Item = std::pair<double, int>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> pq;
    c.t[static_cast<std::size_t>(origin)] = t0;
    pq.push({t0, origin});
    auto relax = [&](int from, int to, double at, int k) {
        const auto ts = static_cast<std::size_t>(to);
        if (at < c.t[ts]) {
            c.t[ts] = at;
            c.parent[ts] = from;
            c.kind[ts] = k;
            pq.push({at, to});
        }
    };
    while (!pq.empty()) {
        auto [tu, uu] = pq.top();
        pq.pop();
        auto us = static_cast<std::size_t>(uu);
        if (c.done[us] || tu > c.t[us]) continue;
        c.done[us] = true;
        if (tu > horizon) break;
        if (uu != origin) PlantAdoption(w, c, pr, origin, uu, tu, rng, b, out);
        for (const auto& e : w.net[us]) {
            if (c.done[static_cast<std::size_t>(e.to)]) continue;
            if (u(rng) >= e.prob) continue;
            relax(uu, e.to, std::max(tu, e.from_time) + exp_draw(e.mean), e.kind);
        }
        if (uu == origin)
            for (int v = 0; v < R; ++v)
                if (v != origin && u(rng) < 0.03) relax(uu, v, tu + exp_draw(3.0), 2);
    }
}

// Diffusion over a hidden network (PlantNetwork), officials' moves (PlantOfficials) and practices
// (PlantPractice). Texts: the origin's passport has 8 words of a pool of 400 made-up words; an adopter's own
// version copies its source's words, each replaced by a random pool word with probability 0.4, and half of the
// adopters write it down as their notes (the others leave them empty).
PlantedData Plant(const PlantedOptions& a, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    SnapshotBuilder b;
    auto regions = Regions(a.regions);
    std::sort(regions.begin(), regions.end(), [](auto& x, auto& y) { return x.code < y.code; });
    const auto R = regions.size();
    for (auto& r : regions) b.Upsert(r);
    domain::Domain dom;
    dom.meta.id = 1;
    dom.code = "volunteering";
    dom.name = "Добровольчество";
    b.Upsert(dom);
    PlantedData out;
    HiddenNetwork net(R);
    PlantNetwork(regions, rng, net, out);
    PlantOfficials(regions, rng, b, net);
    World w{regions, net, WordPool(rng, 400), std::vector<std::vector<int>>(R)};
    Cascading c{std::vector<double>(R), std::vector<int>(R), std::vector<int>(R), std::vector<domain::Id>(R),
                std::vector<bool>(R)};
    for (int p = 0; p < a.practices; ++p) PlantPractice(w, c, p, rng, b, out);
    out.snapshot = b.Build();
    return out;
}

struct Scores {
    std::size_t n = 0, no_candidate = 0;
    double top1 = 0, top3 = 0;  // expected hits (ties shared)
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
        bool found = false;
        for (const auto& c : ls.candidates)
            if (c.region == truth) {
                found = true;
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

// Weights learned from simulated curators' confirmations (the true source of a hidden adoption), as the
// server learns them (LearnWeights: L2 toward the defaults, λ = 1, at least 30 usable labels), and — to show
// what the labels alone carry — the same fit pulled toward timing-only weights instead of the defaults. The
// hidden adoptions of the test data are split in two by a seeded shuffle: labels come from the first half,
// accuracy is measured on 5,000 of the second, so no label is scored on itself.
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
    ReportLearnedWeights(test, net.get(), a.seed, out);
    return 0;
}

}  // namespace orientir::analytics::bench
