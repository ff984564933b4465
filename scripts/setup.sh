#!/usr/bin/env bash
# Installs what the tests need, skipping what is already there: Debian packages, npm packages
# (when package-lock.json changed), Go modules. Safe to run again; fast when warm.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v prometheus >/dev/null || need_apt+=(prometheus)
command -v promtool >/dev/null || need_apt+=(prometheus)
command -v chromium >/dev/null || need_apt+=(chromium)
command -v zip >/dev/null || need_apt+=(zip)
command -v unzip >/dev/null || need_apt+=(unzip)
command -v htpasswd >/dev/null || need_apt+=(apache2-utils)   # the compose credentials script's tests
command -v busybox >/dev/null || need_apt+=(busybox)          # ...run under the shell the Alpine image has
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

stamp=node_modules/.seatmeter-lock-hash
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  # Not `npm ci`: this workplace's npm registry serves only the Linux builds of @swc/core, so the lock cannot
  # list the other platforms' optional packages and `npm ci` refuses it. `npm install` honours the lock.
  echo "setup: npm install (lock changed or first run)"
  npm install --no-audit --no-fund --prefer-offline --loglevel=error
  echo "$want" > "$stamp"
fi

go mod download
