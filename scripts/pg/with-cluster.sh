#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL cluster, exporting ORIENTIR_TEST_PG_DSN (and
# ORIENTIR_TEST_PG_DATA, ORIENTIR_TEST_PG_BINDIR, ORIENTIR_TEST_PG_STATE for scripts/pg/restart.sh), and stops the cluster afterwards — also when
# the command fails or the script is interrupted. Exits with the command's status.
#   scripts/pg/with-cluster.sh ctest --preset release
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
[ $# -ge 1 ] || { echo "usage: scripts/pg/with-cluster.sh COMMAND [ARGS...]" >&2; exit 2; }
state=$(mktemp -d "${TMPDIR:-/tmp}/orientir-pg-state.XXXXXXXX")
cleanup() { "$here/stop.sh" "$state"; rm -rf "$state"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
"$here/start.sh" "$state" >/dev/null
# shellcheck disable=SC1091
. "$state/env"
export ORIENTIR_TEST_PG_STATE=$state
set +e
"$@"
rc=$?
set -e
exit $rc
