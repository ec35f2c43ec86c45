#!/bin/sh
# Scores the extractor and prints every issue-12 target's figure on the dev data:
#   mentions (exact span) on NEREL's own dev split (nerel-dev, never trained on),
#   Occupation facts and person normal forms on factRuEval dev,
#   adoption / position / period / normal forms on the golden regional-news set (src/extract/testdata),
#   speed (articles per CPU-second of one thread) and model load time.
# Usage: scripts/eval/eval_extract.sh [BUILD_DIR] [SHARED_DATA_DIR] [--errors] [--no-tagger]
# BUILD_DIR defaults to build; SHARED_DATA_DIR to ../shared/data beside the checkout.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/build"
data="${ORIENTIR_EVAL_DATA:-$root/../shared/data}"
# a git worktree elsewhere: the shared data lies beside the main checkout
[ -d "$data" ] || data="$(cd "$(git -C "$root" rev-parse --git-common-dir)/.." && pwd)/../shared/data"
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then build=$1; shift; fi
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then data=$1; shift; fi
tool=$(find "$build" -name extract_eval -type f -perm -u+x | head -n 1)
if [ -z "$tool" ]; then
  echo "extract_eval not built: cmake --build $build --target extract_eval" >&2
  exit 1
fi
echo "commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet -- src/text src/extract || echo '+dirty')"
exec "$tool" --data "$root/data" --nerel "$data/nerel-dev" --factru "$data/factru-dev" \
  --golden "$root/src/extract/testdata" "$@"
