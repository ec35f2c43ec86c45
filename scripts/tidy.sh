#!/usr/bin/env bash
# clang-tidy with the checked-in .clang-tidy over the given directories or files (default: what the
# ctest style.clang_tidy checks: src/common src/domain src/http src/cli), using
# build/compile_commands.json. Exit status 1 on any warning (they are errors).
#     scripts/tidy.sh [DIR|FILE...]        TIDY_JOBS=N (default: nproc)   TIDY_CACHE=0 (no cache)
#
# Per-file cache (issue 14): clang-tidy's answer for a file is kept under $BUILD/tidy-cache, keyed by
# a hash of the file, the project headers it includes (ninja's dependency log of the last build), its
# compile command, .clang-tidy and the clang-tidy version (scripts/tidy_keys.py). A file not built yet
# is always checked. Findings are cached too, so a warm run prints them again and fails the same way.
#
# Measured 2026-11-30 on 2 vCPUs while three other agents compiled (load average 8-11), TIDY_JOBS=2:
#   src/common src/domain (10 files): cold 4 min 0 s (67 CPU-s), warm 3.9 s (0.7 CPU-s: the keys);
#   src/http src/cli (28 files): cold 21 min 23 s (514 CPU-s, ≈ 18 CPU-s a file under this load; the
#   machine gave it less than half a core), warm: the same few seconds as above (the keys only).
#   A change to a header re-checks only the files that include it.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BUILD_DIR:-build}"
[ -f "$BUILD/compile_commands.json" ] || { echo "no $BUILD/compile_commands.json: configure first" >&2; exit 2; }
command -v clang-tidy >/dev/null || { echo "clang-tidy is missing (apt install clang-tidy)" >&2; exit 2; }
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(src/common src/domain src/http src/cli)
files=$(find "${targets[@]}" -name '*.cpp' ! -name '*_test.cpp' ! -name '*_pgtest.cpp' | sort)
[ -n "$files" ] || exit 0

cache="$BUILD/tidy-cache"
mkdir -p "$cache"
version=$(clang-tidy --version | tr '\n' ' ')
if [ "${TIDY_CACHE:-1}" = 0 ]; then
  keyed=$(for f in $files; do echo "- $f"; done)
else
  keyed=$(echo "$files" | python3 scripts/tidy_keys.py "$BUILD" . "$version")
fi

# One file: its cached answer, or clang-tidy's (kept under the key). Prints findings; fails on any.
check_one() {
  local key=$1 file=$2 out rc
  if [ "$key" != - ] && [ -f "$cache/$key.rc" ]; then
    touch "$cache/$key.rc"
    cat "$cache/$key.out"
    return "$(cat "$cache/$key.rc")"
  fi
  rc=0
  out=$(clang-tidy -p "$BUILD" --quiet "$file" 2>/dev/null) || rc=1
  [ -z "$out" ] || out+=$'\n'
  printf '%s' "$out"
  if [ "$key" != - ]; then
    printf '%s' "$out" >"$cache/$key.out.$$" && mv "$cache/$key.out.$$" "$cache/$key.out"
    echo "$rc" >"$cache/$key.rc.$$" && mv "$cache/$key.rc.$$" "$cache/$key.rc"
  fi
  return $rc
}
export -f check_one
export BUILD cache

find "$cache" -name '*.rc' -mtime +30 -exec sh -c 'rm -f "$1" "${1%.rc}.out"' _ {} \;  # answers unused for a month
echo "$keyed" | xargs -P "${TIDY_JOBS:-$(nproc)}" -n 2 bash -c 'check_one "$0" "$1"' || exit 1
