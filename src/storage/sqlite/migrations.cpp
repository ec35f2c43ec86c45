#include "storage/migrations.hpp"

namespace orientir::storage {

const std::vector<Migration>& SqliteMigrations() {
    static const std::vector<Migration> kMigrations = {
        {1, "documents, index, change log",
         R"sql(
CREATE TABLE docs (
  kind TEXT NOT NULL,
  id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (kind, id)
) WITHOUT ROWID;
CREATE TABLE doc_index (
  kind TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  id INTEGER NOT NULL,
  PRIMARY KEY (kind, field, value, id)
) WITHOUT ROWID;
CREATE INDEX doc_index_by_id ON doc_index(kind, id);
CREATE TABLE id_seq (kind TEXT PRIMARY KEY, next INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  id INTEGER NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  version INTEGER NOT NULL,
  at TEXT NOT NULL
);
)sql"},
        {2, "list projections",
         R"sql(
CREATE TABLE doc_items (
  kind TEXT NOT NULL,
  id INTEGER NOT NULL,
  format INTEGER NOT NULL,
  item TEXT NOT NULL,
  PRIMARY KEY (kind, id)
) WITHOUT ROWID;
)sql"},
        // A rowid table: a WITHOUT ROWID row keeps at most ~1 KB on its B-tree page and a list item (≈ 1.4 KB)
        // spilled to an overflow page on every read; a rowid table keeps up to ~4 KB on the page. The table
        // is a cache of what the documents say (ADR 0073): dropped, and re-projected when the App opens.
        {3, "list projections in a rowid table",
         R"sql(
DROP TABLE doc_items;
CREATE TABLE doc_items (
  kind TEXT NOT NULL,
  id INTEGER NOT NULL,
  format INTEGER NOT NULL,
  item TEXT NOT NULL,
  PRIMARY KEY (kind, id)
);
)sql"},
        // The values of the projector's fields (ItemProjector::fields, e.g. the confirmation date) beside each
        // item, so a list row reads no index. The items are dropped and projected again when the App opens.
        {4, "index values beside the list items",
         R"sql(
ALTER TABLE doc_items ADD COLUMN fields TEXT;
DELETE FROM doc_items;
)sql"},
    };
    return kMigrations;
}

}  // namespace orientir::storage
