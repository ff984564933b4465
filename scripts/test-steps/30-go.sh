#!/usr/bin/env bash
# Every Go package, including the ones that start a real Prometheus / collector.
set -euo pipefail
go test -count=1 -timeout 20m ./...
# the native CLI reader again as built for release: GOEXPERIMENT=simd turns on its AVX2 marker search
GOEXPERIMENT=simd go test -count=1 -timeout 5m ./internal/claudescan/
