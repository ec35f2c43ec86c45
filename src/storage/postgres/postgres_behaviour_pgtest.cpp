// PostgreSQL-only behaviour: serialization failures, lost connections and server restarts,
// statement timeouts, concurrent migration, commit-ordered change log, byte-exact text.
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <latch>
#include <set>
#include <thread>

#include "storage/postgres/pg_migrations.hpp"
#include "storage/postgres/pg_test_support.hpp"

namespace orientir::storage {
namespace {

using namespace std::chrono_literals;
using pgtest::AdminConn;
using pgtest::NewSchemaName;
using pgtest::OpenTestStore;
using pgtest::TestOptions;

Doc InsertOrDie(Store& s, const std::string& kind, const std::string& body, const IndexEntries& idx = {}) {
    Doc out;
    Status st = s.Write([&](WriteTx& tx) -> Status {
        ORIENTIR_ASSIGN(out, tx.Insert(kind, body, idx));
        return Status::Ok();
    });
    if (!st.ok()) throw std::runtime_error(st.error().message);
    return out;
}

TEST(PostgresStore, SerializationFailureRerunsTheWrite) {
    auto store = OpenTestStore(TestOptions(NewSchemaName()));
    Doc d = InsertOrDie(*store, "practice", R"({"n":0})");
    // Both transactions read the record, then both update it: the second to commit must fail to
    // serialize and be re-run, seeing the first one's version.
    std::latch both_read(2);
    std::atomic<int> calls{0};
    auto bump = [&] {
        bool first = true;
        return store->Write([&](WriteTx& tx) -> Status {
            ++calls;
            ORIENTIR_ASSIGN(Doc cur, tx.Get("practice", d.id));
            if (first) {
                first = false;
                both_read.arrive_and_wait();
            }
            ORIENTIR_TRY(tx.Update("practice", d.id, cur.version, cur.body, {}));
            return Status::Ok();
        });
    };
    Status a, b;
    std::thread ta([&] { a = bump(); });
    std::thread tb([&] { b = bump(); });
    ta.join();
    tb.join();
    ASSERT_TRUE(a.ok()) << a.error().message;
    ASSERT_TRUE(b.ok()) << b.error().message;
    EXPECT_EQ(store->Get("practice", d.id)->version, 3);  // no lost update
    EXPECT_EQ(calls.load(), 3);                           // exactly one re-run
    EXPECT_GE(GetPostgresStats(*store)->write_retries, 1);
}

// The first records of a new kind, written at once from several threads (as the first «хочу внедрить»
// requests after a deploy): each creates the kind's id sequence if missing, and every write lands.
TEST(PostgresStore, FirstWritesOfANewKindAtOnceAllLand) {
    for (int round = 0; round < 5; ++round) {
        auto store = OpenTestStore(TestOptions(NewSchemaName()));
        constexpr int kThreads = 6;
        std::latch start(kThreads);
        std::atomic<int> ok{0};
        std::vector<std::string> failures(kThreads);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                start.arrive_and_wait();
                try {
                    InsertOrDie(*store, "adoption_request", "{}");
                    ++ok;
                } catch (const std::exception& e) {
                    failures[t] = e.what();
                }
            });
        }
        for (auto& th : threads) th.join();
        for (const auto& f : failures) EXPECT_EQ(f, "");
        EXPECT_EQ(ok.load(), kThreads);
        EXPECT_EQ(store->Count("adoption_request", {}).value(), kThreads);
    }
}

TEST(PostgresStore, GivesUpAfterMaxWriteAttempts) {
    auto o = TestOptions(NewSchemaName());
    o.max_write_attempts = 1;
    auto store = OpenTestStore(o);
    Doc d = InsertOrDie(*store, "practice", "{}");
    std::latch both_read(2);
    auto bump = [&] {
        return store->Write([&](WriteTx& tx) -> Status {
            ORIENTIR_ASSIGN(Doc cur, tx.Get("practice", d.id));
            both_read.arrive_and_wait();
            ORIENTIR_TRY(tx.Update("practice", d.id, cur.version, "{}", {}));
            return Status::Ok();
        });
    };
    std::atomic<int> ok{0}, serialization{0};
    auto run = [&] {
        try {
            if (bump().ok()) ++ok;
        } catch (const StoreBusy& e) {  // retries outlasted: passing, answered 503 by HTTP
            if (e.code() == "40001") ++serialization;
        }
    };
    std::thread ta(run), tb(run);
    ta.join();
    tb.join();
    EXPECT_EQ(ok.load(), 1);
    EXPECT_EQ(serialization.load(), 1);
    EXPECT_EQ(store->Get("practice", d.id)->version, 2);
}

