#pragma once
// Private to the PostgreSQL backend: one libpq connection with a cache of prepared statements, and
// the rows of one result. Values travel as text in both directions; every value is a bound
// parameter (PQexecPrepared), never spliced into SQL. libpq's types stay opaque here.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "storage/postgres/postgres_store.hpp"

struct pg_conn;
struct pg_result;

namespace orientir::storage::pg {

// SQLSTATEs we act on.
inline constexpr const char* kSerializationFailure = "40001";
inline constexpr const char* kDeadlockDetected = "40P01";
inline constexpr const char* kUniqueViolation = "23505";
inline constexpr const char* kQueryCanceled = "57014";

// Rows of one result; owns the PGresult.
class Rows {
public:
    explicit Rows(pg_result* r) : r_(r) {}
    ~Rows();
    Rows(Rows&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
    Rows& operator=(Rows&&) = delete;
    Rows(const Rows&) = delete;
    Rows& operator=(const Rows&) = delete;

    int size() const;
    bool empty() const { return size() == 0; }
    std::string Text(int row, int col) const;
    std::int64_t Int(int row, int col) const;
    bool IsNull(int row, int col) const;
    std::int64_t Affected() const;  // rows changed by INSERT/UPDATE/DELETE

private:
    pg_result* r_;
};

struct ConnParams {
    std::string dsn;
    std::string schema;
    int statement_timeout_ms = 0;
    int connect_timeout_s = 5;
    std::string application_name;
};

// One connection. Used by one thread at a time. Throws PostgresError on every failure.
class Conn {
public:
    explicit Conn(const ConnParams& p);
    ~Conn();
    Conn(const Conn&) = delete;
    Conn& operator=(const Conn&) = delete;

    // Runs a parameterised statement (prepared once per connection and cached).
    Rows Query(const std::string& sql, const std::vector<std::string>& params = {});
    // Runs a fixed command without parameters (BEGIN, COMMIT, DDL of migrations).
    void Command(const std::string& sql);
    // A quoted identifier ("name") for the few statements that cannot take parameters (CREATE SCHEMA).
    std::string QuoteIdent(const std::string& name) const;
    // true when the connection is usable and not inside a transaction.
    bool Idle() const;
    bool Broken() const;
    // Server-side process id (tests terminate it to simulate a lost connection).
    int BackendPid() const;
    // "host:port/db" for logs (never the password).
    std::string Describe() const;

private:
    [[noreturn]] void Fail(pg_result* r, const std::string& what);
    pg_conn* c_ = nullptr;
    std::map<std::string, std::string, std::less<>> prepared_;  // sql → statement name
    int next_name_ = 0;
};

}  // namespace orientir::storage::pg
