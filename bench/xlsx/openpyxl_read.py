#!/usr/bin/python3
"""Reads every cell of the first sheet with openpyxl in read-only mode (the fair counterpart of
xlsx_read_bench); prints rows, cells, seconds and rows/s."""
import sys
import time

from openpyxl import load_workbook

t0 = time.perf_counter()
wb = load_workbook(sys.argv[1], read_only=True, data_only=True)
ws = wb.worksheets[0]
rows = cells = 0
for row in ws.iter_rows(values_only=True):
    rows += 1
    cells += sum(1 for v in row if v is not None)
s = time.perf_counter() - t0
print(f"openpyxl read_only: {rows} rows, {cells} cells, {s:.2f} s, {rows / s:.0f} rows/s")
