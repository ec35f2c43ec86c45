#!/usr/bin/env bash
# clang-tidy with the checked-in .clang-tidy over the given directories or files (default: the modules
# below app, which are cheap to check: src/common src/domain), using build/compile_commands.json.
# Exit status 1 on any warning (they are errors).   scripts/tidy.sh [DIR|FILE...]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BUILD_DIR:-build}"
[ -f "$BUILD/compile_commands.json" ] || { echo "no $BUILD/compile_commands.json: configure first" >&2; exit 2; }
command -v clang-tidy >/dev/null || { echo "clang-tidy is missing (apt install clang-tidy)" >&2; exit 2; }
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(src/common src/domain)
files=$(find "${targets[@]}" -name '*.cpp' ! -name '*_test.cpp' | sort)
status=0
for f in $files; do
  clang-tidy -p "$BUILD" --quiet "$f" 2>/dev/null || status=1
done
exit $status
