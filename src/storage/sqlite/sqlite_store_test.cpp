#include <unistd.h>

#include <filesystem>

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
    EXPECT_EQ((*s)->SchemaVersion(), 1);
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
