"""`orientir backup` on PostgreSQL (pg_dump) and `orientir restore` of the archive (pg_restore) into
an empty database: the restored installation exports identically and searches. The password is given
the way the package documents it (ORIENTIR_DB_PASSWORD), not in the URL."""
import os
import subprocess
import sys
import tempfile
import urllib.parse

from two_nodes_test import dsn


def main(binary):
    u = urllib.parse.urlsplit(dsn())
    password = urllib.parse.unquote(u.password or "")
    netloc = f"{u.username}@{u.hostname}:{u.port}"
    admin = dsn()
    for db in ("orientir_bk_src", "orientir_bk_dst"):
        subprocess.run(["psql", admin, "-q", "-c", f"DROP DATABASE IF EXISTS {db}"], check=True, capture_output=True)
        subprocess.run(["psql", admin, "-q", "-c", f"CREATE DATABASE {db} ENCODING 'UTF8' TEMPLATE template0"],
                       check=True, capture_output=True)
    src = urllib.parse.urlunsplit((u.scheme, netloc, "/orientir_bk_src", u.query, ""))
    dst = urllib.parse.urlunsplit((u.scheme, netloc, "/orientir_bk_dst", u.query, ""))
    env = dict(os.environ, ORIENTIR_CONFIG="", ORIENTIR_PROGRESS="plain", ORIENTIR_DB_PASSWORD=password)
    env.pop("PGPASSWORD", None)

    def run(*args):
        r = subprocess.run([binary, *args], capture_output=True, text=True, env=env)
        assert r.returncode == 0, f"{args}: {r.stdout} {r.stderr}"
        return r

    d = tempfile.mkdtemp(prefix="orientir-pgbk-")
    run("import", "--db", src, "--data", d, "demo")
    archive = os.path.join(d, "backup.dump")
    r = run("backup", "--db", src, "--data", d, archive)
    with open(archive, "rb") as f:
        assert f.read(5) == b"PGDMP", "a pg_dump custom-format archive"
    assert "backup" in r.stderr and "done in" in r.stderr, r.stderr
    d2 = tempfile.mkdtemp(prefix="orientir-pgbk2-")
    r = run("restore", "--db", dst, "--data", d2, archive)
    assert "search index rebuilt" in r.stdout, r.stdout
    a = run("export", "--db", src, "--data", d, "-").stdout
    b = run("export", "--db", dst, "--data", d2, "-").stdout
    assert len(a) > 1000 and a == b, f"exports differ: {len(a)} vs {len(b)} bytes"
    s = run("search", "--db", dst, "--data", d2, "волонтерство").stdout
    assert not s.startswith("0 "), s
    print(f"OK: pg_dump backup restored with pg_restore; identical export ({len(a)} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
