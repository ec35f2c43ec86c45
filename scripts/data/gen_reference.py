#!/usr/bin/env python3
"""Generate data/reference/*.json and municipalities.csv.

Derived from hflabs/region and hflabs/city (https://github.com/hflabs/region,
https://github.com/hflabs/city; CC BY-SA 4.0) plus hand-curated attributes in
region_table.py.  Usage:

    python3 scripts/data/gen_reference.py [--src /work/shared/data/reference]
"""
import argparse
import csv
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from region_table import REGIONS, NEW_SUBJECTS  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "data", "reference")

FEDERAL_DISTRICTS = [
    ("central", "Центральный федеральный округ", "ЦФО", "Central Federal District", "Центральный"),
    ("northwestern", "Северо-Западный федеральный округ", "СЗФО", "Northwestern Federal District", "Северо-Западный"),
    ("southern", "Южный федеральный округ", "ЮФО", "Southern Federal District", "Южный"),
    ("north_caucasian", "Северо-Кавказский федеральный округ", "СКФО", "North Caucasian Federal District", "Северо-Кавказский"),
    ("volga", "Приволжский федеральный округ", "ПФО", "Volga Federal District", "Приволжский"),
    ("ural", "Уральский федеральный округ", "УФО", "Ural Federal District", "Уральский"),
    ("siberian", "Сибирский федеральный округ", "СФО", "Siberian Federal District", "Сибирский"),
    ("far_eastern", "Дальневосточный федеральный округ", "ДФО", "Far Eastern Federal District", "Дальневосточный"),
]

# Effect templates: the comparable before/after figures adopters of a domain's practices report
# (product.md, "effect templates per domain"). A KPI names a template by its code in `indicator`.
def _t(code, name, name_en, unit, direction="higher_better"):
    return {"code": code, "name": name, "name_en": name_en, "unit": unit, "direction": direction}


EFFECT_TEMPLATES = {
    "volunteering": [
        _t("vol_per_1000", "Число добровольцев на 1000 жителей", "Volunteers per 1,000 residents", "чел. на 1000 жителей"),
        _t("vol_hours_per_capita", "Часы добровольческой работы на жителя в год", "Volunteer hours per resident a year", "ч"),
    ],
    "ngo_support": [
        _t("nko_per_100k", "СО НКО на 100 тыс. жителей", "Socially oriented NGOs per 100,000 residents", "ед. на 100 тыс."),
        _t("nko_grant_rub_per_capita", "Гранты НКО на жителя", "NGO grants per resident", "руб."),
    ],
    "culture_art_education": [
        _t("art_school_enrolment_share", "Доля детей, обучающихся в детских школах искусств", "Share of children in art schools", "%"),
        _t("art_school_retention", "Доля учащихся ДШИ, продолживших обучение", "Art-school pupils continuing their studies", "%"),
    ],
    "youth_policy": [
        _t("youth_engaged_share", "Доля молодёжи, вовлечённой в проекты", "Share of young people engaged in projects", "%"),
    ],
    "krt_housing": [
        _t("emergency_housing_resettled_m2_per_1000", "Расселено аварийного жилья на 1000 жителей", "Emergency housing resettled per 1,000 residents", "м² на 1000 жителей"),
        _t("private_rub_per_budget_rub", "Внебюджетные рубли на рубль бюджета", "Private roubles per budget rouble", "руб./руб."),
        _t("emergency_housing_share", "Доля аварийного жилья в жилищном фонде", "Share of emergency housing in the stock", "%", "lower_better"),
    ],
    "digitalisation": [
        _t("services_digitised_share", "Доля услуг, доступных в электронном виде", "Share of services available online", "%"),
        _t("online_appeals_share", "Доля обращений, поданных онлайн", "Share of appeals filed online", "%"),
    ],
    "ai_public_admin": [
        _t("ai_use_cases", "Число внедрённых решений с ИИ", "AI solutions in operation", "ед."),
        _t("ai_processing_time_cut", "Сокращение срока обработки обращений", "Reduction of appeal processing time", "%"),
    ],
    "social_services": [
        _t("ltc_covered_share", "Доля нуждающихся, охваченных долговременным уходом", "Share of those in need covered by long-term care", "%"),
    ],
    "education": [
        _t("extra_education_share", "Доля детей в дополнительном образовании", "Share of children in extracurricular education", "%"),
    ],
    "health": [
        _t("screening_coverage", "Охват диспансеризацией", "Screening coverage", "%"),
    ],
    "tourism": [
        _t("tourist_flow_per_capita", "Турпоток на жителя", "Tourist trips per resident", "поездок на жителя"),
    ],
    "ecology": [
        _t("waste_sorted_share", "Доля отсортированных отходов", "Share of sorted waste", "%"),
    ],
}

