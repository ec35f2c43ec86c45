# Shared helpers of scripts/pg/*.sh (sourced, not run).
# The PostgreSQL server refuses to run as root, so when these scripts run as root (CI) every
# server-side command runs as an unprivileged user: ORIENTIR_PG_USER, else a system user
# "orientir-test" created on first use, else "nobody". As any other user they run as that user.

pg_bindir() {
    local d
    if [ -n "${ORIENTIR_PG_BINDIR:-}" ]; then echo "$ORIENTIR_PG_BINDIR"; return 0; fi
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
    return 1
}

# Installs PostgreSQL from Debian's packages when it is missing (root only).
pg_ensure_installed() {
    if pg_bindir >/dev/null; then return 0; fi
    if [ "$(id -u)" -ne 0 ]; then
        echo "scripts/pg: PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb);" \
             "install them with: sudo apt-get install postgresql" >&2
        return 1
    fi
    echo "scripts/pg: installing postgresql from Debian packages" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
    pg_bindir >/dev/null
}

pg_run_user() {
    if [ "$(id -u)" -ne 0 ]; then id -un; return 0; fi
    if [ -n "${ORIENTIR_PG_USER:-}" ]; then echo "$ORIENTIR_PG_USER"; return 0; fi
    if id orientir-test >/dev/null 2>&1; then echo orientir-test; return 0; fi
    if command -v useradd >/dev/null 2>&1 &&
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin orientir-test 2>/dev/null; then
        echo orientir-test; return 0
    fi
    echo nobody
}

# as_user USER CMD...: runs CMD as USER (dropping root), or directly when already USER.
as_user() {
    local u=$1; shift
    if [ "$(id -u)" -eq 0 ]; then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u "$u" -- "$@"
        else
            setpriv --reuid="$u" --regid="$(id -g "$u")" --clear-groups -- "$@"
        fi
    else
        "$@"
    fi
}

pg_free_port() {
    python3 - <<'PY' 2>/dev/null && return 0
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
    # Fallback without python: a random high port nobody answers on.
    local p
    for _ in $(seq 1 50); do
        p=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
    done
    return 1
}
