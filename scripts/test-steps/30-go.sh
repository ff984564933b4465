#!/usr/bin/env bash
# Every Go package, including the ones that start a real Prometheus / collector.
set -euo pipefail
go test -count=1 -timeout 20m ./...
