// PostgreSQL backend of Store (docs/adr/0040): the SQLite schema mirrored, SERIALIZABLE write
// transactions retried on serialization failure, change-log sequence numbers assigned under a
// transaction-scoped advisory lock so they become visible in commit order, and a small pool of
// connections used by one thread at a time.

#include "storage/postgres/postgres_store.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "common/log.hpp"
#include "storage/connection_pool.hpp"
#include "storage/postgres/pg_conn.hpp"
#include "storage/postgres/pg_migrations.hpp"

namespace orientir::storage {

namespace {

using pg::Conn;
using pg::Rows;

// First halves of the two-int advisory lock keys; the second half is hashtext(schema), so stores
// in different schemas of one database do not wait for each other.
constexpr const char* kMigrateLockKey = "1330794801";    // 'ORM1'
constexpr const char* kChangeLogLockKey = "1330791244";  // 'ORCL'
constexpr int kScanPage = 500;

constexpr const char* kDocColumns = "d.id, d.version, d.body, d.created_at, d.updated_at";

Doc ReadDoc(const Rows& r, int row) {
    return Doc{r.Int(row, 0), r.Int(row, 1), r.Text(row, 2), r.Text(row, 3), r.Text(row, 4)};
}

bool IsRetryable(const std::string& sqlstate) {
    // A unique violation against a row committed concurrently is retried once more: on the next
    // attempt the duplicate check sees that row and reports a Conflict value instead.
    return sqlstate == pg::kSerializationFailure || sqlstate == pg::kDeadlockDetected ||
           sqlstate == pg::kUniqueViolation;
}

// A failure that says nothing about the request, only about the moment: retries outlasted, the
// connection lost or refused, a statement timeout, the server out of connections or resources
// (class 53), or shutting down (class 57P). Rethrown as StoreBusy, which HTTP answers with 503.
void ThrowBusyIfPassing(const PostgresError& e) {
    const std::string& s = e.sqlstate();
    bool passing = e.connection_lost() || IsRetryable(s) || s == pg::kQueryCanceled || s.rfind("53", 0) == 0 ||
                   s.rfind("57P", 0) == 0 || s.rfind("08", 0) == 0;
    if (passing) throw StoreBusy(std::string("PostgreSQL is busy or unreachable: ") + e.what(), s);
}

// A PostgreSQL array literal of text elements, passed as one bound parameter.
std::string TextArray(const std::vector<std::string>& items) {
    std::string out = "{";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        out += '"';
        for (char ch : items[i]) {
            if (ch == '"' || ch == '\\') out += '\\';
            out += ch;
        }
        out += '"';
    }
    out += '}';
    return out;
}

struct WhereClause {
    std::string sql;
    std::vector<std::string> params;  // bound after kind ($1)
    bool driven = false;              // the first filter is the join `doc_index x0` (BuildWhere)
};

// With `drive` and an equality first, that filter's index entries are the rows themselves: the query
// joins the documents to `doc_index x0` (kind, field, value, id) and orders by x0.id (`driven`: the SQL
// names x0, and leaves the first filter out of the id lists).
WhereClause BuildWhere(const std::vector<Filter>& filters, bool drive = false) {
    WhereClause w;
    w.driven = drive && !filters.empty() && filters[0].op == Filter::Op::kEq && filters[0].values.size() == 1;
    auto next = [&](std::string v) {
        w.params.push_back(std::move(v));
        return "$" + std::to_string(w.params.size() + 1);
    };
    for (const auto& f : filters) {
        if (w.driven && &f == &filters[0]) {
            w.sql += " AND x0.field = " + next(f.field);
            w.sql += " AND x0.value = " + next(f.values[0]);
            continue;
        }
        w.sql += std::string(w.driven ? " AND x0.id" : " AND d.id") +
                 " IN (SELECT x.id FROM doc_index x WHERE x.kind = $1 AND x.field = " + next(f.field);
        std::string v = f.values.empty() ? std::string() : f.values[0];
        switch (f.op) {
            case Filter::Op::kEq:
                w.sql += " AND x.value = " + next(v);
                break;
            case Filter::Op::kGe:
                w.sql += " AND x.value >= " + next(v);
                break;
            case Filter::Op::kLe:
                w.sql += " AND x.value <= " + next(v);
                break;
            case Filter::Op::kPrefix:
                w.sql += " AND x.value >= " + next(v);
                w.sql += " AND x.value < " + next(v + "\xF4\x8F\xBF\xBF");
                break;
            case Filter::Op::kIn:
                w.sql += " AND x.value = ANY(" + next(TextArray(f.values)) + "::text[])";
                break;
        }
        w.sql += ")";
    }
    return w;
}

Result<Page> ListOn(Conn& c, const ListQuery& q) {
    if (q.limit < 1 || q.limit > 1000) return Error::Invalid("limit", "range", "limit must be between 1 and 1000");
    auto w = BuildWhere(q.filters);
    std::vector<std::string> params{q.kind};
    params.insert(params.end(), w.params.begin(), w.params.end());
    std::string sql = std::string("SELECT ") + kDocColumns + " FROM docs d WHERE d.kind = $1" + w.sql;
    if (q.after_id > 0) {
        params.push_back(std::to_string(q.after_id));
        sql += (q.descending ? " AND d.id < $" : " AND d.id > $") + std::to_string(params.size());
    }
    params.push_back(std::to_string(q.limit + 1));
    sql += (q.descending ? " ORDER BY d.id DESC LIMIT $" : " ORDER BY d.id LIMIT $") + std::to_string(params.size());
    Rows r = c.Query(sql, params);
    Page page;
    for (int i = 0; i < r.size(); ++i) page.docs.push_back(ReadDoc(r, i));
    if (page.docs.size() > static_cast<std::size_t>(q.limit)) {
        page.docs.pop_back();
        page.next_after = page.docs.back().id;
    }
    return page;
}

Result<Doc> GetOn(Conn& c, const std::string& kind, std::int64_t id) {
    Rows r = c.Query(std::string("SELECT ") + kDocColumns + " FROM docs d WHERE d.kind = $1 AND d.id = $2",
                     {kind, std::to_string(id)});
    if (r.empty()) return Error::NotFound("no " + kind + " with id " + std::to_string(id));
    return ReadDoc(r, 0);
}

std::optional<Doc> FindOneOn(Conn& c, const std::string& kind, const std::string& field, const std::string& value) {
    Rows r = c.Query(std::string("SELECT ") + kDocColumns +
                         " FROM doc_index x JOIN docs d ON d.kind = x.kind AND d.id = x.id"
                         " WHERE x.kind = $1 AND x.field = $2 AND x.value = $3 ORDER BY d.id LIMIT 1",
                     {kind, field, value});
    if (r.empty()) return std::nullopt;
    return ReadDoc(r, 0);
}

// The item of a record and, beside it, the values of the projector's fields (EncodeItemFields).
void PutItem(Conn& c, const std::string& kind, std::int64_t id, int format, const std::string& item,
             const std::string& fields) {
    c.Query(
        "INSERT INTO doc_items(kind, id, format, item, fields) VALUES($1, $2, $3, $4, $5) "
        "ON CONFLICT (kind, id) DO UPDATE SET format = excluded.format, item = excluded.item, fields = excluded.fields",
        {kind, std::to_string(id), std::to_string(format), item, fields});
}

// A record's index entries as they are stored.
IndexEntries IndexOn(Conn& c, const std::string& kind, std::int64_t id) {
    Rows r = c.Query("SELECT field, value FROM doc_index WHERE kind = $1 AND id = $2 ORDER BY field, value",
                     {kind, std::to_string(id)});
    IndexEntries out;
    for (int i = 0; i < r.size(); ++i) out.push_back({r.Text(i, 0), r.Text(i, 1), false});
    return out;
}

void DeleteItem(Conn& c, const std::string& kind, std::int64_t id) {
    c.Query("DELETE FROM doc_items WHERE kind = $1 AND id = $2", {kind, std::to_string(id)});
}

// The select columns of an item row: the document (its body only without a current item of `format`),
// the item, the values kept beside it, then per asked field its smallest index value (a field the projector
// keeps beside the item is looked up only for a row without them). Appends the parameters it uses to
// `params`; `stored` gets per asked field its place among the projector's fields, or -1.
std::string ItemColumns(std::vector<std::string>& params, const ItemProjector* projector,
                        const std::vector<std::string>& fields, std::vector<int>& stored, bool driven = false) {
    std::string sql =
        "SELECT d.id, d.version, CASE WHEN i.item IS NULL THEN d.body END, d.created_at, d.updated_at, i.item, "
        "i.fields";
    stored.clear();
    for (const auto& field : fields) {
        int at = -1;
        if (projector) {
            auto it = std::find(projector->fields.begin(), projector->fields.end(), field);
            if (it != projector->fields.end()) at = static_cast<int>(it - projector->fields.begin());
        }
        stored.push_back(at);
        params.push_back(field);
        std::string lookup =
            "(SELECT min(x.value) FROM doc_index x WHERE x.kind = d.kind AND x.id = d.id AND x.field = $" +
            std::to_string(params.size()) + ")";
        sql += at < 0 ? ", " + lookup : ", CASE WHEN i.fields IS NULL THEN " + lookup + " END";
    }
    params.push_back(std::to_string(projector ? projector->format : -1));
    sql += driven ? " FROM doc_index x0 JOIN docs d ON d.kind = x0.kind AND d.id = x0.id" : " FROM docs d";
    return sql + " LEFT JOIN doc_items i ON i.kind = d.kind AND i.id = d.id AND i.format = $" +
           std::to_string(params.size());
}

ItemRow ReadItemRow(const Rows& r, int i, const std::vector<int>& stored) {
    auto text = [&](int col) { return r.IsNull(i, col) ? std::nullopt : std::optional<std::string>(r.Text(i, col)); };
    std::vector<std::optional<std::string>> looked_up;
    for (std::size_t f = 0; f < stored.size(); ++f) looked_up.push_back(text(static_cast<int>(f) + 7));
    return ItemRowOf(ReadDoc(r, i), text(5), text(6), std::move(looked_up), stored);
}

// A list page with each record's current item (its document only when it has none), the asked index
// values and the total.
Result<ItemPage> ListItemsOn(Conn& c, const ListQuery& q, const ItemProjector* projector) {
    if (q.limit < 1 || q.limit > 1000) return Error::Invalid("limit", "range", "limit must be between 1 and 1000");
    auto w = BuildWhere(q.filters, true);
    const char* id = w.driven ? "x0.id" : "d.id";
    std::vector<std::string> params{q.kind};
    params.insert(params.end(), w.params.begin(), w.params.end());
    std::vector<int> stored;
    std::string sql = ItemColumns(params, projector, q.fields, stored, w.driven) +
                      (w.driven ? " WHERE x0.kind = $1" : " WHERE d.kind = $1") + w.sql;
    if (q.after_id > 0) {
        params.push_back(std::to_string(q.after_id));
        sql += std::string(" AND ") + id + (q.descending ? " < $" : " > $") + std::to_string(params.size());
    }
    params.push_back(std::to_string(q.limit + 1));
    sql +=
        std::string(" ORDER BY ") + id + (q.descending ? " DESC LIMIT $" : " LIMIT $") + std::to_string(params.size());
    Rows r = c.Query(sql, params);
    ItemPage page;
    for (int i = 0; i < r.size(); ++i) page.rows.push_back(ReadItemRow(r, i, stored));
    if (page.rows.size() > static_cast<std::size_t>(q.limit)) {
        page.rows.pop_back();
        page.next_after = page.rows.back().doc.id;
    }
    // The total of the filters: from the page itself when the whole list fits in it; a driven count reads
    // the index alone (its entries exist only beside their documents).
    if (q.after_id == 0 && !page.next_after) {
        page.total = static_cast<std::int64_t>(page.rows.size());
    } else {
        std::vector<std::string> cp{q.kind};
        cp.insert(cp.end(), w.params.begin(), w.params.end());
        page.total = c.Query((w.driven ? "SELECT COUNT(*) FROM doc_index x0 WHERE x0.kind = $1"
                                       : "SELECT COUNT(*) FROM docs d WHERE d.kind = $1") +
                                 w.sql,
                             cp)
                         .Int(0, 0);
    }
    return page;
}

// One record with its current item and the asked index values, in one query (single-record reads).
Result<ItemRow> GetItemOn(Conn& c, const std::string& kind, std::int64_t id, const ItemProjector* projector,
                          const std::vector<std::string>& fields) {
    std::vector<std::string> params{kind, std::to_string(id)};
    std::vector<int> stored;
    std::string sql = ItemColumns(params, projector, fields, stored) + " WHERE d.kind = $1 AND d.id = $2";
    Rows r = c.Query(sql, params);
    if (r.empty()) return Error::NotFound("no " + kind + " with id " + std::to_string(id));
    return ReadItemRow(r, 0, stored);
}

// Kinds whose id sequence is known to exist (created and committed), shared by a store's connections.
class SequenceRegistry {
public:
    bool Known(const std::string& kind) {
        std::lock_guard lock(mu_);
        return known_.count(kind) > 0;
    }
    void Add(const std::vector<std::string>& kinds) {
        std::lock_guard lock(mu_);
        known_.insert(kinds.begin(), kinds.end());
    }

private:
    std::mutex mu_;
    std::set<std::string> known_;
};

// The sequence of a kind: id_<kind> when the kind is a plain identifier, else id_<64-bit FNV-1a hex>.
std::string SequenceName(const std::string& kind) {
    bool plain = !kind.empty() && kind.size() <= 48;
    for (char ch : kind) plain = plain && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_');
    if (plain) return "id_" + kind;
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char ch : kind) h = (h ^ ch) * 1099511628211ULL;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return std::string("id_") + buf;
}

