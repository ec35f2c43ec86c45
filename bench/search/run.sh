#!/usr/bin/env bash
# Search benchmark in one command: builds search_bench and runs it at the given corpus sizes
# (default 10^4 and 10^5 documents) against ours, bare Xapian, SQLite FTS5 and — inside a throw-away
# PostgreSQL cluster (scripts/pg/with-cluster.sh, stopped afterwards) — PostgreSQL FTS.
#   bench/search/run.sh [SIZE...]        NO_PG=1 to skip PostgreSQL
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$root/build-search}
if [ -z "${ORIENTIR_SEARCH_BENCH_INNER:-}" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" --target search_bench >/dev/null
  echo "machine: $(nproc) cores; $(lscpu | grep -m1 'Model name' | sed 's/ \+/ /g')"
  if [ -z "${NO_PG:-}" ] && [ -x "$root/scripts/pg/with-cluster.sh" ]; then
    exec "$root/scripts/pg/with-cluster.sh" env ORIENTIR_SEARCH_BENCH_INNER=1 "$0" "$@"
  fi
  export ORIENTIR_SEARCH_BENCH_INNER=1
fi
export ORIENTIR_BENCH_PG_DSN=${ORIENTIR_TEST_PG_DSN:-${ORIENTIR_BENCH_PG_DSN:-}}
for n in ${*:-10000 100000}; do
  work="${TMPDIR:-/tmp}/orientir-search-bench-$n"
  "$build/src/search/search_bench" --docs "$n" --rurebus "$root/../shared/data/rurebus" --data "$root/data" \
    --work "$work" 2> >(grep -v '"level":"info"' >&2)
  rm -rf "$work"
done
