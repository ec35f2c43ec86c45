#!/usr/bin/python3
"""Writes a practices sheet of N rows as an official would fill it (title row, Russian header,
region names, text dates, comma decimals) with openpyxl's write-only mode. Deterministic."""
import random
import sys

from openpyxl import Workbook

n = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
out = sys.argv[1]
regions = ["Тюменская область", "Югра", "Свердловская область", "Республика Татарстан", "72", "86", "66", "16"]
words = ["штаб", "добровольцев", "центр", "молодёжи", "проект", "школа", "наставников", "сеть", "кружков", "клуб"]
rnd = random.Random(42)
wb = Workbook(write_only=True)
ws = wb.create_sheet("Практики")
ws.append(["Реестр практик (сформирован для бенчмарка)"])
ws.append([])
ws.append(["№ п/п", "Название", "Регион", "Краткое описание", "Сферы", "Начало", "Бюджет, руб.", "Статус"])
for i in range(1, n + 1):
    title = " ".join(rnd.choice(words) for _ in range(5)).capitalize() + f" № {i}"
    summary = " ".join(rnd.choice(words) for _ in range(20))
    start = f"{rnd.randint(1, 28):02d}.{rnd.randint(1, 12):02d}.{rnd.randint(2015, 2025)}"
    budget = f"{rnd.randint(10000, 9000000)},{rnd.randint(0, 99):02d}"
    ws.append([i, title, rnd.choice(regions), summary, "volunteering; youth_policy", start, budget, "Опубликовано"])
wb.save(out)
