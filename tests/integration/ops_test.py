"""Operations (issue 19): the configuration file, `config check`, sd_notify readiness, SIGHUP reload,
/metrics gauges, `orientir backup` of a serving store with restore to an identical export, and the
plain progress lines of long commands.

usage: ops_test.py path/to/orientir
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from common import free_port  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
TMP = tempfile.mkdtemp(prefix="orientir-ops-")
ENV = dict(os.environ, ORIENTIR_CONFIG="", ORIENTIR_PROGRESS="plain",
           ORIENTIR_PROGRESS_INTERVAL_MS="0")
ENV.pop("NOTIFY_SOCKET", None)
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(*args, env=None, stdin=None):
    return subprocess.run([BIN, *args], capture_output=True, text=True, env=env or ENV, input=stdin, timeout=300)


def write(name, text):
    p = os.path.join(TMP, name)
    with open(p, "w", encoding="utf-8") as f:
        f.write(text)
    return p


def get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
        return r.status, r.read().decode()


# --- config check -------------------------------------------------------------------------------
good = write("good.toml", 'data = "%s/d1"\n[serve]\nlisten = "127.0.0.1:1"\nthreads = 3\nquiet = true\n'
             '[backup]\nkeep = 2\n[user.add]\nregion = ["72", "86"]\n' % TMP)
r = run("config", "check", good)
check(r.returncode == 0 and "ok" in r.stdout, "config check accepts a valid file: " + r.stderr)

bad_key = write("bad_key.toml", "[serve]\nlisten = \"127.0.0.1:1\"\nthreds = 3\n")
r = run("config", "check", bad_key)
check(r.returncode == 1 and "'serve.threds'" in r.stderr and "line 3" in r.stderr,
      "an unknown key is named with its line: " + r.stderr.strip())

bad_val = write("bad_val.toml", "[serve]\nthreads = \"many\"\n")
r = run("config", "check", bad_val)
check(r.returncode == 1 and "'serve.threads'" in r.stderr, "a value that does not convert names the key: " +
      r.stderr.strip())

bad_table = write("bad_table.toml", "[serv]\nlisten = \"x\"\n")
r = run("config", "check", bad_table)
check(r.returncode == 1 and "[serv]" in r.stderr, "an unknown table is named: " + r.stderr.strip())

syntax = write("syntax.toml", "data = \"unterminated\n")
r = run("config", "check", syntax)
check(r.returncode == 1 and "syntax.toml:1:" in r.stderr, "a syntax error gives line and column: " +
      r.stderr.strip())

pw = write("pw.toml", 'db = "postgresql://orientir:secret@127.0.0.1/orientir"\n')
r = run("config", "check", pw)
check(r.returncode == 0 and "warning" in r.stderr and "ORIENTIR_DB_PASSWORD" in r.stderr,
      "a password in the db URL is warned about")

# --- serve from the configuration file, Type=notify readiness, SIGHUP, metrics ---------------------
data = os.path.join(TMP, "live")
port = free_port()
conf = write("serve.toml", f'data = "{data}"\n[serve]\nlisten = "127.0.0.1:{port}"\nquiet = true\n')
sock_path = os.path.join(TMP, "notify.sock")
ns = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
ns.bind(sock_path)
ns.settimeout(120)
env = dict(ENV, ORIENTIR_CONFIG=conf, NOTIFY_SOCKET=sock_path)
t0 = time.time()
proc = subprocess.Popen([BIN, "serve", "--demo"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                        text=True)
msg = ns.recv(4096).decode()
ready_s = time.time() - t0
check("READY=1" in msg, f"READY=1 sent over NOTIFY_SOCKET ({ready_s:.2f} s after start, demo data)")
check(get(port, "/readyz")[0] == 200, "the port came from the configuration file and /readyz answers 200 at READY")
proc.send_signal(signal.SIGHUP)
msgs = [ns.recv(4096).decode(), ns.recv(4096).decode()]
check(msgs == ["RELOADING=1", "READY=1"], f"SIGHUP: RELOADING=1 then READY=1 ({msgs})")
check(get(port, "/healthz")[0] == 200, "still serving after SIGHUP")
_, metrics = get(port, "/metrics")
for name in ["orientir_build_info{version=", "orientir_store_bytes ", "orientir_search_index_bytes ",
             "orientir_search_lag_changes ", "orientir_analytics_lag_changes ", "orientir_change_log_seq ",
             "orientir_http_requests_total{", "orientir_http_request_duration_seconds_bucket{",
             "orientir_feed_polls_total ", "orientir_feed_articles_added_total ", "orientir_feed_poll_errors_total "]:
    check(name in metrics, "/metrics has " + name.strip())
check("# TYPE orientir_build_info gauge" in metrics, "labelled gauge has a clean TYPE line")
check("# TYPE orientir_feed_polls_total counter" in metrics, "feed polling totals are counters")

# --- backup while serving (with readers), restore, identical export ---------------------------------
stop = threading.Event()
reads = {"n": 0, "errors": 0}


def reader():
    while not stop.is_set():
        try:
            get(port, "/api/v1/practices?limit=20")
            reads["n"] += 1
        except Exception:  # noqa: BLE001
            reads["errors"] += 1


threads = [threading.Thread(target=reader) for _ in range(2)]
for t in threads:
    t.start()
bdir = os.path.join(TMP, "backups")
os.mkdir(bdir)
t0 = time.time()
r = run("backup", bdir, "--data", data, env=ENV)
backup_s = time.time() - t0
stop.set()
for t in threads:
    t.join()
check(r.returncode == 0, f"backup of the serving store ({backup_s:.2f} s, {reads['n']} reads meanwhile): " +
      r.stderr[-300:])
check(reads["errors"] == 0, "no read failed during the backup")
check("backup 100%" in r.stderr and "done in" in r.stderr, "backup prints plain progress lines off a terminal")
files = sorted(os.listdir(bdir))
check(len(files) == 1 and files[0].startswith("orientir-") and files[0].endswith(".db"), f"timestamped file {files}")
export_live = run("export", "-", "--data", data).stdout
proc.send_signal(signal.SIGTERM)
out, err = proc.communicate(timeout=60)
check(proc.returncode == 0, "clean stop on SIGTERM")
stopping = ns.recv(4096).decode()
check(stopping == "STOPPING=1", "STOPPING=1 on SIGTERM")

restored = os.path.join(TMP, "restored")
r = run("restore", os.path.join(bdir, files[0]), "--data", restored)
check(r.returncode == 0 and "search index rebuilt" in r.stdout, "restore of the backup: " + r.stdout + r.stderr)
check(os.path.isdir(os.path.join(restored, "search")), "the search index was rebuilt on restore")
export_restored = run("export", "-", "--data", restored).stdout
check(len(export_live) > 1000 and export_live == export_restored,
      f"the restored store exports identically ({len(export_live)} bytes)")
r = run("search", "волонтерство", "--data", restored)
check(r.returncode == 0 and "found" in r.stdout and not r.stdout.startswith("0 "), "search works after restore")
r = run("restore", os.path.join(bdir, files[0]), "--data", restored)
check(r.returncode != 0 and "not empty" in r.stderr, "restore refuses a non-empty store")

# keep: only the newest N remain
for _ in range(2):
    time.sleep(1.1)
    run("backup", bdir, "--data", data, "--keep", "2")
check(len(os.listdir(bdir)) == 2, f"--keep 2 leaves two backups ({os.listdir(bdir)})")
r = run("backup", "--data", data)
check(r.returncode == 2 and "DEST" in r.stderr, "backup without DEST explains")

# --- the file sets options, the command line wins; unknown keys warn at run time --------------------
lim = write("limit.toml", '[search]\nlimit = 1\n')
hits = lambda out: [l for l in out.splitlines() if "\t" in l]  # noqa: E731
r = run("search", "волонтерство", "--data", restored, env=dict(ENV, ORIENTIR_CONFIG=lim))
check(r.returncode == 0 and len(hits(r.stdout)) == 1, "[search] limit = 1 from the file applies")
r = run("search", "волонтерство", "--data", restored, "--limit", "3", env=dict(ENV, ORIENTIR_CONFIG=lim))
check(len(hits(r.stdout)) == 3, "--limit 3 on the command line wins over the file")
typo = write("typo.toml", 'limt = 3\n')
r = run("search", "волонтерство", "--data", restored, env=dict(ENV, ORIENTIR_CONFIG=typo))
check(r.returncode == 0 and "warning" in r.stderr and "'limt'" in r.stderr, "an unknown key warns but does not stop")
r = run("serve", "--data", restored, env=dict(ENV, ORIENTIR_CONFIG=bad_val))
check(r.returncode == 2 and "'serve.threads'" in r.stderr, "serve refuses to start on a bad value, naming the key")

# --- progress of restore/reindex -------------------------------------------------------------------
r = run("reindex", "--data", restored)
check(r.returncode == 0 and "reindex" in r.stderr and "done in" in r.stderr, "reindex prints a final progress line")
exp = os.path.join(TMP, "export.jsonl")
with open(exp, "w", encoding="utf-8") as f:
    f.write(export_live)
r = run("restore", exp, "--data", os.path.join(TMP, "fromjson"))
check(r.returncode == 0 and "restore" in r.stderr and "100%" in r.stderr, "JSON restore shows progress")

shutil.rmtree(TMP, ignore_errors=True)
if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("all ops checks passed")
