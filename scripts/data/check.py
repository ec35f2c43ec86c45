#!/usr/bin/env python3
"""Validate data/reference and data/demo.  Exits non-zero on any problem.

Usage: python3 scripts/data/check.py
"""
import csv
import json
import os
import re
import sys
from collections import Counter

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
REF = os.path.join(ROOT, "data", "reference")
DEMO = os.path.join(ROOT, "data", "demo")
errors = []


def err(msg):
    errors.append(msg)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def unique(items, what):
    for k, n in Counter(items).items():
        if n > 1:
            err("duplicate %s: %r" % (what, k))


DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_date(d, where):
    if not isinstance(d, str) or not DATE.match(d):
        err("%s: bad date %r" % (where, d))


# ---------------- reference ----------------
fds = load(os.path.join(REF, "federal_districts.json"))
fd_codes = [d["code"] for d in fds]
unique(fd_codes, "federal district code")
if len(fds) != 8:
    err("expected 8 federal districts, got %d" % len(fds))

regions = load(os.path.join(REF, "regions.json"))
reg = {r["code"]: r for r in regions}
unique([r["code"] for r in regions], "region code")
unique([r["iso"] for r in regions if r["iso"]], "region iso")
unique([r["name"] for r in regions], "region name")
if len(regions) != 89:
    err("expected 89 regions, got %d" % len(regions))
TYPES = {"republic", "krai", "oblast", "federal_city", "autonomous_oblast", "autonomous_okrug"}
cells = []
alias_owner = {}
for r in regions:
    w = "region %s" % r["code"]
    if not re.match(r"^\d\d$", r["code"]):
        err(w + ": code must be two digits")
    if r["type"] not in TYPES:
        err(w + ": bad type %r" % r["type"])
    if r["district"] not in fd_codes:
        err(w + ": bad district %r" % r["district"])
    if r["kladr"] and not r["kladr"].startswith(r["code"]):
        err(w + ": kladr does not start with code")
    if r["iso"] is not None and not r["iso"].startswith("RU-"):
        err(w + ": iso must start with RU- or be null")
    t = r["tile"]
    if not (0 <= t["row"] <= 10 and 0 <= t["col"] <= 17):
        err(w + ": tile out of 11x18 grid")
    cells.append((t["row"], t["col"]))
    if not isinstance(r["population"], int) or r["population"] <= 0:
        err(w + ": population must be a positive integer")
    if not (0 < r["urban_share"] <= 1):
        err(w + ": urban_share out of range")
    if not r["aliases"] or not r["adjectives"]:
        err(w + ": aliases and adjectives must be non-empty")
    for a in r["aliases"]:
        low = a.lower()
        if low in alias_owner and alias_owner[low] != r["code"]:
            err("alias %r used by %s and %s" % (a, alias_owner[low], r["code"]))
        alias_owner[low] = r["code"]
unique(cells, "tile cell")

munis = {}
with open(os.path.join(REF, "municipalities.csv"), encoding="utf-8") as f:
    rd = csv.DictReader(f)
    expected = ["region_code", "name", "kind", "okato", "oktmo", "population", "lat", "lon", "is_capital"]
    if rd.fieldnames != expected:
        err("municipalities.csv header %r" % rd.fieldnames)
    mrows = list(rd)
for m in mrows:
    if m["region_code"] not in reg:
        err("municipality %r: unknown region %s" % (m["name"], m["region_code"]))
    if not m["name"]:
        err("municipality with empty name in region %s" % m["region_code"])
    if m["is_capital"] not in ("0", "1"):
        err("municipality %r: is_capital must be 0/1" % m["name"])
    munis[(m["region_code"], m["name"])] = m
unique([(m["region_code"], m["name"]) for m in mrows], "municipality (region, name)")
caps = Counter(m["region_code"] for m in mrows if m["is_capital"] == "1")
for code, n in caps.items():
    if n > 1:
        err("region %s has %d capitals in municipalities.csv" % (code, n))

domains = [d["code"] for d in load(os.path.join(REF, "domains.json"))]
unique(domains, "domain code")
channels = [c["code"] for c in load(os.path.join(REF, "channels.json"))]
unique(channels, "channel code")
stages_ref = load(os.path.join(REF, "stages.json"))
stage_order = {s["code"]: s["order"] for s in stages_ref}
unique(list(stage_order), "stage code")

# ---------------- demo ----------------
orgs = load(os.path.join(DEMO, "organisations.json"))
persons = load(os.path.join(DEMO, "persons.json"))
practices = load(os.path.join(DEMO, "practices.json"))
adoptions = load(os.path.join(DEMO, "adoptions.json"))
indicators = load(os.path.join(DEMO, "indicators.json"))
unique([x["key"] for x in orgs + persons + practices + adoptions], "demo key")
org_by = {o["key"]: o for o in orgs}
prac_by = {p["key"]: p for p in practices}


