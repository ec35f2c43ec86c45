"""The Debian package (issue 19): builds it with cpack, checks its control data and contents,
verifies the systemd units with `systemd-analyze verify`, starts the packaged binary the way the unit
starts it (from a `dpkg -x` tree: config from /etc/orientir/orientir.toml, Type=notify readiness,
first-start administrator password printed once), and serves it through the packaged nginx site
(TLS, HTTP/2, gzip, static caching, /metrics closed).

Runs where systemd cannot (a container, CI): nothing is installed on the machine.
usage: package_test.py BUILD_DIR
"""
import glob
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from common import free_port  # noqa: E402

BUILD = os.path.abspath(sys.argv[1])
TMP = tempfile.mkdtemp(prefix="orientir-pkg-")
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def sh(*args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=600, **kw)


# --- build ---------------------------------------------------------------------------------------
t0 = time.time()
r = sh("cpack", "-G", "DEB", cwd=BUILD)
check(r.returncode == 0, f"cpack -G DEB ({time.time() - t0:.1f} s)" + ("" if r.returncode == 0 else r.stdout + r.stderr))
debs = sorted(glob.glob(os.path.join(BUILD, "packages", "orientir_*.deb")), key=os.path.getmtime)
if not debs:
    print("no package built")
    sys.exit(1)
deb = debs[-1]
print(f"package: {os.path.basename(deb)}, {os.path.getsize(deb) / 1e6:.1f} MB")

# --- control data --------------------------------------------------------------------------------
depends = sh("dpkg-deb", "-f", deb, "Depends").stdout
for lib in ["libsqlite3-0", "libxapian30", "libicu72", "libhunspell", "libsodium23", "libpq5", "libtomlplusplus3",
            "libstdc++6", "hunspell-ru"]:
    check(lib in depends, f"Depends has {lib}")
contents = sh("dpkg-deb", "-c", deb).stdout
for path in ["./usr/bin/orientir", "./etc/orientir/orientir.toml", "./lib/systemd/system/orientir.service",
             "./lib/systemd/system/orientir-backup.service", "./lib/systemd/system/orientir-backup.timer",
             "./usr/share/orientir/reference/regions.json", "./usr/share/orientir/search/synonyms.json",
             "./usr/share/orientir/web/static/orientir.css", "./usr/share/orientir/nginx/orientir.conf",
             "./usr/share/doc/orientir/operations.md"]:
    check(re.search(re.escape(path) + r"$", contents, re.M) is not None, "package holds " + path)
ctl = os.path.join(TMP, "control")
sh("dpkg-deb", "-e", deb, ctl)
check(open(os.path.join(ctl, "conffiles")).read().split() == ["/etc/orientir/orientir.toml"],
      "the configuration is a conffile")
for script in ["preinst", "postinst", "prerm", "postrm"]:
    p = os.path.join(ctl, script)
    check(os.access(p, os.X_OK) and sh("sh", "-n", p).returncode == 0, f"{script} is an executable, valid sh script")
post = open(os.path.join(ctl, "postinst")).read()
check("useradd --system" in post and "/var/lib/orientir" in post, "postinst creates the system user and data dir")

# --- the units -----------------------------------------------------------------------------------
root = os.path.join(TMP, "root")
sh("dpkg", "-x", deb, root)
unitdir = os.path.join(root, "lib/systemd/system")
unit = open(os.path.join(unitdir, "orientir.service")).read()
for line in ["Type=notify", "ProtectSystem=strict", "ReadWritePaths=/var/lib/orientir", "NoNewPrivileges=true",
             "PrivateTmp=true", "User=orientir", "ExecReload=/bin/kill -HUP $MAINPID"]:
    check(line in unit, "orientir.service: " + line)
if shutil.which("systemd-analyze"):
    # verify resolves ExecStart= against the real file system: point it at the extracted binary.
    vdir = os.path.join(TMP, "units")
    os.makedirs(vdir)
    for name in os.listdir(unitdir):
        text = open(os.path.join(unitdir, name)).read().replace("/usr/bin/orientir", os.path.join(root, "usr/bin/orientir"))
        with open(os.path.join(vdir, name), "w") as f:
            f.write(text)
    r = sh("systemd-analyze", "verify", "--man=no", *[os.path.join(vdir, n) for n in sorted(os.listdir(vdir))])
    # Only complaints about our units count (the host may lack units they order after, e.g. postgresql).
    problems = [l for l in (r.stdout + r.stderr).splitlines()
                if "orientir" in l and "postgresql.service" not in l and "network-online" not in l]
    check(r.returncode == 0 and not problems, "systemd-analyze verify: " + (r.stdout + r.stderr).strip()[:800])
    # The check is live: a broken copy of the unit is reported.
    broken = os.path.join(vdir, "orientir.service")
    with open(broken, "a") as f:
        f.write("\n[Service]\nProtectSystem=sometimes\n")
    r = sh("systemd-analyze", "verify", "--man=no", broken)
    check("Failed to parse" in r.stdout + r.stderr, "systemd-analyze verify reports a broken unit")
else:
    check(False, "systemd-analyze is installed (scripts/install-deps.sh)")

# --- start it the way the unit does ------------------------------------------------------------------
binary = os.path.join(root, "usr/bin/orientir")
data = os.path.join(TMP, "var-lib-orientir")
os.makedirs(data)
port = free_port()
conf_text = open(os.path.join(root, "etc/orientir/orientir.toml")).read()
conf_text = conf_text.replace('"/var/lib/orientir"', f'"{data}"').replace('"127.0.0.1:8080"', f'"127.0.0.1:{port}"')
conf = os.path.join(root, "etc/orientir/orientir.toml")
with open(conf, "w") as f:
    f.write(conf_text)
