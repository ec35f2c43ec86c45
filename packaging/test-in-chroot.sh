#!/usr/bin/env bash
# Installs the package in a stock Debian 12 chroot (debootstrap --variant=minbase bookworm DIR), starts
# it the way the unit does (systemd does not run in a chroot), fills it with the demo data, upgrades
# it to a second package and checks that every record is still there, that the conffile edit is kept
# and that the pre-upgrade backup was taken. Prints the figures (install time, start-up to ready).
#
# usage (root): packaging/test-in-chroot.sh CHROOT PACKAGE_N.deb PACKAGE_N+1.deb
# A chroot once made is reused: a copy is taken so each run starts from the stock system.
set -euo pipefail
BASE="$1"; DEB_N="$2"; DEB_N1="$3"
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }
ROOT="$(mktemp -d /var/tmp/orientir-chroot-run-XXXXXX)"
cleanup() {
  umount "$ROOT/proc" 2>/dev/null || true
  umount "$ROOT/dev" 2>/dev/null || true
  rm -rf "$ROOT"
}
trap cleanup EXIT
cp -a "$BASE/." "$ROOT/"
mount -t proc proc "$ROOT/proc"
mount --bind /dev "$ROOT/dev"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
cp "$DEB_N" "$ROOT/tmp/n.deb"; cp "$DEB_N1" "$ROOT/tmp/n1.deb"
in_root() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

in_root apt-get update -qq >/dev/null
echo "== install N: $(basename "$DEB_N") ($(du -k "$DEB_N" | cut -f1) kB)"
t0=$(date +%s.%N)
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/n.deb >/tmp/orientir-chroot-install.log 2>&1 \
  || { tail -20 /tmp/orientir-chroot-install.log; exit 1; }
t1=$(date +%s.%N)
echo "install time (apt-get install, dependencies from the mirror included): $(awk "BEGIN{printf \"%.1f\", $t1 - $t0}") s"
echo "installed size: $(in_root dpkg-query -W -f='${Installed-Size}' orientir) kB (orientir only)"
in_root getent passwd orientir >/dev/null && echo "ok   system user orientir"
in_root test -d /var/lib/orientir && echo "ok   /var/lib/orientir"

SERVE=""
READY_S=""
serve() {  # starts `orientir serve` as the unit does; waits for /readyz; sets SERVE and READY_S
  in_root runuser -u orientir -- env ORIENTIR_CONFIG=/etc/orientir/orientir.toml /usr/bin/orientir config check >/dev/null
  local t0; t0=$(date +%s.%N)
  chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 ORIENTIR_CONFIG=/etc/orientir/orientir.toml \
    runuser -u orientir -- /usr/bin/orientir serve >"$ROOT/tmp/serve.out" 2>"$ROOT/tmp/serve.err" &
  SERVE=$!
  for _ in $(seq 1 1200); do
    curl -fs http://127.0.0.1:18080/readyz >/dev/null 2>&1 && break
    sleep 0.05
  done
  if ! curl -fs http://127.0.0.1:18080/readyz >/dev/null; then
    echo "FAIL not ready; stderr:"; tail -5 "$ROOT/tmp/serve.err"; exit 1
  fi
  READY_S=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN{printf "%.2f", a - b}')
}
stop() { pkill -TERM -P "$SERVE" 2>/dev/null || true; kill -TERM "$SERVE" 2>/dev/null || true; wait "$SERVE" 2>/dev/null || true; sleep 0.5; }

sed -i 's/127.0.0.1:8080/127.0.0.1:18080/; s/^threads = 4/threads = 3/' "$ROOT/etc/orientir/orientir.toml"
serve; echo "start-up to ready, empty store (first start): $READY_S s"
grep -c "one-time password" "$ROOT/tmp/serve.out" | grep -qx 1 && echo "ok   first start printed the admin password once"
stop
in_root runuser -u orientir -- env ORIENTIR_CONFIG=/etc/orientir/orientir.toml ORIENTIR_PROGRESS=off /usr/bin/orientir import demo >/dev/null 2>&1
serve; echo "start-up to ready, demo data: $READY_S s"
stop
in_root runuser -u orientir -- env ORIENTIR_CONFIG=/etc/orientir/orientir.toml /usr/bin/orientir export /tmp/before.jsonl 2>/dev/null
echo "records before the upgrade: $(wc -l <"$ROOT/tmp/before.jsonl")"

echo "== upgrade to N+1: $(basename "$DEB_N1")"
serve   # upgrades happen while the service runs
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o Dpkg::Options::=--force-confold /tmp/n1.deb >/tmp/orientir-chroot-upgrade.log 2>&1 \
  || { tail -20 /tmp/orientir-chroot-upgrade.log; exit 1; }
stop
grep -q "backup of the store taken before the upgrade" /tmp/orientir-chroot-upgrade.log && echo "ok   preinst took a backup: $(ls "$ROOT/var/backups/orientir")"
echo "version now: $(in_root /usr/bin/orientir version)"
grep -q '^threads = 3' "$ROOT/etc/orientir/orientir.toml" && echo "ok   the edited conffile was kept"
serve; echo "start-up to ready after the upgrade (migrations run): $READY_S s"
stop
in_root runuser -u orientir -- env ORIENTIR_CONFIG=/etc/orientir/orientir.toml /usr/bin/orientir export /tmp/after.jsonl 2>/dev/null
if cmp -s "$ROOT/tmp/before.jsonl" "$ROOT/tmp/after.jsonl"; then
  echo "ok   every record kept across the upgrade ($(wc -l <"$ROOT/tmp/after.jsonl") lines, identical export)"
else
  echo "FAIL exports differ across the upgrade"; exit 1
fi
