// SQLite backend of Store. WAL; busy_timeout set before any other pragma; synchronous=FULL (an
// accepted form must survive a power cut); one writer connection behind a mutex using BEGIN
// IMMEDIATE; a small pool of read connections so readers never wait for each other.

#include <sqlite3.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "common/clock.hpp"
#include "common/log.hpp"
#include "storage/connection_pool.hpp"
#include "storage/migrations.hpp"
#include "storage/store.hpp"

namespace orientir::storage {

namespace {

class SqliteError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A lock another connection or process held beyond busy_timeout is passing: StoreBusy (HTTP 503).
[[noreturn]] void ThrowFailure(int rc, const std::string& message) {
    int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        throw StoreBusy("SQLite store is locked: " + message, primary == SQLITE_BUSY ? "SQLITE_BUSY" : "SQLITE_LOCKED");
    throw SqliteError(message);
}

// SQLite keeps memory statistics behind one process-wide mutex taken on every allocation; nothing here
// reads them, and with two server threads that mutex was a measured share of a list read (issue 14).
// Only possible before SQLite initialises: later the call is refused (SQLITE_MISUSE) and changes nothing.
void TurnOffMemoryStatistics() {
    static const int kOnce = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)kOnce;
}

// One connection with a cache of prepared statements. Used by one thread at a time.
class Conn {
public:
    Conn(const std::string& path, int busy_timeout_ms, bool sync_full, bool readonly) {
        TurnOffMemoryStatistics();
        int flags =
            (readonly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_NOMUTEX;
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            db_ = nullptr;
            throw SqliteError("cannot open " + path + ": " + msg);
        }
        // busy_timeout first: the pragmas below may need a lock another process holds.
        sqlite3_busy_timeout(db_, busy_timeout_ms);
        if (!readonly) {
            Exec("PRAGMA journal_mode=WAL");
            Exec(sync_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
        }
        Exec("PRAGMA foreign_keys=ON");
        Exec("PRAGMA temp_store=MEMORY");
    }
    ~Conn() {
        for (auto& [sql, st] : cache_) sqlite3_finalize(st);
        sqlite3_close(db_);
    }
    Conn(const Conn&) = delete;
    Conn& operator=(const Conn&) = delete;

    void Exec(const std::string& sql) {
        char* err = nullptr;
        if (int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
            std::string msg = err ? err : "unknown error";
            sqlite3_free(err);
            ThrowFailure(rc, msg + " in: " + sql.substr(0, 200));
        }
    }

    sqlite3_stmt* Prepare(const std::string& sql) {
        auto it = cache_.find(sql);
        if (it != cache_.end()) {
            sqlite3_reset(it->second);
            sqlite3_clear_bindings(it->second);
            return it->second;
        }
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) {
            throw SqliteError(std::string("prepare failed: ") + sqlite3_errmsg(db_) + " in: " + sql.substr(0, 200));
        }
        if (cache_.size() > 200) {  // dynamic list queries vary; keep the cache bounded
            for (auto& [k, s] : cache_) sqlite3_finalize(s);
            cache_.clear();
        }
        cache_.emplace(sql, st);
        return st;
    }

