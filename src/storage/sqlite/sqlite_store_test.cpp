#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "storage/migrations.hpp"
#include "storage/store_conformance.hpp"

namespace orientir::storage {
namespace {

std::string TempPath() {
    static int n = 0;
    auto dir = std::filesystem::temp_directory_path() / ("orientir-sqlite-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    // Process ids are reused: a file left by an earlier run with the same pid must not leak into this test.
    auto path = dir / ("store-" + std::to_string(++n) + ".db");
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    return path.string();
}

// A store file as a build at schema `version` left it: its migrations applied and recorded, then `rows` (SQL).
void WriteOldStore(const std::string& path, int version, const std::string& rows) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    std::string sql =
        "CREATE TABLE schema_migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);";
    for (const auto& m : SqliteMigrations())
        if (m.version <= version)
            sql += m.sql + "INSERT INTO schema_migrations VALUES(" + std::to_string(m.version) + ", 'old', 'x');";
    sql += rows;
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
}

StoreFactory SqliteFactory() {
    return {"sqlite", [] {
                SqliteOptions o;
                o.path = TempPath();
                auto r = OpenSqliteStore(o);
                if (!r.ok()) throw std::runtime_error(r.error().message);
                return std::move(r).value();
            }};
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreConformance, ::testing::Values(SqliteFactory()),
                         [](const auto& p) { return p.param.name; });

TEST(SqliteStore, ReopenKeepsDataAndAppliesMigrationsOnce) {
    std::string path = TempPath();
    {
        SqliteOptions o;
        o.path = path;
        auto s = OpenSqliteStore(o);
        ASSERT_TRUE(s.ok());
        ASSERT_TRUE((*s)->Write([](WriteTx& tx) -> Status {
                            return tx.Insert("practice", "{\"a\":1}", {}).ok() ? Status::Ok()
                                                                               : Status(Error::Conflict("x"));
                        })
                        .ok());
    }
    SqliteOptions o;
    o.path = path;
    auto s = OpenSqliteStore(o);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ((*s)->Count("practice", {}).value(), 1);
    EXPECT_EQ((*s)->SchemaVersion(), SqliteMigrations().back().version);  // each applied once, the last included
}

// A store written at schema 2 (doc_items WITHOUT ROWID) opens at the last schema: its documents are kept, its
// items (a cache) are dropped with the old table, and ProjectStale renders them again into the rowid table.
TEST(SqliteStore, UpgradeFromSchemaTwoReprojectsTheItems) {
    std::string path = TempPath();
    WriteOldStore(path, 2,
                  "INSERT INTO docs VALUES('practice', 1, 1, '{\"a\":1}', '2026-01-01', '2026-01-01');"
                  "INSERT INTO doc_items VALUES('practice', 1, 7, 'stale item');");
    SqliteOptions o;
    o.path = path;
    auto s = OpenSqliteStore(o);
    ASSERT_TRUE(s.ok()) << s.error().message;
    Store& store = **s;
    EXPECT_EQ(store.SchemaVersion(), SqliteMigrations().back().version);
    store.SetItemProjector({7, [](const std::string&, const Doc& d) { return std::optional<std::string>(d.body); }});
    ListQuery q;
    q.kind = "practice";
    auto before = store.ListItems(q);
    ASSERT_TRUE(before.ok()) << before.error().message;
    ASSERT_EQ(before->rows.size(), 1u) << "the document is kept";
    EXPECT_FALSE(before->rows[0].item) << "the old item went with the old table";
    EXPECT_EQ(store.ProjectStale("practice", 10).value(), 1);
    auto after = store.ListItems(q);
    ASSERT_TRUE(after.ok() && after->rows.size() == 1u);
    EXPECT_EQ(after->rows[0].item.value_or(""), "{\"a\":1}");
}

// A store written at schema 3 (items without the values beside them) opens at the last schema: its items are
// dropped, ProjectStale renders them again with the projector's fields, and a list reads the same values from
// them as from the index.
TEST(SqliteStore, UpgradeFromSchemaThreeKeepsTheFieldsBesideTheItems) {
    std::string path = TempPath();
    WriteOldStore(path, 3,
                  "INSERT INTO docs VALUES('practice', 1, 1, '{\"a\":1}', '2026-01-01', '2026-01-01');"
                  "INSERT INTO docs VALUES('practice', 2, 1, '{\"a\":2}', '2026-01-01', '2026-01-01');"
                  "INSERT INTO doc_index VALUES('practice', 'domain', 'sport', 1);"
                  "INSERT INTO doc_index VALUES('practice', 'domain', 'sport', 2);"
                  "INSERT INTO doc_index VALUES('practice', 'confirmed', '2026-10-01', 1);"
                  "INSERT INTO doc_items VALUES('practice', 1, 7, 'old item');"
                  "INSERT INTO doc_items VALUES('practice', 2, 7, 'old item');");
    SqliteOptions o;
    o.path = path;
    auto s = OpenSqliteStore(o);
    ASSERT_TRUE(s.ok()) << s.error().message;
    Store& store = **s;
    EXPECT_EQ(store.SchemaVersion(), SqliteMigrations().back().version);
    ItemProjector p{
        7, [](const std::string&, const Doc& d) { return std::optional<std::string>(d.body); }, {"confirmed"}};
    store.SetItemProjector(p);
    ListQuery q{"practice", {Filter::Eq("domain", "sport")}, 0, 10, false};
    q.fields = {"confirmed"};
    auto before = store.ListItems(q);
    ASSERT_TRUE(before.ok()) << before.error().message;
    ASSERT_EQ(before->rows.size(), 2u);
    EXPECT_FALSE(before->rows[0].item) << "the old items are dropped";
    EXPECT_EQ(before->rows[0].index, (std::vector<std::optional<std::string>>{"2026-10-01"}));
    EXPECT_EQ(store.ProjectStale("practice", 10).value(), 2);
    auto after = store.ListItems(q);
    ASSERT_TRUE(after.ok() && after->rows.size() == 2u);
    EXPECT_EQ(after->rows[0].item.value_or(""), "{\"a\":1}");
    EXPECT_EQ(after->rows[0].index, before->rows[0].index);
    EXPECT_EQ(after->rows[1].index, (std::vector<std::optional<std::string>>{std::nullopt}));
    EXPECT_EQ(after->total, 2);
}

TEST(SqliteStore, RejectsMemoryAndUnopenablePaths) {
    SqliteOptions o;
    o.path = ":memory:";
    EXPECT_FALSE(OpenSqliteStore(o).ok());
    o.path = "/nonexistent-dir/x/y.db";
    auto r = OpenSqliteStore(o);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace orientir::storage

namespace orientir::storage {
namespace {

// Store::Backup while a writer keeps inserting: the copy is a consistent snapshot (every record of
// each transaction or none: counts are multiples of the batch), opens as a store, and the copy
// appears under its name only when complete.
TEST(SqliteStore, OnlineBackupIsConsistentWhileWritesGoOn) {
    SqliteOptions o;
    o.path = TempPath();
    auto s = OpenSqliteStore(o);
    ASSERT_TRUE(s.ok());
    Store& store = **s;
    constexpr int kBatch = 5;
    auto insert_batch = [&] {
        return store.Write([](WriteTx& tx) -> Status {
            for (int i = 0; i < kBatch; ++i) {
                std::string body = "{\"pad\":\"" + std::string(2000, 'x') + "\"}";
                if (!tx.Insert("practice", body, {}).ok()) return Error::Conflict("insert");
            }
            return Status::Ok();
        });
    };
    for (int i = 0; i < 200; ++i) ASSERT_TRUE(insert_batch().ok());
    std::atomic<bool> stop{false};
    std::atomic<int> batches{0};
    std::thread writer([&] {
        while (!stop) {
            if (insert_batch().ok()) ++batches;
        }
    });
    std::string dest = TempPath() + ".backup";
    std::uint64_t last_done = 0, last_total = 0;
    int calls = 0;
    auto st = store.Backup(dest, [&](std::uint64_t done, std::uint64_t total) {
        EXPECT_FALSE(std::filesystem::exists(dest)) << "the final name appears only when complete";
        last_done = done;
        last_total = total;
        ++calls;
    });
    stop = true;
    writer.join();
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_GT(batches.load(), 0) << "writes went on during the backup";
    EXPECT_GT(calls, 0);
    EXPECT_EQ(last_done, last_total);
    EXPECT_FALSE(std::filesystem::exists(dest + ".partial"));
    EXPECT_FALSE(std::filesystem::exists(dest + "-wal")) << "a standalone file";
    SqliteOptions b;
    b.path = dest;
    auto copy = OpenSqliteStore(b);
    ASSERT_TRUE(copy.ok());
    auto n = (*copy)->Count("practice", {});
    ASSERT_TRUE(n.ok());
    EXPECT_GE(n.value(), 200 * kBatch);
    EXPECT_EQ(n.value() % kBatch, 0) << "a transaction is in the copy entirely or not at all";
    EXPECT_EQ(store.Backup(dest, {}).ok(), true) << "an existing destination is replaced atomically";
}

}  // namespace
}  // namespace orientir::storage
