#include "analytics/analytics_bench.hpp"  // bench/analytics/analytics_bench.hpp

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <random>
#include <string>
#include <thread>

#include "analytics/benchmark.hpp"
#include "analytics/network.hpp"
#include "analytics/recommend.hpp"
#include "analytics/views.hpp"
#include "common/progress.hpp"
#include "common/strings.hpp"

namespace orientir::analytics::bench {

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

// VmRSS / VmHWM of this process in MiB (Linux); 0 elsewhere.
double ProcStatusMiB(const char* key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0) {
            auto v =
                ParseInt(Trim(line.substr(std::string(key).size() + 1, line.size() - std::string(key).size() - 4)));
            return v ? static_cast<double>(*v) / 1024.0 : 0.0;
        }
    return 0.0;
}

struct Stat {
    double p50 = 0, p95 = 0, max = 0;
};

// Counts the queries of the whole run on stderr (issue 19: long runs show progress; the report is stdout).
Progress* g_progress = nullptr;

template <class Fn>
Stat Measure(int n, Fn&& fn) {
    std::vector<double> t;
    t.reserve(static_cast<std::size_t>(n));
    for (int k = 0; k < n; ++k) {
        auto a = Clock::now();
        fn(k);
        t.push_back(Ms(a, Clock::now()));
        if (g_progress) g_progress->Add();
    }
    std::sort(t.begin(), t.end());
    auto at = [&](double q) {
        return t[std::min(t.size() - 1, static_cast<std::size_t>(q * static_cast<double>(t.size())))];
    };
    return {at(0.5), at(0.95), t.back()};
}

std::string CpuModel() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("model name", 0) == 0) return std::string(Trim(line.substr(line.find(':') + 1)));
    return "unknown";
}

}  // namespace

bool ParseBenchArgs(int argc, const char* const* argv, BenchOptions& o, std::string& error) {
    for (int k = 0; k < argc; ++k) {
        std::string a = argv[k];
        auto num = [&](auto& out) {
            if (k + 1 >= argc) return false;
            auto v = ParseInt(argv[++k]);
            if (!v || *v < 0) return false;
            out = static_cast<std::remove_reference_t<decltype(out)>>(*v);
            return true;
        };
        bool ok = true;
        if (a == "--json")
            o.json = true;
        else if (a == "--regions" && k + 1 < argc)
            o.data.regions_json = argv[++k];
        else if (a == "--municipalities")
            ok = num(o.data.municipalities);
        else if (a == "--practices")
            ok = num(o.data.practices);
        else if (a == "--adoptions")
            ok = num(o.data.adoptions);
        else if (a == "--indicators")
            ok = num(o.data.indicators);
        else if (a == "--years")
            ok = num(o.data.years);
        else if (a == "--persons")
            ok = num(o.data.persons);
        else if (a == "--seed")
            ok = num(o.data.seed);
        else if (a == "--queries")
            ok = num(o.queries);
        else
            ok = false;
        if (!ok) {
            error = "bad argument: " + a;
            return false;
        }
    }
    if (o.data.practices < 1 || o.queries < 1) {
        error = "--practices and --queries must be positive";
        return false;
    }
    return true;
}

