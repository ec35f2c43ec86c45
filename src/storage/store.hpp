#pragma once
// Store: the one persistence interface of Orientir. Backends: SqliteStore (embedded default) and
// PostgresStore. Records are documents (JSON text produced by domain/codec) of a `kind` ("practice",
// "adoption", ...), each with an id unique within its kind and a version incremented on every update.
// Secondary index entries (field → value) computed by the caller make lists filterable and enforce
// uniqueness. Every write appends to the change log (`changes`) in the same transaction, so the search
// index and analytics snapshots can follow it and catch up after a crash.
//
// Thread safety: a Store is safe for concurrent use from many threads without external locking.
// Writes are serialised (one writer); reads run concurrently with each other and with the writer.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.hpp"

namespace orientir::storage {

struct Doc {
    std::int64_t id = 0;
    std::int64_t version = 0;
    std::string body;  // JSON object text
    std::string created_at;
    std::string updated_at;
};

struct IndexEntry {
    std::string field;
    std::string value;
    bool unique = false;  // no two records of the kind may share (field, value)
};
using IndexEntries = std::vector<IndexEntry>;

struct Filter {
    enum class Op { kEq, kIn, kGe, kLe, kPrefix };
    std::string field;
    Op op = Op::kEq;
    std::vector<std::string> values;  // one value except for kIn

