#!/usr/bin/env bash
# Installs what jiceng needs on Debian 12, and only what is missing:
# Debian packages with apt-get, npm packages with `npm ci` from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config time curl python3
  sqlite3 libsodium-dev libicu-dev
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libcli11-dev libgtest-dev libgmock-dev liboath-dev
  libxlsxwriter-dev libfreexl-dev libminizip-dev libexpat1-dev zlib1g-dev libpwquality-dev cracklib-runtime chromium fonts-noto-cjk wrk poppler-utils
  libpq-dev postgresql-15 postgresql-client-15
)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing Debian packages: ${missing[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# npm ci only when node_modules is missing or older than the lock file.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "install-deps: npm ci"
  npm ci --no-audit --no-fund
fi
