#!/usr/bin/env bash
# Browser harness: the real Seatmeter components (query editor, cost panel, config editor, app pages) in
# Debian's Chromium, fed with answers the real backend gave on the test bed (tests/browser/fixtures,
# recorded by `go run ./tests/browser/capture`). It also builds the plugin with the project's webpack config
# into a temporary folder (5-20 s) and loads it as Grafana does, to check the lazy PromQL editor chunk.
# Screenshots: test-artifacts/screenshots/*.png.
# Prints `browser harness: N passed, M failed`; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v "${SEATMETER_CHROMIUM:-/usr/bin/chromium}" >/dev/null || { echo "browser: no chromium (scripts/setup.sh installs it)"; exit 1; }
rm -rf test-artifacts/screenshots
npx playwright test
ls test-artifacts/screenshots/*.png | wc -l | xargs -I{} echo "browser: {} screenshots in test-artifacts/screenshots/"
