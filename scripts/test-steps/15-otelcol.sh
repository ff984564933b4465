#!/usr/bin/env bash
# Builds the test bed's OpenTelemetry Collector once with the official builder (ocb) from
# tests/otelcol/builder-config.yaml, cached under $SEATMETER_CACHE/otelcol/<sha256 of the manifest>/.
# A warm run only checks the cached binary. Prints the binary's path as the last line.
# The Go harness (tests/testbed) runs this script itself when the binary is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
manifest=tests/otelcol/builder-config.yaml
cache="${SEATMETER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/seatmeter}"
version=$(sed -n 's/^ *version: *//p' "$manifest" | head -1)
hash=$(sha256sum "$manifest" | cut -d' ' -f1)
out="$cache/otelcol/$hash"
bin="$out/seatmeter-otelcol"
mkdir -p "$cache/otelcol" "$cache/bin"

exec 9>"$cache/otelcol/.build.lock"
flock -w 1800 9   # a second caller waits for the first build instead of racing it

if [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; then
  echo "otelcol: cached $bin"
  echo "$bin"
  exit 0
fi

builder="$cache/bin/builder-v$version"
if [ ! -x "$builder" ]; then
  echo "otelcol: installing builder v$version"
  tmpbin=$(mktemp -d)
  GOBIN="$tmpbin" go install "go.opentelemetry.io/collector/cmd/builder@v$version"
  mv "$tmpbin/builder" "$builder"
  rmdir "$tmpbin"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Same manifest, plus where to build (the committed file stays location-free).
sed "s|^dist:|dist:\n  output_path: $work/build|" "$manifest" > "$work/manifest.yaml"
t0=$SECONDS
echo "otelcol: building collector v$version (cold build: several minutes on 2 cores)"
# -e lets the builder's `go mod tidy` pass over modules that only the components' TESTS import and that the
# module proxy does not serve (e.g. contrib pkg/golden); the collector itself needs none of them.
GOFLAGS="${GOFLAGS:-} -e" "$builder" --config "$work/manifest.yaml" --ldflags "-s -w" >"$work/build.log" 2>&1 || { tail -50 "$work/build.log"; exit 1; }
rm -rf "$out.tmp" && mkdir -p "$out.tmp"
mv "$work/build/seatmeter-otelcol" "$out.tmp/"
cp "$manifest" "$out.tmp/builder-config.yaml"
rm -rf "$out" && mv "$out.tmp" "$out"
echo "otelcol: built in $((SECONDS - t0))s"
echo "$bin"
