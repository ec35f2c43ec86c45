#!/usr/bin/env bash
# libFuzzer harnesses (fuzz/): builds the `fuzz` preset (clang, ASan+UBSan) and runs each harness.
#   scripts/fuzz.sh [SECONDS]   each harness for SECONDS (default 60; `make fuzz`), corpus kept in
#                               build-fuzz/corpus/<name>, statistics in build-fuzz/fuzz-stats.txt
#   scripts/fuzz.sh --smoke     each harness on its seed corpus and FUZZ_SMOKE_SECONDS (default 5) more:
#                               what `make test` runs (ctest fuzz.smoke)
# A crash or sanitizer report fails the run; the reproducer is left in build-fuzz/crashes/<name>/.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=run
secs=${FUZZ_SECONDS:-60}
if [ "${1:-}" = "--smoke" ]; then mode=smoke; secs=${FUZZ_SMOKE_SECONDS:-5}; elif [ -n "${1:-}" ]; then secs=$1; fi
if ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz: clang++ is missing (apt-get install -y clang libclang-rt-14-dev; scripts/install-deps.sh does it)" >&2
  exit 1
fi
names=(json_codec csv_reader html_text search_query extractor http_request xlsx_reader)
targets=()
for n in "${names[@]}"; do targets+=("fuzz_$n"); done
cmake --preset fuzz >/dev/null
# ninja writes compile errors to stdout: keep them, and show them when the build fails
if ! cmake --build --preset fuzz -j"${JOBS:-2}" --target "${targets[@]}" >build-fuzz/fuzz-build.log 2>&1; then
  echo "fuzz: the harnesses do not build (clang):" >&2
  grep -E "error|FAILED" build-fuzz/fuzz-build.log | head -20 >&2
  exit 1
fi
stats=build-fuzz/fuzz-stats.txt
: >"$stats"
status=0
for n in "${names[@]}"; do
  work=build-fuzz/corpus/$n
  crashes=build-fuzz/crashes/$n
  mkdir -p "$work" "$crashes"
  log=build-fuzz/fuzz-$n.log
  # the longest input the code under test can be given: the search API refuses queries over 1,000 characters
  max_len=65536
  [ "$n" = search_query ] && max_len=4000
  # New inputs go to the work corpus; the seeds in fuzz/corpus stay as committed.
  if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
       "build-fuzz/fuzz/fuzz_$n" -max_total_time="$secs" -rss_limit_mb=2048 -max_len="$max_len" -timeout=20 \
       -print_final_stats=1 -artifact_prefix="$crashes/" "$work" "fuzz/corpus/$n" >"$log" 2>&1; then
    echo "fuzz: $n FAILED (see $log, reproducer in $crashes/)" >&2
    tail -40 "$log" >&2
    status=1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  corpus=$(find "$work" -type f | wc -l)
  echo "$n execs=${execs:-0} seconds=$secs corpus=$corpus seeds=$(find "fuzz/corpus/$n" -type f | wc -l)" | tee -a "$stats"
done
exit $status