TEST(PostgresStore, ReconnectsAfterItsConnectionsAreTerminated) {
    auto o = TestOptions(NewSchemaName());
    o.application_name = "orientir-test-" + o.schema;
    auto store = OpenTestStore(o);
    Doc d = InsertOrDie(*store, "practice", R"({"a":1})");
    ASSERT_TRUE(store->Get("practice", d.id).ok());
    auto admin = AdminConn();
    auto killed =
        admin->Query("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1",
                     {o.application_name});
    ASSERT_GE(killed.Int(0, 0), 1);
    // Reads and writes go through as if nothing happened: pooled connections are replaced.
    auto got = store->Get("practice", d.id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->body, R"({"a":1})");
    admin->Query("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1",
                 {o.application_name});
    Doc e = InsertOrDie(*store, "practice", "{}");
    EXPECT_EQ(e.id, d.id + 1);
    EXPECT_TRUE(store->Ping().ok());
    EXPECT_GE(GetPostgresStats(*store)->reconnects, 1);
}

// A private cluster, so stopping it cannot disturb other tests running at the same time.
class PrivateCluster {
public:
    PrivateCluster() {
        state_ = std::filesystem::temp_directory_path() / ("orientir-pg-private-" + std::to_string(::getpid()));
        std::filesystem::create_directories(state_);
        Run("env -u ORIENTIR_TEST_PG_DSN " + Script("start.sh") + " " + state_.string() + " >/dev/null");
        std::ifstream in(state_ / "dsn");
        std::getline(in, dsn_);
    }
    ~PrivateCluster() {
        std::system((Script("stop.sh") + " " + state_.string()).c_str());
        std::filesystem::remove_all(state_);
    }
    PrivateCluster(const PrivateCluster&) = delete;
    PrivateCluster& operator=(const PrivateCluster&) = delete;
    const std::string& dsn() const { return dsn_; }
    void Server(const std::string& action) { Run(Script("restart.sh") + " " + state_.string() + " " + action); }

private:
    static std::string Script(const std::string& name) {
        return std::string(ORIENTIR_SOURCE_DIR) + "/scripts/pg/" + name;
    }
    static void Run(const std::string& cmd) {
        int rc = std::system(cmd.c_str());
        if (rc != 0) throw std::runtime_error("command failed (" + std::to_string(rc) + "): " + cmd);
    }
    std::filesystem::path state_;
    std::string dsn_;
};

TEST(PostgresStore, KeepsWorkingAcrossServerRestartAndReportsWhileDown) {
    PrivateCluster cluster;
    PostgresOptions o;
    o.dsn = cluster.dsn();
    o.pool_size = 3;
    o.connect_timeout_s = 2;
    auto store = OpenTestStore(o);
    Doc d = InsertOrDie(*store, "practice", R"({"kept":true})");

    cluster.Server("restart");
    auto got = store->Get("practice", d.id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->body, R"({"kept":true})");
    InsertOrDie(*store, "practice", "{}");

    cluster.Server("stop-server");
    EXPECT_FALSE(store->Ping().ok());
    EXPECT_EQ(store->Ping().error().code, ErrorCode::kUnavailable);
    // A server that is down is a passing condition: StoreBusy, which HTTP answers with 503.
    EXPECT_THROW((void)store->Get("practice", d.id), StoreBusy);
    EXPECT_THROW(InsertOrDie(*store, "practice", "{}"), StoreBusy);

    cluster.Server("start-server");
    EXPECT_TRUE(store->Ping().ok());
    EXPECT_EQ(store->Count("practice", {}).value(), 2);  // the failed write left nothing
    InsertOrDie(*store, "practice", "{}");
    EXPECT_EQ(store->Count("practice", {}).value(), 3);
}

TEST(PostgresStore, StatementTimeoutCancelsABlockedQuery) {
    auto o = TestOptions(NewSchemaName());
    o.statement_timeout_ms = 300;
    auto store = OpenTestStore(o);
    Doc d = InsertOrDie(*store, "practice", "{}");
    auto admin = AdminConn(o.schema);
    admin->Command("BEGIN");
    admin->Command("LOCK TABLE docs IN ACCESS EXCLUSIVE MODE");
    auto start = std::chrono::steady_clock::now();
    try {
        (void)store->Get("practice", d.id);
        ADD_FAILURE() << "the read should have been cancelled";
    } catch (const StoreBusy& e) {
        EXPECT_EQ(e.code(), "57014") << e.what();
    }
    auto waited = std::chrono::steady_clock::now() - start;
    EXPECT_GE(waited, 250ms);
    EXPECT_LT(waited, 5s);
    EXPECT_THROW(InsertOrDie(*store, "practice", "{}"), StoreBusy);  // not retried (not a conflict), but passing
    admin->Command("ROLLBACK");
    EXPECT_TRUE(store->Get("practice", d.id).ok());
    EXPECT_EQ(store->Count("practice", {}).value(), 1);
}

