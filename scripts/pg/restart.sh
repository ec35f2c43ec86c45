#!/usr/bin/env bash
# Restarts (or with "stop-server"/"start-server", only stops or starts) the server of a cluster
# made by scripts/pg/start.sh STATE_DIR, keeping its data and port. Used by the reconnect tests.
#   scripts/pg/restart.sh STATE_DIR [restart|stop-server|start-server]
set -euo pipefail
here=$(dirname "$(readlink -f "$0")")
. "$here/common.sh"
state=${1:?usage: scripts/pg/restart.sh STATE_DIR [restart|stop-server|start-server]}
action=${2:-restart}
[ "$(cat "$state/mode" 2>/dev/null)" = local ] || { echo "scripts/pg: $state holds no local cluster" >&2; exit 1; }
tmp=$(cat "$state/tmpdir"); user=$(cat "$state/user"); bin=$(cat "$state/bindir")
case "$action" in
    restart) as_user "$user" "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -m fast -w -t 60 -s restart ;;
    stop-server) as_user "$user" "$bin/pg_ctl" -D "$tmp/data" -m fast -w -t 60 -s stop ;;
    start-server) as_user "$user" "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 -s -o "$(cat "$state/pgopts")" start ;;
    *) echo "unknown action $action" >&2; exit 2 ;;
esac
