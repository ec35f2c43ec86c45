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
bad=()
for f in "${files[@]}"; do
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then bad+=("$f"); fi
done
if [ ${#bad[@]} -gt 0 ]; then
  printf 'format: not in house style (run scripts/format.sh --fix):\n' >&2
  printf '  %s\n' "${bad[@]}" >&2
  exit 1
fi
echo "format: ${#files[@]} files in house style"
