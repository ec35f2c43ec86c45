#!/usr/bin/env python3
"""Generate data/demo/indicator_values.csv: fictional values for every indicator x region x year (2022-2024).

Deterministic (string-seeded random.Random).  Demo story: Yugra (86) is the clear
leader in volunteering; Tyumen oblast (72) sits mid-table in volunteering, below Yugra.
Usage: python3 scripts/data/gen_indicator_values.py
"""
import csv
import json
import math
import os
import random

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
YEARS = [2022, 2023, 2024]

# code: (median 2022, log-spread, yearly growth, min, max, decimals)
PARAMS = {
    "vol_per_1000": (14.0, 0.35, 0.08, 2.0, 60.0, 1),
    "vol_hours_per_capita": (1.6, 0.40, 0.07, 0.1, 8.0, 2),
    "nko_per_100k": (95.0, 0.30, 0.02, 20.0, 300.0, 1),
    "vol_youth_share": (18.0, 0.30, 0.06, 3.0, 70.0, 1),
    "art_school_enrolment_share": (11.0, 0.25, 0.03, 3.0, 30.0, 1),
    "art_school_retention": (74.0, 0.08, 0.01, 40.0, 98.0, 1),
    "culture_events_per_1000": (2100.0, 0.35, 0.05, 300.0, 9000.0, 0),
    "emergency_housing_resettled_m2_per_1000": (18.0, 0.55, 0.05, 0.5, 150.0, 1),
    "private_rub_per_budget_rub": (0.9, 0.60, 0.12, 0.05, 6.0, 2),
    "emergency_housing_share": (1.6, 0.60, -0.07, 0.05, 12.0, 2),
    "services_digitised_share": (72.0, 0.12, 0.06, 30.0, 100.0, 1),
    "online_appeals_share": (55.0, 0.20, 0.07, 15.0, 98.0, 1),
    "ai_use_cases": (3.0, 0.70, 0.35, 0.0, 60.0, 0),
    "youth_engaged_share": (42.0, 0.20, 0.04, 10.0, 90.0, 1),
}

DOMAIN_OF = {}  # filled from indicators.json
# multiplicative boosts per (domain, region) for regions known as demo leaders
BOOST = {
    "volunteering": {"86": 1.0, "16": 1.45, "89": 1.35, "02": 1.3, "66": 1.25, "77": 1.3, "52": 1.2, "59": 1.15},
    "culture_art_education": {"86": 1.3, "16": 1.35, "77": 1.4, "78": 1.35, "89": 1.2},
    "krt_housing": {"59": 1.5, "66": 1.35, "77": 1.4, "86": 1.3, "72": 1.2},
    "digitalisation": {"16": 1.3, "77": 1.35, "52": 1.2, "50": 1.25, "86": 1.1},
    "ai_public_admin": {"77": 4.0, "16": 2.5, "52": 2.5, "78": 2.0, "50": 1.8},
    "youth_policy": {"86": 1.25, "72": 1.2, "16": 1.2},
}


def generate(regions, indicators):
    rows = []
    for ind in indicators:
        code, domain, direction = ind["code"], ind["domain"], ind["direction"]
        med, spread, growth, lo, hi, dec = PARAMS[code]
        base = {}
        for r in regions:
            rnd = random.Random("%s:%s" % (code, r["code"]))
            v = med * math.exp(rnd.gauss(0.0, spread))
            b = BOOST.get(domain, {}).get(r["code"], 1.0)
            v = v / b if direction == "lower_better" else v * b
            base[r["code"]] = v
        if domain == "volunteering":
            # Yugra: clear leader; Tyumen: mid-table, below Yugra.
            others = sorted(v for k, v in base.items() if k not in ("86", "72"))
            base["86"] = others[-1] * 1.18
            base["72"] = others[len(others) // 2] * 1.03
        for r in regions:
            rnd = random.Random("%s:%s:trend" % (code, r["code"]))
            g = growth + rnd.gauss(0.0, abs(growth) * 0.5 + 0.01)
            if domain == "volunteering" and r["code"] == "86":
                g = abs(growth) + 0.03
            v = base[r["code"]]
            for i, year in enumerate(YEARS):
                val = v * ((1.0 + g) ** i)
                val = min(max(val, lo), hi)
                val = round(val, dec) if dec else float(int(round(val)))
                rows.append([code, r["code"], year, ("%d" % val) if dec == 0 else ("%.*f" % (dec, val)), "demo"])
    return rows


def main():
    with open(os.path.join(ROOT, "data", "reference", "regions.json"), encoding="utf-8") as f:
        regions = json.load(f)
    with open(os.path.join(ROOT, "data", "demo", "indicators.json"), encoding="utf-8") as f:
        indicators = json.load(f)
    missing = [i["code"] for i in indicators if i["code"] not in PARAMS]
    if missing:
        raise SystemExit("no PARAMS for %s" % missing)
    rows = generate(regions, indicators)
    path = os.path.join(ROOT, "data", "demo", "indicator_values.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["indicator", "region", "year", "value", "source"])
        w.writerows(rows)
    print("wrote data/demo/indicator_values.csv", len(rows))


if __name__ == "__main__":
    main()