class PgTx final : public WriteTx {
public:
    PgTx(Conn& c, std::string now, SequenceRegistry& seqs, const ItemProjector* projector)
        : c_(c), now_(std::move(now)), seqs_(seqs), projector_(projector) {}
    Conn& conn() { return c_; }
    // Sequences this transaction created; known to exist once it has committed.
    const std::vector<std::string>& created_sequences() const { return created_; }

    Result<Doc> Get(const std::string& kind, std::int64_t id) override { return GetOn(c_, kind, id); }
    Result<Page> List(const ListQuery& q) override { return ListOn(c_, q); }
    std::optional<Doc> FindOne(const std::string& kind, const std::string& field, const std::string& value) override {
        return FindOneOn(c_, kind, field, value);
    }

    Result<Doc> Insert(const std::string& kind, const std::string& body, const IndexEntries& index,
                       std::int64_t id) override {
        if (id > 0) {
            Rows e = c_.Query("SELECT 1 FROM docs WHERE kind = $1 AND id = $2", {kind, std::to_string(id)});
            if (!e.empty()) {
                return Error::Conflict(kind + " with id " + std::to_string(id) + " already exists", "duplicate_id");
            }
        }
        std::string seq = EnsureSequence(kind);
        OpGuard guard(c_, index);
        if (id <= 0) {
            id = c_.Query("SELECT nextval($1::regclass)", {seq}).Int(0, 0);
        } else {
            c_.Query(
                "SELECT setval($1::regclass, GREATEST($2::bigint, COALESCE(pg_sequence_last_value($1::regclass), 0)))",
                {seq, std::to_string(id)});
        }
        c_.Query("INSERT INTO docs(kind, id, version, body, created_at, updated_at) VALUES($1, $2, 1, $3, $4, $4)",
                 {kind, std::to_string(id), body, now_});
        ORIENTIR_TRY(guard.Finish(WriteIndex(kind, id, index)));
        Doc doc{id, 1, body, now_, now_};
        WriteItem(kind, doc, index, true);
        LogChange(kind, id, "insert", 1);
        return doc;
    }

