#!/usr/bin/env bash
# Builds the front end and every backend binary, then writes seatmeter-app-<version>.zip with exactly
# one top-level folder, seatmeter-app/, ready for `grafana cli --pluginUrl <zip> plugins install seatmeter-app`.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf dist
npm run --silent build
go tool mage buildAll   # linux/amd64, linux/arm64, linux/arm, darwin/amd64, darwin/arm64, windows/amd64 + manifest
chmod 0755 dist/datasource/gpx_*
version=$(node -p "require('./package.json').version")
out="seatmeter-app-$version.zip"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp -r dist "$stage/seatmeter-app"
rm -f "$out"
(cd "$stage" && zip -qr -X "$OLDPWD/$out" seatmeter-app)
echo "wrote $out ($(du -h "$out" | cut -f1))"