DOMAINS = [
    ("volunteering", "Волонтёрство и добровольчество", "Volunteering and civil society",
     ["волонтёрство", "волонтерство", "добровольчество", "волонтёр", "доброволец", "добровольческий", "волонтёрский"]),
    ("ngo_support", "Поддержка НКО", "Support for non-profit organisations",
     ["НКО", "СО НКО", "некоммерческая организация", "грант", "ресурсный центр", "гражданское общество"]),
    ("culture_art_education", "Культура и художественное образование", "Culture and art education",
     ["ДШИ", "школа искусств", "художественное образование", "музыкальная школа", "культура", "творчество"]),
    ("youth_policy", "Молодёжная политика", "Youth policy",
     ["молодёжь", "молодежная политика", "молодёжный центр", "студенты", "Росмолодёжь", "молодёжные инициативы"]),
    ("krt_housing", "КРТ и расселение аварийного жилья", "Integrated territory development and emergency housing",
     ["КРТ", "комплексное развитие территорий", "аварийное жильё", "расселение", "ветхое жильё", "реновация"]),
    ("digitalisation", "Цифровизация", "Digitalisation",
     ["цифровизация", "цифровая трансформация", "госуслуги", "электронные услуги", "платформа", "цифровой"]),
    ("ai_public_admin", "ИИ в госуправлении", "AI in public administration",
     ["искусственный интеллект", "ИИ", "нейросеть", "машинное обучение", "чат-бот", "предиктивная аналитика"]),
    ("social_services", "Социальное обслуживание", "Social services",
     ["социальное обслуживание", "долговременный уход", "пожилые", "инвалиды", "соцзащита", "социальная помощь"]),
    ("education", "Образование", "Education",
     ["образование", "школа", "учитель", "обучение", "дополнительное образование", "педагог"]),
    ("health", "Здравоохранение", "Health care",
     ["здравоохранение", "медицина", "поликлиника", "диспансеризация", "ФАП", "профилактика"]),
    ("tourism", "Туризм", "Tourism",
     ["туризм", "туристический маршрут", "турпоток", "гостевой дом", "экотуризм", "событийный туризм"]),
    ("ecology", "Экология", "Ecology",
     ["экология", "раздельный сбор", "отходы", "озеленение", "охрана природы", "экопросвещение"]),
]

CHANNELS = [
    ("personnel", "Кадровый переход", "Personnel move",
     "Практику перенёс руководитель или специалист, перешедший на работу из региона-источника."),
    ("competence_centre", "Центр компетенций", "Competence centre",
     "Тиражирование через федеральный или региональный центр компетенций (методички, стажировки, сопровождение)."),
    ("conference", "Конференция, форум", "Conference or forum",
     "Практика представлена на форуме, конференции, стратегической сессии, после чего её взяли в работу."),
    ("contest", "Конкурс", "Contest",
     "Практика стала известна как победитель или участник конкурса (в том числе грантового или рейтингового)."),
    ("press", "СМИ", "Press",
     "Участники узнали о практике из публикаций в СМИ или соцсетях."),
    ("direct_contact", "Прямой контакт", "Direct contact",
     "Прямое обращение к автору практики, обмен делегациями, соглашение о сотрудничестве."),
    ("federal_programme", "Федеральная программа", "Federal programme",
     "Внедрение в рамках национального проекта или федеральной программы, рекомендовавшей практику."),
    ("other", "Другое", "Other", "Иной или неизвестный канал распространения."),
]

STAGES = [
    ("interest", "Интерес", "Interest", 1, "Заявлен интерес, запрошены материалы."),
    ("study", "Изучение", "Study", 2, "Изучение практики, стажировка, адаптация под местные условия."),
    ("pilot", "Пилот", "Pilot", 3, "Пилотный запуск на части территории или в одной организации."),
    ("implemented", "Внедрено", "Implemented", 4, "Практика работает в штатном режиме."),
    ("scaled", "Масштабировано", "Scaled", 5, "Практика распространена на весь регион или на несколько муниципалитетов."),
    ("discontinued", "Прекращено", "Discontinued", 6, "Внедрение остановлено; может завершать историю на любом этапе."),
]

