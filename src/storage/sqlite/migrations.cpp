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
    };
    return kMigrations;
}

}  // namespace orientir::storage
