#include "storage/postgres/pg_migrations.hpp"

namespace orientir::storage::pg {

// Text columns that are compared or ordered use COLLATE "C": byte order of UTF-8, which is code
// point order — the order SQLite uses, so Ge/Le/Prefix filters agree between the backends.
// Ids come from one sequence per kind (id_<kind>), created on the first insert of the kind: unlike
// SQLite's id_seq table, a sequence never makes concurrent SERIALIZABLE inserts conflict.
const std::vector<Migration>& PostgresMigrations() {
    static const std::vector<Migration> kMigrations = {
        {1, "documents, index, change log",
         R"sql(
CREATE TABLE docs (
  kind text COLLATE "C" NOT NULL,
  id bigint NOT NULL,
  version bigint NOT NULL,
  body text NOT NULL,
  created_at text NOT NULL,
  updated_at text NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE TABLE doc_index (
  kind text COLLATE "C" NOT NULL,
  field text COLLATE "C" NOT NULL,
  value text COLLATE "C" NOT NULL,
  id bigint NOT NULL,
  uniq boolean NOT NULL DEFAULT false,
  PRIMARY KEY (kind, field, value, id)
);
CREATE INDEX doc_index_by_id ON doc_index (kind, id);
CREATE UNIQUE INDEX doc_index_unique ON doc_index (kind, field, value) WHERE uniq;
CREATE TABLE changes (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind text NOT NULL,
  id bigint NOT NULL,
  op text NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  version bigint NOT NULL,
  at text NOT NULL
);
)sql"},
        {2, "list projections",
         R"sql(
CREATE TABLE doc_items (
  kind text COLLATE "C" NOT NULL,
  id bigint NOT NULL,
  format integer NOT NULL,
  item text NOT NULL,
  PRIMARY KEY (kind, id)
);
)sql"},
        // The values of the projector's fields (ItemProjector::fields, e.g. the confirmation date) beside each
        // item, so a list row reads no index. The items are dropped and projected again when the App opens.
        {3, "index values beside the list items",
         R"sql(
ALTER TABLE doc_items ADD COLUMN fields text;
DELETE FROM doc_items;
)sql"},
    };
    return kMigrations;
}

}  // namespace orientir::storage::pg
