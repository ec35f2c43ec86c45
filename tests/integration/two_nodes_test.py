"""Two `orientir serve` nodes on one PostgreSQL: a write through node A is readable and searchable on
node B within 2 s, a session made on A works on B, and after A is killed with SIGKILL, B keeps serving
with nothing lost."""
import json
import os
import signal
import sys
import time

from common import Server


def dsn():
    if os.environ.get("ORIENTIR_TEST_PG_DSN"):
        return os.environ["ORIENTIR_TEST_PG_DSN"]
    with open(os.environ["ORIENTIR_TEST_PG_DSN_FILE"]) as f:
        return f.read().strip()


def wait_for(fn, what, timeout=2.0):
    start = time.time()
    while time.time() - start < timeout:
        if fn():
            return time.time() - start
        time.sleep(0.05)
    raise AssertionError(f"{what}: not within {timeout} s")


def main(binary):
    db = dsn()
    # A schema of our own so the store tests running beside us are not disturbed.
    sep = "&" if "?" in db else "?"
    db = db + sep + "options=-csearch_path%3Dtwo_nodes"
    import subprocess
    psql_env = dict(os.environ)
    subprocess.run(["psql", dsn(), "-q", "-c", "DROP SCHEMA IF EXISTS two_nodes CASCADE; CREATE SCHEMA two_nodes"],
                   check=True, capture_output=True, env=psql_env)

    a = Server(binary, extra=["--db", db]).start()
    b = Server(binary, demo=False, extra=["--db", db]).start()
    try:
        status, body, hdrs = a.request("POST", "/api/v1/session", {"login": "tyumen", "password": "demo-tyumen-2026"})
        assert status == 200, body
        cookie = hdrs["Set-Cookie"].split(";")[0]
        status, body, _ = a.request("POST", "/api/v1/adoptions",
                                    {"practice_id": 1, "adopter": {"region": "72"}, "channel": "personnel",
                                     "adaptation_notes": "Запущено через узел A"},
                                    headers={"Cookie": cookie})
        assert status == 201, body
        adoption = json.loads(body)["id"]
        took = wait_for(lambda: b.get(f"/api/v1/adoptions/{adoption}")[0] == 200, "adoption visible on B")
        print(f"adoption written on A visible on B after {took:.3f} s")

        # The session made on A is valid on B (sessions live in the database).
        status, body, _ = b.request("GET", "/api/v1/me", headers={"Cookie": cookie})
        assert status == 200 and json.loads(body)["login"] == "tyumen", body

        # A curator publishes a practice through A; B's search index finds it.
        status, body, hdrs = a.request("POST", "/api/v1/session", {"login": "curator", "password": "demo-curator-2026"})
        cur = hdrs["Set-Cookie"].split(";")[0]
        title = "Кибердружина двух узлов"
        status, body, _ = a.request("POST", "/api/v1/practices",
                                    {"title": title, "summary": "Проверка поиска на втором узле",
                                     "domains": ["digitalisation"], "origin": {"region": "72"}, "state": "published"},
                                    headers={"Cookie": cur})
        assert status == 201, body

        def found():
            s, t, _ = b.get("/api/v1/search?q=" + "%D0%BA%D0%B8%D0%B1%D0%B5%D1%80%D0%B4%D1%80%D1%83%D0%B6%D0%B8%D0%BD%D0%B0")
            return s == 200 and title in t
        took = wait_for(found, "practice searchable on B")
        print(f"practice written on A searchable on B after {took:.3f} s")

        a.stop(signal.SIGKILL)
        assert b.get("/readyz")[0] == 200
        status, body, _ = b.request("POST", f"/api/v1/adoptions/{adoption}/stage", {"stage": "study"},
                                    headers={"Cookie": cookie})
        assert status == 200, body
        status, body, _ = b.get(f"/api/v1/adoptions/{adoption}")
        assert json.loads(body)["stage"] == "study"
        assert json.loads(body)["adaptation_notes"] == "Запущено через узел A"
        print("node A killed; node B serves and writes with nothing lost")
    finally:
        a.stop()
        b.stop()


if __name__ == "__main__":
    main(sys.argv[1])
