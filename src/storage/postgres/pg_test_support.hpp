#pragma once
// Test support for *_pgtest.cpp: the server comes from ORIENTIR_TEST_PG_DSN (or the file named by
// ORIENTIR_TEST_PG_DSN_FILE, written by the ctest fixture that starts a throw-away cluster). Each
// store gets a fresh schema, dropped when the test program ends. A missing DSN fails every test:
// these tests never skip silently.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "storage/postgres/pg_conn.hpp"
#include "storage/postgres/postgres_store.hpp"

namespace orientir::storage::pgtest {

inline std::string TestDsn() {
    if (const char* d = std::getenv("ORIENTIR_TEST_PG_DSN"); d && *d) return d;
    if (const char* f = std::getenv("ORIENTIR_TEST_PG_DSN_FILE"); f && *f) {
        std::ifstream in(f);
        std::string line;
        if (std::getline(in, line) && !line.empty()) return line;
    }
    return {};
}

inline std::string RequireDsn() {
    std::string dsn = TestDsn();
    if (dsn.empty()) {
        throw std::runtime_error(
            "no PostgreSQL for the PostgreSQL tests: set ORIENTIR_TEST_PG_DSN, or run them through ctest (its fixture "
            "starts a throw-away cluster) or scripts/pg/with-cluster.sh");
    }
    return dsn;
}

// Schemas made by this process, dropped at exit by SchemaJanitor.
inline std::mutex& SchemasMutex() {
    static std::mutex mu;
    return mu;
}
inline std::vector<std::string>& Schemas() {
    static std::vector<std::string> s;
    return s;
}

inline std::string NewSchemaName() {
    static std::atomic<int> n{0};
    std::string name = "t_" + std::to_string(::getpid()) + "_" + std::to_string(++n);
    std::lock_guard lock(SchemasMutex());
    Schemas().push_back(name);
    return name;
}

// A raw connection for what the Store API cannot do (locking a table, terminating backends).
inline std::unique_ptr<pg::Conn> AdminConn(const std::string& schema = {}) {
    pg::ConnParams p;
    p.dsn = RequireDsn();
    p.schema = schema;
    p.application_name = "orientir-test-admin";
    return std::make_unique<pg::Conn>(p);
}

inline PostgresOptions TestOptions(const std::string& schema) {
    PostgresOptions o;
    o.dsn = RequireDsn();
    o.schema = schema;
    o.pool_size = 6;
    o.statement_timeout_ms = 20000;
    return o;
}

inline std::unique_ptr<Store> OpenTestStore(const PostgresOptions& o) {
    auto r = OpenPostgresStore(o);
    if (!r.ok()) throw std::runtime_error("cannot open the test store: " + r.error().message);
    return std::move(r).value();
}

class SchemaJanitor : public ::testing::Environment {
public:
    void TearDown() override {
        if (TestDsn().empty()) return;
        try {
            auto c = AdminConn();
            std::lock_guard lock(SchemasMutex());
            for (const auto& s : Schemas()) c->Command("DROP SCHEMA IF EXISTS " + c->QuoteIdent(s) + " CASCADE");
        } catch (const std::exception& e) {
            std::fprintf(stderr, "dropping test schemas failed: %s\n", e.what());
        }
    }
};

}  // namespace orientir::storage::pgtest
