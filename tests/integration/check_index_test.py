"""`orientir check` / `check --fix` / `migrate` on index entries (issue 14), through the CLI on a SQLite store.

The demo store is made by the binary; then, with raw SQL as an older version would have left it, the
`confirmed` index entry of every practice and adoption is deleted. `check` lists them (rule index_stale,
exit status 1), `check --fix` re-indexes them (exit 0) and a second `check` is clean; the same deletion
repaired by `migrate`. The stored bodies do not change."""
import os
import sqlite3
import subprocess
import sys
import tempfile


def run(binary, *args):
    return subprocess.run([binary, *args], capture_output=True, text=True)


def drop_confirmed(db):
    with sqlite3.connect(db) as c:
        n = c.execute("DELETE FROM doc_index WHERE field = 'confirmed' AND kind IN ('practice', 'adoption')").rowcount
        c.commit()
    return n


def bodies(db):
    with sqlite3.connect(db) as c:
        return dict(((k, i), b) for k, i, b in c.execute("SELECT kind, id, body FROM docs WHERE kind IN "
                                                         "('practice', 'adoption')"))


def confirmed_count(db):
    with sqlite3.connect(db) as c:
        return c.execute("SELECT count(*) FROM doc_index WHERE field = 'confirmed'").fetchone()[0]


def main(binary):
    d = tempfile.mkdtemp(prefix="orientir-check-index-")
    assert run(binary, "import", "--data", d, "demo").returncode == 0
    db = os.path.join(d, "orientir.db")
    clean = run(binary, "check", "--data", d)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    entries = confirmed_count(db)
    before = bodies(db)

    dropped = drop_confirmed(db)
    assert dropped > 0 and dropped == entries, (dropped, entries)
    listed = run(binary, "check", "--data", d)
    assert listed.returncode == 1, listed.stdout
    stale = [line for line in listed.stdout.splitlines() if "index_stale" in line and "missing: confirmed=" in line]
    assert len(stale) == dropped, (len(stale), dropped, listed.stdout[-500:])
    assert confirmed_count(db) == 0, "check alone writes nothing"

    fixed = run(binary, "check", "--fix", "--data", d)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert f"{dropped} repaired" in fixed.stdout, fixed.stdout[-300:]
    assert confirmed_count(db) == entries
    again = run(binary, "check", "--data", d)
    assert again.returncode == 0 and "0 break a rule" in again.stdout, again.stdout[-300:]
    assert bodies(db) == before, "the stored bodies are kept byte for byte"

    drop_confirmed(db)
    migrated = run(binary, "migrate", "--data", d)
    assert migrated.returncode == 0, migrated.stderr
    assert confirmed_count(db) == entries, "migrate re-indexes"
    print(f"{dropped} practices and adoptions without `confirmed`: listed by check, re-indexed by check --fix "
          f"and by migrate: ok")


if __name__ == "__main__":
    main(sys.argv[1])
