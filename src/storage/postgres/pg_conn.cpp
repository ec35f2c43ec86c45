#include "storage/postgres/pg_conn.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cstring>

namespace orientir::storage::pg {

namespace {
constexpr std::size_t kMaxPrepared = 256;  // dynamic list queries vary; keep the cache bounded
}

Rows::~Rows() {
    if (r_) PQclear(r_);
}
int Rows::size() const { return PQntuples(r_); }
std::string Rows::Text(int row, int col) const {
    return std::string(PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col)));
}
std::int64_t Rows::Int(int row, int col) const {
    const char* p = PQgetvalue(r_, row, col);
    std::int64_t v = 0;
    auto [end, ec] = std::from_chars(p, p + PQgetlength(r_, row, col), v);
    if (ec != std::errc()) throw PostgresError(std::string("not an integer: ") + p, "", false);
    return v;
}
bool Rows::IsNull(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
std::int64_t Rows::Affected() const {
    const char* s = PQcmdTuples(r_);
    std::int64_t v = 0;
    std::from_chars(s, s + std::strlen(s), v);
    return v;
}

Conn::Conn(const ConnParams& p) {
    // Our defaults come before the expanded DSN so that the DSN can override them; the client
    // encoding comes after it because the store reads and writes UTF-8 only.
    std::string timeout = std::to_string(p.connect_timeout_s);
    const char* keys[] = {"application_name", "connect_timeout", "keepalives_idle", "keepalives_interval",
                          "keepalives_count", "dbname",          "client_encoding", nullptr};
    const char* values[] = {
        p.application_name.c_str(), timeout.c_str(), "30", "10", "3", p.dsn.c_str(), "UTF8", nullptr};
    c_ = PQconnectdbParams(keys, values, 1);
    if (!c_) throw PostgresError("PostgreSQL: out of memory", "", true);
    if (PQstatus(c_) != CONNECTION_OK) {
        std::string msg = PQerrorMessage(c_);
        while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
        PQfinish(c_);
        c_ = nullptr;
        throw PostgresError("cannot connect to PostgreSQL: " + msg, "08001", true);
    }
    // Server notices ("relation already exists, skipping") are not errors; keep them out of stderr.
    PQsetNoticeProcessor(
        c_, [](void*, const char*) {}, nullptr);
    try {
        std::string search_path = p.schema.empty() ? std::string() : QuoteIdent(p.schema);
        Query(
            "SELECT set_config('statement_timeout', $1, false), "
            "CASE WHEN $2 = '' THEN '' ELSE set_config('search_path', $2, false) END",
            {std::to_string(p.statement_timeout_ms), search_path});
    } catch (...) {
        PQfinish(c_);
        c_ = nullptr;
        throw;
    }
}

Conn::~Conn() {
    if (c_) PQfinish(c_);
}

void Conn::Fail(pg_result* r, const std::string& what) {
    std::string state;
    std::string msg;
    if (r) {
        const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        if (s) state = s;
        msg = PQresultErrorMessage(r);
        PQclear(r);
    }
    if (msg.empty()) msg = PQerrorMessage(c_);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    bool lost = PQstatus(c_) == CONNECTION_BAD || state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" ||
                state == "57P03";
    throw PostgresError("PostgreSQL " + what + " failed: " + msg, state, lost);
}

Rows Conn::Query(const std::string& sql, const std::vector<std::string>& params) {
    if (Broken()) throw PostgresError("PostgreSQL connection is broken", "08003", true);
    auto it = prepared_.find(sql);
    if (it == prepared_.end()) {
        if (prepared_.size() >= kMaxPrepared) {
            Command("DEALLOCATE ALL");
            prepared_.clear();
        }
        std::string name = "o" + std::to_string(next_name_++);
        PGresult* r = PQprepare(c_, name.c_str(), sql.c_str(), 0, nullptr);
        if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) Fail(r, "prepare of \"" + sql.substr(0, 120) + "\"");
        PQclear(r);
        it = prepared_.emplace(sql, std::move(name)).first;
    }
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& v : params) {
        // Text parameters end at the first NUL; PostgreSQL text cannot hold one anyway.
        if (v.find('\0') != std::string::npos) throw std::invalid_argument("a stored value contains a NUL character");
        values.push_back(v.c_str());
    }
    PGresult* r =
        PQexecPrepared(c_, it->second.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0);
    auto st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) Fail(r, "query \"" + sql.substr(0, 120) + "\"");
    return Rows(r);
}

void Conn::Command(const std::string& sql) {
    if (Broken()) throw PostgresError("PostgreSQL connection is broken", "08003", true);
    PGresult* r = PQexec(c_, sql.c_str());
    auto st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) Fail(r, "\"" + sql.substr(0, 120) + "\"");
    PQclear(r);
}

std::string Conn::QuoteIdent(const std::string& name) const {
    char* quoted = PQescapeIdentifier(c_, name.data(), name.size());
    if (!quoted) throw PostgresError(std::string("cannot quote identifier: ") + PQerrorMessage(c_), "", false);
    std::string out = quoted;
    PQfreemem(quoted);
    return out;
}

bool Conn::Idle() const { return PQstatus(c_) == CONNECTION_OK && PQtransactionStatus(c_) == PQTRANS_IDLE; }
bool Conn::Broken() const { return PQstatus(c_) != CONNECTION_OK; }
int Conn::BackendPid() const { return PQbackendPID(c_); }
std::string Conn::Describe() const {
    return std::string(PQhost(c_) ? PQhost(c_) : "?") + ":" + (PQport(c_) ? PQport(c_) : "?") + "/" +
           (PQdb(c_) ? PQdb(c_) : "?");
}

}  // namespace orientir::storage::pg
