#!/usr/bin/env bash
# House style (docs: ../shared/docs/style.md, config: .clang-format): clang-format over the C++ sources.
#   scripts/format.sh          check only: lists files that differ, exits 1 if any (ctest runs this)
#   scripts/format.sh --fix    rewrites them in place
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
command -v clang-format >/dev/null || { echo "format: clang-format is not installed (scripts/install-deps.sh)" >&2; exit 2; }
mapfile -t files < <(find src bench fuzz -name '*.cpp' -o -name '*.hpp' | sort)
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
# one clang-format process for all files (one per file spent a minute starting up); the files it names differ
status=0
out=$(clang-format --dry-run --Werror "${files[@]}" 2>&1 >/dev/null) || status=$?
mapfile -t bad < <(printf '%s\n' "$out" | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*/\1/p' | sort -u)
if [ "$status" -ne 0 ] && [ ${#bad[@]} -eq 0 ]; then
  printf 'format: clang-format failed:\n%s\n' "$out" >&2
  exit 1
fi
if [ ${#bad[@]} -gt 0 ]; then
  printf 'format: not in house style (run scripts/format.sh --fix):\n' >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "format: ${#files[@]} files in house style"
