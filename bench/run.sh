#!/usr/bin/env bash
# `make bench`: every benchmark that exists, one after the other, each printing its own table.
#   API (wrk against `orientir serve` and nginx), search (ours, Xapian, FTS5, PostgreSQL FTS) and the
#   national-scale analytics benchmark. Arguments go to none of them; set the scripts' own variables
#   (e.g. NO_PG=1 for search, PG=1 for the API) and see each script's header for more.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${ORIENTIR:-./build/orientir}"
echo "## API"
bash bench/api.sh
echo
echo "## Search"
bash bench/search/run.sh
echo
echo "## Analytics"
"$BIN" bench analytics