    static Filter Eq(std::string f, std::string v) { return {std::move(f), Op::kEq, {std::move(v)}}; }
    static Filter In(std::string f, std::vector<std::string> v) { return {std::move(f), Op::kIn, std::move(v)}; }
    static Filter Ge(std::string f, std::string v) { return {std::move(f), Op::kGe, {std::move(v)}}; }
    static Filter Le(std::string f, std::string v) { return {std::move(f), Op::kLe, {std::move(v)}}; }
    static Filter Prefix(std::string f, std::string v) { return {std::move(f), Op::kPrefix, {std::move(v)}}; }
};

// Cursor pagination by id: pass the last id of the previous page as `after_id`.
struct ListQuery {
    std::string kind;
    std::vector<Filter> filters;  // all must hold
    std::int64_t after_id = 0;    // 0: from the start
    int limit = 50;               // 1..1000
    bool descending = false;      // newest (highest id) first
    // ListItems only: index fields whose values come back with each row (ItemRow::index), so a caller
    // decides visibility and day-dependent members without decoding the record.
    std::vector<std::string> fields;
};

struct Page {
    std::vector<Doc> docs;
    std::optional<std::int64_t> next_after;  // pass as after_id for the next page; absent at the end
};

struct Change {
    std::int64_t seq = 0;
    std::string kind;
    std::int64_t id = 0;
    std::string op;  // "insert", "update", "delete"
    std::int64_t version = 0;
    std::string at;
};

// List projections (issue 14, ADR 0073): the list item of a record rendered when the record is written,
// in the same transaction — the backends' Insert and Update call the projector and Delete drops the
// item, so no writer can forget it. `format` tags a rendering: items of another format are not used
// (a list falls back to the document) until ProjectStale renders them again.
struct ItemProjector {
    int format = 0;
    // The item of a record, or nullopt when its kind has no projection.
    std::function<std::optional<std::string>(const std::string& kind, const Doc& doc)> render;
    // Index fields whose values (as ItemRow::index has them) are kept beside each item, written in the same
    // transaction: a list or single-record read asking for them reads no index for a row that has its item.
    // Items written without them (an older build) are read as before; change `format` when this list changes.
    std::vector<std::string> fields;
};
// The item of `doc` by `projector` (nullopt without a projector or for a kind without projection).
std::optional<std::string> RenderItem(const ItemProjector* projector, const std::string& kind, const Doc& doc);
// The values of `fields` among a record's index entries: per field its smallest value, nullopt without one.
std::vector<std::optional<std::string>> IndexValues(const IndexEntries& entries,
                                                    const std::vector<std::string>& fields);
// The text kept beside an item for its projector's fields (per value "-" when absent, else its length, ':'
// and the bytes), and back; a text that does not parse gives no values.
std::string EncodeItemFields(const std::vector<std::optional<std::string>>& values);
std::vector<std::optional<std::string>> DecodeItemFields(std::string_view text);

// One row of a projected list or a single-record read (issue 14): the item, or (no current item) the
// document to render it from, with the values of the index fields the query asked for.
struct ItemRow {
    Doc doc;                          // id, version, dates; body only when `item` is absent
    std::optional<std::string> item;  // the projected item
    // Per asked field, in the order asked: its value (the smallest when it has several), nullopt when the
    // record has no entry for it.
    std::vector<std::optional<std::string>> index;
};
// A list row from a backend's columns: the document, its item, the values kept beside the item (or none), and
// per asked field the value the index lookup gave. `stored[f]` is field f's place among the kept values, or -1:
// a kept value wins when the row has them, the lookup otherwise (both backends, one rule).
ItemRow ItemRowOf(Doc doc, std::optional<std::string> item, const std::optional<std::string>& kept,
                  std::vector<std::optional<std::string>> looked_up, const std::vector<int>& stored);

struct ItemPage {
    std::vector<ItemRow> rows;
    std::optional<std::int64_t> next_after;
    std::int64_t total = 0;  // every record matching the filters (the cursor does not change it)
};

// Thrown by a store that cannot do the work now for a passing reason: contention that outlasted the
// retries, a lost or refused connection, a lock held beyond the busy timeout, a statement timeout.
// Nothing was written; the same request may succeed later, so the HTTP layer answers 503 with
// Retry-After instead of an internal error. `code` is the backend's own ("40001", "SQLITE_BUSY").
class StoreBusy : public std::runtime_error {
public:
    StoreBusy(const std::string& message, std::string code) : std::runtime_error(message), code_(std::move(code)) {}
    const std::string& code() const { return code_; }

private:
    std::string code_;
};

// Operations inside one write transaction. Valid only inside Store::Write's callback.
class WriteTx {
public:
    virtual ~WriteTx() = default;
    virtual Result<Doc> Get(const std::string& kind, std::int64_t id) = 0;
    virtual Result<Page> List(const ListQuery& q) = 0;
    virtual std::optional<Doc> FindOne(const std::string& kind, const std::string& field, const std::string& value) = 0;
    // Assigns the id (or uses `id` when > 0, e.g. for imports) and version 1.
    virtual Result<Doc> Insert(const std::string& kind, const std::string& body, const IndexEntries& index,
                               std::int64_t id = 0) = 0;
    // expected_version: when set, the record must be at that version (else kPreconditionFailed).
    virtual Result<Doc> Update(const std::string& kind, std::int64_t id, std::optional<std::int64_t> expected_version,
                               const std::string& body, const IndexEntries& index) = 0;
    virtual Status Delete(const std::string& kind, std::int64_t id, std::optional<std::int64_t> expected_version) = 0;
};

class Store {
public:
    virtual ~Store() = default;

    virtual Result<Doc> Get(const std::string& kind, std::int64_t id) = 0;
    virtual Result<Page> List(const ListQuery& q) = 0;
    virtual Result<std::int64_t> Count(const std::string& kind, const std::vector<Filter>& filters) = 0;
    // min(Count(kind, filters), cap), reading no more than `cap` records: a page that shows «1 000+» does not walk
    // every one of 60,000 requests each time it is read (the soak, session 17). The default counts them all.
    virtual Result<std::int64_t> CountUpTo(const std::string& kind, const std::vector<Filter>& filters,
                                           std::int64_t cap);
    virtual std::optional<Doc> FindOne(const std::string& kind, const std::string& field, const std::string& value) = 0;
    // Visits every record of a kind in id order (for snapshots and exports); stops when fn returns false.
    virtual Status Scan(const std::string& kind, const std::function<bool(const Doc&)>& fn) = 0;
    // Distinct kinds present.
    virtual std::vector<std::string> Kinds() = 0;
    // The index entries of one record (for exports that must restore them exactly; the unique flag
    // is not kept, which is harmless for a restore of consistent data).
    virtual IndexEntries IndexOf(const std::string& kind, std::int64_t id) = 0;

