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

int RunAnalyticsBench(const BenchOptions& o, std::ostream& out) {
    const double rss0 = ProcStatusMiB("VmRSS");
    auto t0 = Clock::now();
    SnapshotBuilder builder;
    auto counts = Generate(o.data, builder);
    auto t1 = Clock::now();
    const std::clock_t c1 = std::clock();
    auto snap = builder.Build();
    const double build_cpu_ms = 1000.0 * static_cast<double>(std::clock() - c1) / CLOCKS_PER_SEC;
    auto t2 = Clock::now();
    const double rss_built = ProcStatusMiB("VmRSS");
    const Snapshot& s = *snap;
    const int R = static_cast<int>(s.R());
    const int D = static_cast<int>(s.domains.size());
    std::mt19937_64 rng(o.data.seed + 1);

    Progress progress("bench analytics queries", 0);
    g_progress = &progress;
    std::size_t sink = 0;  // keeps results observable so nothing is optimised away
    auto bench = Measure(o.queries, [&](int k) {
        auto r = static_cast<std::size_t>(rng() % static_cast<std::uint64_t>(R));
        auto b = Benchmark(s, s.regions[r].code, s.domains[static_cast<std::size_t>(k % D)]);
        if (b.ok()) {
            auto lacking =
                WhatTheyHave(s, s.regions[r].code, {s.regions[static_cast<std::size_t>(std::max(b->target, 0))].code},
                             s.domains[static_cast<std::size_t>(k % D)], 20);
            sink += ToJson(s, *b).dump().size() + (lacking.ok() ? lacking->size() : 0);
        }
    });
    auto recs = Measure(o.queries, [&](int k) {
        RecommendOptions ro;
        ro.today = DayOf(std::string("2024-06-01"));
        if (k % 3 == 1) ro.domain = s.domains[static_cast<std::size_t>(k % D)];
        if (k % 5 == 2) ro.municipality = 1001;
        auto r = Recommend(s, s.regions[rng() % static_cast<std::uint64_t>(R)].code, ro);
        if (r.ok()) sink += ToJson(s, *r).dump().size();
    });
    const int nq = std::max(10, o.queries / 10);
    auto net_all = Measure(nq, [&](int) {
        auto n = Network(s, {"", "", "", 500});  // as the API answers by default
        if (n.ok()) sink += ToJson(s, *n).dump().size();
    });
    auto net_filtered = Measure(nq, [&](int k) {
        auto n = Network(s, {s.domains[static_cast<std::size_t>(k % D)], "2018", "2022", 500});
        if (n.ok()) sink += ToJson(s, *n).dump().size();
    });
    auto similar = Measure(o.queries, [&](int) {
        auto p = s.practices[rng() % s.practices.size()].id;
        auto r = SimilarPractices(s, p, 10);
        if (r.ok()) sink += r->size();
    });
    auto spread = Measure(o.queries, [&](int) {
        auto p = s.practices[static_cast<std::size_t>(std::pow(static_cast<double>(rng() % 1000) / 1000.0, 2.5) *
                                                      static_cast<double>(s.practices.size()))]
                     .id;
        auto r = Spread(s, p);
        if (r.ok()) sink += ToJson(s, *r).dump().size();
    });
    auto careers = Measure(nq, [&](int) { sink += CareerOverlay(s, 3).links.size(); });
    const double rss_end = ProcStatusMiB("VmRSS"), hwm = ProcStatusMiB("VmHWM");
    const double build_ms = Ms(t1, t2), gen_ms = Ms(t0, t1);

    struct Target {
        const char* name;
        double value, limit;
        const char* unit;
    };
    const Target targets[] = {{"recommendations p95", recs.p95, 20, "ms"},
                              {"benchmark p95", bench.p95, 10, "ms"},
                              {"network summary p95", net_all.p95, 50, "ms"},
                              {"snapshot build", build_ms, 5000, "ms"},
                              {"memory (peak RSS)", hwm, 1024, "MiB"}};
    bool all_ok = true;
    for (auto& t : targets) all_ok = all_ok && t.value <= t.limit;

    if (o.json) {
        OrderedJson j = {{"machine", {{"cpu", CpuModel()}, {"threads", std::thread::hardware_concurrency()}}},
                         {"data",
                          {{"regions", counts.regions},
                           {"municipalities", counts.municipalities},
                           {"practices", counts.practices},
                           {"adoptions", counts.adoptions},
                           {"indicators", counts.indicators},
                           {"values", counts.values},
                           {"persons", counts.persons},
                           {"positions", counts.positions}}},
                         {"generate_ms", gen_ms},
                         {"snapshot_build_ms", build_ms},
                         {"snapshot_build_cpu_ms", build_cpu_ms},
                         {"snapshot_bytes", s.MemoryBytes()},
                         {"rss_mib", {{"start", rss0}, {"after_build", rss_built}, {"end", rss_end}, {"peak", hwm}}},
                         {"benchmark_ms", {{"p50", bench.p50}, {"p95", bench.p95}, {"max", bench.max}}},
                         {"recommendations_ms", {{"p50", recs.p50}, {"p95", recs.p95}, {"max", recs.max}}},
                         {"network_all_ms", {{"p50", net_all.p50}, {"p95", net_all.p95}, {"max", net_all.max}}},
                         {"network_domain_period_ms", {{"p50", net_filtered.p50}, {"p95", net_filtered.p95}}},
                         {"similar_ms", {{"p50", similar.p50}, {"p95", similar.p95}}},
                         {"spread_ms", {{"p50", spread.p50}, {"p95", spread.p95}}},
                         {"career_overlay_ms", {{"p50", careers.p50}, {"p95", careers.p95}}},
                         {"targets_met", all_ok},
                         {"checksum", sink}};
        out << j.dump(2) << "\n";
        return all_ok ? 0 : 1;
    }
    out << std::fixed << std::setprecision(2);
    out << "orientir bench analytics — " << CpuModel() << ", " << std::thread::hardware_concurrency() << " threads\n";
    out << "data: " << counts.regions << " regions, " << counts.municipalities << " municipalities, "
        << counts.practices << " practices, " << counts.adoptions << " adoptions, " << counts.indicators
        << " indicators × " << o.data.years << " years (" << counts.values << " values), " << counts.persons
        << " persons / " << counts.positions << " positions\n";
    out << "generate + ingest into builder: " << gen_ms << " ms\n";
    out << "snapshot build: " << build_ms << " ms wall, " << build_cpu_ms << " ms CPU; snapshot ≈ "
        << static_cast<double>(s.MemoryBytes()) / 1048576.0 << " MiB; RSS after build " << rss_built << " MiB, peak "
        << hwm << " MiB\n";
    auto line = [&](const char* name, const Stat& st) {
        out << "  " << std::left << std::setw(34) << name << std::right << " p50 " << std::setw(8) << st.p50
            << " ms   p95 " << std::setw(8) << st.p95 << " ms   max " << std::setw(8) << st.max << " ms\n";
    };
    line("benchmark (+ lacking, JSON)", bench);
    line("recommendations (JSON)", recs);
    line("network summary, all (JSON)", net_all);
    line("network, domain + period (JSON)", net_filtered);
    line("similar practices", similar);
    line("spread of a practice (JSON)", spread);
    line("career overlay, 3 years", careers);
    progress.Finish();
    g_progress = nullptr;
    out << "targets:\n";
    for (auto& t : targets)
        out << "  " << std::left << std::setw(22) << t.name << std::right << std::setw(10) << t.value << " " << t.unit
            << "  (≤ " << t.limit << ")  " << (t.value <= t.limit ? "ok" : "MISSED") << "\n";
    out << "(checksum " << sink << ")\n";
    return all_ok ? 0 : 1;
}

}  // namespace orientir::analytics::bench
