#!/usr/bin/env python3
"""Two installations on loopback exchange practices with provenance (issue 16; docs/exchange.md).

A serves the demo data as installation "alpha"; B (no demo data) follows A. A curator publishes a new
practice on A; it appears on B with its origin (installation alpha, A's id) and the page says
«Источник: установка alpha». A regional editor on B records an adoption of that practice; B's exchange
exports it with the lineage's origin ids (practice = alpha's record); A's persons, organisations and
memberships are on B with alpha as their origin. Then A withdraws the practice and
B's curators see the withdrawal. Finally B's export answers a repeated request with 304 (ETag).
"""
import json
import sys
import time
import urllib.parse

from common import Server


def wait_for(cond, what, timeout=60):
    start = time.time()
    while time.time() - start < timeout:
        v = cond()
        if v:
            return time.time() - start, v
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


def login(server, user, password):
    status, body, hdrs = server.request("POST", "/api/v1/session", {"login": user, "password": password})
    assert status == 200, body
    return {"Cookie": hdrs["Set-Cookie"].split(";")[0]}


def external_copy(b, a_id):
    s, body, _ = b.get("/api/v1/exchange?since=0&limit=1000")
    assert s == 200, body
    for p in json.loads(body)["practices"]:
        if p["origin"]["installation"] == "alpha" and p["origin"]["id"] == a_id:
            return p
    return None


def main(binary):
    a = Server(binary, extra=["--installation-id", "alpha"]).start()
    a_url = a.url("")
    b = Server(binary, demo=False,
               extra=["--installation-id", "beta", "--peer", a_url, "--peer-interval", "1"]).start()
    try:
        cur_a = login(a, "curator", "demo-curator-2026")
        title = "Межустановочный обмен практиками"
        status, body, _ = a.request("POST", "/api/v1/practices",
                                    {"title": title, "summary": "Проверка федерации двух установок",
                                     "domains": ["digitalisation"], "origin": {"region": "72"},
                                     "state": "published"}, headers=cur_a)
        assert status == 201, body
        a_id = json.loads(body)["id"]
        # B polls at start and every minute; its curator asks for a poll now.
        cur_b = add_user(binary, b, "curatorb", "curator")
        poll_now(b, cur_b)
        took, copy = wait_for(lambda: external_copy(b, a_id), "the practice on B", timeout=90)
        print(f"practice published on A appeared on B after {took:.1f} s")
        assert copy["title"] == title, copy
        assert copy["@id"] == f"{a_url}/practices/{a_id}", copy["@id"]
        # Find B's local id of the copy through B's API (the list filters by region).
        s, body, _ = b.get("/api/v1/practices?region=72&limit=200")
        assert s == 200, body
        local = [p for p in json.loads(body)["items"] if p.get("external", {}).get("id") == a_id]
        assert len(local) == 1, body
        b_id = local[0]["id"]
        assert local[0]["external"]["installation"] == "alpha"
        s, page, _ = b.get(f"/practices/{b_id}")
        assert s == 200 and "Источник: установка" in page and "alpha" in page, page[:2000]

        # An adoption recorded on B of A's practice: B exports it with the lineage's origin ids.
        editor = add_user(binary, b, "editor72", "regional_editor", ["--region", "72"])
        s, body, _ = b.request("POST", "/api/v1/adoptions",
                               {"practice_id": b_id, "adopter": {"region": "72"}, "channel": "direct_contact",
                                "adaptation_notes": "Внедрено по образцу установки alpha"}, headers=editor)
        assert s == 201, body
        s, body, _ = b.get("/api/v1/exchange?since=0&limit=1000")
        page = json.loads(body)
        adoptions = [x for x in page["adoptions"] if x["origin"]["installation"] == "beta"]
        assert len(adoptions) == 1, page["adoptions"]
        ad = adoptions[0]
        assert ad["practice"]["installation"] == "alpha" and ad["practice"]["id"] == a_id, ad["practice"]
        assert ad["derived_from"] == f"{a_url}/practices/{a_id}", ad["derived_from"]
        print("adoption recorded on B exported with lineage", ad["practice"])

        # A's people, organisations and memberships (Popolo) came along, each with A as its origin.
        persons = [x for x in page["persons"] if x["origin"]["installation"] == "alpha"]
        members = [x for x in page["memberships"] if x["origin"]["installation"] == "alpha"]
        orgs = [x for x in page["organizations"] if x["origin"]["installation"] == "alpha"]
        assert persons and members and orgs, (len(page["persons"]), len(page["memberships"]))
        person_ids = {x["@id"] for x in persons}
        assert all(m["person_id"] in person_ids for m in members), members[0]
        s, body, _ = b.get("/api/v1/persons?limit=200")
        assert s == 200 and len(json.loads(body)["items"]) >= len(persons), body
        print(f"B took {len(persons)} persons, {len(orgs)} organisations, {len(members)} memberships of A")

        # A withdraws it (deletes it): B keeps it, marked, and its curators see it.
        s, body, hdrs = a.request("GET", f"/api/v1/practices/{a_id}", headers=cur_a)
        s, body, _ = a.request("DELETE", f"/api/v1/practices/{a_id}", headers=dict(cur_a, **{"If-Match": hdrs["ETag"]}))
        assert s in (200, 204), body
        poll_now(b, cur_b)
        took, _ = wait_for(lambda: external_copy(b, a_id) and external_copy(b, a_id)["origin"].get("withdrawn"),
                           "the withdrawal on B", timeout=150)
        print(f"withdrawal at A seen on B after {took:.1f} s")
        s, body, _ = b.request("GET", "/api/v1/federation/issues", headers=cur_b)
        assert s == 200 and any(i["kind"] == "withdrawn" for i in json.loads(body)["items"]), body
        assert b.get("/api/v1/federation/issues")[0] == 401

        # The export's ETag: the same request again is 304 while nothing changes.
        s, body, hdrs = a.request("GET", "/api/v1/exchange?since=0&limit=5")
        assert s == 200 and hdrs.get("ETag"), hdrs
        s2, _, _ = a.request("GET", "/api/v1/exchange?since=0&limit=5", headers={"If-None-Match": hdrs["ETag"]})
        assert s2 == 304, s2
        print("OK")
        return 0
    finally:
        for s in (a, b):
            s.stop()


def add_user(binary, server, login_name, role, extra=()):
    import subprocess
    password = "federation-test-2026"
    out = subprocess.run([binary, "user", "add", "--data", server.data_dir, "--login", login_name, "--role", role,
                          "--password-stdin", *extra], input=password + "\n", capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return login(server, login_name, password)


def poll_now(b, headers):
    s, body, _ = b.request("GET", "/api/v1/federation/peers", headers=headers)
    assert s == 200, body
    for p in json.loads(body)["items"]:
        s, body, _ = b.request("POST", f"/api/v1/federation/peers/{p['id']}/poll", headers=headers)
        assert s == 202, body


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
