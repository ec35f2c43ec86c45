#include "diffusion/diffusion_bench.hpp"  // bench/diffusion/diffusion_bench.hpp

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <queue>
#include <random>
#include <set>
#include <sstream>
#include <unordered_map>

#include "analytics/attribution.hpp"
#include "analytics/generator.hpp"  // bench/analytics/generator.hpp
#include "analytics/inferred_network.hpp"
#include "analytics/netinf.hpp"
#include "analytics/seeding.hpp"
#include "analytics/stages.hpp"
#include "common/json.hpp"
#include "common/progress.hpp"
#include "domain/codec.hpp"

namespace orientir::analytics::bench {

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

struct Args {
    std::string spid;
    bool planted = false;
    bool national = false;
    std::string regions;
    std::uint64_t seed = 42;
    int practices = 100000;
    int adoptions = 1000000;
    int planted_practices = 4000;
    int repeat = 5;
    int print = 100;
    int edges = 100;
    double lambda = 0.5;
    double p = 0.1;
    TransmissionModel model = TransmissionModel::kExponential;
    int queries = 1000;
};

bool Parse(const std::vector<std::string>& a, Args& o, std::string& err) {
    for (std::size_t k = 0; k < a.size(); ++k) {
        const std::string& f = a[k];
        auto next = [&]() -> const std::string* {
            if (k + 1 >= a.size()) {
                err = f + " needs a value";
                return nullptr;
            }
            return &a[++k];
        };
        try {
            if (f == "--spid") {
                auto v = next();
                if (!v) return false;
                o.spid = *v;
            } else if (f == "--planted") {
                o.planted = true;
            } else if (f == "--national") {
                o.national = true;
            } else if (f == "--regions") {
                auto v = next();
                if (!v) return false;
                o.regions = *v;
            } else if (f == "--model") {
                auto v = next();
                if (!v) return false;
                if (!ParseModel(*v, o.model)) {
                    err = "unknown model " + *v;
                    return false;
                }
            } else {
                auto v = next();
                if (!v) return false;
                if (f == "--seed") {
                    o.seed = std::stoull(*v);
                } else if (f == "--practices") {
                    o.practices = std::stoi(*v);
                    o.planted_practices = o.practices;
                } else if (f == "--adoptions") {
                    o.adoptions = std::stoi(*v);
                } else if (f == "--repeat") {
                    o.repeat = std::max(1, std::stoi(*v));
                } else if (f == "--print") {
                    o.print = std::stoi(*v);
                } else if (f == "--edges") {
                    o.edges = std::stoi(*v);
                } else if (f == "--lambda") {
                    o.lambda = std::stod(*v);
                } else if (f == "--p") {
                    o.p = std::stod(*v);
                } else if (f == "--queries") {
                    o.queries = std::stoi(*v);
                } else {
                    err = "unknown flag " + f;
                    return false;
                }
            }
        } catch (const std::exception&) {
            err = "bad value for " + f;
            return false;
        }
    }
    if (o.spid.empty() && !o.planted && !o.national) {
        err = "give --spid DIR, --planted or --national";
        return false;
    }
    return true;
}

long RssKb(const char* field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::string(field).size());
    return 0;
}

// ---- SPID ----------------------------------------------------------------------------------------

// Splits one CSV line with double-quoted fields ("" inside quotes is a quote).
std::vector<std::string> CsvFields(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cur += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            out.push_back(std::move(cur));
            cur.clear();
        } else if (c != '\r') {
            cur += c;
        }
    }
    out.push_back(std::move(cur));
    return out;
}

struct Spid {
    std::vector<std::string> nodes;     // in order of first appearance (as NetworkInference numbers them)
    std::vector<std::string> policies;  // sorted (cascade order)
    std::vector<Cascade> cascades;
    std::size_t adoptions = 0;
};