    Result<Doc> Update(const std::string& kind, std::int64_t id, std::optional<std::int64_t> expected_version,
                       const std::string& body, const IndexEntries& index) override {
        ORIENTIR_ASSIGN(Doc current, GetOn(c_, kind, id));
        if (expected_version && *expected_version != current.version) {
            return Error::Stale(kind + " " + std::to_string(id) + " is at version " + std::to_string(current.version) +
                                ", the edit was based on version " + std::to_string(*expected_version) +
                                "; reload it and apply the change again");
        }
        OpGuard guard(c_, index);
        std::int64_t version = current.version + 1;
        c_.Query("UPDATE docs SET version = $3, body = $4, updated_at = $5 WHERE kind = $1 AND id = $2",
                 {kind, std::to_string(id), std::to_string(version), body, now_});
        c_.Query("DELETE FROM doc_index WHERE kind = $1 AND id = $2", {kind, std::to_string(id)});
        ORIENTIR_TRY(guard.Finish(WriteIndex(kind, id, index)));
        Doc doc{id, version, body, current.created_at, now_};
        WriteItem(kind, doc, index, false);
        LogChange(kind, id, "update", version);
        return doc;
    }

    Status Delete(const std::string& kind, std::int64_t id, std::optional<std::int64_t> expected_version) override {
        ORIENTIR_ASSIGN(Doc current, GetOn(c_, kind, id));
        if (expected_version && *expected_version != current.version) {
            return Error::Stale(kind + " " + std::to_string(id) + " is at version " + std::to_string(current.version) +
                                ", not " + std::to_string(*expected_version));
        }
        c_.Query("DELETE FROM docs WHERE kind = $1 AND id = $2", {kind, std::to_string(id)});
        c_.Query("DELETE FROM doc_index WHERE kind = $1 AND id = $2", {kind, std::to_string(id)});
        DeleteItem(c_, kind, id);
        LogChange(kind, id, "delete", current.version + 1);
        return Status::Ok();
    }