    sqlite3* db() { return db_; }

private:
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> cache_;  // by SQL text: one hash, not ~8 long compares
};

// Binds parameters and steps a cached statement; resets on destruction.
class Stmt {
public:
    Stmt(Conn& c, const std::string& sql) : conn_(c), st_(c.Prepare(sql)) {}
    ~Stmt() { sqlite3_reset(st_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& Bind(int i, const std::string& v) {
        Check(sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
        return *this;
    }
    Stmt& Bind(int i, std::int64_t v) {
        Check(sqlite3_bind_int64(st_, i, v));
        return *this;
    }
    // true: a row is available.
    bool Step() {
        int rc = sqlite3_step(st_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        ThrowFailure(rc, std::string("step failed: ") + sqlite3_errmsg(conn_.db()));
    }
    std::int64_t Int(int col) { return sqlite3_column_int64(st_, col); }
    bool IsNull(int col) { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
    std::string Text(int col) {
        const unsigned char* p = sqlite3_column_text(st_, col);
        int n = sqlite3_column_bytes(st_, col);
        return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
    }

private:
    void Check(int rc) {
        if (rc != SQLITE_OK) throw SqliteError(std::string("bind failed: ") + sqlite3_errmsg(conn_.db()));
    }
    Conn& conn_;
    sqlite3_stmt* st_;
};

constexpr const char* kDocColumns = "d.id, d.version, d.body, d.created_at, d.updated_at";

Doc ReadDoc(Stmt& s) { return Doc{s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Text(4)}; }

// Builds the WHERE clause of a list query; all values become bound parameters.
struct WhereClause {
    std::string sql;
    std::vector<std::string> params;  // bound after kind (?1)
    bool driven = false;              // the first filter is the join `doc_index x0` (BuildWhere)
};

// The first filter chooses the rows (an id list the query walks in id order); each further filter is
// checked per row with one index probe, not a second id list built and searched for every query.
// With `drive` and an equality first, that filter's index entries are the rows themselves: the query walks
// `doc_index x0` (kind, field, value, id) in id order and joins the rest to it (`driven`: the SQL names
// x0 and x0.id, and leaves the first filter out of the id list).
WhereClause BuildWhere(const std::vector<Filter>& filters, bool drive = false) {
    WhereClause w;
    w.driven = drive && !filters.empty() && filters[0].op == Filter::Op::kEq && filters[0].values.size() == 1;
    const std::string id = w.driven ? "x0.id" : "d.id";
    for (const auto& f : filters) {
        if (w.driven && &f == &filters[0]) {
            w.sql += " AND x0.field = ? AND x0.value = ?";
            w.params.push_back(f.field);
            w.params.push_back(f.values[0]);
            continue;
        }
        w.sql += w.sql.empty()
                     ? " AND d.id IN (SELECT x.id FROM doc_index x WHERE x.kind = ?1 AND x.field = ?"
                     : " AND EXISTS (SELECT 1 FROM doc_index x WHERE x.kind = ?1 AND x.id = " + id + " AND x.field = ?";
        w.params.push_back(f.field);
        switch (f.op) {
            case Filter::Op::kEq:
                w.sql += " AND x.value = ?";
                break;
            case Filter::Op::kGe:
                w.sql += " AND x.value >= ?";
                break;
            case Filter::Op::kLe:
                w.sql += " AND x.value <= ?";
                break;
            case Filter::Op::kPrefix:
                w.sql += " AND x.value >= ? AND x.value < ?";
                break;
            case Filter::Op::kIn: {
                w.sql += " AND x.value IN (";
                for (std::size_t i = 0; i < f.values.size(); ++i) w.sql += i ? ",?" : "?";
                if (f.values.empty()) w.sql += "NULL";
                w.sql += ")";
                break;
            }
        }
        w.sql += ")";
        if (f.op == Filter::Op::kPrefix) {
            std::string v = f.values.empty() ? std::string() : f.values[0];
            w.params.push_back(v);
            w.params.push_back(v + "\xF4\x8F\xBF\xBF");
        } else {
            for (const auto& v : f.values) w.params.push_back(v);
        }
    }
    return w;
}

// How many records of `kind` the filters hold. An equality first filter counts its index entries (they exist
// only beside their documents, one per record and value), so the count reads that filter's index range and
// probes the others per entry — not every record of the kind (a region page counted its «хочу внедрить»
// requests by walking all of them: 35 % of the server's time after 30 minutes of the soak).
std::int64_t CountOn(Conn& c, const std::string& kind, const std::vector<Filter>& filters,
                     std::optional<std::int64_t> cap = std::nullopt) {
    auto w = BuildWhere(filters, true);
    std::string rows =
        (w.driven ? "SELECT 1 FROM doc_index x0 WHERE x0.kind = ?1" : "SELECT 1 FROM docs d WHERE d.kind = ?1") + w.sql;
    // (with a cap, CountUpTo: no more than `cap` rows are read)
    Stmt s(c, cap ? "SELECT COUNT(*) FROM (" + rows + " LIMIT ?)" : "SELECT COUNT(*) FROM (" + rows + ")");
    int i = 1;
    s.Bind(i++, kind);
    for (const auto& p : w.params) s.Bind(i++, p);
    if (cap) s.Bind(i++, std::max<std::int64_t>(*cap, 0));
    s.Step();
    return s.Int(0);
}

// The rows of a list: the documents of the kind, or with an equality first (`driven`) that filter's index entries
// joined to their documents (SQLite: CROSS JOIN keeps x0 the outer loop, walked in id order).
std::string ListFrom(bool driven) {
    return driven ? " FROM doc_index x0 CROSS JOIN docs d ON d.kind = x0.kind AND d.id = x0.id" : " FROM docs d";
}

// The WHERE of the kind, the filters, the cursor and the order of a list (ListOn, ListItemsOn).
std::string ListWhere(const WhereClause& w, const ListQuery& q) {
    const std::string id = w.driven ? "x0.id" : "d.id";
    std::string sql = (w.driven ? " WHERE x0.kind = ?1" : " WHERE d.kind = ?1") + w.sql;
    if (q.after_id > 0) sql += " AND " + id + (q.descending ? " < ?" : " > ?");
    return sql + " ORDER BY " + id + (q.descending ? " DESC LIMIT ?" : " LIMIT ?");
}

// A list page of documents. An equality first filter drives the query from its index entries, so a page of 50
// requests of a region reads 51 entries, not an id list of every request of the region built for each page
// (the soak's region page, session 11).
Result<Page> ListOn(Conn& c, const ListQuery& q) {
    if (q.limit < 1 || q.limit > 1000) return Error::Invalid("limit", "range", "limit must be between 1 and 1000");
    auto w = BuildWhere(q.filters, true);
    std::string sql = std::string("SELECT ") + kDocColumns + ListFrom(w.driven) + ListWhere(w, q);
    Stmt s(c, sql);
    int i = 1;
    s.Bind(i++, q.kind);
    for (const auto& p : w.params) s.Bind(i++, p);
    if (q.after_id > 0) s.Bind(i++, q.after_id);
    s.Bind(i++, static_cast<std::int64_t>(q.limit) + 1);
    Page page;
    while (s.Step()) page.docs.push_back(ReadDoc(s));
    if (page.docs.size() > static_cast<std::size_t>(q.limit)) {
        page.docs.pop_back();
        page.next_after = page.docs.back().id;
    }
    return page;
}

Result<Doc> GetOn(Conn& c, const std::string& kind, std::int64_t id) {
    Stmt s(c, std::string("SELECT ") + kDocColumns + " FROM docs d WHERE d.kind = ?1 AND d.id = ?2");
    s.Bind(1, kind).Bind(2, id);
    if (!s.Step()) return Error::NotFound("no " + kind + " with id " + std::to_string(id));
    return ReadDoc(s);
}

std::optional<Doc> FindOneOn(Conn& c, const std::string& kind, const std::string& field, const std::string& value) {
    Stmt s(c, std::string("SELECT ") + kDocColumns +
                  " FROM doc_index x JOIN docs d ON d.kind = x.kind AND d.id = x.id"
                  " WHERE x.kind = ?1 AND x.field = ?2 AND x.value = ?3 ORDER BY d.id LIMIT 1");
    s.Bind(1, kind).Bind(2, field).Bind(3, value);
    if (!s.Step()) return std::nullopt;
    return ReadDoc(s);
}

// The item of a record and, beside it, the values of the projector's fields (EncodeItemFields).
void PutItem(Conn& c, const std::string& kind, std::int64_t id, int format, const std::string& item,
             const std::string& fields) {
    Stmt s(
        c,
        "INSERT INTO doc_items(kind, id, format, item, fields) VALUES(?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT(kind, id) DO UPDATE SET format = excluded.format, item = excluded.item, fields = excluded.fields");
    s.Bind(1, kind).Bind(2, id).Bind(3, static_cast<std::int64_t>(format)).Bind(4, item).Bind(5, fields);
    s.Step();
}

// A record's index entries as they are stored.
IndexEntries IndexOn(Conn& c, const std::string& kind, std::int64_t id) {
    Stmt s(c, "SELECT field, value FROM doc_index WHERE kind = ?1 AND id = ?2 ORDER BY field, value");
    s.Bind(1, kind).Bind(2, id);
    IndexEntries out;
    while (s.Step()) out.push_back({s.Text(0), s.Text(1), false});
    return out;
}

void DeleteItem(Conn& c, const std::string& kind, std::int64_t id) {
    Stmt s(c, "DELETE FROM doc_items WHERE kind = ?1 AND id = ?2");
    s.Bind(1, kind).Bind(2, id);
    s.Step();
}

// The select columns of an item row: the document (its body only without a current item of ?2), the
// item, the values kept beside it, then per asked field its smallest index value (parameters ?3… hold the
// field names, so the callers' anonymous parameters number after them). A field the projector keeps beside
// the item is looked up in the index only for a row without them (no current item, or one written before
// they were kept).
struct ItemSelect {
    std::string sql;          // up to and including the join of doc_items (no FROM of docs when driven)
    std::vector<int> stored;  // per asked field: its place among the projector's fields, or -1
};

ItemSelect ItemColumns(const std::vector<std::string>& fields, const ItemProjector* projector, bool driven = false) {
    ItemSelect out;
    out.sql =
        "SELECT d.id, d.version, CASE WHEN i.item IS NULL THEN d.body END, d.created_at, d.updated_at, i.item, "
        "i.fields";
    for (std::size_t f = 0; f < fields.size(); ++f) {
        int at = -1;
        if (projector) {
            auto it = std::find(projector->fields.begin(), projector->fields.end(), fields[f]);
            if (it != projector->fields.end()) at = static_cast<int>(it - projector->fields.begin());
        }
        out.stored.push_back(at);
        std::string lookup =
            "(SELECT min(x.value) FROM doc_index x INDEXED BY doc_index_by_id WHERE x.kind = d.kind AND x.id = d.id "
            "AND x.field = ?" +
            std::to_string(f + 3) + ")";
        out.sql += at < 0 ? ", " + lookup : ", CASE WHEN i.fields IS NULL THEN " + lookup + " END";
    }
    out.sql += ListFrom(driven);
    out.sql += " LEFT JOIN doc_items i ON i.kind = d.kind AND i.id = d.id AND i.format = ?2";
    return out;
}

// Binds ItemColumns' parameters after the kind; returns the next parameter number.
int BindItemColumns(Stmt& s, int format, const std::vector<std::string>& fields) {
    s.Bind(2, static_cast<std::int64_t>(format));
    int i = 3;
    for (const auto& f : fields) s.Bind(i++, f);
    return i;
}

ItemRow ReadItemRow(Stmt& s, const std::vector<int>& stored) {
    auto text = [&](int col) { return s.IsNull(col) ? std::nullopt : std::optional<std::string>(s.Text(col)); };
    std::vector<std::optional<std::string>> looked_up;
    for (std::size_t f = 0; f < stored.size(); ++f) looked_up.push_back(text(static_cast<int>(f) + 7));
    return ItemRowOf(ReadDoc(s), text(5), text(6), std::move(looked_up), stored);
}

// A list page with each record's current item (its document only when it has none), the asked index
// values and the total.
Result<ItemPage> ListItemsOn(Conn& c, const ListQuery& q, const ItemProjector* projector) {
    if (q.limit < 1 || q.limit > 1000) return Error::Invalid("limit", "range", "limit must be between 1 and 1000");
    auto w = BuildWhere(q.filters, true);
    auto select = ItemColumns(q.fields, projector, w.driven);
    std::string sql = select.sql + ListWhere(w, q);
    ItemPage page;
    {
        Stmt s(c, sql);
        s.Bind(1, q.kind);
        int i = BindItemColumns(s, projector ? projector->format : -1, q.fields);
        for (const auto& p : w.params) s.Bind(i++, p);
        if (q.after_id > 0) s.Bind(i++, q.after_id);
        s.Bind(i++, static_cast<std::int64_t>(q.limit) + 1);
        while (s.Step()) page.rows.push_back(ReadItemRow(s, select.stored));
    }
    if (page.rows.size() > static_cast<std::size_t>(q.limit)) {
        page.rows.pop_back();
        page.next_after = page.rows.back().doc.id;
    }
    // The total of the filters: from the page itself when the whole list fits in it; a driven count reads
    // the index alone (its entries exist only beside their documents).
    page.total = q.after_id == 0 && !page.next_after ? static_cast<std::int64_t>(page.rows.size())
                                                     : CountOn(c, q.kind, q.filters);
    return page;
}

// One record with its current item and the asked index values, in one query (single-record reads).
Result<ItemRow> GetItemOn(Conn& c, const std::string& kind, std::int64_t id, const ItemProjector* projector,
                          const std::vector<std::string>& fields) {
    auto select = ItemColumns(fields, projector);
    Stmt s(c, select.sql + " WHERE d.kind = ?1 AND d.id = ?");
    s.Bind(1, kind);
    s.Bind(BindItemColumns(s, projector ? projector->format : -1, fields), id);
    if (!s.Step()) return Error::NotFound("no " + kind + " with id " + std::to_string(id));
    return ReadItemRow(s, select.stored);
}

class SqliteStore;

class SqliteTx final : public WriteTx {
public:
    SqliteTx(Conn& c, const Clock& clock, const ItemProjector* projector)
        : c_(c), now_(clock.NowTimestamp()), projector_(projector) {}

    Result<Doc> Get(const std::string& kind, std::int64_t id) override { return GetOn(c_, kind, id); }
    Result<Page> List(const ListQuery& q) override { return ListOn(c_, q); }
    std::optional<Doc> FindOne(const std::string& kind, const std::string& field, const std::string& value) override {
        return FindOneOn(c_, kind, field, value);
    }

    Result<Doc> Insert(const std::string& kind, const std::string& body, const IndexEntries& index,
                       std::int64_t id) override {
        if (id <= 0) {
            Stmt s(c_,
                   "INSERT INTO id_seq(kind, next) VALUES(?1, 1) ON CONFLICT(kind) DO UPDATE SET next = next + 1 "
                   "RETURNING next");
            s.Bind(1, kind);
            if (!s.Step()) throw SqliteError("id_seq returned nothing");
            id = s.Int(0);
        } else {
            Stmt s(c_,
                   "INSERT INTO id_seq(kind, next) VALUES(?1, ?2) ON CONFLICT(kind) DO UPDATE SET next = "
                   "max(next, ?2)");
            s.Bind(1, kind).Bind(2, id);
            s.Step();
            Stmt e(c_, "SELECT 1 FROM docs WHERE kind = ?1 AND id = ?2");
            e.Bind(1, kind).Bind(2, id);
            if (e.Step())
                return Error::Conflict(kind + " with id " + std::to_string(id) + " already exists", "duplicate_id");
        }
        ORIENTIR_TRY(CheckUnique(kind, id, index));
        {
            Stmt s(c_,
                   "INSERT INTO docs(kind, id, version, body, created_at, updated_at) VALUES(?1, ?2, 1, ?3, ?4, ?4)");
            s.Bind(1, kind).Bind(2, id).Bind(3, body).Bind(4, now_);
            s.Step();
        }
        WriteIndex(kind, id, index);
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
        ORIENTIR_TRY(CheckUnique(kind, id, index));
        std::int64_t version = current.version + 1;
        {
            Stmt s(c_, "UPDATE docs SET version = ?3, body = ?4, updated_at = ?5 WHERE kind = ?1 AND id = ?2");
            s.Bind(1, kind).Bind(2, id).Bind(3, version).Bind(4, body).Bind(5, now_);
            s.Step();
        }
        {
            Stmt s(c_, "DELETE FROM doc_index WHERE kind = ?1 AND id = ?2");
            s.Bind(1, kind).Bind(2, id);
            s.Step();
        }
        WriteIndex(kind, id, index);
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
        {
            Stmt s(c_, "DELETE FROM docs WHERE kind = ?1 AND id = ?2");
            s.Bind(1, kind).Bind(2, id);
            s.Step();
        }
        {
            Stmt s(c_, "DELETE FROM doc_index WHERE kind = ?1 AND id = ?2");
            s.Bind(1, kind).Bind(2, id);
            s.Step();
        }
        DeleteItem(c_, kind, id);
        LogChange(kind, id, "delete", current.version + 1);
        return Status::Ok();
    }

private:
    Status CheckUnique(const std::string& kind, std::int64_t id, const IndexEntries& index) {
        for (const auto& e : index) {
            if (!e.unique) continue;
            Stmt s(c_, "SELECT id FROM doc_index WHERE kind = ?1 AND field = ?2 AND value = ?3 AND id <> ?4 LIMIT 1");
            s.Bind(1, kind).Bind(2, e.field).Bind(3, e.value).Bind(4, id);
            if (s.Step()) {
                Error err = Error::Conflict(
                    kind + " " + std::to_string(s.Int(0)) + " already has " + e.field + " \"" + e.value + "\"",
                    "duplicate");
                err.field = e.field;
                return err;
            }
        }
        return Status::Ok();
    }
    void WriteIndex(const std::string& kind, std::int64_t id, const IndexEntries& index) {
        for (const auto& e : index) {
            Stmt s(c_, "INSERT OR IGNORE INTO doc_index(kind, field, value, id) VALUES(?1, ?2, ?3, ?4)");
            s.Bind(1, kind).Bind(2, e.field).Bind(3, e.value).Bind(4, id);
            s.Step();
        }
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
        Stmt s(c_, "INSERT INTO changes(kind, id, op, version, at) VALUES(?1, ?2, ?3, ?4, ?5)");
        s.Bind(1, kind).Bind(2, id).Bind(3, std::string(op)).Bind(4, version).Bind(5, now_);
        s.Step();
    }

    Conn& c_;
    std::string now_;
    const ItemProjector* projector_;
};

// The online backup API from a read-only connection that holds one read transaction for the whole
// copy: in WAL mode that pins a snapshot, so the copy is consistent while writers go on (they are
// never blocked), and the backup never restarts however busy the store is.
Status SqliteOnlineBackup(const std::string& src_path, const std::string& dest, int busy_timeout_ms,
                          const Store::BackupProgress& progress) {
    const std::string tmp = dest + ".partial";
    std::remove(tmp.c_str());
    sqlite3* src = nullptr;
    sqlite3* dst = nullptr;
    auto fail = [&](const std::string& what, sqlite3* db) {
        std::string msg = what + (db ? std::string(": ") + sqlite3_errmsg(db) : std::string());
        if (src) sqlite3_close(src);
        if (dst) sqlite3_close(dst);
        std::remove(tmp.c_str());
        return Status(Error{ErrorCode::kUnavailable, "backup failed: " + msg, "dest", "backup_failed", {}});
    };
    if (sqlite3_open_v2(src_path.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        return fail("cannot open " + src_path, src);
    sqlite3_busy_timeout(src, busy_timeout_ms);
    if (sqlite3_exec(src, "BEGIN; SELECT count(*) FROM sqlite_master;", nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail("cannot start a read transaction", src);
    if (sqlite3_open_v2(tmp.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        return fail("cannot create " + tmp, dst);
    sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) return fail("backup_init", dst);
    int rc;
    do {
        rc = sqlite3_backup_step(b, 1024);
        int total = sqlite3_backup_pagecount(b);
        if (progress) progress(static_cast<std::uint64_t>(total - sqlite3_backup_remaining(b)), total);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(5);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) return fail("backup_step", dst);
    sqlite3_exec(src, "COMMIT", nullptr, nullptr, nullptr);
    // A standalone file: no WAL beside it, checked before it takes the final name.
    char* err = nullptr;
    if (sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &err) != SQLITE_OK) {
        std::string m = err ? err : "";
        sqlite3_free(err);
        return fail("journal_mode: " + m, nullptr);
    }
    std::string check;
    sqlite3_exec(
        dst, "PRAGMA quick_check",
        [](void* out, int, char** v, char**) {
            *static_cast<std::string*>(out) += v[0] ? v[0] : "";
            return 0;
        },
        &check, nullptr);
    if (check != "ok") return fail("quick_check of the copy: " + check, nullptr);
    sqlite3_close(dst);
    dst = nullptr;
    sqlite3_close(src);
    src = nullptr;
    if (std::rename(tmp.c_str(), dest.c_str()) != 0) return fail("cannot rename the copy to " + dest, nullptr);
    return Status::Ok();
}

class SqliteStore final : public Store {
public:
    explicit SqliteStore(SqliteOptions o) : opts_(std::move(o)) {
        writer_ = std::make_unique<Conn>(opts_.path, opts_.busy_timeout_ms, opts_.synchronous_full, false);
        pool_ = std::make_unique<detail::ConnectionPool<Conn>>(opts_.read_connections, [this] {
            return std::make_unique<Conn>(opts_.path, opts_.busy_timeout_ms, opts_.synchronous_full, false);
        });
        Migrate();
    }
    ~SqliteStore() override {
        try {
            std::lock_guard lock(write_mu_);
            writer_->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (const std::exception& e) {
            log::Warn("sqlite checkpoint at close failed", {{"error", e.what()}});
        }
    }

    Result<Doc> Get(const std::string& kind, std::int64_t id) override {
        auto c = Acquire();
        return GetOn(*c, kind, id);
    }
    Result<Page> List(const ListQuery& q) override {
        auto c = Acquire();
        return ListOn(*c, q);
    }
    Result<std::int64_t> Count(const std::string& kind, const std::vector<Filter>& filters) override {
        auto c = Acquire();
        return CountOn(*c, kind, filters);
    }
    Result<std::int64_t> CountUpTo(const std::string& kind, const std::vector<Filter>& filters,
                                   std::int64_t cap) override {
        auto c = Acquire();
        return CountOn(*c, kind, filters, cap);
    }
    std::optional<Doc> FindOne(const std::string& kind, const std::string& field, const std::string& value) override {
        auto c = Acquire();
        return FindOneOn(*c, kind, field, value);
    }
    Status Scan(const std::string& kind, const std::function<bool(const Doc&)>& fn) override {
        auto c = Acquire();
        Stmt s(*c, std::string("SELECT ") + kDocColumns + " FROM docs d WHERE d.kind = ?1 ORDER BY d.id");
        s.Bind(1, kind);
        while (s.Step()) {
            if (!fn(ReadDoc(s))) break;
        }
        return Status::Ok();
    }
    std::vector<std::string> Kinds() override {
        auto c = Acquire();
        Stmt s(*c, "SELECT DISTINCT kind FROM docs ORDER BY kind");
        std::vector<std::string> out;
        while (s.Step()) out.push_back(s.Text(0));
        return out;
    }

    IndexEntries IndexOf(const std::string& kind, std::int64_t id) override {
        auto c = Acquire();
        return IndexOn(*c, kind, id);
    }

    Result<ItemPage> ListItems(const ListQuery& q) override {
        auto c = Acquire();
        return ListItemsOn(*c, q, projector());
    }

    Result<ItemRow> GetItem(const std::string& kind, std::int64_t id, const std::vector<std::string>& fields) override {
        auto c = Acquire();
        return GetItemOn(*c, kind, id, projector(), fields);
    }

    Result<int> ProjectStale(const std::string& kind, int limit) override {
        const ItemProjector* p = projector();
        if (!p) return 0;
        int rendered = 0;
        ORIENTIR_TRY(Write([&](WriteTx&) -> Status {  // the writer connection, in a write transaction
            rendered = 0;
            std::vector<Doc> docs;
            {
                Stmt s(*writer_, std::string("SELECT ") + kDocColumns +
                                     " FROM docs d LEFT JOIN doc_items i ON i.kind = d.kind AND i.id = d.id AND "
                                     "i.format = ?2 WHERE d.kind = ?1 AND i.id IS NULL ORDER BY d.id LIMIT ?3");
                s.Bind(1, kind).Bind(2, static_cast<std::int64_t>(p->format)).Bind(3, static_cast<std::int64_t>(limit));
                while (s.Step()) docs.push_back(ReadDoc(s));
            }
            for (const auto& d : docs) {
                auto item = RenderItem(p, kind, d);
                if (!item) continue;
                PutItem(*writer_, kind, d.id, p->format, *item,
                        EncodeItemFields(IndexValues(IndexOn(*writer_, kind, d.id), p->fields)));
                ++rendered;
            }
            return Status::Ok();
        }));
        return rendered;
    }

    Status Write(const std::function<Status(WriteTx&)>& fn) override {
        std::lock_guard lock(write_mu_);
        writer_->Exec("BEGIN IMMEDIATE");
        try {
            SqliteTx tx(*writer_, SystemClock::Instance(), projector());
            Status st = fn(tx);
            if (st.ok()) {
                writer_->Exec("COMMIT");
            } else {
                writer_->Exec("ROLLBACK");
            }
            return st;
        } catch (...) {
            try {
                writer_->Exec("ROLLBACK");
            } catch (const std::exception& e) {
                log::Error("sqlite rollback failed", {{"error", e.what()}});
            }
            throw;
        }
    }

    std::vector<Change> ChangesSince(std::int64_t seq, int limit) override {
        auto c = Acquire();
        Stmt s(*c, "SELECT seq, kind, id, op, version, at FROM changes WHERE seq > ?1 ORDER BY seq LIMIT ?2");
        s.Bind(1, seq).Bind(2, static_cast<std::int64_t>(limit));
        std::vector<Change> out;
        while (s.Step()) out.push_back(Change{s.Int(0), s.Text(1), s.Int(2), s.Text(3), s.Int(4), s.Text(5)});
        return out;
    }
    std::int64_t LastChangeSeq() override {
        auto c = Acquire();
        Stmt s(*c, "SELECT COALESCE(MAX(seq), 0) FROM changes");
        s.Step();
        return s.Int(0);
    }
    int SchemaVersion() override {
        auto c = Acquire();
        Stmt s(*c, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        s.Step();
        return static_cast<int>(s.Int(0));
    }
    std::string BackendName() const override { return "sqlite"; }
    Status Ping() override {
        try {
            auto c = Acquire();
            Stmt s(*c, "SELECT 1");
            s.Step();
            return Status::Ok();
        } catch (const std::exception& e) {
            return Error{ErrorCode::kUnavailable, e.what(), {}, "store_unavailable", {}};
        }
    }

    Status Backup(const std::string& dest, const BackupProgress& progress) override {
        return SqliteOnlineBackup(opts_.path, dest, opts_.busy_timeout_ms, progress);
    }
    std::int64_t SizeBytes() override {
        std::int64_t total = 0;
        for (const char* suffix : {"", "-wal"}) {
            std::error_code ec;
            auto n = std::filesystem::file_size(opts_.path + suffix, ec);
            if (!ec) total += static_cast<std::int64_t>(n);
        }
        return total;
    }

private:
    using Lease = detail::ConnectionPool<Conn>::Lease;
    Lease Acquire() { return pool_->Acquire(); }

    void Migrate() {
        std::lock_guard lock(write_mu_);
        writer_->Exec(
            "CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied_at TEXT NOT NULL)");
        writer_->Exec("BEGIN IMMEDIATE");
        try {
            std::set<int> applied;
            {
                Stmt s(*writer_, "SELECT version FROM schema_migrations");
                while (s.Step()) applied.insert(static_cast<int>(s.Int(0)));
            }
            for (const auto& m : SqliteMigrations()) {
                if (applied.count(m.version)) continue;
                writer_->Exec(m.sql);
                Stmt s(*writer_, "INSERT INTO schema_migrations(version, name, applied_at) VALUES(?1, ?2, ?3)");
                s.Bind(1, static_cast<std::int64_t>(m.version))
                    .Bind(2, m.name)
                    .Bind(3, SystemClock::Instance().NowTimestamp());
                s.Step();
                log::Info("migration applied",
                          {{"backend", "sqlite"}, {"version", std::to_string(m.version)}, {"name", m.name}});
            }
            writer_->Exec("COMMIT");
        } catch (...) {
            writer_->Exec("ROLLBACK");
            throw;
        }
    }

    SqliteOptions opts_;
    std::mutex write_mu_;
    std::unique_ptr<Conn> writer_;
    std::unique_ptr<detail::ConnectionPool<Conn>> pool_;
};

}  // namespace

Status BackupSqliteFile(const std::string& db_path, const std::string& dest, const Store::BackupProgress& progress) {
    return SqliteOnlineBackup(db_path, dest, 5000, progress);
}

Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options) {
    if (options.path.empty() || options.path == ":memory:") {
        return Error::Invalid("path", "sqlite_path", "the SQLite store needs a file path");
    }
    try {
        return std::unique_ptr<Store>(std::make_unique<SqliteStore>(options));
    } catch (const SqliteError& e) {
        return Error{ErrorCode::kUnavailable, e.what(), {}, "store_open_failed", {}};
    }
}

}  // namespace orientir::storage