bool LoadSpid(const std::string& dir, Spid& s, std::string& err) {
    std::ifstream in(dir + "/adoptions.csv");
    if (!in) {
        err = "cannot read " + dir + "/adoptions.csv";
        return false;
    }
    std::string line;
    std::getline(in, line);
    auto header = CsvFields(line);
    int ci_state = -1, ci_policy = -1, ci_year = -1;
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == "statenam") ci_state = static_cast<int>(i);
        if (header[i] == "policy") ci_policy = static_cast<int>(i);
        if (header[i] == "adopt_year") ci_year = static_cast<int>(i);
    }
    if (ci_state < 0 || ci_policy < 0 || ci_year < 0) {
        err = "adoptions.csv needs statenam, policy, adopt_year";
        return false;
    }
    std::unordered_map<std::string, int> node_id;
    std::map<std::string, Cascade> by_policy;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        auto f = CsvFields(line);
        if (f.size() < header.size()) continue;
        const auto& state = f[static_cast<std::size_t>(ci_state)];
        auto [it, fresh] = node_id.try_emplace(state, static_cast<int>(s.nodes.size()));
        if (fresh) s.nodes.push_back(state);
        auto& c = by_policy[f[static_cast<std::size_t>(ci_policy)]];
        c.nodes.push_back(it->second);
        c.times.push_back(std::stod(f[static_cast<std::size_t>(ci_year)]));
        ++s.adoptions;
    }
    for (auto& [name, c] : by_policy) {
        s.policies.push_back(name);
        s.cascades.push_back(std::move(c));
    }
    return true;
}

double CpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Median wall time and median CPU time of `repeat` runs (CPU time is what the run itself used, so it is
// less sensitive to other work on the machine).
NetInfResult Timed(const Spid& s, const NetInfOptions& o, int repeat, double& median_ms, double& cpu_ms) {
    std::vector<double> times, cpu;
    NetInfResult r;
    Progress progress("NetInf runs", static_cast<std::uint64_t>(repeat));  // stderr; the report is stdout
    for (int k = 0; k < repeat; ++k, progress.Add()) {
        auto t0 = Clock::now();
        double c0 = CpuMs();
        r = InferNetwork(static_cast<int>(s.nodes.size()), s.cascades, o);
        cpu.push_back(CpuMs() - c0);
        times.push_back(Ms(t0, Clock::now()));
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu.begin(), cpu.end());
    median_ms = times[times.size() / 2];
    cpu_ms = cpu[cpu.size() / 2];
    return r;
}

int RunSpid(const Args& a, std::ostream& out) {
    Spid s;
    std::string err;
    if (!LoadSpid(a.spid, s, err)) {
        std::cerr << err << "\n";
        return 2;
    }
    out << "SPID: " << s.adoptions << " adoptions, " << s.cascades.size() << " policies, " << s.nodes.size()
        << " states\n";
    NetInfOptions o;
    o.model = a.model;
    o.params = {a.lambda};
    if (a.model == TransmissionModel::kLogNormal) o.params = {};  // initialised from the data
    o.max_edges = a.edges;
    double ms_n = 0, ms_p = 0, cpu_n = 0, cpu_p = 0, cpu_d = 0;
    auto top = Timed(s, o, a.repeat, ms_n, cpu_n);
    out << "possible edges: " << top.possible_edges << "\n";
    out << "model " << ModelName(a.model) << ", params";
    for (double v : top.params) out << " " << v;
    out << "\n\n"
        << a.edges << " edges: " << std::fixed << std::setprecision(1) << ms_n << " ms wall, " << cpu_n
        << " ms CPU (medians of " << a.repeat << ")\n";
    out << "rank\torigin_node\tdestination_node\timprovement\tp_value\n";
    for (std::size_t i = 0; i < top.edges.size() && static_cast<int>(i) < a.print; ++i) {
        const auto& e = top.edges[i];
        out << i + 1 << "\t" << s.nodes[static_cast<std::size_t>(e.from)] << "\t"
            << s.nodes[static_cast<std::size_t>(e.to)] << "\t" << std::setprecision(4) << e.improvement << "\t"
            << std::setprecision(6) << e.p_value << "\n";
    }
    NetInfOptions op = o;
    op.max_edges = 0;
    op.p_value_cutoff = a.p;
    auto cut = Timed(s, op, a.repeat, ms_p, cpu_p);
    std::size_t significant = 0;
    for (auto& e : cut.edges)
        if (e.p_value < a.p) ++significant;
    bool prefix = true;  // the first 100 of the cut-off run are the 100-edge run
    for (std::size_t i = 0; i < top.edges.size() && i < cut.edges.size(); ++i)
        if (top.edges[i].from != cut.edges[i].from || top.edges[i].to != cut.edges[i].to) prefix = false;
    out << "\np-value cut-off " << std::setprecision(2) << a.p << ": " << cut.edges.size()
        << " edges inferred (the last one is the first with p >= cut-off), " << significant << " with p < " << a.p
        << "; " << std::setprecision(1) << ms_p << " ms wall, " << cpu_p << " ms CPU (medians of " << a.repeat << "); "
        << cut.evaluations << " improvement evaluations (lazy) for " << cut.possible_edges << " possible edges\n";
    out << "top " << top.edges.size() << " equal to the first edges of the cut-off run: " << (prefix ? "yes" : "no")
        << "\n";
    NetInfOptions od = op;
    od.params.clear();
    double ms_d = 0;
    auto from_data = Timed(s, od, 1, ms_d, cpu_d);
    out << "p-value cut-off with the parameter initialised from the data (lambda = " << std::setprecision(4)
        << from_data.params[0] << "): " << from_data.edges.size() << " edges, " << std::setprecision(1) << ms_d
        << " ms\n";
    out << "published (NetworkInference tutorial, exponential, lambda = 0.5, p < 0.1): 872 edges of 2,450 possible\n";
    return 0;
}

// ---- Planted ground truth ------------------------------------------------------------------------

std::string DateAt(double years) { return DateOf(static_cast<std::int32_t>(std::floor(years * 365.25))); }

std::vector<domain::Region> Regions(const std::string& path) {
    std::vector<domain::Region> out;
    if (!path.empty()) {
        std::ifstream in(path);
        std::stringstream ss;
        ss << in.rdbuf();
        auto j = ParseJson(ss.str());
        if (j.ok() && j->is_array()) {
            domain::Id id = 1;
            for (const auto& item : *j) {
                domain::Region r;
                if (!domain::FromJson(item, r).ok()) continue;
                r.meta.id = id++;
                out.push_back(std::move(r));
            }
        }
    }
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

// Diffusion over a hidden network: each region learns from 2 regions of its federal district and 1 other
// (transmission probability 0.25, delay exponential with mean 1 year); one official's move in four
// (150 of 600) opens A → B from the move on (probability 0.4, mean delay 0.7 years); the origin also
// reaches any region directly with probability 0.03 (federal programmes, mean 3 years). 60 % of the adoptions then lose
// their source (no source adoption, channel «другое»). Texts: the origin's passport has 8 words of a pool of 400
// made-up words; an adopter's own version copies its source's words, each replaced by a random pool word with
// probability 0.4, and half of the adopters write it down as their notes (the others leave them empty).
PlantedData Plant(const Args& a, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0, 1);
    auto exp_draw = [&](double mean) { return -mean * std::log(1 - u(rng)); };
    SnapshotBuilder b;
    auto regions = Regions(a.regions);
    std::sort(regions.begin(), regions.end(), [](auto& x, auto& y) { return x.code < y.code; });
    const int R = static_cast<int>(regions.size());
    for (auto& r : regions) b.Upsert(r);
    domain::Domain dom;
    dom.meta.id = 1;
    dom.code = "volunteering";
    dom.name = "Добровольчество";
    b.Upsert(dom);
    PlantedData out;
    // Hidden network: in-edges of each region.
    struct Out {
        int to;
        double prob, mean, from_time;
        int kind;  // 0 network, 1 career, 2 background
    };
    std::vector<std::vector<Out>> out_edges(static_cast<std::size_t>(R));
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
        for (int t : teachers) out_edges[static_cast<std::size_t>(t)].push_back({v, 0.25, 1.0, -1e9, 0});
        out.true_edges += teachers.size();
    }
    // Officials: 300 moves that open a channel, 300 that do not.
    domain::Id pos_id = 1;
    for (int k = 0; k < 600; ++k) {
        int from = static_cast<int>(rng() % static_cast<std::uint64_t>(R));
        int to = static_cast<int>(rng() % static_cast<std::uint64_t>(R));
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
        if (k % 4 == 0) out_edges[static_cast<std::size_t>(from)].push_back({to, 0.4, 0.7, when, 1});
    }
    // Practices and their cascades.
    domain::Id adoption_id = 1;
    std::vector<double> t(static_cast<std::size_t>(R));
    std::vector<int> parent(static_cast<std::size_t>(R)), kind(static_cast<std::size_t>(R));
    std::vector<domain::Id> adoption_of(static_cast<std::size_t>(R));
    std::vector<bool> done(static_cast<std::size_t>(R));
    static const domain::Channel kNetworkChannels[] = {domain::Channel::kConference, domain::Channel::kDirectContact,
                                                       domain::Channel::kCompetenceCentre};
    const auto pool = WordPool(rng, 400);
    std::vector<std::vector<int>> words(static_cast<std::size_t>(R));
    auto write = [&](const std::vector<int>& ws) {
        std::string text;
        for (int w : ws) text += (text.empty() ? "" : " ") + pool[static_cast<std::size_t>(w)];
        return text;
    };
    for (int p = 0; p < a.planted_practices; ++p) {
        int origin = static_cast<int>(std::pow(u(rng), 1.5) * R);
        auto& own = words[static_cast<std::size_t>(origin)];
        own.clear();
        for (int k = 0; k < 8; ++k) own.push_back(static_cast<int>(rng() % pool.size()));
        double t0 = 2010 - 1970 + 11 * u(rng);
        double horizon = std::min(t0 + 10, 2026.0 - 1970);
        domain::Practice pr;
        pr.meta.id = p + 1;
        pr.title = "Практика " + std::to_string(p + 1);
        pr.summary = "Описание практики: " + write(own);
        pr.origin.region = regions[static_cast<std::size_t>(origin)].code;
        pr.domains = {"volunteering"};
        pr.period.from = DateAt(t0);
        pr.state = domain::ModerationState::kPublished;
        b.Upsert(pr);
        std::fill(t.begin(), t.end(), 1e18);
        std::fill(done.begin(), done.end(), false);
        std::fill(parent.begin(), parent.end(), -1);
        using Item = std::pair<double, int>;
        std::priority_queue<Item, std::vector<Item>, std::greater<>> pq;
        t[static_cast<std::size_t>(origin)] = t0;
        pq.push({t0, origin});
        auto relax = [&](int from, int to, double at, int k) {
            if (at < t[static_cast<std::size_t>(to)]) {
                t[static_cast<std::size_t>(to)] = at;
                parent[static_cast<std::size_t>(to)] = from;
                kind[static_cast<std::size_t>(to)] = k;
                pq.push({at, to});
            }
        };
        while (!pq.empty()) {
            auto [tu, uu] = pq.top();
            pq.pop();
            auto us = static_cast<std::size_t>(uu);
            if (done[us] || tu > t[us]) continue;
            done[us] = true;
            if (tu > horizon) break;
            if (uu != origin) {
                domain::Adoption ad;
                ad.meta.id = adoption_id++;
                ad.practice_id = pr.meta.id;
                ad.adopter.region = regions[us].code;
                ad.adopter.municipality_id = static_cast<domain::Id>(uu) * 1000 + 1;
                int src = parent[us];
                words[us] = words[static_cast<std::size_t>(src)];
                for (auto& w : words[us])
                    if (u(rng) < 0.4) w = static_cast<int>(rng() % pool.size());
                if (u(rng) < 0.5) ad.adaptation_notes = write(words[us]);
                bool hide = u(rng) < 0.6;
                if (!hide) {
                    if (src != origin) ad.source_adoption_id = adoption_of[static_cast<std::size_t>(src)];
                    ad.channel = kind[us] == 1   ? domain::Channel::kPersonnel
                                 : kind[us] == 2 ? domain::Channel::kFederalProgramme
                                                 : kNetworkChannels[rng() % 3];
                } else {
                    ad.channel = domain::Channel::kOther;
                    out.truth[ad.meta.id] = src;
                    ++out.hidden;
                    (kind[us] == 1 ? out.via_career : kind[us] == 2 ? out.via_background : out.via_network)++;
                }
                ad.stage_history.push_back({domain::AdoptionStage::kImplemented, DateAt(tu), ""});
                adoption_of[us] = ad.meta.id;
                b.Upsert(ad);
                ++out.adoptions;
            }
            for (const auto& e : out_edges[us]) {
                if (done[static_cast<std::size_t>(e.to)]) continue;
                if (u(rng) >= e.prob) continue;
                relax(uu, e.to, std::max(tu, e.from_time) + exp_draw(e.mean), e.kind);
            }
            if (uu == origin)
                for (int v = 0; v < R; ++v)
                    if (v != origin && u(rng) < 0.03) relax(uu, v, tu + exp_draw(3.0), 2);
        }
    }
    out.snapshot = b.Build();
    // Region codes → snapshot indexes (the snapshot sorts by code, as `regions` is sorted).
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

std::string Pct(double k, std::size_t n) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f %%", n ? 100.0 * k / static_cast<double>(n) : 0.0);
    return buf;
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

int RunPlanted(const Args& a, std::ostream& out) {
    auto t0 = Clock::now();
    auto train = Plant(a, a.seed + 1);
    auto test = Plant(a, a.seed);
    out << "planted ground truth: " << test.snapshot->R() << " regions, " << a.planted_practices << " practices, "
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
    return 0;
}

// ---- National scale ------------------------------------------------------------------------------

int RunNational(const Args& a, std::ostream& out) {
    GeneratorOptions g;
    g.regions_json = a.regions;
    g.practices = a.practices;
    g.adoptions = a.adoptions;
    g.seed = a.seed;
    SnapshotBuilder b;
    auto t0 = Clock::now();
    Generate(g, b);
    auto snap = b.Build();
    out << "national: " << snap->practices.size() << " practices, " << snap->adoptions.size() << " adoptions, "
        << snap->R() << " regions; generated and built in " << std::fixed << std::setprecision(1)
        << Ms(t0, Clock::now()) / 1000 << " s; RSS " << RssKb("VmRSS:") / 1024 << " MB\n";
    long rss_before = RssKb("VmRSS:");
    RegionalInferenceOptions ro;
    ro.model = a.model;
    auto t1 = Clock::now();
    auto net = InferRegional(*snap, ro);
    double ms = Ms(t1, Clock::now());
    out << "inference (exponential, params from data, p < 0.1): " << std::setprecision(2) << ms / 1000 << " s; "
        << net->cascades << " cascades, " << net->events << " (practice, region) events, " << net->net.possible_edges
        << " possible edges, " << net->net.incidences << " incidences, " << net->reported_edges << " edges kept, "
        << net->net.evaluations << " evaluations; peak RSS " << RssKb("VmHWM:") / 1024 << " MB (+"
        << (RssKb("VmHWM:") - rss_before) / 1024 << " MB over the snapshot)\n";
    std::mt19937_64 rng(a.seed);
    std::vector<double> lat;
    std::size_t with = 0;
    for (int q = 0; q < a.queries; ++q) {
        int idx = static_cast<int>(rng() % snap->adoptions.size());
        auto t2 = Clock::now();
        auto ls = LikelySourcesAt(*snap, net.get(), idx, 3, AttributionWeights{});
        lat.push_back(Ms(t2, Clock::now()));
        with += !ls.candidates.empty();
    }
    std::sort(lat.begin(), lat.end());
    out << "likely sources, " << a.queries << " random adoptions (" << with << " with candidates): p50 "
        << std::setprecision(3) << lat[lat.size() / 2] << " ms, p95 " << lat[lat.size() * 95 / 100] << " ms, max "
        << lat.back() << " ms\n";
    std::vector<double> seed_ms;
    double reach = 0;
    for (int q = 0; q < 20; ++q) {
        auto id = snap->practices[rng() % snap->practices.size()].id;
        auto t3 = Clock::now();
        auto r = Seeding(*snap, *net, id, SeedingOptions{});
        seed_ms.push_back(Ms(t3, Clock::now()));
        if (r.ok() && !r->seeds.empty()) reach += r->seeds.back().reach;
    }
    std::sort(seed_ms.begin(), seed_ms.end());
    out << "seeding (3 seeds, 3-year horizon, 200 samples), 20 random practices: median " << std::setprecision(1)
        << seed_ms[seed_ms.size() / 2] << " ms, max " << seed_ms.back() << " ms; mean expected reach " << reach / 20
        << " regions; peak RSS " << RssKb("VmHWM:") / 1024 << " MB\n";
    for (const char* by : {"channel", "region"}) {
        auto t4 = Clock::now();
        auto st = Stages(*snap, by);
        out << "stages by " << by << ": " << std::setprecision(0) << Ms(t4, Clock::now()) << " ms ("
            << st->groups.size() << " groups; personnel effect over " << st->personnel.moves_used << " of "
            << st->personnel.moves_total << " moves: " << std::setprecision(4) << st->personnel.Rate() << " vs "
            << st->personnel.BaselineRate() << " baseline)\n";
    }
    return 0;
}

}  // namespace