    // Appends the buffered change-log rows. The advisory lock is held until the transaction ends, so
    // sequence numbers are taken in commit order and a follower never sees seq N+1 before N.
    void FlushChanges(const std::string& lock_key2) {
        if (kinds_.empty()) return;
        c_.Query("SELECT pg_advisory_xact_lock($1, $2)", {kChangeLogLockKey, lock_key2});
        c_.Query(
            "INSERT INTO changes(kind, id, op, version, at) "
            "SELECT k, i, o, v, $5 FROM unnest($1::text[], $2::bigint[], $3::text[], $4::bigint[]) AS t(k, i, o, v)",
            {TextArray(kinds_), TextArray(ids_), TextArray(ops_), TextArray(versions_), now_});
    }

private:
    // Unique entries are checked by the database's unique index as they are inserted, not by a
    // read beforehand: under SERIALIZABLE such a read takes predicate locks on index pages, and
    // concurrent inserts of neighbouring keys then abort one another (measured: a write failed 12
    // times in a row with 4 inserting threads). When an entry is refused, the whole operation is
    // undone through a savepoint, so a Conflict leaves nothing behind even if the caller commits.
    class OpGuard {
    public:
        OpGuard(Conn& c, const IndexEntries& index) : c_(c) {
            for (const auto& e : index) active_ = active_ || e.unique;
            if (active_) c_.Command("SAVEPOINT orientir_op");
        }
        Status Finish(Status st) {
            if (!active_) return st;
            if (!st.ok()) c_.Command("ROLLBACK TO SAVEPOINT orientir_op");
            c_.Command("RELEASE SAVEPOINT orientir_op");
            return st;
        }

    private:
        Conn& c_;
        bool active_ = false;
    };

