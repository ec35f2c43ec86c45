#!/usr/bin/env bash
# Extraction speed benchmark in one command: builds extract_bench and runs it on the shared news
# corpora (NEREL dev, factRuEval dev) and the golden set, everything on (tagger, facts, normal forms).
#   bench/extract/run.sh [BUILD_DIR] [SHARED_DATA_DIR]      REPS=3 THREADS=2 by default
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
data=${2:-${ORIENTIR_EVAL_DATA:-$root/../shared/data}}
# a git worktree elsewhere: the shared data lies beside the main checkout
[ -d "$data" ] || data="$(cd "$(git -C "$root" rev-parse --git-common-dir)/.." && pwd)/../shared/data"
cmake --build "$build" --target extract_bench >/dev/null
echo "machine: $(nproc) cores; $(lscpu | grep -m1 'Model name' | sed 's/ \+/ /g'); load $(cut -d' ' -f1-3 /proc/loadavg)"
args=()
for c in "$data/nerel-dev" "$data/factru-dev" "$root/src/extract/testdata"; do
  [ -d "$c" ] && args+=(--corpus "$c")
done
exec "$build/src/extract/extract_bench" --data "$root/data" "${args[@]}" --reps "${REPS:-3}" --threads "${THREADS:-2}"