TEST(PostgresStore, ConcurrentOpensMigrateOnce) {
    std::string schema = NewSchemaName();
    constexpr int kNodes = 6;
    std::vector<std::thread> ts;
    std::atomic<int> opened{0};
    std::latch go(kNodes);
    for (int i = 0; i < kNodes; ++i) {
        ts.emplace_back([&] {
            go.arrive_and_wait();
            auto r = OpenPostgresStore(TestOptions(schema));
            if (r.ok() && (*r)->SchemaVersion() >= 1) ++opened;
            if (!r.ok()) ADD_FAILURE() << r.error().message;
        });
    }
    for (auto& t : ts) t.join();
    EXPECT_EQ(opened.load(), kNodes);
    auto admin = AdminConn(schema);
    auto rows = admin->Query("SELECT version, count(*) FROM schema_migrations GROUP BY version HAVING count(*) > 1");
    EXPECT_TRUE(rows.empty());
    EXPECT_EQ(admin->Query("SELECT count(*) FROM schema_migrations").Int(0, 0),
              static_cast<std::int64_t>(pg::PostgresMigrations().size()));
}

TEST(PostgresStore, FollowerNeverMissesAChangeUnderConcurrentWriters) {
    auto o = TestOptions(NewSchemaName());
    o.pool_size = 8;
    auto store = OpenTestStore(o);
    auto reader = OpenTestStore(o);  // another node
    std::atomic<bool> done{false};
    std::vector<std::int64_t> seen;
    std::thread follower([&] {
        std::int64_t last = 0;
        for (;;) {
            bool finished = done.load();
            auto batch = reader->ChangesSince(last, 50);
            for (const auto& c : batch) seen.push_back(c.seq);
            if (!batch.empty()) last = batch.back().seq;
            if (finished && batch.empty()) break;
        }
    });
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t) {
        writers.emplace_back([&, t] {
            for (int i = 0; i < 40; ++i) InsertOrDie(*store, "kind" + std::to_string(t % 2), "{}");
        });
    }
    for (auto& w : writers) w.join();
    done = true;
    follower.join();
    auto all = store->ChangesSince(0, 1000);
    ASSERT_EQ(all.size(), 160u);
    std::vector<std::int64_t> expected;
    for (const auto& c : all) expected.push_back(c.seq);
    EXPECT_EQ(seen, expected);
}

TEST(PostgresStore, TextIsStoredByteExactAndOrderedByCodePoint) {
    auto store = OpenTestStore(TestOptions(NewSchemaName()));
    const std::string body = "{\"title\":  \"Ёлка в Югре — «проект»\",\n \"z\":1, \"a\":[ ]}";
    Doc d = InsertOrDie(*store, "practice", body, {{"name", "Югра", false}});
    InsertOrDie(*store, "practice", "{}", {{"name", "Южный", false}});
    InsertOrDie(*store, "practice", "{}", {{"name", "Ямал", false}});
    InsertOrDie(*store, "practice", "{}", {{"name", "ёж", false}});
    InsertOrDie(*store, "practice", "{}", {{"name", "Zebra", false}});
    EXPECT_EQ(store->Get("practice", d.id)->body, body);
    EXPECT_EQ(store->Count("practice", {Filter::Prefix("name", "Ю")}).value(), 2);
    // Code point order (as in SQLite): Latin < Cyrillic capitals < ё.
    EXPECT_EQ(store->Count("practice", {Filter::Ge("name", "Ю")}).value(), 4);
    EXPECT_EQ(store->Count("practice", {Filter::Le("name", "Я")}).value(), 3);  // "Ямал" > "Я"
    EXPECT_EQ(store->Count("practice", {Filter::In("name", {"Ямал", "ёж", "нет"})}).value(), 2);
    EXPECT_EQ(store->Count("practice", {Filter::In("name", {"a\"b", "c\\d,{}"})}).value(), 0);
}

TEST(PostgresStore, UnreachableServerIsUnavailableAndKeepsThePasswordOut) {
    PostgresOptions o;
    o.dsn = "postgresql://orientir:s3cret-pw@127.0.0.1:1/nothing";
    o.connect_timeout_s = 2;
    auto r = OpenPostgresStore(o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
    EXPECT_EQ(r.error().message.find("s3cret-pw"), std::string::npos) << r.error().message;
}

TEST(PostgresStore, OpensThroughTheBackendRegistry) {
    RegisterPostgresBackend();
    std::string dsn = pgtest::RequireDsn();
    ASSERT_EQ(dsn.rfind("postgresql://", 0), 0u) << "this test needs ORIENTIR_TEST_PG_DSN as a postgresql:// URI";
    // The same server through OpenStore; the schema comes from libpq's options parameter.
    std::string schema = NewSchemaName();
    pgtest::AdminConn()->Command("CREATE SCHEMA " + schema);
    std::string url = dsn + (dsn.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema;
    auto r = OpenStore(url);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ((*r)->BackendName(), "postgresql");
    EXPECT_EQ((*r)->SchemaVersion(), pg::PostgresMigrations().back().version);
    auto p = OpenStore("postgres" + url.substr(std::string("postgresql").size()));
    EXPECT_TRUE(p.ok());
}

}  // namespace
}  // namespace orientir::storage
