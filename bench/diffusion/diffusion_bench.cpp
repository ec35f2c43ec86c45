#include "diffusion/diffusion_bench.hpp"  // bench/diffusion/diffusion_bench.hpp
#include "diffusion/planted.hpp"          // bench/diffusion/planted.hpp

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
#include "analytics/municipal_network.hpp"
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
    bool organisations = false;
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
            } else if (f == "--organisations") {
                o.planted = o.organisations = true;
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
    {
        auto t5 = Clock::now();
        auto muni = InferMunicipal(*snap, {.level = NetworkLevel::kMunicipality, .model = a.model});
        out << "municipal inference: " << std::setprecision(2) << Ms(t5, Clock::now()) / 1000 << " s; "
            << muni->municipalities.size() << " municipalities, " << muni->cascades << " cascades, " << muni->events
            << " events (" << muni->capped_events << " beyond " << kMaxMunicipalCascade << " per practice), "
            << muni->net.possible_edges << " possible edges, " << muni->reported_edges << " edges kept; peak RSS "
            << RssKb("VmHWM:") / 1024 << " MB\n";
    }
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

namespace {

// Fair top-1 / top-3 credit of the candidate at `truth` (its score) among `cands`: ties share the places.
std::pair<double, double> Credit(const std::vector<SourceCandidate>& cands, double truth_score) {
    double better = 0, equal = 0;
    for (const auto& c : cands) {
        if (c.score > truth_score) ++better;
        if (c.score == truth_score) ++equal;
    }
    return {std::clamp((1 - better) / equal, 0.0, 1.0), std::clamp((3 - better) / equal, 0.0, 1.0)};
}

struct EvalRow {
    const char* label;
    AttributionWeights w;
    double top1 = 0, top3 = 0, mid1 = 0, mid3 = 0;  // mid: sources other than the origin
    double exact1 = 0, exact3 = 0;                  // the source named exactly (its organisation, if any)
};

// One recorded source hidden: the region's best-ranked candidate for the region figures, the candidate that is
// the source itself — its organisation when the source names one — for `exact`.
void Score(const LikelySources& ls, int source_region, Id source_org, bool intermediate, EvalRow& row) {
    const SourceCandidate* best = nullptr;
    const SourceCandidate* exact = nullptr;
    for (const auto& c : ls.candidates) {
        if (c.region != source_region) continue;
        if (!best || c.score > best->score) best = &c;
        if (c.organisation == source_org) exact = &c;
    }
    if (!best) return;
    auto [h1, h3] = Credit(ls.candidates, best->score);
    row.top1 += h1;
    row.top3 += h3;
    if (intermediate) row.mid1 += h1, row.mid3 += h3;
    if (exact) {
        auto [e1, e3] = Credit(ls.candidates, exact->score);
        row.exact1 += e1;
        row.exact3 += e3;
    }
}

}  // namespace

int RunRecordedSourcesEvaluation(const Snapshot& s, std::ostream& out) {
    auto net = InferRegional(s, {});
    out << "recorded sources: " << s.adoptions.size() << " adoptions, " << s.practices.size()
        << " practices; inferred network " << net->reported_edges << " edges (p < 0.1) of " << net->net.possible_edges
        << " possible over " << net->cascades << " cascades\n";
    AttributionWeights network_only = AttributionWeights::TimingOnly();
    network_only.network = AttributionWeights{}.network;
    AttributionWeights text_only = AttributionWeights::TimingOnly();
    text_only.text = AttributionWeights{}.text;
    AttributionWeights no_text;
    no_text.text = 0;
    AttributionWeights regions_only;
    regions_only.organisations = false;
    std::vector<EvalRow> rows = {
        {"timing only", AttributionWeights::TimingOnly()}, {"timing + text similarity", text_only},
        {"timing + inferred network", network_only},       {"all signals but text", no_text},
        {"all signals, regions only", regions_only},       {"all signals", AttributionWeights{}}};
    std::size_t n = 0, single = 0, mid = 0, with_org = 0;
    for (std::size_t i = 0; i < s.adoptions.size(); ++i) {
        const auto& a = s.adoptions[i];
        if (a.draft_practice || IsUnexplained(a) || a.source_region < 0 || a.source_region == a.adopter_region)
            continue;
        Id source_org = s.practices[static_cast<std::size_t>(a.practice)].origin_organisation;
        if (a.source_adoption) {
            auto it = s.adoption_by_id.find(a.source_adoption);
            source_org =
                it == s.adoption_by_id.end() ? 0 : s.adoptions[static_cast<std::size_t>(it->second)].organisation;
        }
        ++n;
        mid += a.source_adoption != 0;
        with_org += source_org != 0;
        for (auto& row : rows) {
            auto ls = LikelySourcesAt(s, net.get(), static_cast<int>(i), 1000, row.w);
            if (&row == &rows.front()) single += ls.candidates.size() == 1;
            Score(ls, a.source_region, source_org, a.source_adoption != 0, row);
        }
    }
    out << n << " adoptions with a recorded source in another region (" << single
        << " of them with a single candidate; " << with_org << " sources name an organisation):\n";
    for (const auto& row : rows)
        out << "  " << std::left << std::setw(28) << row.label << " top-1 " << std::setw(8) << Pct(row.top1, n)
            << " top-3 " << std::setw(8) << Pct(row.top3, n) << " | intermediate sources (" << mid << "): top-1 "
            << std::setw(8) << Pct(row.mid1, mid) << " top-3 " << std::setw(8) << Pct(row.mid3, mid)
            << " | named exactly: top-1 " << std::setw(8) << Pct(row.exact1, n) << " top-3 " << Pct(row.exact3, n)
            << "\n";
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
    if (a.planted)
        rc = std::max(rc, RunPlanted({a.regions, a.planted_practices, a.model, a.seed, a.organisations}, out));
    if (a.national) rc = std::max(rc, RunNational(a, out));
    return rc;
}

}  // namespace orientir::analytics::bench