    Status WriteIndex(const std::string& kind, std::int64_t id, const IndexEntries& index) {
        if (index.empty()) return Status::Ok();
        std::vector<std::string> fields, values, uniq;
        for (const auto& e : index) {
            fields.push_back(e.field);
            values.push_back(e.value);
            uniq.push_back(e.unique ? "t" : "f");
        }
        Rows r = c_.Query(
            "INSERT INTO doc_index(kind, field, value, id, uniq) "
            "SELECT $1, f, v, $2, u FROM unnest($3::text[], $4::text[], $5::boolean[]) AS t(f, v, u) "
            "ON CONFLICT DO NOTHING RETURNING field, value",
            {kind, std::to_string(id), TextArray(fields), TextArray(values), TextArray(uniq)});
        if (static_cast<std::size_t>(r.size()) == index.size()) return Status::Ok();
        std::set<std::pair<std::string, std::string>> written;
        for (int i = 0; i < r.size(); ++i) written.emplace(r.Text(i, 0), r.Text(i, 1));
        std::vector<std::string> missing_f, missing_v;
        for (const auto& e : index) {
            if (e.unique && !written.count({e.field, e.value})) {
                missing_f.push_back(e.field);
                missing_v.push_back(e.value);
            }
        }
        if (missing_f.empty()) return Status::Ok();  // a repeated entry of this record
        Rows c = c_.Query(
            "SELECT x.id, x.field, x.value FROM doc_index x "
            "JOIN unnest($3::text[], $4::text[]) AS u(f, v) ON x.field = u.f AND x.value = u.v "
            "WHERE x.kind = $1 AND x.id <> $2 AND x.uniq ORDER BY x.id LIMIT 1",
            {kind, std::to_string(id), TextArray(missing_f), TextArray(missing_v)});
        if (c.empty()) return Status::Ok();
        Error err = Error::Conflict(
            kind + " " + std::to_string(c.Int(0, 0)) + " already has " + c.Text(0, 1) + " \"" + c.Text(0, 2) + "\"",
            "duplicate");
        err.field = c.Text(0, 1);
        return err;
    }
    // The list projection of the record, in this transaction (the one place writes keep it). A new
    // record of a kind without projection has no item to drop.
    void WriteItem(const std::string& kind, const Doc& doc, const IndexEntries& index, bool inserted) {
        if (auto item = RenderItem(projector_, kind, doc))
            PutItem(c_, kind, doc.id, projector_->format, *item,
                    EncodeItemFields(IndexValues(index, projector_->fields)));
        else if (!inserted)
            DeleteItem(c_, kind, doc.id);
    }
    void LogChange(const std::string& kind, std::int64_t id, const char* op, std::int64_t version) {
        kinds_.push_back(kind);
        ids_.push_back(std::to_string(id));
        ops_.emplace_back(op);
        versions_.push_back(std::to_string(version));
    }

    // Returns the quoted sequence name (a regclass literal), creating the sequence when missing.
    // Two transactions creating the same sequence at once: one fails with a unique violation on
    // the catalog and is re-run by Write, finding the sequence there.
    std::string EnsureSequence(const std::string& kind) {
        std::string quoted = c_.QuoteIdent(SequenceName(kind));
        if (!seqs_.Known(kind)) {
            c_.Command("CREATE SEQUENCE IF NOT EXISTS " + quoted + " AS bigint");
            created_.push_back(kind);
        }
        return quoted;
    }

    Conn& c_;
    std::string now_;
    SequenceRegistry& seqs_;
    const ItemProjector* projector_;
    std::vector<std::string> created_;
    std::vector<std::string> kinds_, ids_, ops_, versions_;
};

void Backoff(int attempt) {
    thread_local std::minstd_rand rng{std::random_device{}()};
    int cap_ms = std::min(100, 2 << std::min(attempt, 6));
    std::uniform_int_distribution<int> d(cap_ms / 2, cap_ms);
    std::this_thread::sleep_for(std::chrono::milliseconds(d(rng)));
}

// pg_dump --format=custom into dest.partial, renamed to dest when pg_dump succeeds. pg_dump takes
// one snapshot (a consistent copy) and does not block writers. The password comes the libpq way:
// PGPASSWORD, ~/.pgpass or the URL.
Status PgDump(const std::string& dsn, const std::string& schema, const std::string& dest,
              const Store::BackupProgress& progress) {
    const std::string tmp = dest + ".partial";
    std::remove(tmp.c_str());
    std::vector<std::string> args{"pg_dump", "--format=custom", "--no-owner", "--file=" + tmp, "--dbname=" + dsn};
    if (!schema.empty()) args.push_back("--schema=" + schema);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawnp(&pid, "pg_dump", nullptr, nullptr, argv.data(), environ) != 0) {
        return Error{ErrorCode::kUnavailable,
                     "cannot run pg_dump (apt-get install postgresql-client)",
                     "dest",
                     "backup_failed",
                     {}};
    }
    int status = 0;
    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) break;
        if (r < 0 && errno != EINTR) break;
        std::error_code ec;
        auto n = std::filesystem::file_size(tmp, ec);
        if (progress && !ec) progress(n, 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::remove(tmp.c_str());
        return Error{ErrorCode::kUnavailable,
                     "pg_dump failed (exit status " + std::to_string(WEXITSTATUS(status)) + ")",
                     "dest",
                     "backup_failed",
                     {}};
    }
    std::error_code ec;
    auto n = std::filesystem::file_size(tmp, ec);
    if (progress && !ec) progress(n, n);
    if (std::rename(tmp.c_str(), dest.c_str()) != 0) {
        return Error{ErrorCode::kUnavailable, "cannot rename the dump to " + dest, "dest", "backup_failed", {}};
    }
    return Status::Ok();
}

