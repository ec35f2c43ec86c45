"""A whole installation moves between SQLite and PostgreSQL without loss: export from SQLite, restore
into PostgreSQL, export again, and every record (kind, id, body) is the same; then back into SQLite."""
import json
import os
import subprocess
import sys
import tempfile

from two_nodes_test import dsn


def run(binary, *args):
    return subprocess.run([binary, *args], capture_output=True, text=True, check=True)


def records(text):
    return sorted((r["kind"], r["id"], json.dumps(r["body"], ensure_ascii=False, sort_keys=True))
                  for r in map(json.loads, text.splitlines()) if r["kind"] not in ("session",))


def main(binary):
    d = tempfile.mkdtemp(prefix="orientir-rt-")
    run(binary, "import", "--data", d, "demo")
    dump = os.path.join(d, "sqlite.jsonl")
    run(binary, "export", "--data", d, dump)

    subprocess.run(["psql", dsn(), "-q", "-c", "DROP SCHEMA IF EXISTS roundtrip CASCADE; CREATE SCHEMA roundtrip"],
                   check=True, capture_output=True)
    db = dsn() + ("&" if "?" in dsn() else "?") + "options=-csearch_path%3Droundtrip"
    run(binary, "restore", "--db", db, "--data", d, dump)
    from_pg = run(binary, "export", "--db", db, "--data", d, "-").stdout

    d2 = tempfile.mkdtemp(prefix="orientir-rt2-")
    back = os.path.join(d2, "pg.jsonl")
    with open(back, "w") as f:
        f.write(from_pg)
    run(binary, "restore", "--data", d2, back)
    again = run(binary, "export", "--data", d2, "-").stdout

    a, b, c = records(open(dump).read()), records(from_pg), records(again)
    assert a == b, f"SQLite → PostgreSQL differs: {len(a)} vs {len(b)} records"
    assert a == c, f"PostgreSQL → SQLite differs: {len(a)} vs {len(c)} records"
    print(f"OK: {len(a)} records SQLite → PostgreSQL → SQLite unchanged")


if __name__ == "__main__":
    main(sys.argv[1])