def check_muni(m, region, where):
    if m is None:
        return
    if m.get("region") != region:
        err("%s: municipality region %r differs from %r" % (where, m.get("region"), region))
    if (m.get("region"), m.get("name")) not in munis:
        err("%s: municipality %r/%r not in municipalities.csv" % (where, m.get("region"), m.get("name")))


def check_demo_flag(x, where):
    if x.get("demo") is not True:
        err(where + ": missing demo: true")


KINDS = {"ngo", "art_school", "competence_centre", "volunteer_corps", "government_body", "business", "school",
         "university", "library", "museum", "other"}
for o in orgs:
    w = "organisation " + o["key"]
    check_demo_flag(o, w)
    if o["kind"] not in KINDS:
        err(w + ": bad kind")
    if o["region"] not in reg:
        err(w + ": unknown region")
    check_muni(o["municipality"], o["region"], w)
    if not o["website"].startswith("https://example.org/") or not o["email"].endswith("example.org"):
        err(w + ": website/email must use example.org")

for p in persons:
    w = "person " + p["key"]
    check_demo_flag(p, w)
    prev_end = None
    for i, pos in enumerate(p["positions"]):
        if pos["organisation"] is not None and pos["organisation"] not in org_by:
            err(w + ": unknown organisation %r" % pos["organisation"])
        if pos["organisation"] and org_by.get(pos["organisation"], {}).get("region") != pos["region"]:
            err(w + ": position region differs from organisation region")
        if pos["region"] not in reg:
            err(w + ": unknown region %r" % pos["region"])
        check_date(pos["from"], w)
        if pos["to"] is not None:
            check_date(pos["to"], w)
            if pos["to"] < pos["from"]:
                err(w + ": position ends before it starts")
        elif i != len(p["positions"]) - 1:
            err(w + ": only the last position may be open-ended")
        if prev_end and pos["from"] <= prev_end:
            err(w + ": positions overlap or are unordered")
        prev_end = pos["to"]

STATES = {"draft", "on_review", "published", "archived"}
for p in practices:
    w = "practice " + p["key"]
    check_demo_flag(p, w)
    if p["state"] not in STATES:
        err(w + ": bad state")
    if not p["domains"]:
        err(w + ": no domains")
    for d in p["domains"]:
        if d not in domains:
            err(w + ": unknown domain %r" % d)
    o = p["origin"]
    if o["region"] not in reg:
        err(w + ": unknown origin region")
    check_muni(o["municipality"], o["region"], w)
    if o["organisation"] is not None:
        if o["organisation"] not in org_by:
            err(w + ": unknown organisation %r" % o["organisation"])
        elif org_by[o["organisation"]]["region"] != o["region"]:
            err(w + ": organisation is in another region")
    check_date(p["last_confirmed_at"], w)
    check_date(p["period"]["from"], w)
    for k in p["results"]:
        check_date(k["before_date"], w)
        check_date(k["after_date"], w)
        if k["after_date"] <= k["before_date"]:
            err(w + ": KPI after_date must follow before_date")
    for c in p["contacts"]:
        if not c["email"].endswith("@example.org"):
            err(w + ": contact e-mail must be @example.org")
used_domains = set(d for p in practices for d in p["domains"])
for d in domains:
    if d not in used_domains:
        err("domain %s is not used by any practice" % d)

seen = {}
for a in adoptions:
    w = "adoption " + a["key"]
    check_demo_flag(a, w)
    p = prac_by.get(a["practice"])
    if p is None:
        err(w + ": unknown practice %r" % a["practice"])
        continue
    ad = a["adopter"]
    if ad["region"] not in reg:
        err(w + ": unknown adopter region")
    if ad["region"] == p["origin"]["region"]:
        err(w + ": adopter region equals origin region")
    check_muni(ad["municipality"], ad["region"], w)
    if ad["organisation"] is not None:
        if ad["organisation"] not in org_by:
            err(w + ": unknown organisation %r" % ad["organisation"])
        elif org_by[ad["organisation"]]["region"] != ad["region"]:
            err(w + ": adopter organisation is in another region")
    if a["channel"] not in channels:
        err(w + ": unknown channel %r" % a["channel"])
    hist = a["stage_history"]
    if not hist:
        err(w + ": empty stage history")
    prev_order, prev_date = 0, ""
    for i, s in enumerate(hist):
        if s["stage"] not in stage_order:
            err(w + ": unknown stage %r" % s["stage"])
            continue
        check_date(s["at"], w)
        if s["at"] <= prev_date:
            err(w + ": stage dates not strictly increasing")
        if s["stage"] == "discontinued":
            if i != len(hist) - 1:
                err(w + ": discontinued must be last")
        elif stage_order[s["stage"]] <= prev_order:
            err(w + ": stages must move forward")
        prev_order, prev_date = stage_order[s["stage"]], s["at"]
    if a["source"] is not None:
        src = seen.get(a["source"])
        if src is None:
            err(w + ": source %r is not an earlier adoption" % a["source"])
        elif src["practice"] != a["practice"]:
            err(w + ": source adoption is of another practice")
        elif src["stage_history"][0]["at"] >= hist[0]["at"]:
            err(w + ": adoption starts before its source adoption")
    for e in a["evidence"]:
        if not e["url"].startswith("https://example.org/"):
            err(w + ": evidence url must use example.org")
    seen[a["key"]] = a