class PostgresStore final : public Store {
public:
    explicit PostgresStore(PostgresOptions o) : opts_(std::move(o)) {
        params_ = pg::ConnParams{opts_.dsn, opts_.schema, opts_.statement_timeout_ms, opts_.connect_timeout_s,
                                 opts_.application_name};
        if (opts_.pool_size < 1) opts_.pool_size = 1;
        if (opts_.max_write_attempts < 1) opts_.max_write_attempts = 1;
        clock_ = opts_.clock ? opts_.clock : &SystemClock::Instance();
        // A connection goes back to the pool only when it is healthy and outside any transaction.
        pool_ = std::make_unique<detail::ConnectionPool<Conn>>(
            opts_.pool_size, [this] { return std::make_unique<Conn>(params_); }, [](Conn& c) { return c.Idle(); },
            [this] { ++reconnects_; });
    }

    // Checks the server and migrates; returns an expected-outcome error for an unusable database.
    Status Open() {
        auto c = Acquire();
        Rows enc = c->Query("SELECT current_setting('server_encoding')");
        if (enc.Text(0, 0) != "UTF8") {
            return Error::Invalid("db", "encoding",
                                  "the PostgreSQL database must use UTF8 encoding, not " + enc.Text(0, 0) +
                                      " (CREATE DATABASE … ENCODING 'UTF8')");
        }
        Migrate(*c);
        Rows k = c->Query("SELECT hashtext(current_schema())::text");
        changelog_key2_ = k.Text(0, 0);
        log::Info("postgres store opened",
                  {{"server", c->Describe()},
                   {"schema", opts_.schema.empty() ? std::string("(search_path)") : opts_.schema},
                   {"pool", std::to_string(opts_.pool_size)}});
        return Status::Ok();
    }

    Result<Doc> Get(const std::string& kind, std::int64_t id) override {
        return WithConn([&](Conn& c) { return GetOn(c, kind, id); });
    }
    Result<Page> List(const ListQuery& q) override {
        return WithConn([&](Conn& c) { return ListOn(c, q); });
    }
    Result<std::int64_t> Count(const std::string& kind, const std::vector<Filter>& filters) override {
        return CountWhere(kind, filters, std::nullopt);
    }
    Result<std::int64_t> CountUpTo(const std::string& kind, const std::vector<Filter>& filters,
                                   std::int64_t cap) override {
        return CountWhere(kind, filters, cap);
    }
    // How many records of `kind` the filters hold; with a cap, no more than `cap` rows are read (CountUpTo).
    Result<std::int64_t> CountWhere(const std::string& kind, const std::vector<Filter>& filters,
                                    std::optional<std::int64_t> cap) {
        return WithConn([&](Conn& c) -> Result<std::int64_t> {
            auto w = BuildWhere(filters);
            std::vector<std::string> params{kind};
            params.insert(params.end(), w.params.begin(), w.params.end());
            std::string sql = "SELECT COUNT(*) FROM docs d WHERE d.kind = $1" + w.sql;
            if (cap) {
                params.push_back(std::to_string(std::max<std::int64_t>(*cap, 0)));
                sql = "SELECT COUNT(*) FROM (SELECT 1 FROM docs d WHERE d.kind = $1" + w.sql + " LIMIT $" +
                      std::to_string(params.size()) + ") capped";
            }
            Rows r = c.Query(sql, params);
            return r.Int(0, 0);
        });
    }
    std::optional<Doc> FindOne(const std::string& kind, const std::string& field, const std::string& value) override {
        return WithConn([&](Conn& c) { return FindOneOn(c, kind, field, value); });
    }
    Result<ItemPage> ListItems(const ListQuery& q) override {
        return WithConn([&](Conn& c) { return ListItemsOn(c, q, projector()); });
    }
    Result<ItemRow> GetItem(const std::string& kind, std::int64_t id, const std::vector<std::string>& fields) override {
        return WithConn([&](Conn& c) { return GetItemOn(c, kind, id, projector(), fields); });
    }
    Result<int> ProjectStale(const std::string& kind, int limit) override {
        const ItemProjector* p = projector();
        if (!p) return 0;
        int rendered = 0;
        ORIENTIR_TRY(Write([&](WriteTx& tx) -> Status {
            rendered = 0;
            Conn& c = static_cast<PgTx&>(tx).conn();
            Rows r = c.Query(std::string("SELECT ") + kDocColumns +
                                 " FROM docs d LEFT JOIN doc_items i ON i.kind = d.kind AND i.id = d.id AND "
                                 "i.format = $2 WHERE d.kind = $1 AND i.id IS NULL ORDER BY d.id LIMIT $3",
                             {kind, std::to_string(p->format), std::to_string(limit)});
            for (int i = 0; i < r.size(); ++i) {
                Doc d = ReadDoc(r, i);
                auto item = RenderItem(p, kind, d);
                if (!item) continue;
                PutItem(c, kind, d.id, p->format, *item,
                        EncodeItemFields(IndexValues(IndexOn(c, kind, d.id), p->fields)));
                ++rendered;
            }
            return Status::Ok();
        }));
        return rendered;
    }