namespace {

// The query timings of one run.
struct Timings {
    Stat bench, recs, net_all, net_filtered, similar, spread, careers;
};

// Times each kind of query on the snapshot; `sink` keeps results observable so nothing is optimised away.
Timings MeasureQueries(const Snapshot& s, const BenchOptions& o, std::size_t& sink) {
    const int R = static_cast<int>(s.R());
    const int D = static_cast<int>(s.domains.size());
    std::mt19937_64 rng(o.data.seed + 1);
    Timings t;
    t.bench = Measure(o.queries, [&](int k) {
        auto r = static_cast<std::size_t>(rng() % static_cast<std::uint64_t>(R));
        auto b = Benchmark(s, s.regions[r].code, s.domains[static_cast<std::size_t>(k % D)]);
        if (b.ok()) {
            auto lacking =
                WhatTheyHave(s, s.regions[r].code, {s.regions[static_cast<std::size_t>(std::max(b->target, 0))].code},
                             s.domains[static_cast<std::size_t>(k % D)], 20);
            sink += ToJson(s, *b).dump().size() + (lacking.ok() ? lacking->size() : 0);
        }
    });
    t.recs = Measure(o.queries, [&](int k) {
        RecommendOptions ro;
        ro.today = DayOf(std::string("2024-06-01"));
        if (k % 3 == 1) ro.domain = s.domains[static_cast<std::size_t>(k % D)];
        if (k % 5 == 2) ro.municipality = 1001;
        auto r = Recommend(s, s.regions[rng() % static_cast<std::uint64_t>(R)].code, ro);
        if (r.ok()) sink += ToJson(s, *r).dump().size();
    });
    const int nq = std::max(10, o.queries / 10);
    t.net_all = Measure(nq, [&](int) {
        auto n = Network(s, {"", "", "", 500});  // as the API answers by default
        if (n.ok()) sink += ToJson(s, *n).dump().size();
    });
    t.net_filtered = Measure(nq, [&](int k) {
        auto n = Network(s, {s.domains[static_cast<std::size_t>(k % D)], "2018", "2022", 500});
        if (n.ok()) sink += ToJson(s, *n).dump().size();
    });
    t.similar = Measure(o.queries, [&](int) {
        auto p = s.practices[rng() % s.practices.size()].id;
        auto r = SimilarPractices(s, p, 10);
        if (r.ok()) sink += r->size();
    });
    t.spread = Measure(o.queries, [&](int) {
        auto p = s.practices[static_cast<std::size_t>(std::pow(static_cast<double>(rng() % 1000) / 1000.0, 2.5) *
                                                      static_cast<double>(s.practices.size()))]
                     .id;
        auto r = Spread(s, p);
        if (r.ok()) sink += ToJson(s, *r).dump().size();
    });
    t.careers = Measure(nq, [&](int) { sink += CareerOverlay(s, 3).links.size(); });
    return t;
}

// The build figures of one run.
struct BuildFigures {
    GeneratedCounts counts;
    double gen_ms = 0, build_ms = 0, build_cpu_ms = 0;
    double rss0 = 0, rss_built = 0, rss_end = 0, hwm = 0;
};

struct Target {
    const char* name;
    double value, limit;
    const char* unit;
};

OrderedJson StatJson(const Stat& st, bool with_max) {
    OrderedJson j = {{"p50", st.p50}, {"p95", st.p95}};
    if (with_max) j["max"] = st.max;
    return j;
}

OrderedJson ReportJson(const Snapshot& s, const BuildFigures& f, const Timings& t, bool all_ok, std::size_t sink) {
    const auto& counts = f.counts;
    return {{"machine", {{"cpu", CpuModel()}, {"threads", std::thread::hardware_concurrency()}}},
            {"data",
             {{"regions", counts.regions},
              {"municipalities", counts.municipalities},
              {"practices", counts.practices},
              {"adoptions", counts.adoptions},
              {"indicators", counts.indicators},
              {"values", counts.values},
              {"persons", counts.persons},
              {"positions", counts.positions}}},
            {"generate_ms", f.gen_ms},
            {"snapshot_build_ms", f.build_ms},
            {"snapshot_build_cpu_ms", f.build_cpu_ms},
            {"snapshot_bytes", s.MemoryBytes()},
            {"rss_mib", {{"start", f.rss0}, {"after_build", f.rss_built}, {"end", f.rss_end}, {"peak", f.hwm}}},
            {"benchmark_ms", StatJson(t.bench, true)},
            {"recommendations_ms", StatJson(t.recs, true)},
            {"network_all_ms", StatJson(t.net_all, true)},
            {"network_domain_period_ms", StatJson(t.net_filtered, false)},
            {"similar_ms", StatJson(t.similar, false)},
            {"spread_ms", StatJson(t.spread, false)},
            {"career_overlay_ms", StatJson(t.careers, false)},
            {"targets_met", all_ok},
            {"checksum", sink}};
}

void ReportText(std::ostream& out, const BenchOptions& o, const Snapshot& s, const BuildFigures& f, const Timings& t) {
    const auto& counts = f.counts;
    out << std::fixed << std::setprecision(2);
    out << "orientir bench analytics — " << CpuModel() << ", " << std::thread::hardware_concurrency() << " threads\n";
    out << "data: " << counts.regions << " regions, " << counts.municipalities << " municipalities, "
        << counts.practices << " practices, " << counts.adoptions << " adoptions, " << counts.indicators
        << " indicators × " << o.data.years << " years (" << counts.values << " values), " << counts.persons
        << " persons / " << counts.positions << " positions\n";
    out << "generate + ingest into builder: " << f.gen_ms << " ms\n";
    out << "snapshot build: " << f.build_ms << " ms wall, " << f.build_cpu_ms << " ms CPU; snapshot ≈ "
        << static_cast<double>(s.MemoryBytes()) / 1048576.0 << " MiB; RSS after build " << f.rss_built << " MiB, peak "
        << f.hwm << " MiB\n";
    auto line = [&](const char* name, const Stat& st) {
        out << "  " << std::left << std::setw(34) << name << std::right << " p50 " << std::setw(8) << st.p50
            << " ms   p95 " << std::setw(8) << st.p95 << " ms   max " << std::setw(8) << st.max << " ms\n";
    };
    line("benchmark (+ lacking, JSON)", t.bench);
    line("recommendations (JSON)", t.recs);
    line("network summary, all (JSON)", t.net_all);
    line("network, domain + period (JSON)", t.net_filtered);
    line("similar practices", t.similar);
    line("spread of a practice (JSON)", t.spread);
    line("career overlay, 3 years", t.careers);
}

}  // namespace