# coverage requirements
ch_used = Counter(a["channel"] for a in adoptions)
for c in channels:
    if not ch_used[c]:
        err("channel %s unused" % c)
st_used = set(s["stage"] for a in adoptions for s in a["stage_history"])
for s in stage_order:
    if s not in st_used:
        err("stage %s unused" % s)
if len(set(a["adopter"]["region"] for a in adoptions)) < 25:
    err("adoptions cover fewer than 25 regions")
if sum(1 for a in adoptions if a["source"]) < 5:
    err("fewer than 5 lineage adoptions")
# demo story
if any(a["practice"] == "yugra-municipal-volunteer-hubs" and a["adopter"]["region"] == "72" for a in adoptions):
    err("story: Tyumen must not yet have adopted Yugra's main volunteering practice")
art_munis = set((a["adopter"]["municipality"] or {}).get("name") for a in adoptions
                if a["practice"] == "nv-dshi-open-workshop" and a["adopter"]["municipality"])
if len(art_munis) < 3:
    err("story: art-school project must be adopted in 3+ municipalities")
move = "2019-06-01"
pers = [a for a in adoptions if a["channel"] == "personnel" and a["adopter"]["region"] == "72"
        and prac_by[a["practice"]]["origin"]["region"] == "86"]
if len(pers) < 2 or any(a["stage_history"][0]["at"] <= move for a in pers):
    err("story: need 2+ Yugra->Tyumen personnel adoptions dated after the governor's move")

# indicators
ind_codes = [i["code"] for i in indicators]
unique(ind_codes, "indicator code")
for i in indicators:
    check_demo_flag(i, "indicator " + i["code"])
    if i["domain"] not in domains:
        err("indicator %s: unknown domain" % i["code"])
    if i["direction"] not in ("higher_better", "lower_better"):
        err("indicator %s: bad direction" % i["code"])
if not any(i["direction"] == "lower_better" for i in indicators):
    err("no lower_better indicator")
with open(os.path.join(DEMO, "indicator_values.csv"), encoding="utf-8") as f:
    vals = list(csv.DictReader(f))
keys = Counter((v["indicator"], v["region"], v["year"]) for v in vals)
for k, n in keys.items():
    if n > 1:
        err("duplicate indicator value %r" % (k,))
for ic in ind_codes:
    for rc in reg:
        for y in ("2022", "2023", "2024"):
            if (ic, rc, y) not in keys:
                err("missing indicator value %s/%s/%s" % (ic, rc, y))
for v in vals:
    if v["indicator"] not in ind_codes or v["region"] not in reg:
        err("indicator value references unknown indicator/region: %r" % v)
    if not re.match(r"^-?\d+(\.\d{1,2})?$", v["value"]):
        err("bad value %r" % v["value"])

# story: Yugra leads every volunteering indicator in every year; Tyumen is below it and not in the top 10
vol_inds = [i["code"] for i in indicators if i["domain"] == "volunteering"]
for ic in vol_inds:
    for y in ("2022", "2023", "2024"):
        col = sorted(((float(v["value"]), v["region"]) for v in vals if v["indicator"] == ic and v["year"] == y),
                     reverse=True)
        ranks = {rc: n + 1 for n, (_, rc) in enumerate(col)}
        if ranks.get("86") != 1:
            err("story: Yugra is not first in %s/%s" % (ic, y))
        if ranks.get("72", 0) <= 10:
            err("story: Tyumen should be mid-table in %s/%s (rank %s)" % (ic, y, ranks.get("72")))

if errors:
    for e in errors:
        print("ERROR:", e)
    print("%d problem(s)" % len(errors))
    sys.exit(1)
print("OK: %d regions, %d municipalities, %d organisations, %d persons, %d practices, %d adoptions, "
      "%d indicators, %d indicator values" % (len(regions), len(mrows), len(orgs), len(persons), len(practices),
                                              len(adoptions), len(indicators), len(vals)))