    IndexEntries IndexOf(const std::string& kind, std::int64_t id) override {
        return WithConn([&](Conn& c) { return IndexOn(c, kind, id); });
    }

    // One REPEATABLE READ snapshot, read in pages by id so memory stays bounded.
    Status Scan(const std::string& kind, const std::function<bool(const Doc&)>& fn) override {
        auto c = Acquire();
        c->Command("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        try {
            std::int64_t after = 0;
            bool more = true;
            while (more) {
                Rows r = c->Query(std::string("SELECT ") + kDocColumns +
                                      " FROM docs d WHERE d.kind = $1 AND d.id > $2 ORDER BY d.id LIMIT $3",
                                  {kind, std::to_string(after), std::to_string(kScanPage)});
                more = r.size() == kScanPage;
                for (int i = 0; i < r.size(); ++i) {
                    Doc d = ReadDoc(r, i);
                    after = d.id;
                    if (!fn(d)) {
                        more = false;
                        break;
                    }
                }
            }
            c->Command("COMMIT");
        } catch (...) {
            RollbackQuietly(*c);
            throw;
        }
        return Status::Ok();
    }

    std::vector<std::string> Kinds() override {
        return WithConn([&](Conn& c) {
            Rows r = c.Query("SELECT DISTINCT kind FROM docs ORDER BY kind");
            std::vector<std::string> out;
            for (int i = 0; i < r.size(); ++i) out.push_back(r.Text(i, 0));
            return out;
        });
    }

    Status Write(const std::function<Status(WriteTx&)>& fn) override {
        for (int attempt = 1;; ++attempt) {
            auto c = AcquireOrBusy();
            bool commit_sent = false;
            try {
                c->Command("BEGIN ISOLATION LEVEL SERIALIZABLE");
                PgTx tx(*c, clock_->NowTimestamp(), sequences_, projector());
                Status st = fn(tx);
                if (!st.ok()) {
                    c->Command("ROLLBACK");
                    return st;
                }
                tx.FlushChanges(changelog_key2_);
                commit_sent = true;
                c->Command("COMMIT");
                sequences_.Add(tx.created_sequences());
                ++writes_committed_;
                return st;
            } catch (const PostgresError& e) {
                RollbackQuietly(*c);
                if (e.connection_lost()) DropIdle();
                bool again = attempt < opts_.max_write_attempts &&
                             (IsRetryable(e.sqlstate()) || (e.connection_lost() && !commit_sent));
                if (!again) {
                    if (commit_sent && e.connection_lost()) {
                        throw PostgresError(std::string("PostgreSQL connection lost during COMMIT; the write may or "
                                                        "may not have been applied: ") +
                                                e.what(),
                                            e.sqlstate(), true);
                    }
                    if (IsRetryable(e.sqlstate())) {
                        log::Warn("postgres write gave up after retries",
                                  {{"attempts", std::to_string(attempt)}, {"sqlstate", e.sqlstate()}});
                    }
                    ThrowBusyIfPassing(e);
                    throw;
                }
                ++write_retries_;
            } catch (...) {
                RollbackQuietly(*c);
                throw;
            }
            c.reset();  // back to the pool before sleeping
            Backoff(attempt);
        }
    }

    std::vector<Change> ChangesSince(std::int64_t seq, int limit) override {
        return WithConn([&](Conn& c) {
            Rows r = c.Query("SELECT seq, kind, id, op, version, at FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2",
                             {std::to_string(seq), std::to_string(limit)});
            std::vector<Change> out;
            for (int i = 0; i < r.size(); ++i) {
                out.push_back(Change{r.Int(i, 0), r.Text(i, 1), r.Int(i, 2), r.Text(i, 3), r.Int(i, 4), r.Text(i, 5)});
            }
            return out;
        });
    }
    std::int64_t LastChangeSeq() override {
        return WithConn([&](Conn& c) { return c.Query("SELECT COALESCE(MAX(seq), 0) FROM changes").Int(0, 0); });
    }
    int SchemaVersion() override {
        return WithConn([&](Conn& c) {
            return static_cast<int>(c.Query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Int(0, 0));
        });
    }
    std::string BackendName() const override { return "postgresql"; }
    Status Ping() override {
        try {
            WithConn([&](Conn& c) { return c.Query("SELECT 1").Int(0, 0); });
            return Status::Ok();
        } catch (const std::exception& e) {
            return Error{ErrorCode::kUnavailable, e.what(), {}, "store_unavailable", {}};
        }
    }

