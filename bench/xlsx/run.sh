#!/bin/sh
# .xlsx import and open-data export, measured (docs/performance.md, «XLSX and open data»).
#   bench/xlsx/run.sh [ROWS]   (default 100000; needs a release build and python3-openpyxl)
# 1. writes a practices sheet of ROWS rows with openpyxl (write-only);
# 2. reads it with our streaming reader and with openpyxl read_only, in the same run (time, peak RSS);
# 3. imports it with `orientir import practices` into a fresh store (validation + one transaction);
# 4. writes the open data of that store with `orientir opendata` (time, size).
set -eu
ROWS=${1:-100000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
BIN=$BUILD/orientir
READ=$BUILD/src/io/xlsx_read_bench
TMP=$(mktemp -d /tmp/orientir-xlsx-bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
PY=/usr/bin/python3
measure() {  # LABEL CMD...: prints the command's output, then wall seconds and peak RSS
    label=$1; shift
    /usr/bin/time -f "$label: wall %e s, peak RSS %M KB" "$@" 2>"$TMP/time" | tail -3
    tail -1 "$TMP/time"
}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GB"
$PY "$ROOT/bench/xlsx/make_sheet.py" "$TMP/practices.xlsx" "$ROWS"
echo "file: $ROWS rows, $(du -k "$TMP/practices.xlsx" | cut -f1) KB"
measure "orientir reader" "$READ" "$TMP/practices.xlsx"
measure "openpyxl read_only" $PY "$ROOT/bench/xlsx/openpyxl_read.py" "$TMP/practices.xlsx"
measure "orientir import (reader + validation + store)" "$BIN" import practices "$TMP/practices.xlsx" --data "$TMP/store" --assets "$ROOT/data"
measure "orientir opendata" "$BIN" opendata "$TMP/od" --data "$TMP/store" --assets "$ROOT/data"
echo "open data size: $(du -sk "$TMP/od" | cut -f1) KB"
