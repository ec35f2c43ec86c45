"""kill -9 during an import and during a reindex (issue 18).

Import: `orientir import practice FILE` of N generated practices is one transaction; a SIGKILL at a random
moment leaves the store with either none or all of them (never a part), and the store passes SQLite's
integrity check; a final uninterrupted import then stores all N once.
Reindex: `orientir reindex` (builds a new index directory and swaps it in) killed at a random moment;
the server started afterwards answers searches, and every imported practice is found by its token.

ORIENTIR_CRASH_TRIALS sets the number of kill trials of each kind (default 5)."""
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

from common import Server

TOKEN = "crashimporttoken"


def practices(n):
    with open(os.path.join(os.path.dirname(__file__), "..", "..", "data", "demo", "practices.json")) as f:
        base = json.load(f)[0]
    out = []
    for i in range(n):
        p = dict(base)
        p["key"] = f"crash-import-{i}"
        p["title"] = f"Практика {TOKEN} номер {i}: сеть добровольческих штабов"
        p.pop("id", None)
        out.append(p)
    return out


def count_practices(db):
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return con.execute("SELECT COUNT(*) FROM docs WHERE kind = 'practice' AND body LIKE ?",
                           (f"%{TOKEN}%",)).fetchone()[0]
    finally:
        con.close()


def run(binary, args, **kw):
    env = dict(os.environ, ORIENTIR_CONFIG="", ORIENTIR_PROGRESS="off")
    return subprocess.run([binary] + args, capture_output=True, text=True, env=env, **kw)


def killed_after(binary, args, seconds):
    env = dict(os.environ, ORIENTIR_CONFIG="", ORIENTIR_PROGRESS="off")
    proc = subprocess.Popen([binary] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    time.sleep(seconds)
    finished = proc.poll() is not None
    if not finished:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    return finished


def main(binary):
    trials = int(os.environ.get("ORIENTIR_CRASH_TRIALS", "5"))
    n = int(os.environ.get("ORIENTIR_CRASH_IMPORT_RECORDS", "800"))
    rnd = random.Random(int(os.environ.get("ORIENTIR_CRASH_SEED", str(int(time.time())))))
    work = tempfile.mkdtemp(prefix="orientir-crash-import-")
    data = os.path.join(work, "var")
    src = os.path.join(work, "practices.json")
    with open(src, "w") as f:
        json.dump(practices(n), f, ensure_ascii=False)
    # A store with the demo data, then one timed import in a copy to know how long an import takes.
    srv = Server(binary, data_dir=data).start()
    srv.stop()
    db = os.path.join(data, "orientir.db")
    base, probe = os.path.join(work, "base"), os.path.join(work, "probe")
    subprocess.run(["cp", "-a", data, base], check=True)
    subprocess.run(["cp", "-a", data, probe], check=True)
    t0 = time.time()
    r = run(binary, ["import", "practice", src, "--data", probe])
    assert r.returncode == 0, r.stderr
    took = time.time() - t0
    assert count_practices(os.path.join(probe, "orientir.db")) == n

    outcomes = {"none": 0, "all": 0, "finished": 0}
    for k in range(trials):
        # half of the kills land late, around the commit
        at = rnd.uniform(0.05, took) if k % 2 == 0 else rnd.uniform(0.7 * took, 1.15 * took)
        finished = killed_after(binary, ["import", "practice", src, "--data", data], at)
        got = count_practices(db)
        assert got in (0, n), f"a killed import left {got} of {n} practices"
        if finished:
            outcomes["finished"] += 1
        outcomes["all" if got == n else "none"] += 1
        if got == n:  # start the next trial from none again
            subprocess.run(["rm", "-rf", data], check=True)
            subprocess.run(["cp", "-a", base, data], check=True)
    if count_practices(db) == 0:
        r = run(binary, ["import", "practice", src, "--data", data])
        assert r.returncode == 0, r.stderr
    assert count_practices(db) == n, "the uninterrupted import stores every practice once"

    # Reindex killed at random moments; the next server start must still find every practice.
    t0 = time.time()
    r = run(binary, ["reindex", "--data", data])
    assert r.returncode == 0, r.stderr
    reindex_took = time.time() - t0
    for _ in range(trials):
        killed_after(binary, ["reindex", "--data", data], rnd.uniform(0.05, reindex_took))
    srv = Server(binary, data_dir=data).start()
    try:
        deadline = time.time() + 120
        while True:
            status, text, _ = srv.get("/api/v1/search?kind=practice&limit=1&q=" + urllib.parse.quote(TOKEN))
            total = json.loads(text).get("total", {}).get("value", 0) if status == 200 else 0
            if total == n or time.time() > deadline:
                break
            time.sleep(0.5)
        assert total == n, f"after killed reindexes the search finds {total} of {n} practices"
    finally:
        srv.stop()
    subprocess.run(["rm", "-rf", work], check=True)
    print(f"OK: import of {n} practices ({took:.1f} s) killed {trials}× ({outcomes}): none or all each time, "
          f"store intact; reindex ({reindex_took:.1f} s) killed {trials}×: search finds all {n}")


if __name__ == "__main__":
    main(sys.argv[1])