    Status Backup(const std::string& dest, const BackupProgress& progress) override {
        return PgDump(opts_.dsn, opts_.schema, dest, progress);
    }
    std::int64_t SizeBytes() override {
        try {
            return WithConn([&](Conn& c) {
                return static_cast<std::int64_t>(c.Query("SELECT pg_database_size(current_database())").Int(0, 0));
            });
        } catch (const std::exception&) {
            return -1;
        }
    }

    PostgresStats Stats() {
        return PostgresStats{writes_committed_.load(), write_retries_.load(), reconnects_.load(), pool_->Open()};
    }

private:
    using Lease = detail::ConnectionPool<Conn>::Lease;
    Lease Acquire() { return pool_->Acquire(); }
    Lease AcquireOrBusy() {
        try {
            return Acquire();
        } catch (const PostgresError& e) {
            ThrowBusyIfPassing(e);
            throw;
        }
    }
    // After one connection was lost the idle ones most likely were too (server restart, failover).
    void DropIdle() { pool_->DropIdle(); }
    void RollbackQuietly(Conn& c) {
        if (c.Broken()) return;
        try {
            c.Command("ROLLBACK");
        } catch (const std::exception& e) {
            log::Warn("postgres rollback failed", {{"error", e.what()}});
        }
    }
    // Runs a read on a pooled connection; once more on a fresh one when the connection was lost.
    template <class F>
    auto WithConn(F&& f) -> decltype(f(std::declval<Conn&>())) {
        for (int attempt = 1;; ++attempt) {
            try {
                auto c = Acquire();
                try {
                    return f(*c);
                } catch (const PostgresError& e) {
                    if (!e.connection_lost() || attempt >= 2) throw;
                    c.reset();
                    DropIdle();
                }
            } catch (const PostgresError& e) {
                ThrowBusyIfPassing(e);
                throw;
            }
        }
    }

    void Migrate(Conn& c) {
        c.Command("BEGIN");
        try {
            // Several nodes may start at once: the first to take the lock migrates, the others
            // then find nothing left to do.
            c.Query("SELECT pg_advisory_xact_lock($1, hashtext(COALESCE(NULLIF($2, ''), current_schema())))",
                    {kMigrateLockKey, opts_.schema});
            if (!opts_.schema.empty()) {
                // An identifier cannot be a bound parameter; libpq's quoting makes it one safe token.
                c.Command("CREATE SCHEMA IF NOT EXISTS " + c.QuoteIdent(opts_.schema));
                c.Query("SELECT set_config('search_path', $1, false)", {c.QuoteIdent(opts_.schema)});
            }
            c.Command(
                "CREATE TABLE IF NOT EXISTS schema_migrations(version integer PRIMARY KEY, name text NOT NULL, "
                "applied_at text NOT NULL)");
            std::set<int> applied;
            Rows r = c.Query("SELECT version FROM schema_migrations");
            for (int i = 0; i < r.size(); ++i) applied.insert(static_cast<int>(r.Int(i, 0)));
            for (const auto& m : pg::PostgresMigrations()) {
                if (applied.count(m.version)) continue;
                c.Command(m.sql);
                c.Query("INSERT INTO schema_migrations(version, name, applied_at) VALUES($1, $2, $3)",
                        {std::to_string(m.version), m.name, clock_->NowTimestamp()});
                log::Info("migration applied",
                          {{"backend", "postgresql"}, {"version", std::to_string(m.version)}, {"name", m.name}});
            }
            c.Command("COMMIT");
        } catch (...) {
            RollbackQuietly(c);
            throw;
        }
    }

    PostgresOptions opts_;
    pg::ConnParams params_;
    const Clock* clock_ = nullptr;
    std::string changelog_key2_ = "0";
    SequenceRegistry sequences_;
    std::unique_ptr<detail::ConnectionPool<Conn>> pool_;
    std::atomic<std::int64_t> writes_committed_{0};
    std::atomic<std::int64_t> write_retries_{0};
    std::atomic<std::int64_t> reconnects_{0};
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const PostgresOptions& options) {
    if (options.dsn.empty()) return Error::Invalid("db", "required", "the PostgreSQL connection string is empty");
    try {
        auto store = std::make_unique<PostgresStore>(options);
        ORIENTIR_TRY(store->Open());
        return std::unique_ptr<Store>(std::move(store));
    } catch (const PostgresError& e) {
        return Error{ErrorCode::kUnavailable, e.what(), {}, "store_open_failed", {}};
    }
}

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& dsn) {
    PostgresOptions o;
    o.dsn = dsn;
    return OpenPostgresStore(o);
}

std::optional<PostgresStats> GetPostgresStats(Store& store) {
    if (auto* p = dynamic_cast<PostgresStore*>(&store)) return p->Stats();
    return std::nullopt;
}

void RegisterPostgresBackend() {
    RegisterStoreBackend("postgresql", [](const std::string& url) { return OpenPostgresStore(url); });
}

}  // namespace orientir::storage