int RunRecordedSourcesEvaluation(const Snapshot& s, std::ostream& out) {
    auto net = InferRegional(s, {});
    out << "recorded sources: " << s.adoptions.size() << " adoptions, " << s.practices.size()
        << " practices; inferred network " << net->reported_edges << " edges (p < 0.1) of " << net->net.possible_edges
        << " possible over " << net->cascades << " cascades\n";
    struct Row {
        const char* label;
        AttributionWeights w;
        double top1 = 0, top3 = 0, mid1 = 0, mid3 = 0;  // mid: sources other than the origin
    };
    AttributionWeights network_only = AttributionWeights::TimingOnly();
    network_only.network = AttributionWeights{}.network;
    AttributionWeights text_only = AttributionWeights::TimingOnly();
    text_only.text = AttributionWeights{}.text;
    AttributionWeights no_text;
    no_text.text = 0;
    std::vector<Row> rows = {{"timing only", AttributionWeights::TimingOnly()},
                             {"timing + text similarity", text_only},
                             {"timing + inferred network", network_only},
                             {"all signals but text", no_text},
                             {"all signals", AttributionWeights{}}};
    std::size_t n = 0, single = 0, mid = 0;
    for (std::size_t i = 0; i < s.adoptions.size(); ++i) {
        const auto& a = s.adoptions[i];
        if (a.draft_practice || IsUnexplained(a) || a.source_region < 0 || a.source_region == a.adopter_region)
            continue;
        bool counted = false;
        for (auto& row : rows) {
            auto ls = LikelySourcesAt(s, net.get(), static_cast<int>(i), 1000, row.w);
            double truth_score = 0;
            bool found = false;
            for (const auto& c : ls.candidates)
                if (c.region == a.source_region) {
                    found = true;
                    truth_score = c.score;
                }
            bool intermediate = a.source_adoption != 0;
            if (!counted) {
                ++n;
                mid += intermediate;
                single += ls.candidates.size() == 1;
                counted = true;
            }
            if (!found) continue;
            double better = 0, equal = 0;
            for (const auto& c : ls.candidates) {
                if (c.score > truth_score) ++better;
                if (c.score == truth_score) ++equal;
            }
            double h1 = std::clamp((1 - better) / equal, 0.0, 1.0), h3 = std::clamp((3 - better) / equal, 0.0, 1.0);
            row.top1 += h1;
            row.top3 += h3;
            if (intermediate) {
                row.mid1 += h1;
                row.mid3 += h3;
            }
        }
    }
    out << n << " adoptions with a recorded source in another region (" << single
        << " of them with a single candidate):\n";
    for (const auto& row : rows)
        out << "  " << std::left << std::setw(28) << row.label << " top-1 " << std::setw(8) << Pct(row.top1, n)
            << " top-3 " << std::setw(8) << Pct(row.top3, n) << " | intermediate sources (" << mid << "): top-1 "
            << std::setw(8) << Pct(row.mid1, mid) << " top-3 " << Pct(row.mid3, mid) << "\n";
    return 0;
}

int RunDiffusionBench(const std::vector<std::string>& args, std::ostream& out) {
    Args a;
    std::string err;
    if (!Parse(args, a, err)) {
        std::cerr << "orientir bench diffusion: " << err << "\n";
        return 2;
    }
    int rc = 0;
    if (!a.spid.empty()) rc = std::max(rc, RunSpid(a, out));
    if (a.planted) rc = std::max(rc, RunPlanted(a, out));
    if (a.national) rc = std::max(rc, RunNational(a, out));
    return rc;
}

}  // namespace orientir::analytics::bench
