#!/usr/bin/env bash
# Builds a Prometheus 3 server once, for the tests of the UTF-8 naming dialect (Debian's Prometheus 2.42
# predates UTF-8 metric names). The version is the prometheus module go.mod already pins (its PromQL
# parser is the backend's); service discovery is left out (-tags remove_all_sd), which also leaves out
# the modules this project's Go proxy refuses. Cached under $SEATMETER_CACHE/bin. Prints the path last.
# internal/promserver runs this script itself when the binary is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
cache="${SEATMETER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/seatmeter}"
version=$(go list -m -f '{{.Version}}' github.com/prometheus/prometheus)
bin="$cache/bin/prometheus-$version"
mkdir -p "$cache/bin"
exec 9>"$cache/bin/.prometheus3.lock"
flock -w 1200 9
if [ -x "$bin" ] && "$bin" --help >/dev/null 2>&1; then
  echo "prometheus3: cached $bin"
  echo "$bin"
  exit 0
fi
tmpbin=$(mktemp -d)
trap 'rm -rf "$tmpbin"' EXIT
t0=$SECONDS
echo "prometheus3: building github.com/prometheus/prometheus/cmd/prometheus@$version (about a minute warm)"
(cd "$tmpbin" && GOBIN="$tmpbin" GOFLAGS=-mod=mod go install -tags remove_all_sd "github.com/prometheus/prometheus/cmd/prometheus@$version")
mv "$tmpbin/prometheus" "$bin"
echo "prometheus3: built in $((SECONDS - t0)) s"
echo "$bin"
