#pragma once
// PostgreSQL backend of Store, for several app nodes sharing one database (docs/adr/0040).
//
// Contract: the same as Store (store.hpp) — the conformance suite runs against it — plus:
// - Write runs its callback in a SERIALIZABLE transaction and re-runs it after a serialization
//   failure or deadlock (up to max_write_attempts), so the callback must have no effects outside
//   the WriteTx and must tolerate being called again. A transaction that cannot commit for any
//   other reason is reported once, not retried.
// - Change-log sequence numbers become visible in commit order, across all nodes: a follower that
//   has seen seq N never later finds a new change below N.
// - Infrastructure failures (server gone, statement timeout, auth) are thrown as PostgresError.
//   Reads are retried once on a fresh connection when the connection was lost (e.g. the server
//   restarted); a write is retried when the connection was lost before COMMIT was sent.
//
// Thread safety: safe for concurrent use from many threads. A small pool of connections, each used
// by one thread at a time; a caller waits when all are busy.

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "common/clock.hpp"
#include "common/result.hpp"
#include "storage/store.hpp"

namespace orientir::storage {

struct PostgresOptions {
    std::string dsn;                   // libpq connection string or URI (postgresql://user:pw@host:port/db?...)
    std::string schema;                // empty: the server's search_path; otherwise created when missing and used
    int pool_size = 8;                 // connections opened on demand, at most this many
    int statement_timeout_ms = 30000;  // 0: no limit
    int connect_timeout_s = 5;
    int max_write_attempts = 12;  // total tries of one Write on serialization failures
    std::string application_name = "orientir";
    const Clock* clock = nullptr;  // nullptr: the system clock
};

// Counters for /metrics and tests. Monotonic except connections_open.
struct PostgresStats {
    std::int64_t writes_committed = 0;
    std::int64_t write_retries = 0;     // re-runs after serialization failure, deadlock or lost connection
    std::int64_t reconnects = 0;        // connections discarded after being lost
    std::int64_t connections_open = 0;  // now
};

// An infrastructure failure of the PostgreSQL backend. `sqlstate` is the server's error code
// ("57014" statement timeout, "08006" connection failure, ...), empty when the server sent none.
class PostgresError : public std::runtime_error {
public:
    PostgresError(const std::string& message, std::string sqlstate, bool connection_lost)
        : std::runtime_error(message), sqlstate_(std::move(sqlstate)), connection_lost_(connection_lost) {}
    const std::string& sqlstate() const { return sqlstate_; }
    bool connection_lost() const { return connection_lost_; }

private:
    std::string sqlstate_;
    bool connection_lost_;
};

// Connects, checks the server (UTF8 encoding), and applies pending migrations under an advisory
// lock, so several nodes may start (or run `orientir migrate`) at once. Errors: kUnavailable when
// the server cannot be reached or refuses us, kInvalidArgument for a database we cannot use.
Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& options);
Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& dsn);

// Counters of a store opened by OpenPostgresStore; nullopt for any other store.
std::optional<PostgresStats> GetPostgresStats(Store& store);

// Registers "postgresql://" (and "postgres://") with OpenStore. Call once from main.
void RegisterPostgresBackend();

}  // namespace orientir::storage