int RunAnalyticsBench(const BenchOptions& o, std::ostream& out) {
    BuildFigures f;
    f.rss0 = ProcStatusMiB("VmRSS");
    auto t0 = Clock::now();
    SnapshotBuilder builder;
    f.counts = Generate(o.data, builder);
    auto t1 = Clock::now();
    const std::clock_t c1 = std::clock();
    auto snap = builder.Build();
    f.build_cpu_ms = 1000.0 * static_cast<double>(std::clock() - c1) / CLOCKS_PER_SEC;
    auto t2 = Clock::now();
    f.rss_built = ProcStatusMiB("VmRSS");
    const Snapshot& s = *snap;

    Progress progress("bench analytics queries", 0);
    g_progress = &progress;
    std::size_t sink = 0;
    const Timings t = MeasureQueries(s, o, sink);
    f.rss_end = ProcStatusMiB("VmRSS");
    f.hwm = ProcStatusMiB("VmHWM");
    f.build_ms = Ms(t1, t2);
    f.gen_ms = Ms(t0, t1);
    const Target targets[] = {{"recommendations p95", t.recs.p95, 20, "ms"},
                              {"benchmark p95", t.bench.p95, 10, "ms"},
                              {"network summary p95", t.net_all.p95, 50, "ms"},
                              {"snapshot build", f.build_ms, 5000, "ms"},
                              {"memory (peak RSS)", f.hwm, 1024, "MiB"}};
    bool all_ok = true;
    for (auto& x : targets) all_ok = all_ok && x.value <= x.limit;
    if (o.json) {
        out << ReportJson(s, f, t, all_ok, sink).dump(2) << "\n";
        return all_ok ? 0 : 1;
    }
    ReportText(out, o, s, f, t);
    progress.Finish();
    g_progress = nullptr;
    out << "targets:\n";
    for (auto& x : targets)
        out << "  " << std::left << std::setw(22) << x.name << std::right << std::setw(10) << x.value << " " << x.unit
            << "  (≤ " << x.limit << ")  " << (x.value <= x.limit ? "ok" : "MISSED") << "\n";
    out << "(checksum " << sink << ")\n";
    return all_ok ? 0 : 1;
}

}  // namespace orientir::analytics::bench
