#!/usr/bin/env bash
set -euo pipefail
npm run --silent typecheck
npm run --silent lint
test -z "$(gofmt -l pkg internal tests 2>/dev/null)" || { echo "gofmt needed:"; gofmt -l pkg internal tests; exit 1; }
go vet ./...
