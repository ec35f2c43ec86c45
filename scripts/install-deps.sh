#!/usr/bin/env bash
# Installs every Debian package Orientir needs to build, run and test.
# Idempotent: packages already present are skipped; apt runs only when needed.
# Uses sudo only when not root.
set -euo pipefail

PACKAGES=(
  # toolchain
  g++ cmake ninja-build ccache make pkg-config git clang-format clang-tidy
  # fuzzing (libFuzzer, sanitizers): make fuzz, ctest fuzz.smoke
  clang libclang-rt-14-dev
  # libraries (see docs/adr/ for why each one)
  libboost-dev libboost-system-dev
  nlohmann-json3-dev libcli11-dev
  libtomlplusplus-dev
  libsqlite3-dev sqlite3
  libpq-dev
  libxapian-dev
  libicu-dev libstemmer-dev
  libhunspell-dev hunspell-ru
  libsodium-dev
  # news feeds: RSS/Atom/HTML parsing and the HTTPS client (docs/adr/0060-news-feeds.md)
  libxml2-dev libssl-dev ca-certificates
  # .xlsx in and out (docs/adr/0070-xlsx-libzip-expat-libxlsxwriter.md); openpyxl for bench/xlsx
  libzip-dev libexpat1-dev libxlsxwriter-dev python3-openpyxl
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql postgresql-contrib
  wrk nginx-light
  # packaging (make deb): dpkg-shlibdeps computes Depends (CPack needs `file`); systemd-analyze verifies the units
  dpkg-dev file systemd openssl
  chromium chromium-driver fonts-dejavu-core fonts-liberation
  # the print test reads the PDF Chromium prints (pdftotext, pdfinfo; ADR 0065)
  poppler-utils
  curl python3
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# Node.js may come from another source already (a newer nodejs conflicts with Debian's npm):
# ask apt for it only when the commands are absent.
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # nginx and postgresql must not keep running as system services: tests start their own.
  for svc in nginx postgresql; do
    if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl stop "$svc" >/dev/null 2>&1 || true; fi
    $SUDO service "$svc" stop >/dev/null 2>&1 || true
  done
fi

# Front-end and browser-test packages (npm), only when package.json exists.
if [ -f "$(dirname "$0")/../web/package.json" ]; then
  cd "$(dirname "$0")/../web"
  if [ ! -d node_modules ] || [ package.json -nt node_modules ] || { [ -f package-lock.json ] && [ package-lock.json -nt node_modules ]; }; then
    if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
    touch node_modules
  fi
fi