    // Runs fn in one transaction: commits when it returns Ok, rolls back otherwise (and on exceptions).
    // Nothing of a failed write is visible afterwards. A backend may run fn more than once (PostgreSQL
    // re-runs it after a serialization failure), so fn must have no effects outside the transaction
    // other than assigning its results.
    virtual Status Write(const std::function<Status(WriteTx&)>& fn) = 0;

    // List projections. Set the projector once, before any write (App's constructor). ListItems reads
    // a list page as projected items with its total in one go; the default (stores without a
    // projection table) answers with documents. ProjectStale renders up to `limit` records of `kind`
    // whose item is missing or of another format and returns how many it rendered.
    virtual void SetItemProjector(ItemProjector projector) {
        projector_ = std::make_shared<const ItemProjector>(std::move(projector));
    }
    virtual Result<ItemPage> ListItems(const ListQuery& q);
    // One record as a list row with the values of `fields` (kNotFound as Get). The default reads the document, renders
    // its item with the projector and reads the index; backends answer it with one query.
    virtual Result<ItemRow> GetItem(const std::string& kind, std::int64_t id, const std::vector<std::string>& fields);
    virtual Result<int> ProjectStale(const std::string& kind, int limit) {
        (void)kind;
        (void)limit;
        return 0;
    }

    virtual std::vector<Change> ChangesSince(std::int64_t seq, int limit) = 0;
    virtual std::int64_t LastChangeSeq() = 0;

    virtual int SchemaVersion() = 0;
    virtual std::string BackendName() const = 0;
    // Cheap liveness probe for /readyz.
    virtual Status Ping() = 0;

    // Writes a consistent copy of the whole store to the file `dest` while the store keeps serving
    // (SQLite: the online backup API into a standalone SQLite file; PostgreSQL: pg_dump's custom
    // format). The copy appears under `dest` only when complete. `progress(done, total)` is called
    // now and then (SQLite: pages; PostgreSQL: bytes written, total 0 = unknown).
    using BackupProgress = std::function<void(std::uint64_t done, std::uint64_t total)>;
    virtual Status Backup(const std::string& dest, const BackupProgress& progress) {
        (void)dest;
        (void)progress;
        return Error{ErrorCode::kInvalidArgument, "this store cannot be backed up", {}, "backup_unsupported", {}};
    }
    // Bytes the stored data occupies (for /metrics); -1 when unknown.
    virtual std::int64_t SizeBytes() { return -1; }

protected:
    const ItemProjector* projector() const { return projector_.get(); }

private:
    std::shared_ptr<const ItemProjector> projector_;
};

struct SqliteOptions {
    std::string path;  // file path; ":memory:" is not supported (readers need a shared file)
    int busy_timeout_ms = 5000;
    bool synchronous_full = true;
    int read_connections = 8;
};

// Opens (creating if needed) and migrates a SQLite store.
Result<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& options);

// Store::Backup of a SQLite store given by its file, without opening the store: no migration and no
// checkpoint at close, so a backup leaves the serving process's writers alone.
Status BackupSqliteFile(const std::string& db_path, const std::string& dest, const Store::BackupProgress& progress);

// Opens a store from a URL: "sqlite:PATH" or a plain path, or "postgresql://…" when built with PostgreSQL.
using StoreOpener = std::function<Result<std::unique_ptr<Store>>(const std::string& url)>;
void RegisterStoreBackend(const std::string& scheme, StoreOpener opener);
Result<std::unique_ptr<Store>> OpenStore(const std::string& url);

}  // namespace orientir::storage