env = {"PATH": "/usr/bin:/bin", "ORIENTIR_CONFIG": conf, "LANG": "C.UTF-8"}
r = sh(binary, "config", "check", env=env)
check(r.returncode == 0, "ExecStartPre: the packaged configuration passes `config check` " + r.stderr)


def start():
    sock_path = os.path.join(TMP, f"notify-{time.time_ns()}.sock")
    ns = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    ns.bind(sock_path)
    ns.settimeout(120)
    t = time.time()
    p = subprocess.Popen([binary, "serve"], env=dict(env, NOTIFY_SOCKET=sock_path), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    msg = ns.recv(4096).decode()
    return p, msg, time.time() - t


proc, msg, ready_s = start()
check("READY=1" in msg, f"READY=1 from the packaged binary ({ready_s:.2f} s to ready on an empty store)")
with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/orientir.css", timeout=10) as resp:
    check(resp.status == 200, "web assets found in /usr/share/orientir next to the binary")

# --- nginx in front (the packaged site with test certificates and ports) ------------------------------
if shutil.which("nginx") and shutil.which("openssl") and shutil.which("curl"):
    ng = os.path.join(TMP, "nginx")
    os.makedirs(os.path.join(ng, "logs"))
    sh("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
       "-keyout", os.path.join(ng, "key.pem"), "-out", os.path.join(ng, "cert.pem"))
    site = open(os.path.join(root, "usr/share/orientir/nginx/orientir.conf")).read()
    https, http = free_port(), free_port()
    site = (site.replace("127.0.0.1:8080", f"127.0.0.1:{port}")
            .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;")
            .replace("listen [::]:443 ssl http2;", "")
            .replace("listen 80;", f"listen 127.0.0.1:{http};").replace("listen [::]:80;", "")
            .replace("/etc/ssl/certs/orientir.crt", os.path.join(ng, "cert.pem"))
            .replace("/etc/ssl/private/orientir.key", os.path.join(ng, "key.pem")))
    with open(os.path.join(ng, "nginx.conf"), "w") as f:
        f.write(f"""pid {ng}/nginx.pid;
error_log {ng}/logs/error.log;
daemon off;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {ng}/body; proxy_temp_path {ng}/proxy; fastcgi_temp_path {ng}/fcgi;
    uwsgi_temp_path {ng}/uwsgi; scgi_temp_path {ng}/scgi;
    types {{ text/html html; }}
{site}
}}
""")
    r = sh("nginx", "-t", "-p", ng, "-c", os.path.join(ng, "nginx.conf"), "-e", os.path.join(ng, "logs/error.log"))
    check(r.returncode == 0, "nginx -t accepts the packaged site " + r.stderr[-400:])
    nginx = subprocess.Popen(["nginx", "-p", ng, "-c", os.path.join(ng, "nginx.conf"), "-e",
                              os.path.join(ng, "logs/error.log")], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"https://localhost:{https}"
    ok = False
    for _ in range(50):
        if sh("curl", "-sk", "-o", "/dev/null", base + "/healthz").returncode == 0:
            ok = True
            break
        time.sleep(0.1)
    check(ok, "nginx serves")
    r = sh("curl", "-sk", "--http2", "-o", "/dev/null", "-w", "%{http_version} %{http_code}", base + "/")
    check(r.stdout == "2 200", f"HTTP/2 over TLS to the home page ({r.stdout})")
    r = sh("curl", "-sk", "-D", "-", "-o", "/dev/null", "-H", "Accept-Encoding: gzip",
           base + "/api/v1/regions?limit=100")
    check(re.search(r"^content-encoding: gzip", r.stdout, re.I | re.M) is not None, "JSON is gzipped")
    r = sh("curl", "-sk", "-D", "-", "-o", "/dev/null", "-H", "Accept-Encoding: gzip", base + "/")
    check(re.search(r"^content-encoding: gzip", r.stdout, re.I | re.M) is not None, "HTML is gzipped")
    r = sh("curl", "-sk", "-D", "-", "-o", "/dev/null", base + "/static/orientir.css")
    check(re.search(r"^cache-control: max-age=604800", r.stdout, re.I | re.M) is not None,
          "static assets are cached for a week")
    r = sh("curl", "-sk", "-o", "/dev/null", "-w", "%{http_code}", base + "/metrics")
    check(r.stdout == "403", "/metrics is closed through the proxy")
    r = sh("curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", f"http://127.0.0.1:{http}/x")
    check(r.stdout.startswith("301 https://"), "plain HTTP redirects to HTTPS")
    nginx.send_signal(signal.SIGQUIT)
    nginx.wait(timeout=30)
else:
    check(False, "nginx, openssl and curl are installed (scripts/install-deps.sh)")

proc.send_signal(signal.SIGTERM)
out, err = proc.communicate(timeout=60)
check(proc.returncode == 0, "clean stop")
check(out.count("one-time password") == 1, "the first start prints the administrator's one-time password once")
proc, msg, _ = start()
proc.send_signal(signal.SIGTERM)
out2, _ = proc.communicate(timeout=60)
check("one-time password" not in out2, "the second start prints no password")

shutil.rmtree(TMP, ignore_errors=True)
if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("all package checks passed")
