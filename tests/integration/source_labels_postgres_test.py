"""Curators' decisions on likely sources, kept as labels, on PostgreSQL (issue 17): a curator confirms one
candidate of an unexplained adoption (it becomes the recorded source, with the channel) and rejects the
candidates of another; both labels are read back, with the accuracy report and the signal weights; a second
confirmation is refused (409), and a second server on the same database, started afresh, sees the same labels
and the recorded source — the labels live in the database, not in the process."""
import json
import os
import subprocess
import sys
import time

from common import Server

SCHEMA = "source_labels_it"


def dsn():
    if os.environ.get("ORIENTIR_TEST_PG_DSN"):
        return os.environ["ORIENTIR_TEST_PG_DSN"]
    with open(os.environ["ORIENTIR_TEST_PG_DSN_FILE"]) as f:
        return f.read().strip()


def sign_in(server, login, password):
    status, body, hdrs = server.request("POST", "/api/v1/session", {"login": login, "password": password})
    assert status == 200, body
    return {"Cookie": hdrs["Set-Cookie"].split(";")[0]}


def unexplained_adoption(server, cookie, region, when):
    """An adoption of the Yugra volunteer hubs (practice 1) with no source and channel «другое», once the
    analytics have it (its likely sources have candidates)."""
    status, body, _ = server.request(
        "POST", "/api/v1/adoptions",
        {"practice_id": 1, "adopter": {"region": region}, "channel": "other",
         "adaptation_notes": "Штабы в муниципалитетах по образцу соседей",
         "stage_history": [{"stage": "study", "at": when}]},
        headers=cookie)
    assert status == 201, body
    adoption = json.loads(body)["id"]
    deadline = time.time() + 20
    while time.time() < deadline:
        status, body, _ = server.get(f"/api/v1/adoptions/{adoption}/likely-sources")
        if status == 200 and json.loads(body)["candidates"]:
            return adoption, json.loads(body)
        time.sleep(0.1)
    raise AssertionError(f"adoption {adoption}: no likely sources within 20 s: {body}")


def main(binary):
    db = dsn()
    subprocess.run(["psql", db, "-q", "-c", f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}"],
                   check=True, capture_output=True)
    db += ("&" if "?" in db else "?") + f"options=-csearch_path%3D{SCHEMA}"

    a = Server(binary, extra=["--db", db]).start()
    try:
        cur = sign_in(a, "curator", "demo-curator-2026")
        first, ls = unexplained_adoption(a, cur, "05", "2026-06-01")
        assert ls["unexplained"] is True and ls["kind"] == "inferred", ls
        assert ls["weights"]["source"] == "default", ls["weights"]
        top = ls["candidates"][0]["region"]["code"]
        status, body, _ = a.request("POST", f"/api/v1/adoptions/{first}/likely-sources/confirm",
                                    {"candidate": top, "channel": "conference", "note": "подтверждено звонком"},
                                    headers=cur)
        assert status == 200, body
        label = json.loads(body)
        assert label["decision"] == "confirmed" and label["candidates"][0]["region"] == top, label
        assert label["candidates"][0]["rank"] == 1, label

        # The adoption now has its source; a second decision is refused.
        status, body, _ = a.request("POST", f"/api/v1/adoptions/{first}/likely-sources/confirm",
                                    {"candidate": top, "channel": "conference"}, headers=cur)
        assert status == 409, (status, body)
        status, body, _ = a.get(f"/api/v1/adoptions/{first}")
        assert json.loads(body)["channel"] == "conference", body

        second, ls2 = unexplained_adoption(a, cur, "07", "2026-07-01")
        status, body, _ = a.request("POST", f"/api/v1/adoptions/{second}/likely-sources/reject",
                                    {"note": "источник другой"}, headers=cur)
        assert status == 200, body
        assert json.loads(body)["decision"] == "rejected", body
        shown = [c["region"]["code"] for c in ls2["candidates"][:3]]
        assert [c["region"] for c in json.loads(body)["candidates"]] == shown, (body, shown)

        status, body, _ = a.request("GET", "/api/v1/analytics/source-labels", headers=cur)
        assert status == 200, body
        report = json.loads(body)
        assert report["confirmed"] == 1 and report["rejected"] == 1 and report["top1"] == 1, report
        assert len(report["labels"]) == 2, report
        assert report["weights"]["source"] == "default" and report["weights"]["confirmations"] == 1, report
    finally:
        a.stop()

    # A fresh server on the same database: the labels and the recorded source are there.
    b = Server(binary, demo=False, extra=["--db", db]).start()
    try:
        cur = sign_in(b, "curator", "demo-curator-2026")
        status, body, _ = b.request("GET", "/api/v1/analytics/source-labels", headers=cur)
        assert status == 200, body
        report = json.loads(body)
        assert (report["confirmed"], report["rejected"], len(report["labels"])) == (1, 1, 2), report
        status, body, _ = b.request("GET", f"/api/v1/adoptions/{first}/likely-sources/decisions", headers=cur)
        assert status == 200, body
        decisions = json.loads(body)
        items = decisions["items"] if isinstance(decisions, dict) else decisions
        assert len(items) == 1 and items[0]["note"] == "подтверждено звонком", decisions
        status, body, _ = b.get(f"/api/v1/adoptions/{first}/likely-sources")
        assert json.loads(body)["unexplained"] is False, body
        print("source labels on PostgreSQL: confirm, reject, 409 on a second decision, kept across servers")
    finally:
        b.stop()
        subprocess.run(["psql", dsn(), "-q", "-c", f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"], capture_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
