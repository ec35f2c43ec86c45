"""`orientir check` / `check --fix` / `migrate` on index entries (issue 14), through the CLI on a SQLite store.

On SQLite, and on PostgreSQL with --postgres (a schema of the ctest cluster). The demo store is made by the binary; then, with raw SQL as an older version would have left it, the
`confirmed` index entry of every practice and adoption is deleted. `check` lists them (rule index_stale,
exit status 1), `check --fix` re-indexes them (exit 0) and a second `check` is clean; the same deletion
repaired by `migrate`. The stored bodies do not change."""
import os
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))


class Sqlite:
    name = "SQLite"

    def __init__(self, d):
        self.path = os.path.join(d, "orientir.db")
        self.args = ["--data", d]

    def sql(self, query):
        with sqlite3.connect(self.path) as c:
            rows = c.execute(query).fetchall()
            c.commit()
        return rows


class Postgres:
    name = "PostgreSQL"

    def __init__(self, d):
        from two_nodes_test import dsn
        self.dsn = dsn()
        subprocess.run(["psql", self.dsn, "-q", "-c", "DROP SCHEMA IF EXISTS checkindex CASCADE; CREATE SCHEMA checkindex"],
                       check=True, capture_output=True)
        db = self.dsn + ("&" if "?" in self.dsn else "?") + "options=-csearch_path%3Dcheckindex"
        self.args = ["--db", db, "--data", d]

    def sql(self, query):
        out = subprocess.run(["psql", self.dsn, "-q", "-At", "-F", "\t", "-c", "SET search_path TO checkindex; " + query],
                             check=True, capture_output=True, text=True).stdout
        return [tuple(line.split("\t")) for line in out.splitlines() if line]


def run(binary, store, *args):
    return subprocess.run([binary, *args, *store.args], capture_output=True, text=True)


def drop_confirmed(store):
    before = confirmed_count(store)
    store.sql("DELETE FROM doc_index WHERE field = 'confirmed' AND kind IN ('practice', 'adoption')")
    return before - confirmed_count(store)


def bodies(store):
    return sorted(store.sql("SELECT kind, id, body FROM docs WHERE kind IN ('practice', 'adoption') ORDER BY kind, id"))


def confirmed_count(store):
    return int(store.sql("SELECT count(*) FROM doc_index WHERE field = 'confirmed'")[0][0])


def main(binary, backend):
    d = tempfile.mkdtemp(prefix="orientir-check-index-")
    store = Postgres(d) if backend == "--postgres" else Sqlite(d)
    assert run(binary, store, "import", "demo").returncode == 0
    clean = run(binary, store, "check")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    entries = confirmed_count(store)
    before = bodies(store)

    dropped = drop_confirmed(store)
    assert dropped > 0 and dropped == entries, (dropped, entries)
    listed = run(binary, store, "check")
    assert listed.returncode == 1, listed.stdout
    stale = [line for line in listed.stdout.splitlines() if "index_stale" in line and "missing: confirmed=" in line]
    assert len(stale) == dropped, (len(stale), dropped, listed.stdout[-500:])
    assert confirmed_count(store) == 0, "check alone writes nothing"

    fixed = run(binary, store, "check", "--fix")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert f"{dropped} repaired" in fixed.stdout, fixed.stdout[-300:]
    assert confirmed_count(store) == entries
    again = run(binary, store, "check")
    assert again.returncode == 0 and "0 break a rule" in again.stdout, again.stdout[-300:]
    assert bodies(store) == before, "the stored bodies are kept byte for byte"

    drop_confirmed(store)
    migrated = run(binary, store, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert confirmed_count(store) == entries, "migrate re-indexes"
    print(f"{store.name}: {dropped} practices and adoptions without `confirmed`: listed by check, re-indexed by "
          f"check --fix and by migrate: ok")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "")
