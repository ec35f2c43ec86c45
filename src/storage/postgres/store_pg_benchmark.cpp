// Store-level micro-benchmark, SQLite vs PostgreSQL on one machine (not run by ctest):
//   ORIENTIR_TEST_PG_DSN=... storage_pg_benchmark [threads] [seconds]
// Prints operations per second and mean latency for reads (Get by id, List page of 20 with a
// filter), writes (Insert with 3 index entries, Update) and, for PostgreSQL, pool sizes 1..8.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <random>
#include <thread>
#include <vector>

#include "storage/postgres/postgres_store.hpp"
#include "storage/store.hpp"

using namespace orientir;
using namespace orientir::storage;
using Clk = std::chrono::steady_clock;

namespace {

void Check(const Status& s) {
    if (!s.ok()) throw std::runtime_error(s.error().message);
}

void Seed(Store& s, int n) {
    for (int i = 0; i < n; i += 100) {
        Check(s.Write([&](WriteTx& tx) -> Status {
            for (int j = i; j < i + 100 && j < n; ++j) {
                auto r = tx.Insert("practice", R"({"title":"Практика )" + std::to_string(j) + R"(","summary":"текст"})",
                                   {{"region", std::to_string(j % 89), false},
                                    {"stage", "pilot", false},
                                    {"slug", "p" + std::to_string(j), true}});
                if (!r.ok()) return r.error();
            }
            return Status::Ok();
        }));
    }
}

double Run(const char* name, int threads, double seconds, const std::function<void(std::mt19937&)>& op) {
    std::atomic<long> ops{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> ts;
    auto t0 = Clk::now();
    for (int t = 0; t < threads; ++t) {
        ts.emplace_back([&, t] {
            std::mt19937 rng(static_cast<unsigned>(t + 1));
            long n = 0;
            while (!stop.load(std::memory_order_relaxed)) {
                op(rng);
                ++n;
            }
            ops += n;
        });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& t : ts) t.join();
    double secs = std::chrono::duration<double>(Clk::now() - t0).count();
    double rate = static_cast<double>(ops.load()) / secs;
    std::printf("  %-28s %2d threads %9.0f ops/s  %8.1f us/op\n", name, threads, rate, 1e6 * threads / rate);
    return rate;
}

void Suite(Store& s, int threads, double seconds, int n) {
    Run("get", threads, seconds, [&](std::mt19937& r) { (void)s.Get("practice", 1 + static_cast<long>(r() % n)); });
    Run("list 20 region=", threads, seconds, [&](std::mt19937& r) {
        (void)s.List({"practice", {Filter::Eq("region", std::to_string(r() % 89))}, 0, 20, true});
    });
    static std::atomic<long> next{0};  // keys stay unique across suites on one store
    Run("insert (3 index entries)", threads, seconds, [&](std::mt19937&) {
        long k = next++;
        Check(s.Write([&](WriteTx& tx) -> Status {
            auto r = tx.Insert("request", R"({"k":)" + std::to_string(k) + "}",
                               {{"region", std::to_string(k % 89), false},
                                {"state", "new", false},
                                {"key", "r" + std::to_string(k), true}});
            return r.ok() ? Status::Ok() : Status(r.error());
        }));
    });
    Run("update (random record)", threads, seconds, [&](std::mt19937& r) {
        std::int64_t id = 1 + static_cast<long>(r() % n);
        Check(s.Write([&](WriteTx& tx) -> Status {
            auto u =
                tx.Update("practice", id, std::nullopt, R"({"title":"x"})",
                          {{"region", std::to_string(id % 89), false}, {"slug", "p" + std::to_string(id - 1), true}});
            return u.ok() ? Status::Ok() : Status(u.error());
        }));
    });
}

}  // namespace

int main(int argc, char** argv) {
    int threads = argc > 1 ? std::atoi(argv[1]) : 4;
    double seconds = argc > 2 ? std::atof(argv[2]) : 2.0;
    const int n = 5000;
    const char* dsn = std::getenv("ORIENTIR_TEST_PG_DSN");
    if (!dsn) {
        std::fprintf(stderr, "set ORIENTIR_TEST_PG_DSN (scripts/pg/with-cluster.sh does)\n");
        return 2;
    }
    auto dir = std::filesystem::temp_directory_path() / ("orientir-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    {
        SqliteOptions o;
        o.path = (dir / "bench.db").string();
        auto s = OpenSqliteStore(o);
        if (!s.ok()) return 1;
        Seed(**s, n);
        std::printf("sqlite (synchronous=FULL)\n");
        Suite(**s, 1, seconds, n);
        Suite(**s, threads, seconds, n);
    }
    std::filesystem::remove_all(dir);
    for (int pool : {threads, 1, 2}) {
        PostgresOptions o;
        o.dsn = dsn;
        o.schema = "bench_" + std::to_string(::getpid()) + "_" + std::to_string(pool);
        o.pool_size = pool;
        auto s = OpenPostgresStore(o);
        if (!s.ok()) {
            std::fprintf(stderr, "%s\n", s.error().message.c_str());
            return 1;
        }
        Seed(**s, n);
        std::printf("postgresql pool=%d\n", pool);
        if (pool == threads) Suite(**s, 1, seconds, n);
        Suite(**s, threads, seconds, n);
        auto st = GetPostgresStats(**s);
        std::printf("  writes committed %lld, retries %lld\n", static_cast<long long>(st->writes_committed),
                    static_cast<long long>(st->write_retries));
    }
    return 0;
}
