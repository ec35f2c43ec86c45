#!/bin/sh
# Scores the extractor (mentions against NEREL, Occupation facts against factRuEval) and prints
# precision, recall, F1 per type and articles/s on one thread. Usage:
#   scripts/eval/eval_extract.sh [BUILD_DIR] [SHARED_DATA_DIR] [--errors]
# BUILD_DIR defaults to build-extract; SHARED_DATA_DIR to ../shared/data beside the checkout.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/build-extract"
data="$root/../shared/data"
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then build=$1; shift; fi
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then data=$1; shift; fi
tool=$(find "$build" -name extract_eval -type f -perm -u+x | head -n 1)
if [ -z "$tool" ]; then
  echo "extract_eval not built: cmake --build $build --target extract_eval" >&2
  exit 1
fi
echo "commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet -- src/text src/extract || echo '+dirty')"
exec "$tool" --data "$root/data" --nerel "$data/nerel-train" --factru "$data/factru-dev" "$@"
