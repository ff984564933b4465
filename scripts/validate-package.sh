#!/usr/bin/env bash
# Checks the zip: our structural checks always; Grafana's own validator (plugincheck2) where it can be had.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(node -p "require('./package.json').version")
zip="seatmeter-app-$version.zip"
go run ./tests/package/checkzip "$zip"

cache="${SEATMETER_CACHE:-$HOME/.cache/seatmeter}"
validator_version=v0.45.6
pc=$(command -v plugincheck2 || true)
[ -n "$pc" ] || [ ! -x "$cache/bin/plugincheck2" ] || pc="$cache/bin/plugincheck2"
if [ -z "$pc" ]; then
  if GOBIN="$cache/bin" go install "github.com/grafana/plugin-validator/pkg/cmd/plugincheck2@$validator_version" 2>"$cache/plugincheck2-install.log"; then
    pc="$cache/bin/plugincheck2"
  else
    echo "validate-package: Grafana's plugincheck2 could not be installed with go install:"
    sed 's/^/  /' "$cache/plugincheck2-install.log" | head -3
    echo "validate-package: NOT RUN (registry refused it); structural checks above passed."
    exit 0
  fi
fi
report=$(mktemp)
"$pc" -strict=false -jsonOutput "$zip" >"$report" 2>/dev/null || true
go run ./tests/package/validatorreport "$report"
