#!/usr/bin/env bash
# Stops the cluster started by scripts/pg/start.sh STATE_DIR and removes its temporary directory.
# Safe to call more than once and when nothing was started.
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/common.sh"

# Default state directory: var/pg-test-cluster in this checkout (git-ignored), so start.sh and stop.sh
# pair up without arguments.
state=${1:-$here/../../var/pg-test-cluster}
[ -d "$state" ] || exit 0
mode=$(cat "$state/mode" 2>/dev/null || true)
if [ "$mode" = local ]; then
    tmp=$(cat "$state/tmpdir")
    user=$(cat "$state/user")
    bin=$(cat "$state/bindir")
    if [ -f "$tmp/data/postmaster.pid" ]; then
        as_user "$user" "$bin/pg_ctl" -D "$tmp/data" -m fast -w -t 30 -s stop ||
            as_user "$user" "$bin/pg_ctl" -D "$tmp/data" -m immediate -w -t 30 -s stop || true
    fi
    case "$tmp" in
        */orientir-pg.*) rm -rf "$tmp" ;;
    esac
fi
rm -f "$state/mode" "$state/dsn" "$state/env" "$state/tmpdir" "$state/user" "$state/bindir" "$state/port" "$state/pgopts"
exit 0