# Municipal entities that are not cities but are used by the demo data.
EXTRA_MUNICIPALITIES = [
    # region_code, name, kind, okato, oktmo, population, lat, lon, is_capital
    ("72", "Тюменский муниципальный район", "муниципальный район", "", "", 170000, 57.20, 65.45, 0),
    ("86", "Сургутский муниципальный район", "муниципальный район", "", "", 125000, 61.30, 73.20, 0),
    ("86", "Нижневартовский муниципальный район", "муниципальный район", "", "", 36000, 60.95, 76.60, 0),
]


def dump(name, obj):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("wrote", os.path.relpath(path, ROOT), len(obj))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default="/work/shared/data/reference")
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)

    dump("federal_districts.json", [
        {"code": c, "name": n, "short_name": s, "name_en": e} for c, n, s, e, _ in FEDERAL_DISTRICTS])

    with open(os.path.join(args.src, "region.csv"), encoding="utf-8") as f:
        src = {r["kladr_id"][:2]: r for r in csv.DictReader(f)}
    fd_by_ru = {ru: c for c, _, _, _, ru in FEDERAL_DISTRICTS}

    regions = []
    for (code, typ, name, full, short, en, district, capital, pop, area, urban, north, aliases, adjs,
         (row, col)) in REGIONS:
        s = src.get(code)
        if s is not None:
            if fd_by_ru.get(s["federal_district"]) != district:
                raise SystemExit("district mismatch for %s: %s" % (code, s["federal_district"]))
            iso = s["iso_code"] if s["iso_code"].startswith("RU-") else None
            rec = {"code": code, "iso": iso}
            if iso is None:
                rec["iso_alt"] = s["iso_code"]
            rec.update({"okato": s["okato"], "oktmo": s["oktmo"], "kladr": s["kladr_id"], "fias": s["fias_id"]})
            tz = s["timezone"]
        else:
            ids = NEW_SUBJECTS[code]
            rec = {"code": code, "iso": None, "okato": ids["okato"], "oktmo": ids["oktmo"], "kladr": None, "fias": None}
            tz = "UTC+3"
        rec.update({
            "name": name, "full_name": full, "short_name": short, "name_en": en, "type": typ,
            "district": district, "capital": capital, "population": pop, "area_km2": area,
            "urban_share": urban, "north": north, "aliases": aliases, "adjectives": adjs,
            "tile": {"row": row, "col": col}, "timezone": tz,
        })
        regions.append(rec)
    missing = set(k for k in src if k != "99") - set(r["code"] for r in regions)
    if missing:
        raise SystemExit("regions missing from table: %s" % sorted(missing))
    regions.sort(key=lambda r: r["code"])
    dump("regions.json", regions)

    capitals = {r["code"]: r["capital"] for r in regions}
    rows = []
    with open(os.path.join(args.src, "city.csv"), encoding="utf-8") as f:
        for c in csv.DictReader(f):
            rc = c["kladr_id"][:2]
            if rc not in capitals:  # Байконур
                continue
            name = c["settlement"] or c["city"] or c["area"] or c["region"]
            is_cap = 1 if (c["capital_marker"] == "2" or name == capitals[rc]) else 0
            rows.append([rc, name, "город", c["okato"], c["oktmo"], c["population"],
                         c["geo_lat"], c["geo_lon"], is_cap])
    for e in EXTRA_MUNICIPALITIES:
        rows.append(list(e))
    rows.sort(key=lambda r: (r[0], r[2] != "город", r[1]))
    path = os.path.join(OUT, "municipalities.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["region_code", "name", "kind", "okato", "oktmo", "population", "lat", "lon", "is_capital"])
        w.writerows(rows)
    print("wrote data/reference/municipalities.csv", len(rows))

    dump("domains.json", [{"code": c, "name": n, "name_en": e, "synonyms": s, "effect_templates": EFFECT_TEMPLATES[c]}
                          for c, n, e, s in DOMAINS])
    dump("channels.json", [{"code": c, "name": n, "name_en": e, "description": d} for c, n, e, d in CHANNELS])
    dump("stages.json", [{"code": c, "name": n, "name_en": e, "order": o, "description": d}
                         for c, n, e, o, d in STAGES])


if __name__ == "__main__":
    main()
