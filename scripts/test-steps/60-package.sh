#!/usr/bin/env bash
# Build front end and all backend binaries, zip, and run Grafana's plugin validator on the zip.
set -euo pipefail
bash scripts/package.sh
bash scripts/validate-package.sh
