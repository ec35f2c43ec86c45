"""Issue 14 on the real server: a browser never gets raw JSON for an error, API clients keep problem+json.

Every API route of the OpenAPI document that has path parameters is called with bad values as a browser
(Accept: text/html…) and as an API client (Accept: application/json and */*): never 5xx; the browser gets an
HTML page carrying the X-Request-Id of the answer; the API client gets application/problem+json. Then the
server's own refusals (413 body too large, 431 headers too large) over a raw socket, and `orientir user add
--region` with every key form of a region (one resolver for the CLI too)."""
import json
import os
import re
import socket
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from common import Server  # noqa: E402

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
BAD = ["987654321", "abc", "-1"]


def fill(path, value):
    def sub(m):
        return "RU-ZZZ" if path[: m.start()].endswith("/regions/") else value
    return re.sub(r"\{[^}]+\}", sub, path)


def check_html(status, body, headers, what):
    ctype = headers.get("Content-Type", "")
    rid = headers.get("X-Request-Id", "")
    assert ctype.startswith("text/html"), f"{what}: {status} {ctype} {body[:200]}"
    assert rid and f"<code>{rid}</code>" in body, f"{what}: request id {rid!r} not in the page"
    assert 'href="/"' in body, f"{what}: no link home"


def check_problem(status, body, headers, what):
    ctype = headers.get("Content-Type", "")
    assert ctype.startswith("application/problem+json"), f"{what}: {status} {ctype} {body[:200]}"
    assert json.loads(body)["status"] == status, what
    assert headers.get("X-Request-Id"), what


def walk_api(server):
    status, body, _ = server.get("/api/v1/openapi.json")
    assert status == 200
    paths = json.loads(body)["paths"]
    routes = requests = errors = 0
    for path, ops in paths.items():
        if "{" not in path:
            continue
        for method in ops:
            routes += 1
            for value in BAD:
                target = fill(path, value)
                body_json = {} if method in ("post", "put", "patch") else None
                for accept in (BROWSER, "application/json", "*/*"):
                    what = f"{method.upper()} {target} as {accept[:9]}"
                    status, text, headers = server.request(method.upper(), target, body_json, {"Accept": accept})
                    requests += 1
                    assert status < 500, f"{what}: {status} {text[:300]}"
                    if status < 400:
                        continue
                    errors += 1
                    (check_html if accept == BROWSER else check_problem)(status, text, headers, what)
    return routes, requests, errors


def walk_pages(server):
    n = 0
    for path in ["/practices/987654321", "/practices/abc/edit", "/regions/RU-ZZZ", "/organisations/-1",
                 "/persons/abc", "/adoptions/987654321", "/no/such/page", "/network?region=RU-ZZZ"]:
        for accept in (BROWSER, "*/*"):
            status, text, headers = server.request("GET", path, None, {"Accept": accept})
            assert status == 404, f"{path}: {status}"
            check_html(status, text, headers, path)
            n += 1
    status, text, headers = server.request("DELETE", "/regions", None, {"Accept": BROWSER})
    assert status == 405 and headers.get("Allow"), status
    check_html(status, text, headers, "DELETE /regions")
    return n + 1


def raw(port, data):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(data)
        out = b""
        while True:
            try:
                chunk = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            out += chunk
    head, _, body = out.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":")
        headers[k.strip().title()] = v.strip()
    return int(lines[0].split()[1]), body.decode("utf-8", "replace"), headers


def refusals(server):
    big = 11 << 20
    for accept, check in ((BROWSER, check_html), ("application/json", check_problem)):
        req = (f"POST /practices/new HTTP/1.1\r\nHost: t\r\nAccept: {accept}\r\nContent-Type: "
               f"application/x-www-form-urlencoded\r\nContent-Length: {big}\r\n\r\n").encode() + b"x" * 65536
        status, body, headers = raw(server.port, req)
        assert status == 413, status
        if accept == BROWSER:
            check(status, body, headers, "413 as a browser")
            assert "Отправленные данные больше" in body, body[:500]
        else:
            # a page path: HTML for any client
            check_html(status, body, headers, "413 page path, JSON client")
        api = (f"POST /api/v1/practices HTTP/1.1\r\nHost: t\r\nAccept: {accept}\r\nContent-Type: application/json"
               f"\r\nContent-Length: {big}\r\n\r\n").encode() + b"x" * 65536
        status, body, headers = raw(server.port, api)
        assert status == 413, status
        check(status, body, headers, f"413 API as {accept}")
    huge = b"GET / HTTP/1.1\r\nHost: t\r\nAccept: text/html\r\nX-Big: " + b"a" * (64 << 10) + b"\r\n\r\n"
    status, body, headers = raw(server.port, huge)
    assert status == 431, status
    check_problem(status, body, headers, "431 (nothing of the request is known)")


def cli_region_keys(binary, server):
    keys = ["86", "RU-KHM", "ru-khm", "71100000000", "71800000", "Югра", "ХМАО"]
    for i, key in enumerate(keys):
        login = f"editor{i}"
        r = subprocess.run([binary, "user", "add", "--data", server.data_dir, "--login", login, "--role",
                            "regional_editor", "--region", key, "--password-stdin"],
                           input="password-for-test\n", capture_output=True, text=True)
        assert r.returncode == 0, (key, r.stderr)
        status, body, _ = server.request("POST", "/api/v1/session", {"login": login, "password": "password-for-test"})
        assert status == 200, (key, status, body)
        assert json.loads(body)["regions"] == ["86"], (key, body)
    r = subprocess.run([binary, "user", "add", "--data", server.data_dir, "--login", "nobody", "--role",
                        "regional_editor", "--region", "RU-ZZZ", "--password-stdin"],
                       input="password-for-test\n", capture_output=True, text=True)
    assert r.returncode != 0 and "RU-ZZZ" in r.stderr, r.stderr
    return len(keys)


def main(binary):
    server = Server(binary).start()
    try:
        routes, requests, errors = walk_api(server)
        pages = walk_pages(server)
        refusals(server)
        keys = cli_region_keys(binary, server)
    finally:
        server.stop()
    print(f"walked {routes} API routes with path parameters ({requests} requests, {errors} errors), "
          f"{pages} page requests, 413/431 refusals, user add --region with {keys} keys: ok")


if __name__ == "__main__":
    main(sys.argv[1])
